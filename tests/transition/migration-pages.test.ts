// The migrations' pages in workerd against D1: a member plans from a host's offers and sends the
// requests, the provider accepts, schedules, copies, cuts over and ticks its steps, the member
// verifies and closes with the data copy; declines and re-assignment; stewards with a reason;
// errors next to their field; who may see and do what.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newDevice, signIn, type Browser } from "../accounts/helpers";
import { postJson, STEWARD_EMAIL } from "../helpers/http";
import { seed } from "../helpers/catalog";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import type { ImportReplyBody } from "../../src/transition/inventory/inventory.api";

const OWNER = "owner@migration-pages.test";
const READER = "reader@migration-pages.test";
const HOST = "owner@host-a.migration-pages.test";
const OTHER_HOST = "owner@host-b.migration-pages.test";
let key: Record<string, string>;
let owner: Browser, reader: Browser, host: Browser, otherHost: Browser, steward: Browser, stranger: Browser;
let providerA: string, providerOrg: string, otherProviderOrg: string;
const offers: Record<string, string> = {};

beforeAll(async () => {
  await grantRole(STEWARD_EMAIL, "steward");
  key = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["transition:import"] }));
  const [a, b] = await seed(
    {
      provider: { name: "Hôte A", website: "https://host-a.migration-pages.test", contact_email: "contact@host-a.migration-pages.test" },
      offers: [
        { service: "mailbox", name: "Boîtes A", quotas: { storage_gb: 5 } },
        { service: "web_hosting", name: "Sites A" },
        { service: "domain_registration", name: "Domaines A" },
      ],
    },
    {
      provider: { name: "Hôte B", website: "https://host-b.migration-pages.test", contact_email: "contact@host-b.migration-pages.test" },
      offers: [
        { service: "mailbox", name: "Boîtes B" },
        { service: "mailbox", name: "Petites boîtes B", quotas: { storage_gb: 0.5 } },
      ],
    },
  );
  providerA = a!.provider_id;
  for (const [name, id] of [["mailA", a!.offer_ids[0]], ["webA", a!.offer_ids[1]], ["domainA", a!.offer_ids[2]], ["mailB", b!.offer_ids[0]], ["tinyB", b!.offer_ids[1]]] as const) offers[name] = id!;
  providerOrg = await makeOrg({ kind: "provider", name: "Hôte A asbl", providerId: providerA, members: [{ email: HOST, role: "owner" }] });
  otherProviderOrg = await makeOrg({ kind: "provider", name: "Hôte B asbl", providerId: b!.provider_id, members: [{ email: OTHER_HOST, role: "owner" }] });
  [owner, reader, host, otherHost, steward, stranger] = await Promise.all([signIn(OWNER), signIn(READER), signIn(HOST), signIn(OTHER_HOST), signIn(STEWARD_EMAIL), signIn("stranger@migration-pages.test")]);
});

let n = 0;
/** A member organisation imported with a site, a mailbox (1 GB used) and a domain; OWNER its owner, READER a plain member. */
async function imported(): Promise<{ orgId: string; services: Record<string, string> }> {
  const ref = `mig-${Date.now().toString(36)}-${++n}`;
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
            { kind: "mailbox", address: `info@${d}`, quota_mb: 2048, used_mb: 1024 },
            { kind: "domain_registration", name: d, registrar: "Gandi" },
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
  const rows = await env.DB.prepare("select id, kind from inventory_services where org_id = ?").bind(orgId).all<{ id: string; kind: string }>();
  return { orgId, services: Object.fromEntries(rows.results.map((r) => [r.kind, r.id])) };
}

interface ItemRow {
  id: string;
  migration_id: string;
  kind: string;
  state: string;
  offer_id: string;
  scheduled_for: string | null;
  data_copy: string | null;
  checklist: string;
}
const items = async (orgId: string) =>
  (await env.DB.prepare("select id, migration_id, kind, state, offer_id, scheduled_for, data_copy, checklist from migration_items where org_id = ? order by kind").bind(orgId).all<ItemRow>()).results;
const item = async (orgId: string, kind: string) => (await items(orgId)).find((i) => i.kind === kind && i.state !== "cancelled")!;

