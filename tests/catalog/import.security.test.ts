import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, postJson, problem } from "../helpers/http";

// Its own file: storage is isolated per test file, so "stores nothing" is checked on an empty database.
const organization = "file.class = organization\norganization.name = Les Chats Bruxellois";

describe("import security", () => {
  it.each([
    ["no header", {}],
    ["wrong token", { authorization: "Bearer not-the-token" }],
    ["token prefix", { authorization: "Bearer test-steward-token" }],
    ["basic scheme", { authorization: "Basic dGVzdDp0ZXN0" }],
  ])("answers 401 with %s and stores nothing", async (_label, headers) => {
    for (const path of ["/api/v1/import/chatonsinfos", "/api/v1/import/librehosters"]) {
      const res = await postJson(path, { organization, services: [] }, headers as Record<string, string>);
      const body = await problem(res, 401);
      expect(body.code).toBe("UNAUTHORIZED");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
    const count = await env.DB.prepare("select count(*) as n from providers where name = 'Les Chats Bruxellois'").first<{ n: number }>();
    expect(count?.n ?? 0).toBe(0);
  });

  it("checks the token before reading the body", async () => {
    const res = await call("/api/v1/import/chatonsinfos", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    await problem(res, 401);
  });
});
