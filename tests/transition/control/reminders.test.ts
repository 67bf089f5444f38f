// Reminders: the windows (pure), then the MORNING job against real D1 — each reminder once per
// window even when the cron fires twice, the person's language, the opt-out (and the essential
// 7-day reminder that ignores it), stuck items to both sides, the stewards' Monday digest.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../../src/lib/context";
import { MORNING, SCHEDULE } from "../../../src/ops/schedule";
import { runReminders } from "../../../src/transition/control/reminders-job";
import { isDigestDay, noPlanWindow, recipientsOf } from "../../../src/transition/control/reminders";
import { STEWARD_EMAIL } from "../../helpers/http";
import { member, provider, session } from "../migrations-helpers";
import { daysAgo, item, migrationOf } from "./helpers";

// Both Mondays; the deadline is wrangler.toml's 2027-12-31T23:00:00Z: 96 days left (window d120), then 5 (d7).
const NOW = new Date("2027-09-27T07:00:00Z");
const LAST_WEEK = new Date("2027-12-27T07:00:00Z");
const run = (now: Date) => runReminders(systemContext(env, "cron", { now: () => now, defer: () => {} }));
const mailsTo = async (email: string, kind: string) =>
  (await env.DB.prepare("select payload from outbox where recipient = ? and kind = ? order by created_at").bind(email, kind).all<{ payload: string }>()).results.map((r) => JSON.parse(r.payload) as { lang: string; subject: string; text: string });

describe("pure: windows, digest day, recipients", () => {
  it("one window per step of the series, nothing outside it", () => {
    expect([200, 121, 120, 91, 90, 61, 60, 31, 30, 8, 7, 1, 0, -3].map(noPlanWindow)).toEqual([null, null, "d120", "d120", "d90", "d90", "d60", "d60", "d30", "d30", "d7", "d7", null, null]);
  });
  it("Mondays in Brussels", () => {
    expect(isDigestDay("2027-09-27")).toBe(true);
    expect(isDigestDay("2027-09-28")).toBe(false);
  });
  it("opted-out people only get essential reminders; one mail per address", () => {
    const people = [{ email: "a@x.be", lang: "fr" as const, optedOut: true }, { email: "b@x.be", lang: "nl" as const, optedOut: false }, { email: "b@x.be", lang: "nl" as const, optedOut: false }];
    expect(recipientsOf(people, false).map((p) => p.email)).toEqual(["b@x.be"]);
    expect(recipientsOf(people, true).map((p) => p.email)).toEqual(["a@x.be", "b@x.be"]);
  });
  it("the job runs every morning", () => {
    expect(SCHEDULE.find((j) => j.name === "reminders")?.cron).toBe(MORNING);
  });
});

let dutch: Awaited<ReturnType<typeof member>>;
let quiet: Awaited<ReturnType<typeof member>>;
let moving: Awaited<ReturnType<typeof member>>;
let host: Awaited<ReturnType<typeof provider>>;
let stuckItem: string;
beforeAll(async () => {
  dutch = await member();
  quiet = await member();
  moving = await member();
  host = await provider({ language: "en" });
  await env.DB.prepare("update users set language = 'nl' where email = ?").bind(dutch.owner).run();
  const m = await migrationOf(moving.orgId, daysAgo(40, NOW));
  stuckItem = await item({ migrationId: m, orgId: moving.orgId, inventoryId: moving.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "accepted", lastMoveAt: daysAgo(20, NOW) });
  await item({ migrationId: m, orgId: moving.orgId, inventoryId: moving.services.web, kind: "web_hosting", offerId: host.offers.web, providerId: host.providerId, state: "copying", lastMoveAt: daysAgo(2, NOW) });
  // The quiet owner turns non-essential reminders off on the page.
  const b = await session(quiet.owner);
  const res = await b.post("/account/reminders", { sent: "1", non_essential_off: "on" });
  expect(res.status).toBe(303);
  expect(await (await b.fetch("/account/reminders")).text()).toMatch(/id="non_essential_off"[^>]*checked/);
});

