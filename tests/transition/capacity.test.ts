// PUT/GET /api/v1/providers/{id}/capacity, and the units already planned counted against it.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newDevice, signIn, type Browser } from "../accounts/helpers";
import { BASE, call, json, problem } from "../helpers/http";
import { seed } from "../helpers/catalog";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";
import type { CapacityBody } from "../../src/transition/capacity/capacity.api";
import { createDb } from "../../src/db/client";
import { loadCapacities, plannedUnits } from "../../src/transition/capacity/service";

let providerId: string;
let otherProviderId: string;
let offerId: string;
let owner: Browser;
let otherOwner: Browser;
let memberOwner: Browser;
let steward: Browser;
let providerKey: Record<string, string>;
let otherKey: Record<string, string>;

const put = (who: Browser | Record<string, string>, id: string, body: unknown, contentType = "application/json") => {
  const init = { method: "PUT", headers: { "content-type": contentType, origin: BASE, "sec-fetch-site": "same-origin" }, body: typeof body === "string" ? body : JSON.stringify(body) };
  if (who instanceof Object && "fetch" in who) return (who as Browser).fetch(`/api/v1/providers/${id}/capacity`, init);
  return call(`/api/v1/providers/${id}/capacity`, { ...init, headers: { ...init.headers, ...(who as Record<string, string>) } });
};

beforeAll(async () => {
  const [a, b] = await seed(
    { provider: { name: "Capacité A", country_code: "BE" }, offers: [{ service: "mailbox", name: "A mail", pricing: { model: "paid", amount_cents: 300 } }] },
    { provider: { name: "Capacité B", country_code: "BE" }, offers: [{ service: "mailbox", name: "B mail", pricing: { model: "paid", amount_cents: 300 } }] },
  );
  providerId = a!.provider_id;
  offerId = a!.offer_ids[0]!;
  otherProviderId = b!.provider_id;
  const orgA = await makeOrg({ kind: "provider", providerId, members: [{ email: "cap-owner@a.test", role: "owner" }] });
  await makeOrg({ kind: "provider", providerId: otherProviderId, members: [{ email: "cap-owner@b.test", role: "owner" }] });
  const memberOrg = await makeOrg({ kind: "member", members: [{ email: "cap-member@m.test", role: "owner" }] });
  await grantRole("cap-steward@chatiere.test", "steward");
  owner = await signIn("cap-owner@a.test");
  otherOwner = await signIn("cap-owner@b.test");
  memberOwner = await signIn("cap-member@m.test");
  steward = await signIn("cap-steward@chatiere.test");
  providerKey = bearer(await apiKey({ email: "cap-owner@a.test", orgId: orgA, scopes: ["offers:write"] }));
  otherKey = bearer(await apiKey({ email: "cap-owner@a.test", orgId: orgA, scopes: ["webhooks:manage"] }));

  // Three mailboxes of a member already planned at A (one of them cancelled: it holds no unit).
  for (const [i, state] of [[1, "planned"], [2, "scheduled"], [3, "cancelled"]] as const) {
    await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)")
      .bind(`svc_cap${i}`, memberOrg, `mailbox:b${i}@m.test`, JSON.stringify({ kind: "mailbox", address: `b${i}@m.test`, quota_mb: null, used_mb: null }))
      .run();
  }
  await env.DB.prepare("insert into migrations (id, org_id) values ('mig_cap', ?)").bind(memberOrg).run();
  for (const [i, state] of [[1, "planned"], [2, "scheduled"], [3, "cancelled"]] as const) {
    await env.DB.prepare("insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, last_move_at) values (?, 'mig_cap', ?, ?, 'mailbox', ?, ?, ?, '2026-01-01T00:00:00Z')")
      .bind(`mit_cap${i}`, memberOrg, `svc_cap${i}`, offerId, providerId, state)
      .run();
  }
});

