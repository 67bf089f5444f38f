// The control room: pure figures (burn-down, CSV), the aggregate queries against real D1 (one per
// figure, a constant number of D1 calls however many members), the API and the page, who may see
// them, and the home page's public summary without names.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { brusselsDays, burnDown, progress, progressCsv, sample, type Progress } from "../../../src/transition/control/figures";
import { controlProgress } from "../../../src/transition/control/service";
import type { ProgressResponse } from "../../../src/transition/control/control.api";
import { systemContext } from "../../../src/lib/context";
import { today } from "../../../src/lib/days";
import { newDevice } from "../../accounts/helpers";
import { call as get, problem, STEWARD, STEWARD_EMAIL, json } from "../../helpers/http";
import { apiKey, bearer, makeOrg } from "../../helpers/people";
import { member, provider, service, session, unique } from "../migrations-helpers";
import { countingEnv, daysAgo, item, migrationOf, serviceCreated } from "./helpers";
import type { Bindings } from "../../../src/env";

describe("pure: burn-down and CSV", () => {
  it("counts services left day by day, gaps filled, beside the straight ideal line to the deadline", () => {
    const points = burnDown(
      [
        { day: "2027-01-01", added: 10, done: 0 },
        { day: "2027-01-03", added: 0, done: 2 },
        { day: "2027-01-04", added: 2, done: 1 },
      ],
      "2027-01-05",
      "2027-01-11T00:00:00Z",
    );
    expect(points.map((p) => [p.day, p.left, p.ideal])).toEqual([
      ["2027-01-01", 10, 10],
      ["2027-01-02", 10, 9],
      ["2027-01-03", 8, 8],
      ["2027-01-04", 9, 7],
      ["2027-01-05", 9, 6],
    ]);
    expect(sample(points, 2).map((p) => p.day)).toEqual(["2027-01-01", "2027-01-03", "2027-01-05"]);
    expect(burnDown([], "2027-01-05", "2027-01-11T00:00:00Z")).toEqual([]);
  });

  it("puts each UTC hour's changes in its Brussels day, summer and winter", () => {
    expect(
      brusselsDays([
        { hour: "2027-01-01T22", added: 2, done: 0 }, // 23:00 in Brussels (UTC+1): still the 1st
        { hour: "2027-01-01T23", added: 3, done: 1 }, // midnight in Brussels: the 2nd
        { hour: "2027-01-02 05", added: 0, done: 1 }, // D1's own "YYYY-MM-DD HH" form reads the same
        { hour: "2027-06-30T21", added: 1, done: 0 }, // 23:00 in Brussels (UTC+2): the 30th
        { hour: "2027-06-30T22", added: 0, done: 4 }, // midnight in Brussels: July 1st
      ]),
    ).toEqual([
      { day: "2027-01-01", added: 2, done: 0 },
      { day: "2027-01-02", added: 3, done: 2 },
      { day: "2027-06-30", added: 1, done: 0 },
      { day: "2027-07-01", added: 0, done: 4 },
    ]);
    expect(brusselsDays([])).toEqual([]);
  });

  it("a host over its declared capacity is flagged; no declared capacity never is", () => {
    const p = progress(
      { kinds: [{ kind: "mailbox", total: 3, moved: 1 }], days: [], withoutPlan: [], stuck: [], late: [], load: [
        { provider_id: "prv_a", provider_name: "A", kind: "mailbox", units: 5, done: 0, capacity: 4 },
        { provider_id: "prv_b", provider_name: "B", kind: "mailbox", units: 50, done: 0, capacity: null },
      ], pace: [] },
      { now: new Date("2027-01-01T00:00:00Z"), today: "2027-01-01", deadline: "2027-01-11T00:00:00Z", filters: {} },
    );
    expect(p.load.map((l) => l.over)).toEqual([true, false]);
    expect(p.moved).toMatchObject({ total: 3, moved: 1, left: 2 });
    expect(p.days_left).toBe(10);
  });

  it("CSV quotes commas and quotes and defuses formula cells", () => {
    const p: Progress = progress(
      { kinds: [], days: [], withoutPlan: [{ org_id: "org_1", name: '=HYPERLINK("x"), "Les Amis"', services: 2 }], stuck: [], late: [], load: [], pace: [] },
      { now: new Date("2027-01-01T00:00:00Z"), today: "2027-01-01", deadline: "2027-01-11T00:00:00Z", filters: {} },
    );
    const csv = progressCsv(p);
    expect(csv.split("\r\n")[0]).toBe("figure,subject,detail,value");
    expect(csv).toContain(`without_plan,org_1,"'=HYPERLINK(""x""), ""Les Amis""",2`);
  });
});

