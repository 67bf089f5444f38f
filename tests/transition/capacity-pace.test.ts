// A host's weekly rate counts (issue 15, item 1): the throughput to the deadline (pure), a plan
// beyond it warns (`capacity_warnings` kind `migrations`, API and member page), scheduling in a week
// the host already filled warns `week_full` (API, event, provider page), and the control room shows
// member migrations against the rate. Real D1 with the real migrations; pages through the app.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../accounts/helpers";
import { json } from "../helpers/http";
import { grantRole } from "../helpers/people";
import { isoWeek, throughput, weekFull, weeksLeft } from "../../src/transition/capacity/throughput";
import type { ProgressResponse } from "../../src/transition/control/control.api";
import type { MoveReplyBody, PlanReplyBody } from "../../src/transition/migrations/migrations.api";
import { call, member, provider, session } from "./migrations-helpers";
import { item, migrationOf } from "./control/helpers";
import { fillMigrations, setRate, weeksNow } from "./pace-helpers";

describe("throughput (pure)", () => {
  it("ISO weeks run Monday to Sunday, across months and years", () => {
    expect(isoWeek("2026-11-29")).toEqual({ monday: "2026-11-23", sunday: "2026-11-29" });
    expect(isoWeek("2026-11-30")).toEqual({ monday: "2026-11-30", sunday: "2026-12-06" });
    expect(isoWeek("2027-01-01")).toEqual({ monday: "2026-12-28", sunday: "2027-01-03" });
    expect(isoWeek("2028-02-29")).toEqual({ monday: "2028-02-28", sunday: "2028-03-05" });
  });

  it("weeks left count this week and the deadline's, whole or partial, in Brussels", () => {
    // Deadline at Brussels midnight starting Monday 11 January: the last day is Sunday the 10th.
    expect(weeksLeft(new Date("2027-01-04T09:00:00Z"), "2027-01-10T23:00:00Z")).toBe(1);
    // One hour later the Monday has begun before the deadline: a second, partial week.
    expect(weeksLeft(new Date("2027-01-04T09:00:00Z"), "2027-01-11T00:00:00Z")).toBe(2);
    // Sunday 23:30 in Brussels is still last week's Sunday (22:30 UTC); the deadline's week is two on.
    expect(weeksLeft(new Date("2027-01-10T22:30:00Z"), "2027-01-18T23:00:00Z")).toBe(3);
    // Monday 00:30 in Brussels (Sunday 23:30 UTC): that week is now this one.
    expect(weeksLeft(new Date("2027-01-10T23:30:00Z"), "2027-01-18T23:00:00Z")).toBe(2);
    // Summer time: midnight in Brussels is 22:00 UTC.
    expect(weeksLeft(new Date("2027-06-07T08:00:00Z"), "2027-06-20T22:00:00Z")).toBe(2);
    expect(weeksLeft(new Date("2027-01-12T00:00:00Z"), "2027-01-11T00:00:00Z")).toBe(0);
    expect(weeksLeft(new Date("2027-01-11T00:00:00Z"), "2027-01-11T00:00:00Z")).toBe(0);
  });

  it("a host can start rate × weeks member migrations; no rate, no limit", () => {
    const at = { now: new Date("2027-01-04T09:00:00Z"), deadline: "2027-01-18T23:00:00Z" }; // 3 weeks
    expect(throughput({ ...at, perWeek: null, underWay: 99 })).toBeNull();
    expect(throughput({ ...at, perWeek: 2, underWay: 6 })).toEqual({ per_week: 2, weeks_left: 3, limit: 6, used: 6, remaining: 0, over: false });
    expect(throughput({ ...at, perWeek: 2, underWay: 7 })).toEqual({ per_week: 2, weeks_left: 3, limit: 6, used: 7, remaining: 0, over: true });
    expect(throughput({ ...at, perWeek: 5, underWay: 4 })).toMatchObject({ limit: 15, remaining: 11, over: false });
    expect(throughput({ ...at, perWeek: 0, underWay: 1 })).toMatchObject({ limit: 0, over: true });
    expect(throughput({ now: new Date("2027-02-01T00:00:00Z"), deadline: at.deadline, perWeek: 5, underWay: 0 })).toMatchObject({ weeks_left: 0, limit: 0, over: false });
  });

  it("a week is full once it holds as many other member migrations as the rate; the item's own migration never fills it", () => {
    expect(weekFull({ perWeek: 2, scheduled: ["mig_a", "mig_b"], migrationId: "mig_c" })).toBe(true);
    expect(weekFull({ perWeek: 2, scheduled: ["mig_a", "mig_b", "mig_b"], migrationId: "mig_c" })).toBe(true);
    expect(weekFull({ perWeek: 2, scheduled: ["mig_a", "mig_b"], migrationId: "mig_a" })).toBe(false);
    expect(weekFull({ perWeek: 2, scheduled: ["mig_a"], migrationId: "mig_c" })).toBe(false);
    expect(weekFull({ perWeek: 0, scheduled: [], migrationId: "mig_c" })).toBe(true);
    expect(weekFull({ perWeek: null, scheduled: ["mig_a", "mig_b", "mig_d"], migrationId: "mig_c" })).toBe(false);
  });
});

