// Who is calling, from an API key: valid, revoked, expired, malformed, or whose creator no longer
// administers its organisation; the per-key rate limit; last_used_at.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { KEY_RATE_PER_MINUTE } from "../../src/accounts/principal";
import { call, problem } from "../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";

const AUDIT = "/api/v1/audit?limit=1";
const get = (secret: string, path = AUDIT) => call(path, { headers: bearer(secret) });
const lastUsed = async (secret: string) =>
  (await env.DB.prepare("select last_used_at as t from api_keys where start = ?").bind(secret.slice(0, 12)).first<{ t: string | null }>())?.t ?? null;

async function stewardKey(email: string, extra: { expiresAt?: string } = {}) {
  await grantRole(email, "steward");
  return apiKey({ email, scopes: ["catalog:import", "audit:read"], ...extra });
}

describe("API keys", () => {
  it("a valid steward key is let in, and its last use is recorded", async () => {
    const secret = await stewardKey("valid-key@chatiere.test");
    expect(await lastUsed(secret)).toBeNull();
    const before = new Date().toISOString();
    expect((await get(secret)).status).toBe(200);
    await vi.waitFor(async () => expect(await lastUsed(secret)).not.toBeNull());
    expect((await lastUsed(secret))! >= before).toBe(true);
  });

  it.each([
    ["unknown", "chk_0000000000000000000000000000000000000"],
    ["too short", "chk_abc"],
    ["upper case", "CHK_0000000000000000000000000000000000000"],
    ["without the prefix", "0000000000000000000000000000000000000abcd"],
    ["with a trailing character", "chk_00000000000000000000000000000000000000"],
  ])("an %s key answers 401 problem+json with WWW-Authenticate", async (_label, secret) => {
    const res = await get(secret);
    const body = await problem(res, 401);
    expect(body.code).toBe("UNAUTHORIZED");
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("a revoked key answers 401", async () => {
    const secret = await stewardKey("revoked-key@chatiere.test");
    expect((await get(secret)).status).toBe(200);
    await env.DB.prepare("update api_keys set revoked_at = ? where start = ?").bind(new Date().toISOString(), secret.slice(0, 12)).run();
    await problem(await get(secret), 401);
  });

  it("an expired key answers 401, one expiring later works", async () => {
    const expired = await stewardKey("expired-key@chatiere.test", { expiresAt: new Date(Date.now() - 1000).toISOString() });
    await problem(await get(expired), 401);
    const later = await stewardKey("expired-key@chatiere.test", { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await get(later)).status).toBe(200);
  });

  it("a bad key is never a fallback to the session cookie", async () => {
    const res = await call(AUDIT, { headers: { ...bearer("chk_0000000000000000000000000000000000000"), cookie: "__Secure-chatiere.session_token=whatever" } });
    await problem(res, 401);
  });

  it("an organisation key stops working (401) once its creator no longer administers the organisation", async () => {
    const email = "org-key-creator@chatiere.test";
    const orgId = await makeOrg({ kind: "provider", members: [{ email, role: "admin" }] });
    const secret = await apiKey({ email, orgId, scopes: ["offers:write"] });
    // Known key, but the audit log is not an organisation key's business: 403, not 401.
    await problem(await get(secret), 403);
    await env.DB.prepare("update memberships set role = 'member' where org_id = ?").bind(orgId).run();
    const demoted = await get(secret);
    expect((await problem(demoted, 401)).detail).toMatch(/no longer administers/);
    await env.DB.prepare("delete from memberships where org_id = ?").bind(orgId).run();
    await problem(await get(secret), 401);
  });

  it("a steward key whose creator is no longer a steward is refused (403)", async () => {
    const email = "former-steward@chatiere.test";
    const secret = await stewardKey(email);
    expect((await get(secret)).status).toBe(200);
    await env.DB.prepare("delete from platform_roles where user_id = (select id from users where email = ?)").bind(email).run();
    await problem(await get(secret), 403);
  });

  it("a key without the scope is refused (403)", async () => {
    await grantRole("import-only@chatiere.test", "steward");
    const secret = await apiKey({ email: "import-only@chatiere.test", scopes: ["catalog:import"] });
    await problem(await get(secret), 403);
  });
});

describe("rate limit per key", () => {
  it(`answers the request after ${KEY_RATE_PER_MINUTE} within a minute with 429 and Retry-After; other keys go on`, async () => {
    const busy = await stewardKey("busy-key@chatiere.test");
    const other = await stewardKey("calm-key@chatiere.test");
    // The window is the wall-clock minute: start early in one so the burst stays inside it.
    const intoMinute = (Date.now() / 1000) % 60;
    if (intoMinute > 30) await new Promise((r) => setTimeout(r, (61 - intoMinute) * 1000));
    const statuses: number[] = [];
    for (let i = 0; i < KEY_RATE_PER_MINUTE; i += 10) {
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, () => get(busy).then((r) => r.status)))));
    }
    expect(statuses).toHaveLength(KEY_RATE_PER_MINUTE);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await get(busy);
    const body = await problem(limited, 429);
    expect(body.code).toBe("RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await get(other)).status).toBe(200);
  }, 60_000);
});
