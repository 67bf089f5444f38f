// Capacity where people see it (issue 15): the provider's own form, the public provider page, plan
// warnings (API and member page), the control room's load against capacity, and the last DNS check
// on an item's card. Real D1 with the real migrations; pages through the app.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "../accounts/helpers";
import { signIn } from "../accounts/helpers";
import { call as get, json } from "../helpers/http";
import { grantRole } from "../helpers/people";
import { call, member, provider, session } from "./migrations-helpers";
import { item, migrationOf, daysAgo } from "./control/helpers";
import type { ProgressResponse } from "../../src/transition/control/control.api";
import { parseCapacityForm } from "../../src/transition/capacity/form";

const STEWARD = "capacity-ui-steward@chatiere.test";
let host: Awaited<ReturnType<typeof provider>>;
let other: Awaited<ReturnType<typeof provider>>;
let owner: Browser;
let steward: Browser;

const capacityRow = () => env.DB.prepare("select units, migrations_per_week from provider_capacities where provider_id = ?").bind(host.providerId).first<{ units: string; migrations_per_week: number | null }>();

beforeAll(async () => {
  host = await provider();
  other = await provider();
  await grantRole(STEWARD, "steward");
  owner = await session(host.owner);
  steward = await signIn(STEWARD);
});

describe("the capacity form (pure)", () => {
  it("reads empty as unlimited, names each wrong field with its rule", () => {
    expect(parseCapacityForm({ units_mailbox: " 40 ", units_web_hosting: "", migrations_per_week: "" })).toEqual({ ok: true, value: { units: { mailbox: 40 }, migrations_per_week: null } });
    const bad = parseCapacityForm({ units_mailbox: "abc", units_web_hosting: "-1", units_domain_registration: "2000000", migrations_per_week: "1.5" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => [e.field, e.rule?.kind])).toEqual([["units_web_hosting", "too_small"], ["units_mailbox", "number"], ["units_domain_registration", "too_big"], ["migrations_per_week", "number"]]);
  });
});

