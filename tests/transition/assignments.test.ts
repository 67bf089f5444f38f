// POST /api/v1/transition/assignments: members' inventories, the catalogue and the capacities less
// what is planned, through the engine; happy, error and security cases.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../accounts/helpers";
import { BASE, json, postJson, problem } from "../helpers/http";
import { seed } from "../helpers/catalog";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import type { AssignReplyBody } from "../../src/transition/assign/assign.api";
import { fillMigrations, setRate, weeksNow } from "./pace-helpers";

let cheap: string;
let cheapMail: string;
let dear: string;
let m1: string;
let m2: string;
let m3: string;
let stewardKey: Record<string, string>;
let steward: Browser;
let memberOwner: Browser;

async function mailboxes(orgId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const address = `box${i}@${orgId.toLowerCase()}.test`;
    await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)")
      .bind(`svc_${orgId}_${i}`, orgId, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null }))
      .run();
  }
}

beforeAll(async () => {
  const [a, b] = await seed(
    { provider: { name: "Assign Cheap", country_code: "BE" }, offers: [{ service: "mailbox", name: "Cheap mail", pricing: { model: "paid", amount_cents: 100, unit: "per_unit" } }] },
    { provider: { name: "Assign Dear", country_code: "BE" }, offers: [{ service: "mailbox", name: "Dear mail", pricing: { model: "paid", amount_cents: 300, unit: "per_unit" } }] },
  );
  cheap = a!.provider_id;
  cheapMail = a!.offer_ids[0]!;
  dear = b!.provider_id;
  await env.DB.prepare("insert into provider_capacities (provider_id, units, migrations_per_week) values (?, '{\"mailbox\":2}', null)").bind(cheap).run();
  m1 = await makeOrg({ kind: "member", name: "Un asbl", members: [{ email: "assign-m1@m.test", role: "owner" }] });
  m2 = await makeOrg({ kind: "member", name: "Deux", members: [{ email: "assign-m2@m.test", role: "owner" }] });
  m3 = await makeOrg({ kind: "member", name: "Trois", members: [] });
  await mailboxes(m1, 2);
  await mailboxes(m2, 1);
  await grantRole("assign-steward@chatiere.test", "steward");
  stewardKey = bearer(await apiKey({ email: "assign-steward@chatiere.test", scopes: ["migrations:write"] }));
  steward = await signIn("assign-steward@chatiere.test");
  memberOwner = await signIn("assign-m1@m.test");
});

const run = (body: unknown, headers = stewardKey) => postJson("/api/v1/transition/assignments", body, headers);