/** One host and three members: one without a plan, one with a stuck and a late item, one whose moves are done. */
async function world() {
  const host = await provider();
  const idle = await member();
  const busy = await member();
  const finished = await member();
  for (const m of [idle, busy, finished]) for (const id of Object.values(m.services)) await serviceCreated(id, daysAgo(40));
  const mb = await migrationOf(busy.orgId);
  const stuck = await item({ migrationId: mb, orgId: busy.orgId, inventoryId: busy.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "accepted", lastMoveAt: daysAgo(30), events: [daysAgo(20)] });
  const late = await item({ migrationId: mb, orgId: busy.orgId, inventoryId: busy.services.web, kind: "web_hosting", offerId: host.offers.web, providerId: host.providerId, state: "scheduled", lastMoveAt: daysAgo(3), scheduledFor: "2028-02-01", events: [daysAgo(2)] });
  const fresh = await item({ migrationId: mb, orgId: busy.orgId, inventoryId: busy.services.big, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "copying", lastMoveAt: daysAgo(1), events: [daysAgo(1)] });
  const mf = await migrationOf(finished.orgId);
  for (const [k, inv, offer] of [["mailbox", finished.services.mailbox, host.offers.mail], ["mailbox", finished.services.big, host.offers.mail], ["web_hosting", finished.services.web, host.offers.web]] as const)
    await item({ migrationId: mf, orgId: finished.orgId, inventoryId: inv, kind: k, offerId: offer, providerId: host.providerId, state: "done", lastMoveAt: daysAgo(10), createdAt: daysAgo(30), events: [daysAgo(10)] });
  return { host, idle, busy, finished, items: { stuck, late, fresh } };
}

let w: Awaited<ReturnType<typeof world>>;
let readKey: Record<string, string>;
beforeAll(async () => {
  w = await world();
  readKey = bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["transition:read"] }));
});

