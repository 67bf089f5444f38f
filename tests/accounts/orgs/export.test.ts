// GET /api/v1/me/export: everything a person may take away, and no secret at all.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { today } from "../../../src/lib/days";
import { newDevice, SESSION_COOKIE, signIn } from "../helpers";
import { seed } from "../../helpers/catalog";
import { call, json, problem, STEWARD } from "../../helpers/http";
import { apiKey, bearer, makeOrg, person } from "../../helpers/people";
import { invitationMail, MANUAL } from "./helpers";

async function world() {
  const email = "export-me@example.be";
  const [seeded] = await seed({
    provider: { name: "Export Hosting", website: "https://export-hosting.example" },
    offers: [{ service: "mail", name: "Boîtes mail" }],
  });
  const providerId = seeded!.provider_id;
  const memberOrg = await makeOrg({ kind: "member", name: "Export Asbl", members: [{ email, role: "owner" }, { email: "export-colleague@example.be", role: "member" }] });
  const providerOrg = await makeOrg({ kind: "provider", name: "Export Hosting org", providerId, members: [{ email, role: "admin" }] });
  const strangerOrg = await makeOrg({ kind: "member", name: "Not mine", members: [{ email: "export-stranger@example.be", role: "owner" }] });
  await env.DB.prepare("update organisations set legal_name = 'Export asbl', company_number = 'BE0417497106' where id = ?").bind(memberOrg).run();
  const keySecret = await apiKey({ email, orgId: providerOrg, scopes: ["offers:write"] });
  await env.DB.prepare("insert into pending_changes (id, subject_type, subject_id, org_id, kind, payload) values ('chg_export1', 'offer', 'off_x', ?, 'create', '{\"name\":\"New\"}')").bind(providerOrg).run();
  await env.DB.prepare("insert into provider_claims (id, org_id, provider_id, method) values ('clm_export1', ?, ?, 'steward')").bind(providerOrg, providerId).run();
  await env.DB.prepare("insert into audit_log (id, action, subject_type, subject_id, org_id, detail, ip, user_agent) values ('aud_export1', 'key.create', 'api_key', 'key_x', ?, '{\"name\":\"ci\",\"hash\":\"deadbeef\"}', '203.0.113.9', 'SecretBrowser/1.0')").bind(providerOrg).run();
  const me = await person(email);
  await env.DB.prepare("insert into passkeys (id, name, user_id, public_key, credential_id, counter, device_type, backed_up) values ('pky_export1', 'Laptop', ?, 'PUBLICKEYMATERIAL123', 'CREDENTIALID123', 0, 'singleDevice', 0)").bind(me).run();
  const browser = await signIn(email);
  await browser.post(`/orgs/${memberOrg}/invitations`, { email: "export-invitee@example.be", role: "member", language: "fr" });
  const { link } = await invitationMail("export-invitee@example.be");
  return { email, browser, memberOrg, providerOrg, strangerOrg, providerId, keySecret, inviteToken: new URL(link).pathname.split("/").pop()! };
}