describe("assignments: happy", () => {
  it("optimal: the cheap host's two places go where they save most; the others go elsewhere or say why not", async () => {
    const res = await run({ organisation_ids: [m1, m2, m3], mode: "optimal" });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json<AssignReplyBody>(res);
    const where = Object.fromEntries(body.assignments.map((a) => [a.organisation_id, a]));
    // m1's two mailboxes save 400 at the cheap host, m2's one only 200.
    expect(where[m1]!.items).toEqual([
      { inventory_id: `svc_${m1}_0`, offer_id: expect.any(String) },
      { inventory_id: `svc_${m1}_1`, offer_id: expect.any(String) },
    ]);
    expect(where[m1]!.monthly_cents).toBe(200);
    expect(where[m2]!.monthly_cents).toBe(300);
    expect(body.unassigned).toEqual([{ organisation_id: m3, reason: "no_offer", message: expect.any(String) }]);
    expect(body.objective_cents).toBe(200 + 200 + 300 + 200); // monthly plus 2 € per provider per member
    expect(body.proved_optimal).toBe(true);
    expect(body.lower_bound_cents).toBe(body.objective_cents); // proved: nothing cheaper
    expect(body.stable).toBeNull();
    expect(body.capacity_used).toEqual({ [cheap]: { mailbox: "2/2" } });
    expect(dear).toBeTruthy();
  });

  it("stable: the same members by deferred acceptance, within the capacity; a session works as well as the key", async () => {
    const res = await steward.fetch("/api/v1/transition/assignments", {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ organisation_ids: [m1, m2], mode: "stable", groups: [[m1, m2]] }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json<AssignReplyBody>(res);
    // A group of 3 mailboxes cannot share the cheap host (2 places): both go to the dear one.
    const monthly = Object.fromEntries(body.assignments.map((a) => [a.organisation_id, a.monthly_cents]));
    expect(monthly).toEqual({ [m1]: 600, [m2]: 300 });
    expect(body.stable).toBe(true);
    expect(body.lower_bound_cents).toBeNull();
    expect(body.unassigned).toEqual([]);
    expect(body.capacity_used).toEqual({});
  });
});

describe("assignments: errors", () => {
  it("names the field at fault", async () => {
    const cases: [unknown, string][] = [
      [{ organisation_ids: [], mode: "optimal" }, "organisation_ids"],
      [{ organisation_ids: [m1], mode: "cheapest" }, "mode"],
      [{ organisation_ids: [m1, m2], mode: "optimal", groups: [[m1, "org_elsewhere"]] }, "groups.0.1"],
      [{ organisation_ids: [m1, m2], mode: "optimal", groups: [[m1, m2], [m2, m1]] }, "groups.1.0"],
      [{ organisation_ids: [m1], mode: "optimal", groups: [[m1]] }, "groups.0"],
      [{ organisation_ids: [m1, "org_unknown"], mode: "optimal" }, "organisation_ids.1"],
    ];
    for (const [body, field] of cases) {
      const p = await problem(await run(body), 400);
      expect(p.errors?.map((e) => e.field), JSON.stringify(body)).toContain(field);
    }
  });
});

describe("assignments: security", () => {
  it("only stewards and their key with migrations:write", async () => {
    const body = { organisation_ids: [m1], mode: "optimal" };
    await problem(await postJson("/api/v1/transition/assignments", body, {}), 401);
    const r = await memberOwner.fetch("/api/v1/transition/assignments", { method: "POST", headers: { "content-type": "application/json", origin: BASE, "sec-fetch-site": "same-origin" }, body: JSON.stringify(body) });
    await problem(r, 403);
    await problem(await run(body, bearer(await apiKey({ email: "assign-steward@chatiere.test", scopes: ["transition:import"] }))), 403);
    await problem(await run(body, bearer(await apiKey({ email: "assign-m1@m.test", orgId: m1, scopes: ["migrations:write"] }))), 403);
  });
});

describe("assignments: the weekly rate", () => {
  it("a host's rate × weeks left, less the member migrations under way, bounds the members sent there (one each); capacity_full when it binds", async () => {
    const weeks = weeksNow();
    // The cheap host: no unit limit any more, one migration a week, all but one of its weeks already taken.
    await setRate(cheap, 1);
    await fillMigrations(cheap, cheapMail, weeks - 1);
    // The dear host states a rate of nothing.
    await setRate(dear, 0);
    // One slot for two members: `optimal` places one either way and keeps the cheaper total (m2's
    // single mailbox); `stable` lets the host take whom it prefers (m1, an asbl). m1's two mailboxes
    // would have taken one member migration all the same.
    const expected = { optimal: [m2, 100, m1], stable: [m1, 200, m2] } as const;
    for (const mode of ["optimal", "stable"] as const) {
      const res = await run({ organisation_ids: [m1, m2], mode });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = await json<AssignReplyBody>(res);
      const [placed, monthly, out] = expected[mode];
      expect(body.assignments.map((a) => [a.organisation_id, a.monthly_cents]), mode).toEqual([[placed, monthly]]);
      expect(body.unassigned, mode).toEqual([{ organisation_id: out, reason: "capacity_full", message: expect.any(String) }]);
      expect(body.capacity_used, mode).toEqual({ [cheap]: { migrations: `${weeks}/${weeks}` } });
    }
    // The steward's review page lists the rate beside the other capacities.
    const review = await steward.fetch("/transition/assignments?lang=en", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin" },
      body: new URLSearchParams([["members", m1], ["members", m2], ["mode", "optimal"]]).toString(),
    });
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain("Member migrations (weekly rate × weeks left)");
    expect(html).toContain(`${weeks}/${weeks}`);
    // Without the rates both go to the cheap host, and nothing says `migrations`.
    await setRate(cheap, null);
    await setRate(dear, null);
    const free = await json<AssignReplyBody>(await run({ organisation_ids: [m1, m2], mode: "optimal" }));
    expect(Object.fromEntries(free.assignments.map((a) => [a.organisation_id, a.monthly_cents]))).toEqual({ [m1]: 200, [m2]: 100 });
    expect(free.capacity_used).toEqual({});
  });
});