describe("the MORNING job", () => {
  it("sends each reminder once per window, however often the cron fires", async () => {
    const first = await run(NOW);
    const second = await run(NOW);
    expect(first.no_plan).toBeGreaterThanOrEqual(2);
    expect(first.stuck).toBe(1);
    expect(first.digest).toBe(1);
    expect(second).toEqual({ no_plan: 0, stuck: 0, digest: 0, mails: 0, raced: 0 });
    const rows = (await env.DB.prepare(`select kind, subject, "window", recipients from reminders_sent where subject in (?, ?, ?, 'stewards') order by kind, subject`).bind(dutch.orgId, quiet.orgId, stuckItem).all()).results;
    expect(rows).toContainEqual({ kind: "no_plan", subject: dutch.orgId, window: "d120", recipients: 1 });
    expect(rows).toContainEqual({ kind: "no_plan", subject: quiet.orgId, window: "d120", recipients: 0 });
    expect(rows).toContainEqual({ kind: "digest", subject: "stewards", window: "2027-09-27", recipients: 1 });
  });

  it("no plan: to the owner, in their language, with the plan link and the opt-out link; never to a member with a plan", async () => {
    const [mail, ...more] = await mailsTo(dutch.owner, "reminder.no_plan");
    expect(more).toEqual([]);
    expect(mail!.lang).toBe("nl");
    expect(mail!.subject).toContain("nog geen verhuisplan, 96 dagen voor de deadline");
    expect(mail!.text).toContain(`/orgs/${dutch.orgId}/migration/plan`);
    expect(mail!.text).toContain("/account/reminders");
    expect(await mailsTo(dutch.plain, "reminder.no_plan")).toEqual([]); // a plain member is not an owner
    expect(await mailsTo(moving.owner, "reminder.no_plan")).toEqual([]);
  });

  it("opt-out respected for non-essential reminders; the 7-day one is essential and reaches everyone, once", async () => {
    expect(await mailsTo(quiet.owner, "reminder.no_plan")).toEqual([]);
    await run(LAST_WEEK);
    await run(LAST_WEEK);
    const [last, ...more] = await mailsTo(quiet.owner, "reminder.no_plan");
    expect(more).toEqual([]);
    expect(last!.lang).toBe("fr");
    expect(last!.text).toContain("Ce dernier rappel est essentiel");
    expect(await mailsTo(dutch.owner, "reminder.no_plan")).toHaveLength(2);
  });

  it("stuck 14 days: the member's owner and the host's owner, each in their language, once per stuck period", async () => {
    const [m] = await mailsTo(moving.owner, "reminder.stuck");
    const [h] = await mailsTo(host.owner, "reminder.stuck");
    expect(m!.subject).toMatch(/^Déménagement à l'arrêt : Boîte mail info@/);
    expect(m!.text).toContain(`/orgs/${moving.orgId}/migration`);
    expect(h!.lang).toBe("en");
    expect(h!.text).toContain("has been \"Accepted\" with no move at all since");
    // A new event starts a new period: stuck again 14 days later, mailed again once.
    const later = new Date(LAST_WEEK.getTime() + 20 * 86_400_000);
    await env.DB.prepare("insert into migration_events (id, migration_id, item_id, item_version, kind, role, occurred_at, recorded_at) select 'mev_' || lower(hex(randomblob(8))), migration_id, id, version + 1, 'tick', 'provider', ?1, ?1 from migration_items where id = ?2").bind(LAST_WEEK.toISOString(), stuckItem).run();
    await run(later);
    await run(later);
    // (The web item, copying since two days before NOW, got stuck meanwhile too: its own period, its own mail.)
    const mails = await mailsTo(moving.owner, "reminder.stuck");
    expect(mails.filter((x) => x.subject.includes("Boîte mail"))).toHaveLength(2);
    expect(mails.filter((x) => x.subject.includes("Site web"))).toHaveLength(1);
  });

  it("the stewards' digest on Mondays, with the figures and the control room's link", async () => {
    const digests = await mailsTo(STEWARD_EMAIL, "reminder.digest");
    expect(digests.length).toBe(2); // two Mondays, each once
    expect(digests[0]!.subject).toMatch(/^Transition : point de la semaine, \d+ services déménagés sur \d+$/);
    expect(digests[0]!.text).toContain("/transition");
    expect(digests[0]!.text).toContain("Membres sans plan");
  });
});