describe("GET /api/v1/me/export (signed-in person)", () => {
  it("returns the person, sessions, passkeys, roles and every organisation with all it holds — and no secret", async () => {
    const w = await world();
    const res = await w.browser.fetch("/api/v1/me/export");
    expect(res.status).toBe(200);
    // The day in Brussels, as every date the product shows (after 23:00 UTC it is already tomorrow there).
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="chatiere-export-${today()}.json"`);
    expect(res.headers.get("content-type")).toContain("application/json");
    const raw = await res.text();
    const data = JSON.parse(raw);

    expect(data.person).toMatchObject({ email: w.email, language: "fr" });
    expect(data.person.id).toMatch(/^usr_/);
    expect(Date.parse(data.exported_at)).not.toBeNaN();
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(data.sessions[0]).sort()).toEqual(["created_at", "expires_at", "id", "ip_address", "updated_at", "user_agent"]);
    expect(data.passkeys).toEqual([expect.objectContaining({ name: "Laptop" })]);
    expect(data.platform_roles).toEqual([]);

    expect(data.organisations.map((o: any) => o.profile.name).sort()).toEqual(["Export Asbl", "Export Hosting org"]);
    const member = data.organisations.find((o: any) => o.profile.id === w.memberOrg);
    expect(member.my_role).toBe("owner");
    expect(member.profile).toMatchObject({ legal_name: "Export asbl", company_number: "BE0417497106", kind: "member" });
    expect(member.members).toEqual([
      expect.objectContaining({ email: "export-colleague@example.be", role: "member" }),
      expect.objectContaining({ email: w.email, role: "owner" }),
    ]);
    expect(member.invitations).toEqual([expect.objectContaining({ email: "export-invitee@example.be", role: "member", status: "pending" })]);
    expect(member.invitations[0].expires_at).toBeTruthy();
    expect(member.provider).toBeUndefined();
    expect(member.audit.map((a: any) => a.action)).toContain("invitation.create");

    const provider = data.organisations.find((o: any) => o.profile.id === w.providerOrg);
    expect(provider.my_role).toBe("admin");
    expect(provider.provider).toMatchObject({ id: w.providerId, name: "Export Hosting" });
    expect(provider.offers).toEqual([expect.objectContaining({ name: "Boîtes mail", provider_id: w.providerId })]);
    expect(provider.pending_changes).toEqual([expect.objectContaining({ id: "chg_export1", payload: { name: "New" } })]);
    expect(provider.provider_claims).toEqual([expect.objectContaining({ id: "clm_export1", method: "steward" })]);
    expect(provider.api_keys).toEqual([expect.objectContaining({ name: "test key", start: w.keySecret.slice(0, 12), scopes: ["offers:write"] })]);
    expect(provider.audit).toEqual([expect.objectContaining({ id: "aud_export1", action: "key.create", detail: { name: "ci" } })]);
    expect(data.organisations.some((o: any) => o.profile.id === w.strangerOrg)).toBe(false);

    // No secret anywhere: session tokens, invitation tokens and their hashes, key hashes, passkey material.
    const sessionToken = w.browser.cookies.get(SESSION_COOKIE)!.split(".")[0]!;
    const tokenRows = await env.DB.prepare("select token from sessions").all<{ token: string }>();
    const hashes = await env.DB.prepare("select token_hash as h from invitations union all select hash from api_keys").all<{ h: string }>();
    for (const secret of [sessionToken, w.inviteToken, w.keySecret, "PUBLICKEYMATERIAL123", "CREDENTIALID123", "deadbeef", "203.0.113.9", "SecretBrowser", ...tokenRows.results.map((r) => r.token), ...hashes.results.map((r) => r.h)]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toMatch(/"(token|token_hash|hash|public_key|credential_id)"/);

    const audit = await env.DB.prepare("select subject_id, org_id from audit_log where action = 'export.download'").all();
    expect(audit.results).toEqual([{ subject_id: data.person.id, org_id: null }]);
  });

  it("narrows to one organisation with ?organisation=, refuses one the person is not in (403) and a malformed id (400)", async () => {
    const email = "export-narrow@example.be";
    const mine = await makeOrg({ kind: "member", name: "Narrow A", members: [{ email, role: "member" }] });
    await makeOrg({ kind: "member", name: "Narrow B", members: [{ email, role: "owner" }] });
    const other = await makeOrg({ kind: "member", name: "Narrow C", members: [{ email: "export-narrow-other@example.be", role: "owner" }] });
    const b = await signIn(email);
    const res = await b.fetch(`/api/v1/me/export?organisation=${mine}`);
    expect(res.status).toBe(200);
    const data = await json(res);
    expect(data.organisations.map((o: any) => o.profile.name)).toEqual(["Narrow A"]);
    expect(data.organisations[0].my_role).toBe("member");
    expect((await env.DB.prepare("select count(*) as n from audit_log where action = 'export.download' and org_id = ?").bind(mine).first<{ n: number }>())!.n).toBe(1);

    await problem(await b.fetch(`/api/v1/me/export?organisation=${other}`), 403);
    await problem(await b.fetch("/api/v1/me/export?organisation=org_doesnotexist"), 403);
    const bad = await problem(await b.fetch("/api/v1/me/export?organisation=<script>"), 400);
    expect(bad.errors?.[0]?.field).toBe("organisation");
  });

  it("answers 401 problem+json without a session, and 403 to any API key (it is a person's export)", async () => {
    const anon = await problem(await call("/api/v1/me/export", MANUAL), 401);
    expect(anon.code).toBe("UNAUTHORIZED");
    expect((await newDevice().fetch("/api/v1/me/export")).status).toBe(401);
    await problem(await call("/api/v1/me/export", { headers: STEWARD }), 403);
    const orgId = await makeOrg({ kind: "provider", members: [{ email: "export-keyholder@example.be", role: "owner" }] });
    const secret = await apiKey({ email: "export-keyholder@example.be", orgId, scopes: ["offers:write"] });
    await problem(await call("/api/v1/me/export", { headers: bearer(secret) }), 403);
  });

  it("carries each member organisation's saved needs and shortlist, as stored", async () => {
    const email = "export-saver@example.be";
    await seed({ provider: { name: "Export Mail", website: "https://export-mail.example" }, offers: [{ service: "mailbox", name: "Export boîte", pricing: { model: "paid", amount_cents: 250, unit: "per_unit" } }] });
    const orgId = await makeOrg({ kind: "member", name: "Saver asbl", members: [{ email, role: "owner" }] });
    const b = await signIn(email);
    const query = "submitted=1&mailbox_qty=2";
    expect((await b.post(`/orgs/${orgId}/needs`, { query, name: "Boîtes" })).status).toBe(303);
    expect((await b.post(`/orgs/${orgId}/shortlist`, { query, bundle: "0", note: "À voir" })).status).toBe(303);
    const data = await json(await b.fetch(`/api/v1/me/export?organisation=${orgId}`));
    const org = data.organisations[0];
    expect(org.saved_needs).toEqual([expect.objectContaining({ name: "Boîtes", query, org_id: orgId, request: expect.objectContaining({ needs: [expect.objectContaining({ service: "mailbox", quantity: 2 })] }) })]);
    expect(org.shortlist).toEqual([
      expect.objectContaining({ note: "À voir", monthly_cents: 500, yearly_cents: 6000, saved_needs_id: org.saved_needs[0].id, items: [expect.objectContaining({ offer_name: "Export boîte", monthly_cents: 500, offer_version: 1 })] }),
    ]);
    expect(org.audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(["needs.save", "shortlist.add"]));
  });

  it("is in the OpenAPI document with its access rule", async () => {
    const doc = await json(await call("/api/openapi.json"));
    const op = doc.paths["/api/v1/me/export"].get;
    expect(op.security).toEqual([{ session: [] }]);
    expect(op.description).toMatch(/^Access: signed-in person/);
  });
});
