// The first-steward command's SQL (scripts/steward-sql.mjs), run against the test's D1: the person
// becomes a steward, and the key it stores imports the catalogue.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashKey } from "../../src/accounts/keys/secret";
import { grantSql, newKeySecret } from "../../scripts/steward-sql.mjs";
import { signIn } from "../accounts/helpers";
import { call, postJson } from "../helpers/http";
import { bearer } from "../helpers/people";

const organization = "file.class = organization\norganization.name = Importé par la ligne de commande\norganization.website = https://cli.example";

async function run(sql: string) {
  // One statement per line, as `wrangler d1 execute --command` takes them; a batch is one transaction.
  await env.DB.batch(sql.split("\n").map((line) => env.DB.prepare(line)));
}

describe("scripts/steward-sql.mjs", () => {
  it("makes a never-seen address a steward whose key imports (201) and reads the audit log", async () => {
    const secret = newKeySecret();
    await run(grantSql({ email: " First.Steward@Example.org ", key: { name: "cli", start: secret.slice(0, 12), hash: await hashKey(secret) } }));
    const user = await env.DB.prepare("select id, email_verified from users where email = 'first.steward@example.org'").first<{ id: string; email_verified: number }>();
    expect(user).toMatchObject({ email_verified: 0 });
    const roles = await env.DB.prepare("select role, granted_by from platform_roles where user_id = ?").bind(user!.id).all();
    expect(roles.results).toEqual([{ role: "steward", granted_by: "cli" }]);

    const res = await postJson("/api/v1/import/chatonsinfos", { organization, services: [] }, bearer(secret));
    expect(res.status).toBe(201);
    const audit = await call("/api/v1/audit?action=role.grant&subject=" + user!.id, { headers: bearer(secret) });
    expect(audit.status).toBe(200);
    const { items } = (await audit.json()) as { items: { detail: Record<string, unknown>; actor: { user_id: string | null; system: string | null } }[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ detail: { role: "steward", via: "cli" }, actor: { user_id: null } });
    expect(items[0]!.actor.system).toBe("cli"); // the command line is the system acting, and says so
  });

  it("is safe to run again: one role, one grant record, the person unchanged", async () => {
    const email = "again@example.org";
    await run(grantSql({ email }));
    await run(grantSql({ email }));
    const counts = await env.DB.prepare(
      "select (select count(*) from users where email = ?1) as users, (select count(*) from platform_roles p join users u on u.id = p.user_id where u.email = ?1) as roles, (select count(*) from audit_log where action = 'role.grant' and detail like '%' || ?1 || '%') as audits",
    )
      .bind(email)
      .first();
    expect(counts).toEqual({ users: 1, roles: 1, audits: 1 });
  });

  it("grants coop_admin to someone who already signed in, whose sign-in still works", async () => {
    const browser = await signIn("coop-cli@example.org");
    await run(grantSql({ email: "coop-cli@example.org", role: "coop_admin" }));
    expect((await browser.fetch("/admin")).status).toBe(200);
  });

  it("mints a coop_admin's key with billing:write, which bills and does nothing a steward's key does", async () => {
    const secret = newKeySecret();
    await run(grantSql({ email: "coop-key@example.org", role: "coop_admin", key: { name: "billing", start: secret.slice(0, 12), hash: await hashKey(secret) } }));
    const row = await env.DB.prepare("select scopes from api_keys where start = ?").bind(secret.slice(0, 12)).first<{ scopes: string }>();
    expect(JSON.parse(row!.scopes)).toEqual(["billing:write"]);
    expect((await call("/api/v1/invoices", { headers: bearer(secret) })).status).toBe(200);
    expect((await postJson("/api/v1/import/chatonsinfos", { organization, services: [] }, bearer(secret))).status).toBe(403);
  });

  it("stores an expiry, after which the key is refused", async () => {
    const secret = newKeySecret();
    await run(grantSql({ email: "short@example.org", key: { name: "seed", start: secret.slice(0, 12), hash: await hashKey(secret) }, keyExpiresAt: "2020-01-01T00:00:00Z" }));
    expect((await postJson("/api/v1/import/chatonsinfos", { organization, services: [] }, bearer(secret))).status).toBe(401);
  });

  it("quotes what it is given, and refuses what is not an address, a role or a hash", () => {
    expect(() => grantSql({ email: "x'); DROP TABLE users; --@example.org" })).toThrow(/Not an email address/);
    expect(() => grantSql({ email: "a@b.org", role: "admin" as "steward" })).toThrow(/--role/);
    expect(() => grantSql({ email: "a@b.org", key: { name: "k", start: "chk_", hash: "not-a-hash" } })).toThrow(/SHA-256/);
    expect(grantSql({ email: "a@b.org", key: { name: "it's", start: "chk_12345678", hash: "0".repeat(64) } })).toContain("'it''s'");
  });
});