/** Plans the three services with host A's offers and sends the requests, through the plan form. */
async function requested() {
  const org = await imported();
  const res = await owner.post(`/orgs/${org.orgId}/migration/plan`, {
    provider: providerA,
    [`offer.${org.services.web_hosting}`]: offers.webA!,
    [`offer.${org.services.mailbox}`]: offers.mailA!,
    [`offer.${org.services.domain_registration}`]: offers.domainA!,
    send: "1",
  });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe(`/orgs/${org.orgId}/migration?notice=requested`);
  return org;
}

const memberItemPath = (orgId: string, i: ItemRow, what: string) => `/orgs/${orgId}/migration/${i.migration_id}/items/${i.id}/${what}`;
const hostItemPath = (i: ItemRow, what: string, orgId = providerOrg) => `/orgs/${orgId}/migrations/${i.migration_id}/items/${i.id}/${what}`;

describe("planning from the inventory", () => {
  it("offers each service the host's offers that can take it, first one chosen (FR/NL/EN)", async () => {
    const { orgId, services } = await imported();
    for (const [lang, title] of [["fr", "Planifier le déménagement"], ["nl", "De verhuis van"], ["en", "Plan Les Amis"]] as const) {
      const res = await owner.fetch(`/orgs/${orgId}/migration/plan?provider=${providerA}&lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(title);
      const select = (id: string) => new RegExp(`<select[^>]*name="offer\\.${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1]!;
      expect(select(services.mailbox!)).toContain(`value="${offers.mailA}" selected`);
      expect(select(services.mailbox!)).not.toContain(offers.webA);
      expect(select(services.web_hosting!)).toContain(offers.webA);
      expect(select(services.web_hosting!)).not.toContain(offers.mailB); // another host's offer
    }
  });

  it("from the whole catalogue leaves out offers too small for the data (1 GB used, 0.5 GB offered)", async () => {
    const { orgId, services } = await imported();
    const html = await (await owner.fetch(`/orgs/${orgId}/migration/plan`)).text();
    const select = new RegExp(`<select[^>]*name="offer\\.${services.mailbox}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1]!;
    expect(select).toContain(offers.mailA);
    expect(select).toContain(offers.mailB);
    expect(select).not.toContain(offers.tinyB);
  });

  it("stores the plan, sends the requests, and shows the migration with its progress chart", async () => {
    const { orgId } = await requested();
    expect((await items(orgId)).map((i) => i.state)).toEqual(["requested", "requested", "requested"]);
    const html = await (await owner.fetch(`/orgs/${orgId}/migration?notice=requested&lang=fr`)).text();
    expect(html).toContain("Demandes envoyées aux hébergeurs.");
    expect(html).toContain("0 sur 3 services déménagés");
    expect(html).toMatch(/<svg[^>]*class="progress-bar"/);
    expect(html).toContain("3 en route");
    expect(html).toContain("Hôte A");
    expect(html).toMatch(/jours?<\/strong>/); // days left
    const en = await (await owner.fetch(`/orgs/${orgId}/migration?lang=en`)).text();
    expect(en).toContain("0 of 3 services moved");
    const nl = await (await owner.fetch(`/orgs/${orgId}/migration?lang=nl`)).text();
    expect(nl).toContain("0 van 3 diensten verhuisd");
  });

  it("saves a plan without sending, then sends it from the migration page", async () => {
    const { orgId, services } = await imported();
    const res = await owner.post(`/orgs/${orgId}/migration/plan`, { [`offer.${services.mailbox}`]: offers.mailB!, send: "0" });
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}/migration?notice=planned`);
    const [planned] = await items(orgId);
    expect(planned!.state).toBe("planned");
    const html = await (await owner.fetch(`/orgs/${orgId}/migration`)).text();
    expect(html).toContain(`action="/orgs/${orgId}/migration/${planned!.migration_id}/request"`);
    const sent = await owner.post(`/orgs/${orgId}/migration/${planned!.migration_id}/request`);
    expect(sent.status).toBe(303);
    expect((await items(orgId))[0]!.state).toBe("requested");
    // Nothing left to request: a 409 page that says so.
    const again = await owner.post(`/orgs/${orgId}/migration/${planned!.migration_id}/request?lang=en`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("No planned service in this plan is waiting to be requested.");
  });

  it("refuses an empty plan and an offer that cannot take the service, next to the field, storing nothing", async () => {
    const { orgId, services } = await imported();
    const empty = await owner.post(`/orgs/${orgId}/migration/plan?lang=en`, {});
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Choose an offer for at least one service.");
    const wrong = await owner.post(`/orgs/${orgId}/migration/plan?lang=en`, { [`offer.${services.mailbox}`]: offers.tinyB!, [`offer.${services.web_hosting}`]: offers.webA! });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("Not enough space");
    expect(html).toMatch(new RegExp(`id="plan-${services.mailbox}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="plan-${services.mailbox}"`));
    expect(await items(orgId)).toEqual([]);
  });

  it("says a service already moving cannot be planned again (409)", async () => {
    const { orgId, services } = await requested();
    const res = await owner.post(`/orgs/${orgId}/migration/plan?lang=en`, { [`offer.${services.mailbox}`]: offers.mailB! });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("already moving in another plan");
    expect((await items(orgId)).length).toBe(3);
  });

  it("a shortlisted bundle opens the plan with its offers only; each of its hosts can be contacted", async () => {
    const { orgId, services } = await imported();
    const id = `shl_${Date.now().toString(36)}`;
    const bundle = [{ offer_id: offers.mailB, provider_id: "prv_b", offer_name: "Boîtes B", provider_name: "Hôte B", needs: [0], monthly_cents: 200, offer_version: 1 }];
    await env.DB.prepare("insert into shortlist_items (id, org_id, items, monthly_cents, yearly_cents, providers, score, query) values (?, ?, ?, 200, 2400, 1, 80, 'mailbox_qty=1')").bind(id, orgId, JSON.stringify(bundle)).run();
    const needs = await (await owner.fetch(`/orgs/${orgId}/needs?lang=en`)).text();
    expect(needs).toContain(`href="/orgs/${orgId}/migration/plan?shortlist=${id}"`);
    expect(needs).toContain(`href="/orgs/${orgId}/migration/plan?provider=prv_b"`);
    expect(needs).toContain("Contact this host");
    const html = await (await owner.fetch(`/orgs/${orgId}/migration/plan?shortlist=${id}&lang=en`)).text();
    const select = (sid: string) => new RegExp(`<select[^>]*name="offer\\.${sid}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1]!;
    expect(select(services.mailbox!)).toContain(`value="${offers.mailB}" selected`);
    expect(select(services.mailbox!)).not.toContain(offers.mailA);
    expect(select(services.web_hosting!)).not.toContain("<option value=\"off_");
    expect(html).toContain(`name="shortlist" value="${id}"`);
    // The inventory links to the plan and to the migration.
    const inventory = await (await owner.fetch(`/orgs/${orgId}/inventory?lang=en`)).text();
    expect(inventory).toContain(`href="/orgs/${orgId}/migration/plan"`);
    expect(inventory).toContain(`href="/orgs/${orgId}/migration"`);
  });

  it("a shortlisted bundle's plan: unknown shortlist or host is a 404 naming it", async () => {
    const { orgId } = await imported();
    expect((await owner.fetch(`/orgs/${orgId}/migration/plan?shortlist=shl_nope`)).status).toBe(404);
    const res = await owner.fetch(`/orgs/${orgId}/migration/plan?provider=prv_nope&lang=en`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This host is not in the public directory.");
  });
});

describe("the provider's incoming requests and the member's confirmation", () => {
  it("runs one service from requested to done, with a checklist, history and the data copy", async () => {
    const { orgId } = await requested();
    const box = await item(orgId, "mailbox");
    const list = await (await host.fetch(`/orgs/${providerOrg}/migrations?lang=fr`)).text();
    expect(list).toContain("Demandes reçues par Hôte A asbl");
    expect(list).toContain("Les Amis");
    expect(list).toMatch(/\d+ demandes attendent votre réponse\./);

    expect((await host.post(hostItemPath(box, "move"), { to: "accepted" })).status).toBe(303);
    // Scheduling needs a date: 400 with the message next to the field.
    const noDate = await host.post(hostItemPath(box, "move") + "?lang=en", { to: "scheduled" });
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain("Give the planned date of the move.");
    const sched = await host.post(hostItemPath(box, "move"), { to: "scheduled", scheduled_for: "2027-06-01" });
    expect(sched.headers.get("location")).toBe(`/orgs/${providerOrg}/migrations?notice=moved`);
    for (const to of ["copying", "cutover"]) expect((await host.post(hostItemPath(box, "move"), { to })).status).toBe(303);
    // The provider ticks its own step; the member's step is not its to tick.
    expect((await host.post(hostItemPath(box, "checklist"), { step: "mail_copied", done: "1" })).headers.get("location")).toBe(`/orgs/${providerOrg}/migrations?notice=ticked`);
    expect((await host.post(hostItemPath(box, "checklist"), { step: "clients_reconfigured", done: "1" })).status).toBe(403);
    expect((await host.post(hostItemPath(box, "checklist"), { step: "no_such_step", done: "1" })).status).toBe(400);
    // The member ticks its own, verifies, and must say how it holds the data before closing.
    expect((await owner.post(memberItemPath(orgId, box, "checklist"), { step: "clients_reconfigured", done: "1" })).status).toBe(303);
    expect((await owner.post(memberItemPath(orgId, box, "move"), { to: "verified" })).status).toBe(303);
    const noCopy = await owner.post(memberItemPath(orgId, box, "move") + "?lang=nl", { to: "done" });
    expect(noCopy.status).toBe(400);
    expect(await noCopy.text()).toContain("Bevestig voor het afsluiten dat u een volledige kopie");
    const other = await owner.post(memberItemPath(orgId, box, "move") + "?lang=en", { to: "done", method: "other" });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("Say how the copy of the data was made.");
    const done = await owner.post(memberItemPath(orgId, box, "move"), { to: "done", method: "copied_to_own_storage", detail: "NAS du bureau" });
    expect(done.headers.get("location")).toBe(`/orgs/${orgId}/migration?notice=moved`);
    const stored = (await items(orgId)).find((i) => i.id === box.id)!;
    expect(stored.state).toBe("done");
    expect(JSON.parse(stored.data_copy!)).toMatchObject({ method: "copied_to_own_storage", detail: "NAS du bureau" });
    expect(Object.keys(JSON.parse(stored.checklist)).sort()).toEqual(["clients_reconfigured", "mail_copied"]);

    const page = await (await owner.fetch(`/orgs/${orgId}/migration?lang=fr`)).text();
    expect(page).toContain("1 sur 3 services déménagés");
    expect(page).toContain("NAS du bureau");
    expect(page).toContain("Étape cochée : Courriels copiés");
    expect(page).toContain("Bascule → Vérifié");
  });

  it("warns on every page when the planned date falls after the deadline", async () => {
    const { orgId } = await requested();
    const site = await item(orgId, "web_hosting");
    await host.post(hostItemPath(site, "move"), { to: "accepted" });
    const res = await host.post(hostItemPath(site, "move"), { to: "scheduled", scheduled_for: "2028-02-01" });
    expect(res.headers.get("location")).toBe(`/orgs/${providerOrg}/migrations?notice=moved_late`);
    const warning = "après la fin de l&#39;hébergement chez Cassiopea";
    expect(await (await host.fetch(`/orgs/${providerOrg}/migrations?lang=fr`)).text()).toContain(warning);
    const member = await (await owner.fetch(`/orgs/${orgId}/migration?lang=fr`)).text();
    expect(member).toContain(warning);
    expect(member).toContain("1 février 2028");
  });

  it("a declined service is given to another host by the member, then planned again", async () => {
    const { orgId } = await requested();
    const box = await item(orgId, "mailbox");
    const noReason = await host.post(hostItemPath(box, "move") + "?lang=en", { to: "declined" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Give the reason for this change.");
    expect((await host.post(hostItemPath(box, "move"), { to: "declined", note: "Plus de place" })).status).toBe(303);
    const page = await (await owner.fetch(`/orgs/${orgId}/migration`)).text();
    expect(page).toContain(`action="${memberItemPath(orgId, box, "reassign")}"`);
    expect(page).toContain("Plus de place");
    const tiny = await owner.post(memberItemPath(orgId, box, "reassign") + "?lang=en", { offer_id: offers.tinyB! });
    expect(tiny.status).toBe(400);
    expect(await tiny.text()).toContain("Not enough space");
    const res = await owner.post(memberItemPath(orgId, box, "reassign"), { offer_id: offers.mailB! });
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}/migration?notice=reassigned`);
    const after = (await items(orgId)).find((i) => i.id === box.id)!;
    expect([after.state, after.offer_id]).toEqual(["planned", offers.mailB]);
  });

  it("the member cancels an item; a steward moves any item with a reason", async () => {
    const { orgId } = await requested();
    const domain = await item(orgId, "domain_registration");
    expect((await owner.post(memberItemPath(orgId, domain, "move"), { to: "cancelled" })).status).toBe(303);
    expect((await items(orgId)).find((i) => i.id === domain.id)!.state).toBe("cancelled");
    const site = await item(orgId, "web_hosting");
    const bare = await steward.post(memberItemPath(orgId, site, "move") + "?lang=en", { to: "accepted" });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain("Give the reason for this change.");
    expect((await steward.post(memberItemPath(orgId, site, "move"), { to: "accepted", note: "Confirmé par téléphone" })).status).toBe(303);
    expect((await item(orgId, "web_hosting")).state).toBe("accepted");
    const events = await env.DB.prepare("select role, note from migration_events where item_id = ? and to_state = 'accepted'").bind(site.id).all<{ role: string; note: string }>();
    expect(events.results).toEqual([{ role: "steward", note: "Confirmé par téléphone" }]);
  });

  it("a move not allowed now is a 409 page listing the allowed ones; a form from before a change is a 409", async () => {
    const { orgId } = await requested();
    const box = await item(orgId, "mailbox");
    const res = await owner.post(memberItemPath(orgId, box, "move") + "?lang=en", { to: "verified" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("This change of state is not possible now. Possible: Blocked, Cancelled.");
    const stale = await host.post(hostItemPath(box, "move") + "?lang=en", { to: "accepted", since: "2020-01-01T00:00:00.000Z" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("This service changed since the page was shown.");
    expect((await item(orgId, "mailbox")).state).toBe("requested");
  });

  it("the mails' link opens the member's page or the provider's requests", async () => {
    const { orgId } = await requested();
    const box = await item(orgId, "mailbox");
    expect((await owner.fetch(`/migrations/${box.migration_id}`)).headers.get("location")).toBe(`/orgs/${orgId}/migration`);
    expect((await steward.fetch(`/migrations/${box.migration_id}`)).headers.get("location")).toBe(`/orgs/${orgId}/migration`);
    expect((await host.fetch(`/migrations/${box.migration_id}`)).headers.get("location")).toBe(`/orgs/${providerOrg}/migrations`);
    expect((await otherHost.fetch(`/migrations/${box.migration_id}`)).status).toBe(403);
  });
});

describe("who may see and do what", () => {
  it("a plain member reads without forms and may not move; a stranger is refused", async () => {
    const { orgId } = await requested();
    const box = await item(orgId, "mailbox");
    const html = await (await reader.fetch(`/orgs/${orgId}/migration?lang=fr`)).text();
    expect(html).toContain("0 sur 3 services déménagés");
    expect(html).not.toContain("/move");
    expect(html).not.toContain("/checklist");
    expect((await reader.post(memberItemPath(orgId, box, "move"), { to: "cancelled" })).status).toBe(403);
    expect((await reader.fetch(`/orgs/${orgId}/migration/plan`)).status).toBe(403);
    expect((await stranger.fetch(`/orgs/${orgId}/migration`)).status).toBe(403);
    expect((await stranger.post(memberItemPath(orgId, box, "move"), { to: "cancelled" })).status).toBe(403);
  });

  it("another host may neither see nor move this host's items; the member may not act on the provider's page", async () => {
    const { orgId } = await requested();
    const box = await item(orgId, "mailbox");
    expect((await otherHost.fetch(`/orgs/${providerOrg}/migrations`)).status).toBe(403);
    expect((await otherHost.post(hostItemPath(box, "move"), { to: "accepted" })).status).toBe(403);
    // Through its own organisation's path the item is not found.
    expect((await otherHost.post(hostItemPath(box, "move", otherProviderOrg), { to: "accepted" })).status).toBe(404);
    expect(await (await otherHost.fetch(`/orgs/${otherProviderOrg}/migrations`)).text()).not.toContain(box.id);
    expect((await owner.post(hostItemPath(box, "move"), { to: "accepted" })).status).toBe(403);
    expect((await host.post(memberItemPath(orgId, box, "move"), { to: "accepted" })).status).toBe(403);
    expect((await item(orgId, "mailbox")).state).toBe("requested");
  });

  it("pages answer anonymous visitors with the sign-in page, wrong kinds of organisation with a 404", async () => {
    const { orgId } = await imported();
    const anonymous = await fetchAnonymous(`/orgs/${orgId}/migration`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/orgs/${orgId}/migration`)}`);
    expect((await host.fetch(`/orgs/${providerOrg}/migration`)).status).toBe(404);
    expect((await owner.fetch(`/orgs/${orgId}/migrations`)).status).toBe(404);
  });
});

const fetchAnonymous = (path: string) => newDevice().fetch(path);
