// /orgs/:orgId/keys: a provider organisation's API keys — list, create (secret shown once), revoke.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashKey } from "../../../src/accounts/keys/secret";
import { Browser, signIn } from "../helpers";
import { call } from "../../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../../helpers/people";
import { auditRows, crossSite, secretIn, storedKey } from "./helpers";

async function providerWithAdmin(email: string, role: "owner" | "admin" = "admin") {
  const orgId = await makeOrg({ kind: "provider", name: `Hébergeur ${email}`, members: [{ email, role }] });
  return { orgId, browser: await signIn(email), path: `/orgs/${orgId}/keys` };
}

describe("creating a key (happy path)", () => {
  it("shows the secret once, on the 201 answer to the POST, never cached, stored only as a hash, audited", async () => {
    const { orgId, browser, path } = await providerWithAdmin("keys-admin@example.be");
    const list = await browser.fetch(path);
    expect(list.status).toBe(200);
    const form = await list.text();
    expect(form).toContain(`action="${path}"`);
    expect(form).toContain('value="offers:write"');
    expect(form).not.toContain('value="catalog:import"');

    const res = await browser.post(path, { name: "Synchronisation <site>", scopes: "offers:write", expires: "" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    const secret = secretIn(html);
    expect(secret).toMatch(/^chk_[0-9a-z]{37}$/);
    expect(html).toContain("Synchronisation &lt;site&gt;");
    expect(html).toContain('role="alert"');

    const stored = (await storedKey(secret.slice(0, 12)))!;
    expect(stored).toMatchObject({ org_id: orgId, name: "Synchronisation <site>", scopes: '["offers:write"]', expires_at: null, revoked_at: null });
    expect(stored.hash).toBe(await hashKey(secret));
    const everything = JSON.stringify(await env.DB.prepare("select * from api_keys").all());
    expect(everything).not.toContain(secret);

    const [audit] = await auditRows("key.create", stored.id);
    expect(audit).toMatchObject({ org_id: orgId, subject_type: "api_key", actor_user_id: stored.user_id });
    expect(audit!.detail).not.toContain(secret);

    // Never again: the list shows the start only.
    const again = await (await browser.fetch(path)).text();
    expect(again).not.toContain(secret);
    expect(again).toContain(secret.slice(0, 12));
    expect(again).toContain("Synchronisation &lt;site&gt;");

    // The key is a real one: known to the API (403 on the audit log, which is not its business; not 401).
    expect((await call("/api/v1/audit", { headers: bearer(secret) })).status).toBe(403);
  });

  it("an owner may create keys too, with an expiry day ending at Brussels midnight", async () => {
    const { browser, path } = await providerWithAdmin("keys-owner@example.be", "owner");
    const res = await browser.post(path, { name: "cron", scopes: "offers:write", expires: "2099-07-01" });
    expect(res.status).toBe(201);
    const secret = secretIn(await res.text());
    expect((await storedKey(secret.slice(0, 12)))!.expires_at).toBe("2099-07-01T22:00:00.000Z");
  });

  it("lists every key of the organisation with its state", async () => {
    const { orgId, browser, path } = await providerWithAdmin("keys-states@example.be");
    const active = await apiKey({ email: "keys-states@example.be", orgId, scopes: ["offers:write"] });
    const expired = await apiKey({ email: "keys-states@example.be", orgId, scopes: ["offers:write"], expiresAt: "2020-01-01T00:00:00.000Z" });
    const html = await (await browser.fetch(`${path}?lang=en`)).text();
    expect(html).toContain(active.slice(0, 12));
    expect(html).toContain(expired.slice(0, 12));
    expect(html).toContain(">Active<");
    expect(html).toContain(">Expired<");
    expect(html).toContain("Never");
  });
});

describe("bad input", () => {
  it.each([
    ["no name", { scopes: "offers:write" }, "name", "Donnez un nom à la clé."],
    ["a name too long", { name: "x".repeat(81), scopes: "offers:write" }, "name", "80 caractères au plus"],
    ["no scope", { name: "n" }, "scopes", "Cochez au moins une permission."],
    ["a steward scope", { name: "n", scopes: "catalog:import" }, "scopes", "Cette permission n&#39;est pas disponible ici."],
    ["a bad date", { name: "n", scopes: "offers:write", expires: "31/12/2099" }, "expires", "AAAA-MM-JJ"],
    ["a past date", { name: "n", scopes: "offers:write", expires: "2020-01-01" }, "expires", "Choisissez aujourd&#39;hui ou un jour à venir."],
  ])("re-renders the form with 400 on %s, names the field, stores nothing", async (_label, fields, field, message) => {
    const { orgId, browser, path } = await providerWithAdmin(`keys-bad-${field}-${Math.random().toString(36).slice(2, 8)}@example.be`);
    const res = await browser.post(path, fields as Record<string, string>);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(`id="${field}-error"`);
    expect(html).toContain('class="error-summary"');
    expect(html).not.toMatch(/chk_[0-9a-z]{37}/);
    const n = await env.DB.prepare("select count(*) as n from api_keys where org_id = ?").bind(orgId).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it("shows the field errors in English too", async () => {
    const { browser, path } = await providerWithAdmin("keys-bad-en@example.be");
    const res = await browser.post(`${path}?lang=en`, { name: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Give the key a name.");
    expect(html).toContain("Tick at least one permission.");
  });
});

describe("revoking", () => {
  it("POST → 303 back to the list; the key stops working; audited once", async () => {
    const { orgId, browser, path } = await providerWithAdmin("keys-revoke@example.be");
    const secret = secretIn(await (await browser.post(path, { name: "old", scopes: "offers:write" })).text());
    const stored = (await storedKey(secret.slice(0, 12)))!;
    const res = await browser.post(`${path}/${stored.id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${path}?revoked=1`);
    const page = await (await browser.fetch(`${path}?revoked=1`)).text();
    expect(page).toContain('role="status"');
    expect(page).toContain("Révoquée");
    expect((await storedKey(secret.slice(0, 12)))!.revoked_at).not.toBeNull();
    expect((await call("/api/v1/audit", { headers: bearer(secret) })).status).toBe(401);
    const [audit] = await auditRows("key.revoke", stored.id);
    expect(audit).toMatchObject({ org_id: orgId });
    // Twice is harmless and not audited again.
    expect((await browser.post(`${path}/${stored.id}/revoke`)).headers.get("location")).toBe(`${path}?revoked=already`);
    expect(await auditRows("key.revoke", stored.id)).toHaveLength(1);
  });

  it("a key of another organisation is a 404 and stays active", async () => {
    const { browser, path } = await providerWithAdmin("keys-mine@example.be");
    const otherOrg = await makeOrg({ kind: "provider", members: [{ email: "keys-theirs@example.be", role: "admin" }] });
    const theirs = await apiKey({ email: "keys-theirs@example.be", orgId: otherOrg, scopes: ["offers:write"] });
    const stored = (await storedKey(theirs.slice(0, 12)))!;
    const res = await browser.post(`${path}/${stored.id}/revoke`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Cette clé n&#39;existe pas ici.");
    expect((await storedKey(theirs.slice(0, 12)))!.revoked_at).toBeNull();
    expect((await browser.post(`${path}/key_doesnotexist/revoke`)).status).toBe(404);
  });
});

describe("security", () => {
  it("anonymous: GET redirects to sign-in, POST is 401", async () => {
    const orgId = await makeOrg({ kind: "provider", members: [{ email: "keys-anon-owner@example.be", role: "owner" }] });
    const res = await new Browser().fetch(`/orgs/${orgId}/keys`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/orgs/${orgId}/keys`)}`);
    expect((await new Browser().post(`/orgs/${orgId}/keys`, { name: "x", scopes: "offers:write" })).status).toBe(401);
    expect((await new Browser().post(`/orgs/${orgId}/keys/key_x/revoke`)).status).toBe(401);
  });

  it("a plain member, another organisation's admin, a steward and a coop_admin get 403", async () => {
    const orgId = await makeOrg({
      kind: "provider",
      members: [
        { email: "keys-sec-admin@example.be", role: "admin" },
        { email: "keys-sec-member@example.be", role: "member" },
      ],
    });
    const secret = await apiKey({ email: "keys-sec-admin@example.be", orgId, scopes: ["offers:write"] });
    const keyId = (await storedKey(secret.slice(0, 12)))!.id;
    await makeOrg({ kind: "provider", members: [{ email: "keys-sec-other@example.be", role: "owner" }] });
    await grantRole("keys-sec-steward@example.be", "steward");
    await grantRole("keys-sec-coop@example.be", "coop_admin");
    for (const email of ["keys-sec-member@example.be", "keys-sec-other@example.be", "keys-sec-steward@example.be", "keys-sec-coop@example.be"]) {
      const b = await signIn(email);
      expect((await b.fetch(`/orgs/${orgId}/keys`)).status, email).toBe(403);
      expect((await b.post(`/orgs/${orgId}/keys`, { name: "x", scopes: "offers:write" })).status, email).toBe(403);
      expect((await b.post(`/orgs/${orgId}/keys/${keyId}/revoke`)).status, email).toBe(403);
    }
    expect((await storedKey(secret.slice(0, 12)))!.revoked_at).toBeNull();
    const n = await env.DB.prepare("select count(*) as n from api_keys where org_id = ?").bind(orgId).first<{ n: number }>();
    expect(n?.n).toBe(1);
  });

  it("the cooperative's organisation (neither provider nor member) has no keys: 409, translated", async () => {
    const orgId = await makeOrg({ kind: "cooperative", members: [{ email: "keys-coop-org@example.be", role: "owner" }] });
    const b = await signIn("keys-coop-org@example.be");
    const res = await b.fetch(`/orgs/${orgId}/keys?lang=nl`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Alleen organisaties van aanbieders en van leden hebben API-sleutels.");
    expect((await b.post(`/orgs/${orgId}/keys`, { name: "x", scopes: "webhooks:manage" })).status).toBe(409);
    expect((await env.DB.prepare("select count(*) as n from api_keys where org_id = ?").bind(orgId).first<{ n: number }>())?.n).toBe(0);
  });

  it("a member organisation mints a key with webhooks:manage only, and that key registers an endpoint by API", async () => {
    const orgId = await makeOrg({ kind: "member", members: [{ email: "keys-member-org@example.be", role: "owner" }] });
    const b = await signIn("keys-member-org@example.be");
    const form = await (await b.fetch(`/orgs/${orgId}/keys`)).text();
    expect(form).toContain('value="webhooks:manage"');
    expect(form).not.toContain('value="offers:write"');
    expect((await b.post(`/orgs/${orgId}/keys`, { name: "offres", scopes: "offers:write" })).status).toBe(400);
    const res = await b.post(`/orgs/${orgId}/keys`, { name: "CRM", scopes: "webhooks:manage" });
    expect(res.status).toBe(201);
    const secret = secretIn(await res.text());
    expect((await storedKey(secret.slice(0, 12)))!).toMatchObject({ org_id: orgId, scopes: '["webhooks:manage"]' });
    const created = await call(`/api/v1/orgs/${orgId}/webhook-endpoints`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(secret) },
      body: JSON.stringify({ url: "https://crm.member.example.org/hooks", event_types: ["migration.*"] }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ org_id: orgId, url: "https://crm.member.example.org/hooks" });
    // Its own organisation only.
    const other = await makeOrg({ kind: "member", members: [{ email: "keys-member-other@example.be", role: "owner" }] });
    const foreign = await call(`/api/v1/orgs/${other}/webhook-endpoints`, { headers: bearer(secret) });
    expect(foreign.status).toBe(403);
  });

  it("refuses cross-site posts (403) and creates or revokes nothing", async () => {
    const { orgId, browser, path } = await providerWithAdmin("keys-csrf@example.be");
    const secret = await apiKey({ email: "keys-csrf@example.be", orgId, scopes: ["offers:write"] });
    const keyId = (await storedKey(secret.slice(0, 12)))!.id;
    expect((await browser.post(path, { name: "evil", scopes: "offers:write" }, crossSite)).status).toBe(403);
    expect((await browser.post(`${path}/${keyId}/revoke`, {}, crossSite)).status).toBe(403);
    expect((await storedKey(secret.slice(0, 12)))!.revoked_at).toBeNull();
    const n = await env.DB.prepare("select count(*) as n from api_keys where org_id = ?").bind(orgId).first<{ n: number }>();
    expect(n?.n).toBe(1);
  });

  it("an API key cannot drive the key pages (403), even the organisation's own", async () => {
    const orgId = await makeOrg({ kind: "provider", members: [{ email: "keys-bearer@example.be", role: "owner" }] });
    const secret = await apiKey({ email: "keys-bearer@example.be", orgId, scopes: ["offers:write"] });
    expect((await call(`/orgs/${orgId}/keys`, { headers: bearer(secret) })).status).toBe(403);
  });
});
