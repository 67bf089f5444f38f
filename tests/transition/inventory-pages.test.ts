// /orgs/:orgId/inventory in workerd against D1: the page in three languages, owners' and admins'
// corrections (add, edit, remove, restore) with errors per field, the confirmation, and who may do what.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../accounts/helpers";
import { postJson, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import type { ImportReplyBody } from "../../src/transition/inventory/inventory.api";

const OWNER = "owner@inventory-pages.test";
const READER = "reader@inventory-pages.test";
let key: Record<string, string>;
let owner: Browser;
let reader: Browser;

beforeAll(async () => {
  await grantRole(STEWARD_EMAIL, "steward");
  key = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["transition:import"] }));
  owner = await signIn(OWNER);
  reader = await signIn(READER);
});

let n = 0;
/** A member organisation imported with a site, a mailbox and a domain; OWNER its owner, READER a plain member. */
async function imported(): Promise<string> {
  const ref = `pages-${Date.now().toString(36)}-${++n}`;
  const d = `${ref}.example.be`;
  const res = await postJson(
    "/api/v1/transition/inventory",
    {
      organisations: [
        {
          external_ref: ref,
          name: `Les Amis ${ref}`,
          contact_email: `bureau@${d}`,
          services: [
            { kind: "web_hosting", host: d, software: "SPIP", disk_mb: 300 },
            { kind: "mailbox", address: `info@${d}`, quota_mb: 1024 },
            { kind: "domain_registration", name: d, registrar: "Gandi", dns_hosted: true, records: [{ name: "@", type: "A", value: "192.0.2.1" }] },
          ],
        },
      ],
    },
    key,
  );
  const orgId = (await res.json<ImportReplyBody>()).organisations[0]!.organisation_id;
  for (const [email, role] of [[OWNER, "owner"], [READER, "member"]] as const) {
    await env.DB.prepare("insert into memberships (org_id, user_id, role) select ?, id, ? from users where email = ?").bind(orgId, role, email).run();
  }
  return orgId;
}

const rows = async (orgId: string) =>
  (await env.DB.prepare("select id, kind, natural_key, service, source, gone_at from inventory_services where org_id = ? order by natural_key").bind(orgId).all<{ id: string; kind: string; natural_key: string; service: string; source: string; gone_at: string | null }>()).results;

