import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, postJson, problem } from "../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";

// Its own file: storage is isolated per test file, so "stores nothing" is checked on an empty database.
const organization = "file.class = organization\norganization.name = Les Chats Bruxellois";
const PATHS = ["/api/v1/import/chatonsinfos", "/api/v1/import/librehosters"];

async function nothingStored() {
  const count = await env.DB.prepare("select count(*) as n from providers where name = 'Les Chats Bruxellois'").first<{ n: number }>();
  expect(count?.n ?? 0).toBe(0);
}

describe("import security", () => {
  it.each([
    ["no header", {}],
    ["not a key", { authorization: "Bearer not-the-token" }],
    ["an unknown key", { authorization: "Bearer chk_0000000000000000000000000000000000000" }],
    ["a key prefix", { authorization: "Bearer chk_teststewardkey" }],
    ["basic scheme", { authorization: "Basic dGVzdDp0ZXN0" }],
  ])("answers 401 with %s and stores nothing", async (_label, headers) => {
    for (const path of PATHS) {
      const res = await postJson(path, { organization, services: [] }, headers as Record<string, string>);
      const body = await problem(res, 401);
      expect(body.code).toBe("UNAUTHORIZED");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
    await nothingStored();
  });

  it("answers 401 for a revoked or expired steward key", async () => {
    const expired = await apiKey({ email: "old-steward@chatiere.test", scopes: ["catalog:import"], expiresAt: "2020-01-01T00:00:00.000Z" });
    await grantRole("old-steward@chatiere.test", "steward");
    await problem(await postJson(PATHS[0]!, { organization, services: [] }, bearer(expired)), 401);
    const revoked = await apiKey({ email: "old-steward@chatiere.test", scopes: ["catalog:import"] });
    await env.DB.prepare("update api_keys set revoked_at = '2026-01-01T00:00:00Z' where start = ?").bind(revoked.slice(0, 12)).run();
    await problem(await postJson(PATHS[0]!, { organization, services: [] }, bearer(revoked)), 401);
    await nothingStored();
  });

  it("answers 403 for a key without the import scope, a provider's key, or a key whose owner is no longer a steward", async () => {
    await grantRole("auditor@chatiere.test", "steward");
    const auditOnly = await apiKey({ email: "auditor@chatiere.test", scopes: ["audit:read"] });
    const orgId = await makeOrg({ kind: "provider", members: [{ email: "host@chatiere.test", role: "owner" }] });
    const providerKey = await apiKey({ email: "host@chatiere.test", orgId, scopes: ["offers:write"] });
    const formerSteward = await apiKey({ email: "former@chatiere.test", scopes: ["catalog:import"] });
    for (const key of [auditOnly, providerKey, formerSteward]) {
      for (const path of PATHS) await problem(await postJson(path, { organization, services: [] }, bearer(key)), 403);
    }
    await nothingStored();
  });

  it("checks the key before reading the body", async () => {
    const res = await call("/api/v1/import/chatonsinfos", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    await problem(res, 401);
  });
});