describe("GET /api/v1/transition/progress", () => {
  it("a steward's key with transition:read gets every figure, narrowed to one host", async () => {
    const res = await get(`/api/v1/transition/progress?host=${w.host.providerId}`, { headers: readKey });
    expect(res.status).toBe(200);
    const p = await json<ProgressResponse>(res);
    // The host's six services: three done, three under way.
    expect(p.moved).toMatchObject({ total: 6, moved: 3, left: 3 });
    expect(p.moved.by_kind.find((k) => k.kind === "mailbox")).toEqual({ kind: "mailbox", total: 4, moved: 2 });
    expect(p.stuck.map((i) => i.item_id)).toEqual([w.items.stuck]);
    expect(p.stuck[0]).toMatchObject({ org_id: w.busy.orgId, provider_id: w.host.providerId, state: "accepted", kind: "mailbox" });
    expect(p.late.map((i) => [i.item_id, i.scheduled_for])).toEqual([[w.items.late, "2028-02-01"]]);
    expect(p.load).toEqual([
      { provider_id: w.host.providerId, provider_name: expect.any(String), kind: "mailbox", units: 4, done: 2, capacity: null, over: false },
      { provider_id: w.host.providerId, provider_name: expect.any(String), kind: "web_hosting", units: 2, done: 1, capacity: null, over: false },
    ]);
    // The burn-down: six services 40 days ago, three done ten days ago.
    expect(p.burn_down[0]).toMatchObject({ left: 6, ideal: 6 });
    expect(p.burn_down.at(-1)).toMatchObject({ left: 3 });
    // From the services' Brussels creation day 40 days ago to Brussels's today (lib/days): 41 days,
    // at any hour (both ends are Brussels days).
    expect(p.burn_down.length).toBe(41);
    expect(p.burn_down[0]!.day).toBe(today(new Date(daysAgo(40))));
    expect(p.burn_down.at(-1)!.day).toBe(today());
    // Host filter: a member without a plan has no host, so the list is empty.
    expect(p.without_plan).toEqual([]);
  });

  it("without filters, the member without a plan is listed with its services; a kind filter narrows every figure", async () => {
    const p = await json<ProgressResponse>(await get("/api/v1/transition/progress", { headers: readKey }));
    expect(p.without_plan).toContainEqual({ org_id: w.idle.orgId, name: expect.stringContaining("Association"), services: 3 });
    expect(p.without_plan.map((o) => o.org_id)).not.toContain(w.busy.orgId);
    const web = await json<ProgressResponse>(await get(`/api/v1/transition/progress?kind=web_hosting&host=${w.host.providerId}`, { headers: readKey }));
    expect(web.moved).toMatchObject({ total: 2, moved: 1 });
    expect(web.stuck).toEqual([]);
    const state = await json<ProgressResponse>(await get(`/api/v1/transition/progress?state=accepted&host=${w.host.providerId}`, { headers: readKey }));
    expect(state.moved).toMatchObject({ total: 1, moved: 0 });
  });

  it("format=csv answers every figure as CSV", async () => {
    const res = await get(`/api/v1/transition/progress?host=${w.host.providerId}&format=csv`, { headers: readKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text).toContain("moved,total,moved,3\r\n");
    expect(text).toContain(`stuck,${w.items.stuck},`);
    expect(text).toContain(`late,${w.items.late},`);
  });

  it("bad filters are 400 naming the field", async () => {
    const kind = await problem(await get("/api/v1/transition/progress?kind=teapot", { headers: readKey }), 400);
    expect(kind.errors!.map((e: { field: string }) => e.field)).toEqual(["kind"]);
    const host = await problem(await get("/api/v1/transition/progress?host=%27%3B%20drop", { headers: readKey }), 400);
    expect(host.errors!.map((e: { field: string }) => e.field)).toEqual(["host"]);
  });

  it("security: anonymous 401; a steward key without transition:read 403; a member 403; a provider's key 403", async () => {
    await problem(await get("/api/v1/transition/progress"), 401);
    await problem(await get("/api/v1/transition/progress", { headers: STEWARD }), 403);
    const m = await session(w.busy.owner);
    await problem(await m.fetch("/api/v1/transition/progress"), 403);
    await problem(await get("/api/v1/transition/progress", { headers: w.host.key }), 403);
    const coop = await apiKey({ email: `coop-${unique()}@control.test`, scopes: ["transition:read"] });
    await problem(await get("/api/v1/transition/progress", { headers: bearer(coop) }), 403);
  });
});

describe("one aggregate query per figure", () => {
  it("the number of D1 calls stays the same with 5 or 55 members", async () => {
    const measure = async () => {
      const { env: counted, counts } = countingEnv();
      await controlProgress(systemContext(counted as unknown as Bindings, "cli"), {});
      return { ...counts };
    };
    const before = await measure();
    const host = await provider();
    for (let i = 0; i < 50; i++) {
      const orgId = await makeOrg({ kind: "member", name: `Bulk ${unique()}`, members: [] });
      const svc = await service(orgId, { kind: "mailbox", address: `a@bulk${i}.example.be`, quota_mb: 100, used_mb: 1 }, `a@bulk${i}.example.be`);
      if (i % 2) await item({ migrationId: await migrationOf(orgId), orgId, inventoryId: svc, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: i % 4 === 1 ? "done" : "requested", lastMoveAt: daysAgo(i) });
    }
    const after = await measure();
    expect(after).toEqual(before);
    // Seven figures (the last: member migrations per host), prepared once each and sent in one batch.
    expect(before).toEqual({ prepared: 7, sent: 1 });
  });
});

describe("/transition page", () => {
  it("a steward sees the figures, the burn-down SVG with its table, the filters, and a CSV link", async () => {
    const s = await session(STEWARD_EMAIL);
    const res = await s.fetch(`/transition?host=${w.host.providerId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-line="ideal"');
    expect(html).toContain('stroke-dasharray="8 5"');
    expect(html).toContain('data-line="actual"');
    expect(html).toContain("Services restants, semaine par semaine");
    expect(html).toMatch(/<form method="get" action="\/transition"/);
    expect(html).toContain(`data-item="${w.items.stuck}"`);
    expect(html).toContain(`href="/transition?host=${w.host.providerId}&amp;format=csv"`);
    const csv = await s.fetch(`/transition?host=${w.host.providerId}&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain("moved,total,total,6");
  });

  it("in Dutch and English too", async () => {
    const s = await session(STEWARD_EMAIL);
    expect(await (await s.fetch("/transition?lang=nl")).text()).toContain("Controlekamer van de transitie");
    expect(await (await s.fetch("/transition?lang=en")).text()).toContain("Transition control room");
  });

  it("a bad filter is a 400 page; anonymous visitors are sent to sign in; members get 403", async () => {
    const s = await session(STEWARD_EMAIL);
    expect((await s.fetch("/transition?state=flying")).status).toBe(400);
    expect((await newDevice().fetch("/transition")).status).toBe(303);
    const m = await session(w.busy.owner);
    expect((await m.fetch("/transition")).status).toBe(403);
  });
});

describe("home page", () => {
  it("shows services moved over the total and the days left, without any name", async () => {
    const html = await (await get("/")).text();
    const row = await env.DB.prepare("select count(*) as total from inventory_services where gone_at is null").first<{ total: number }>();
    expect(html).toContain("Où en est la transition");
    expect(html).toMatch(new RegExp(`sur ${row!.total.toLocaleString("fr-BE").replace(/\s/g, "\\s")} ont déjà déménagé`));
    const section = html.slice(html.indexOf("transition-summary"), html.indexOf("</section>", html.indexOf("transition-summary")));
    expect(section).not.toContain("Association");
    expect(section).not.toContain("Host ");
  });
});