describe("/orgs/:orgId/provider/capacity", () => {
  it("happy: the owner sees the form, saves, and the public page shows each limited kind with what is planned", async () => {
    const page = await owner.fetch(`/orgs/${host.orgId}/provider/capacity`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="units_mailbox"');
    expect(html).toContain('name="migrations_per_week"');
    // Nothing declared yet: the public page says nothing about capacity.
    expect(await (await get(`/providers/${host.providerId}`)).text()).not.toContain('id="capacity"');

    const res = await owner.post(`/orgs/${host.orgId}/provider/capacity`, { units_mailbox: "2", units_web_hosting: "", migrations_per_week: "5" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${host.orgId}/provider/capacity?notice=saved`);
    expect(await capacityRow()).toEqual({ units: JSON.stringify({ mailbox: 2 }), migrations_per_week: 5 });
    expect(await (await owner.fetch(`${res.headers.get("location")!}&lang=fr`)).text()).toContain("Capacité enregistrée.");

    const pub = await (await get(`/providers/${host.providerId}?lang=en`)).text();
    expect(pub).toContain('id="capacity"');
    expect(pub).toContain("Mailbox: 2 (0 already planned)");
    expect(pub).toContain("Migrations per week: 5");
    expect(pub).not.toContain('data-kind="web_hosting"');
  });

  it("errors: wrong values come back next to their field in the visitor's language (400), nothing stored", async () => {
    const before = await capacityRow();
    const res = await owner.post(`/orgs/${host.orgId}/provider/capacity?lang=nl`, { units_mailbox: "veel", units_web_hosting: "-3", migrations_per_week: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("moet een getal zijn");
    expect(html).toContain("moet minstens 0 zijn");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="veel"');
    expect(await capacityRow()).toEqual(before);
    const fr = await (await owner.post(`/orgs/${host.orgId}/provider/capacity?lang=fr`, { units_mailbox: "2000000" })).text();
    expect(fr).toContain("doit valoir au plus 1000000");
  });

  it("security: stewards may; anonymous is sent to sign in; another provider's owner, a member's owner: 403; a cross-site post is refused", async () => {
    expect((await steward.fetch(`/orgs/${host.orgId}/provider/capacity`)).status).toBe(200);
    expect((await steward.post(`/orgs/${host.orgId}/provider/capacity`, { units_mailbox: "3" })).status).toBe(303);
    const anon = await get(`/orgs/${host.orgId}/provider/capacity`, { redirect: "manual" });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/sign-in/);
    const stranger = await session(other.owner);
    expect((await stranger.fetch(`/orgs/${host.orgId}/provider/capacity`)).status).toBe(403);
    expect((await stranger.post(`/orgs/${host.orgId}/provider/capacity`, { units_mailbox: "999" })).status).toBe(403);
    const m = await member();
    const memberOwner = await session(m.owner);
    expect((await memberOwner.fetch(`/orgs/${host.orgId}/provider/capacity`)).status).toBe(403);
    expect((await owner.post(`/orgs/${host.orgId}/provider/capacity`, { units_mailbox: "999" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(JSON.parse((await capacityRow())!.units)).toEqual({ mailbox: 3 });
  });
});

describe("plans beyond capacity warn, never refuse", () => {
  it("the plan's API reply lists capacity_warnings; the member's page and the steward's view of it warn", async () => {
    await env.DB.prepare("insert into provider_capacities (provider_id, units, migrations_per_week, updated_at) values (?, ?, null, ?) on conflict (provider_id) do update set units = excluded.units")
      .bind(other.providerId, JSON.stringify({ mailbox: 1, web_hosting: 5 }), new Date().toISOString())
      .run();
    const m = await member();
    const res = await call(await session(m.owner), `/orgs/${m.orgId}/migrations`, {
      items: [
        { inventory_id: m.services.mailbox, offer_id: other.offers.mail },
        { inventory_id: m.services.big, offer_id: other.offers.mail },
        { inventory_id: m.services.web, offer_id: other.offers.web },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await json<{ capacity_warnings: unknown[]; items: unknown[] }>(res);
    expect(body.items).toHaveLength(3);
    expect(body.capacity_warnings).toEqual([{ provider_id: other.providerId, kind: "mailbox", planned: 2, limit: 1 }]);

    for (const who of [await session(m.owner), steward]) {
      const html = await (await who.fetch(`/orgs/${m.orgId}/migration?lang=en`)).text();
      expect(html).toContain("Beyond the declared capacity");
      expect(html).toContain(`data-host="${other.providerId}" data-kind="mailbox"`);
      expect(html).toContain("Mailbox: 2 planned for a capacity of 1");
    }
    // The public page counts them too, and says the kind is full.
    const pub = await (await get(`/providers/${other.providerId}?lang=fr`)).text();
    expect(pub).toContain("Boîte mail : 1 (2 déjà prévus)");
    expect(pub).toContain("complet");
  });
});

describe("the control room: load per host against its capacity", () => {
  it("API, page (bar per row) and CSV read the declared capacity; a declared kind with nothing assigned is listed", async () => {
    const p = await json<ProgressResponse>(await get(`/api/v1/transition/progress?host=${other.providerId}`, { headers: { cookie: [...steward.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } }));
    expect(p.load).toEqual([
      { provider_id: other.providerId, provider_name: expect.any(String), kind: "mailbox", units: 2, done: 0, capacity: 1, over: true },
      { provider_id: other.providerId, provider_name: expect.any(String), kind: "web_hosting", units: 1, done: 0, capacity: 5, over: false },
    ]);
    const mine = await json<ProgressResponse>(await steward.fetch(`/api/v1/transition/progress?host=${host.providerId}`));
    // Declared (mailbox: 3 from the form), nothing assigned yet: spare capacity.
    expect(mine.load).toEqual([{ provider_id: host.providerId, provider_name: expect.any(String), kind: "mailbox", units: 0, done: 0, capacity: 3, over: false }]);
    const page = await (await steward.fetch(`/transition?host=${other.providerId}&lang=fr`)).text();
    expect(page.match(/class="load-bar"/g)).toHaveLength(2);
    expect(page).toContain("au-delà de la capacité");
    const csv = await (await steward.fetch(`/transition?host=${other.providerId}&format=csv`)).text();
    expect(csv).toContain(`load,${other.providerId},`);
    expect(csv).toMatch(/ mailbox capacity,1\r\n/);
    expect(csv).toMatch(/ mailbox done,0\r\n/);
  });
});

describe("the last DNS check on an item's card", () => {
  it("member, host and steward see expected vs found per type, when, and verified by DNS", async () => {
    const m = await member();
    const mig = await migrationOf(m.orgId);
    const id = await item({ migrationId: mig, orgId: m.orgId, inventoryId: m.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "cutover", lastMoveAt: daysAgo(1) });
    await env.DB.prepare("update migration_items set dns_targets = ? where id = ?").bind(JSON.stringify({ mx: ["mx.host.example"], a: ["192.0.2.10"] }), id).run();
    const memberPage = async () => (await (await session(m.owner)).fetch(`/orgs/${m.orgId}/migration?lang=en`)).text();
    expect(await memberPage()).toContain("No check yet");
    const checkedAt = daysAgo(0);
    await env.DB.prepare("insert into dns_checks (id, item_id, domain, checked_at, matched, found, mismatches) values (?, ?, 'example.be', ?, 0, ?, ?)")
      .bind(`dnc_${id}`, id, checkedAt, JSON.stringify({ mx: ["mx.old.example"], a: ["192.0.2.10"], aaaa: [], cname: [], ns: [] }), JSON.stringify([{ type: "mx", expected: ["mx.host.example"], found: ["mx.old.example"] }]))
      .run();
    for (const [who, path] of [[await session(m.owner), `/orgs/${m.orgId}/migration`], [steward, `/orgs/${m.orgId}/migration`], [owner, `/orgs/${host.orgId}/migrations`]] as const) {
      const html = await (await who.fetch(`${path}?lang=en`)).text();
      expect(html, path).toContain("Last check of example.be on");
      expect(html).toMatch(/data-type="mx" data-match="no"><th scope="row">MX<\/th><td>mx.host.example<\/td><td>mx.old.example<\/td><td><strong>differs/);
      expect(html).toMatch(/data-type="a" data-match="yes"><th scope="row">A<\/th><td>192.0.2.10<\/td><td>192.0.2.10<\/td><td>matches/);
    }
    await env.DB.prepare("update migration_items set dns_verified_at = ? where id = ?").bind(checkedAt, id).run();
    expect(await memberPage()).toContain("Verified by DNS on");
    // Another member's people never see it.
    const stranger = await member();
    expect((await (await session(stranger.owner)).fetch(`/orgs/${m.orgId}/migration`)).status).toBe(403);
  });
});