describe("capacity: happy", () => {
  it("the provider's owner declares it; the public GET shows it with the units planned and what is left", async () => {
    const res = await put(owner, providerId, { units: { mailbox: 40, web_hosting: 3 }, migrations_per_week: 5 });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json<CapacityBody>(res);
    expect(body).toMatchObject({ provider_id: providerId, units: { mailbox: 40, web_hosting: 3 }, migrations_per_week: 5, planned: { mailbox: 2 }, remaining: { mailbox: 38, web_hosting: 3 } });

    const got = await json<CapacityBody>(await call(`/api/v1/providers/${providerId}/capacity`));
    expect(got).toEqual(body);
    const audit = await env.DB.prepare("select count(*) as n from audit_log where action = 'provider.capacity' and subject_id = ?").bind(providerId).first<{ n: number }>();
    expect(audit!.n).toBeGreaterThanOrEqual(1);
  });

  it("replaces the declaration whole: a kind left out becomes unlimited; its key and stewards may set it too", async () => {
    expect((await put(providerKey, providerId, { units: { mailbox: 1 } })).status).toBe(200);
    const body = await json<CapacityBody>(await put(steward, providerId, { units: { mailbox: 1 }, migrations_per_week: null }));
    expect(body.units).toEqual({ mailbox: 1 });
    expect(body.migrations_per_week).toBeNull();
    // Planned beyond what is declared: nothing left, never a negative.
    expect(body.remaining).toEqual({ mailbox: 0 });
  });

  it("loadCapacities and plannedUnits read every provider at once", async () => {
    const db = createDb(env.DB);
    expect((await loadCapacities(db)).get(providerId)).toEqual({ units: { mailbox: 1 }, migrations_per_week: null });
    expect((await plannedUnits(db)).get(providerId)).toEqual({ mailbox: 2 });
    expect((await plannedUnits(db)).get(otherProviderId)).toBeUndefined();
  });

  it("a provider that declared nothing answers empty (everything unlimited)", async () => {
    const body = await json<CapacityBody>(await call(`/api/v1/providers/${otherProviderId}/capacity`));
    expect(body).toEqual({ provider_id: otherProviderId, units: {}, migrations_per_week: null, planned: {}, remaining: {}, updated_at: null });
  });
});

describe("capacity: errors", () => {
  it("names the field of a bad value and stores nothing", async () => {
    const before = await json<CapacityBody>(await call(`/api/v1/providers/${providerId}/capacity`));
    for (const [body, field] of [
      [{ units: { mailbox: -1 } }, "units.mailbox"],
      [{ units: { mailbox: 1.5 } }, "units.mailbox"],
      [{ units: { spaceship: 3 } }, "units"],
      [{ units: { mailbox: 1 }, migrations_per_week: "five" }, "migrations_per_week"],
      [{}, "units"],
    ] as const) {
      const p = await problem(await put(owner, providerId, body), 400);
      expect(p.errors?.map((e) => e.field).join(" "), JSON.stringify(body)).toContain(field);
    }
    expect((await problem(await put(owner, providerId, "{not json"), 400)).status).toBe(400);
    expect(await json(await call(`/api/v1/providers/${providerId}/capacity`))).toEqual(before);
  });

  it("answers 404 for an unknown provider and 415 for a form body", async () => {
    await problem(await call("/api/v1/providers/prv_nope/capacity"), 404);
    await problem(await put(steward, "prv_nope", { units: {} }), 404);
    await problem(await put(owner, providerId, "units=1", "application/x-www-form-urlencoded"), 415);
  });
});

describe("capacity: security", () => {
  it("only the provider's managers, its key with offers:write and stewards may declare it", async () => {
    await problem(await put(newDevice(), providerId, { units: { mailbox: 9 } }), 401);
    await problem(await put(otherOwner, providerId, { units: { mailbox: 9 } }), 403);
    await problem(await put(memberOwner, providerId, { units: { mailbox: 9 } }), 403);
    await problem(await put(otherKey, providerId, { units: { mailbox: 9 } }), 403);
    expect((await json<CapacityBody>(await call(`/api/v1/providers/${providerId}/capacity`))).units).toEqual({ mailbox: 1 });
  });
});
