import { SELF, env } from "cloudflare:test";
import { expect, it } from "vitest";

it("answers health checks with the migrations applied", async () => {
  const res = await SELF.fetch("https://chatiere.test/healthz");
  expect(res.status).toBe(200);
  const tables = await env.DB.prepare("select name from sqlite_master where type='table' and name in ('providers','offers')").all();
  expect(tables.results).toHaveLength(2);
});