describe("GET /orgs/:orgId/inventory", () => {
  it.each([
    ["fr", "Inventaire de", "Boîte mail", "Trouver des hébergeurs pour tout ceci"],
    ["nl", "Inventaris van", "Mailbox", "Hosts zoeken voor dit alles"],
    ["en", "Inventory of", "Mailbox", "Find hosts for all of this"],
  ])("shows the services by kind in %s, with the wizard's link filled from them", async (lang, title, kind, findHosts) => {
    const orgId = await imported();
    const res = await owner.fetch(`/orgs/${orgId}/inventory?lang=${lang}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
    expect(html).toContain(kind);
    expect(html).toContain(findHosts);
    const href = /href="(\/match\?[^"]+)"/.exec(html)![1]!.replaceAll("&amp;", "&");
    const q = new URLSearchParams(href.slice("/match?".length));
    expect([q.get("web_hosting_qty"), q.get("web_hosting_software"), q.get("mailbox_qty"), q.get("domain_registration_qty"), q.get("dns_hosting_qty")]).toEqual(["1", "SPIP", "1", "1", "1"]);
  });

  it("is linked from the member organisation's overview; a plain member reads it without the forms", async () => {
    const orgId = await imported();
    expect(await (await reader.fetch(`/orgs/${orgId}`)).text()).toContain(`href="/orgs/${orgId}/inventory"`);
    const html = await (await reader.fetch(`/orgs/${orgId}/inventory`)).text();
    expect(html).toContain("info@");
    expect(html).not.toContain(`action="/orgs/${orgId}/inventory"`);
    expect(html).not.toContain("/confirm");
  });

  it("is a 404 for a provider organisation, a 403 for a stranger", async () => {
    const provider = await makeOrg({ kind: "provider", members: [{ email: OWNER, role: "owner" }] });
    expect((await owner.fetch(`/orgs/${provider}/inventory`)).status).toBe(404);
    const orgId = await imported();
    const stranger = await signIn("stranger@inventory-pages.test");
    expect((await stranger.fetch(`/orgs/${orgId}/inventory`)).status).toBe(403);
  });
});

describe("owners and admins correct the inventory", () => {
  it("adds a service: stored as the member's, audited, shown", async () => {
    const orgId = await imported();
    const res = await owner.post(`/orgs/${orgId}/inventory`, { kind: "mailing_list", address: "Membres@Example-Liste.be", subscribers: "42", owners: "a@example-liste.be\nb@example-liste.be" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}/inventory?notice=added`);
    const list = (await rows(orgId)).find((r) => r.kind === "mailing_list")!;
    expect(list.natural_key).toBe("mailing_list:membres@example-liste.be");
    expect(list.source).toBe("member");
    expect(JSON.parse(list.service)).toEqual({ kind: "mailing_list", address: "membres@example-liste.be", subscribers: 42, archive_mb: null, owners: ["a@example-liste.be", "b@example-liste.be"] });
    const audit = await env.DB.prepare("select action from audit_log where subject_id = ?").bind(list.id).all<{ action: string }>();
    expect(audit.results.map((a) => a.action)).toEqual(["inventory.service.add"]);
    const page = await (await owner.fetch(res.headers.get("location")! + "&lang=en")).text();
    expect(page).toContain("Service added.");
    expect(page).toContain("membres@example-liste.be");
  });

  it("refuses wrong fields with a message next to each (400), in the page's language, and stores nothing", async () => {
    const orgId = await imported();
    const before = await rows(orgId);
    const res = await owner.post(`/orgs/${orgId}/inventory?lang=nl`, { kind: "mailbox", address: "not an address", quota_mb: "2 GB" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Geef een e-mailadres op");
    expect(html).toContain("Geef een geheel aantal MB op");
    expect(html).toMatch(/id="add-mailbox-quota-mb"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="add-mailbox-quota-mb"/);
    expect(html).toContain('value="2 GB"'); // what was typed comes back
    expect(await rows(orgId)).toEqual(before);
    expect((await owner.post(`/orgs/${orgId}/inventory`, { kind: "ftp", address: "x@example.be" })).status).toBe(400);
    expect(await rows(orgId)).toEqual(before);
  });

  it("says so next to the field when the address is already in the inventory (409)", async () => {
    const orgId = await imported();
    const box = (await rows(orgId)).find((r) => r.kind === "mailbox")!;
    const address = box.natural_key.slice("mailbox:".length);
    const res = await owner.post(`/orgs/${orgId}/inventory?lang=en`, { kind: "mailbox", address: address.toUpperCase() });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("This service is already in the inventory.");
  });

  it("edits a service (its key may change, a domain keeps its DNS records), removes it and restores it", async () => {
    const orgId = await imported();
    const domain = (await rows(orgId)).find((r) => r.kind === "domain_registration")!;
    const form = await owner.fetch(`/orgs/${orgId}/inventory/${domain.id}?lang=en`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="Gandi"');
    const name = `renamed-${n}.example.be`;
    const saved = await owner.post(`/orgs/${orgId}/inventory/${domain.id}`, { name: name.toUpperCase(), registrar: "OVH", expires_on: "2027-01-31", dns_hosted: "1" });
    expect(saved.status).toBe(303);
    const after = (await rows(orgId)).find((r) => r.id === domain.id)!;
    expect(after.natural_key).toBe(`domain_registration:${name}`);
    expect(JSON.parse(after.service)).toMatchObject({ name, registrar: "OVH", expires_on: "2027-01-31", dns_hosted: true, records: [{ name: "@", type: "A", value: "192.0.2.1" }] });
    expect(after.source).toBe("member");

    const bad = await owner.post(`/orgs/${orgId}/inventory/${domain.id}?lang=fr`, { name, expires_on: "2027-02-30" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Indiquez une date valide");

    expect((await owner.post(`/orgs/${orgId}/inventory/${domain.id}/gone`)).status).toBe(303);
    expect((await rows(orgId)).find((r) => r.id === domain.id)!.gone_at).not.toBeNull();
    const page = await (await owner.fetch(`/orgs/${orgId}/inventory?lang=en`)).text();
    expect(page).toContain("Gone services");
    expect(page).toMatch(new RegExp(`data-service="${domain.id}" data-gone="1"`));
    expect((await owner.post(`/orgs/${orgId}/inventory/${domain.id}/restore`)).status).toBe(303);
    expect((await rows(orgId)).find((r) => r.id === domain.id)!.gone_at).toBeNull();
    const actions = await env.DB.prepare("select action from audit_log where subject_id = ? order by at, rowid").bind(domain.id).all<{ action: string }>();
    expect(actions.results.map((a) => a.action)).toEqual(["inventory.service.update", "inventory.service.gone", "inventory.service.restore"]);
  });

  it("confirms the inventory: who and when are recorded and shown", async () => {
    const orgId = await imported();
    const res = await owner.post(`/orgs/${orgId}/inventory/confirm`);
    expect(res.status).toBe(303);
    const org = await env.DB.prepare("select o.inventory_confirmed_at as at, u.email from organisations o join users u on u.id = o.inventory_confirmed_by where o.id = ?").bind(orgId).first<{ at: string; email: string }>();
    expect(org?.email).toBe(OWNER);
    expect(Date.now() - Date.parse(org!.at)).toBeLessThan(60_000);
    const page = await (await reader.fetch(`/orgs/${orgId}/inventory?lang=en`)).text();
    expect(page).toContain(`by ${OWNER}`);
    expect(page).toContain("Inventory confirmed on");
    const api = await reader.fetch(`/api/v1/orgs/${orgId}/inventory`);
    expect((await api.json<{ confirmed_at: string | null }>()).confirmed_at).toBe(org!.at);
  });

  it("refuses a plain member (403), a service of another organisation (404) and a cross-site post (403)", async () => {
    const orgId = await imported();
    const other = await imported();
    const before = await rows(orgId);
    expect((await reader.post(`/orgs/${orgId}/inventory`, { kind: "mailbox", address: "x@example.be" })).status).toBe(403);
    expect((await reader.post(`/orgs/${orgId}/inventory/confirm`)).status).toBe(403);
    const foreign = (await rows(other))[0]!;
    expect((await owner.fetch(`/orgs/${orgId}/inventory/${foreign.id}`)).status).toBe(404);
    expect((await owner.post(`/orgs/${orgId}/inventory/${foreign.id}/gone`)).status).toBe(404);
    const crossSite = await owner.fetch(`/orgs/${orgId}/inventory`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: "kind=mailbox&address=evil%40example.be",
    });
    expect(crossSite.status).toBe(403);
    expect(await rows(orgId)).toEqual(before);
    const confirmed = await env.DB.prepare("select inventory_confirmed_at from organisations where id = ?").bind(orgId).first();
    expect(confirmed).toEqual({ inventory_confirmed_at: null });
  });
});

describe("the member export", () => {
  it("carries the organisation's inventory, gone services included", async () => {
    const orgId = await imported();
    const site = (await rows(orgId)).find((r) => r.kind === "web_hosting")!;
    expect((await owner.post(`/orgs/${orgId}/inventory/${site.id}/gone`)).status).toBe(303);
    const res = await owner.fetch(`/api/v1/me/export?organisation=${orgId}`);
    expect(res.status).toBe(200);
    const data = await res.json<{ organisations: { profile: { id: string }; inventory: { id: string; kind: string; natural_key: string; service: { kind: string }; gone_at: string | null }[] }[] }>();
    const org = data.organisations.find((o) => o.profile.id === orgId)!;
    expect(org.inventory.map((s) => s.kind).sort()).toEqual(["domain_registration", "mailbox", "web_hosting"]);
    expect(org.inventory.find((s) => s.id === site.id)).toMatchObject({ natural_key: site.natural_key, service: { kind: "web_hosting" }, gone_at: expect.any(String) });
  });
});