const STEWARD = "pace-steward@chatiere.test";
let steward: Browser;
beforeAll(async () => {
  await grantRole(STEWARD, "steward");
  steward = await signIn(STEWARD);
});

describe("plans against the weekly rate", () => {
  it("a plan reaching the limit is quiet; the next one warns kind `migrations` (API, member page, steward's view)", async () => {
    const host = await provider();
    const weeks = weeksNow();
    expect(weeks).toBeGreaterThan(0);
    // One a week: `weeks` member migrations before the deadline, all but one already under way.
    await setRate(host.providerId, 1);
    await fillMigrations(host.providerId, host.offers.mail, weeks - 1);

    const first = await member();
    // Two services at the host: still one member migration.
    const ok = await call(await session(first.owner), `/orgs/${first.orgId}/migrations`, {
      items: [
        { inventory_id: first.services.mailbox, offer_id: host.offers.mail },
        { inventory_id: first.services.web, offer_id: host.offers.web },
      ],
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect((await json<PlanReplyBody>(ok)).capacity_warnings).toEqual([]);

    const second = await member();
    const over = await call(await session(second.owner), `/orgs/${second.orgId}/migrations`, { items: [{ inventory_id: second.services.mailbox, offer_id: host.offers.mail }] });
    expect(over.status, await over.clone().text()).toBe(201);
    expect((await json<PlanReplyBody>(over)).capacity_warnings).toEqual([{ provider_id: host.providerId, kind: "migrations", planned: weeks + 1, limit: weeks }]);

    for (const who of [await session(second.owner), steward]) {
      const html = await (await who.fetch(`/orgs/${second.orgId}/migration?lang=en`)).text();
      expect(html).toContain("Beyond the declared capacity");
      expect(html).toContain(`data-host="${host.providerId}" data-kind="migrations"`);
      expect(html).toContain(`${weeks + 1} member migrations under way for ${weeks} possible before the deadline`);
    }
    const nl = await (await steward.fetch(`/orgs/${second.orgId}/migration?lang=nl`)).text();
    expect(nl).toContain("lopende migraties van leden");
    // The first member's plan is within the rate when it was made, but the host is over now: its page says so too.
    const firstPage = await (await (await session(first.owner)).fetch(`/orgs/${first.orgId}/migration?lang=fr`)).text();
    expect(firstPage).toContain("migrations de membres en cours");
  });

  it("a host without a rate never warns about migrations; done and released items free their slot", async () => {
    const host = await provider();
    await fillMigrations(host.providerId, host.offers.mail, 3);
    const m = await member();
    const res = await call(await session(m.owner), `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: m.services.mailbox, offer_id: host.offers.mail }] });
    expect((await json<PlanReplyBody>(res)).capacity_warnings).toEqual([]);

    // Rate 0 a week: any member migration under way is over; once the fillers are done or declined, only this plan counts.
    await setRate(host.providerId, 0);
    await env.DB.prepare("update migration_items set state = 'done' where provider_id = ? and org_id <> ? and rowid % 2 = 0").bind(host.providerId, m.orgId).run();
    await env.DB.prepare("update migration_items set state = 'declined' where provider_id = ? and org_id <> ? and state <> 'done'").bind(host.providerId, m.orgId).run();
    const other = await member();
    const again = await call(await session(other.owner), `/orgs/${other.orgId}/migrations`, { items: [{ inventory_id: other.services.mailbox, offer_id: host.offers.mail }] });
    expect((await json<PlanReplyBody>(again)).capacity_warnings).toEqual([{ provider_id: host.providerId, kind: "migrations", planned: 2, limit: 0 }]);
  });
});

describe("scheduling in a full week", () => {
  it("warns week_full (never refuses) when the host already has its rate of member migrations that ISO week; the provider's page says so", async () => {
    const host = await provider();
    await setRate(host.providerId, 1);
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const week = isoWeek(day);
    const elsewhere = isoWeek(new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10)).monday;

    // Another member's migration is already scheduled there that week.
    const busy = await member();
    await item({ migrationId: await migrationOf(busy.orgId), orgId: busy.orgId, inventoryId: busy.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "scheduled", scheduledFor: week.monday, lastMoveAt: new Date(Date.now() - 60_000).toISOString() });

    const m = await member();
    const mig = await migrationOf(m.orgId);
    const since = new Date(Date.now() - 60_000).toISOString();
    const a = await item({ migrationId: mig, orgId: m.orgId, inventoryId: m.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "accepted", lastMoveAt: since });
    const b = await item({ migrationId: mig, orgId: m.orgId, inventoryId: m.services.web, kind: "web_hosting", offerId: host.offers.web, providerId: host.providerId, state: "accepted", lastMoveAt: since });
    const c = await item({ migrationId: mig, orgId: m.orgId, inventoryId: m.services.big, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "accepted", lastMoveAt: since });

    const move = (itemId: string, scheduled_for: string) => call(host.key, `/migrations/${mig}/items/${itemId}/transitions`, { to: "scheduled", scheduled_for });
    const full = await move(a, week.sunday);
    expect(full.status, await full.clone().text()).toBe(200);
    const body = await json<MoveReplyBody>(full);
    expect(body.warnings).toEqual(["week_full"]);
    expect(body.item.state).toBe("scheduled");
    const event = await env.DB.prepare("select warnings from migration_events where item_id = ? and to_state = 'scheduled'").bind(a).first<{ warnings: string }>();
    expect(JSON.parse(event!.warnings)).toEqual(["week_full"]);

    // A second item of the same migration that week adds no member migration: no warning.
    expect((await json<MoveReplyBody>(await move(b, week.monday))).warnings).toEqual([]);
    // Another week with room: no warning.
    expect((await json<MoveReplyBody>(await move(c, elsewhere))).warnings).toEqual([]);

    const page = await (await (await session(host.owner)).fetch(`/orgs/${host.orgId}/migrations?lang=en`)).text();
    const card = page.slice(page.indexOf(`data-item="${a}"`), page.indexOf("</li>", page.indexOf(`data-item="${a}"`)));
    expect(card).toContain("already has as many member migrations scheduled with this host as its stated weekly rate");
    const other = page.slice(page.indexOf(`data-item="${c}"`), page.indexOf("</li>", page.indexOf(`data-item="${c}"`)));
    expect(other).not.toContain("stated weekly rate");
    const fr = await (await (await session(host.owner)).fetch(`/orgs/${host.orgId}/migrations?lang=fr`)).text();
    expect(fr).toContain("autant de migrations de membres que son rythme annoncé");
  });

  it("a host without a rate, or a week with room, never warns", async () => {
    const host = await provider();
    const m = await member();
    const mig = await migrationOf(m.orgId);
    const a = await item({ migrationId: mig, orgId: m.orgId, inventoryId: m.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "accepted", lastMoveAt: new Date(Date.now() - 60_000).toISOString() });
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const res = await call(host.key, `/migrations/${mig}/items/${a}/transitions`, { to: "scheduled", scheduled_for: day });
    expect((await json<MoveReplyBody>(res)).warnings).toEqual([]);
  });
});

describe("the control room: member migrations against the weekly rate", () => {
  it("API, page and CSV show migrations under way per host beside its limit; a rated host with none is listed with 0", async () => {
    const weeks = weeksNow();
    const busy = await provider();
    const idle = await provider();
    await setRate(busy.providerId, 1);
    await setRate(idle.providerId, 3);
    await fillMigrations(busy.providerId, busy.offers.mail, weeks + 2);

    const p = await json<ProgressResponse>(await steward.fetch(`/api/v1/transition/progress?host=${busy.providerId}`));
    expect(p.migrations).toEqual([{ provider_id: busy.providerId, provider_name: expect.any(String), started: weeks + 2, per_week: 1, weeks_left: weeks, limit: weeks, over: true }]);
    const q = await json<ProgressResponse>(await steward.fetch(`/api/v1/transition/progress?host=${idle.providerId}`));
    expect(q.migrations).toEqual([{ provider_id: idle.providerId, provider_name: expect.any(String), started: 0, per_week: 3, weeks_left: weeks, limit: 3 * weeks, over: false }]);

    const page = await (await steward.fetch(`/transition?host=${busy.providerId}&lang=en`)).text();
    expect(page).toContain("Member migrations per host");
    expect(page).toContain(`data-host="${busy.providerId}" data-pace="over"`);
    expect(page).toContain(`${weeks} (${weeks} weeks)`);
    expect(page).toContain("beyond its pace");
    expect(page.match(/class="load-bar"/g)!.length).toBeGreaterThanOrEqual(2);
    const csv = await (await steward.fetch(`/transition?host=${busy.providerId}&format=csv`)).text();
    expect(csv).toMatch(new RegExp(`migrations,${busy.providerId},[^\\r]* started,${weeks + 2}\\r\\n`));
    expect(csv).toMatch(new RegExp(`migrations,${busy.providerId},[^\\r]* limit,${weeks}\\r\\n`));
  });
});
