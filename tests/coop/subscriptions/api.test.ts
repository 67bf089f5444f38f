// Subscriptions in workerd against D1: a member organisation subscribes to the cooperative's plans,
// changes a quantity and cancels; the monthly run issues one invoice per customer with the advance
// charges and the settlement by day, and does nothing more when the cron fires twice.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { runSubscriptionBilling } from "../../../src/coop/subscriptions/run";
import { changeQuantity, subscribe, cancelSubscription } from "../../../src/coop/subscriptions/service";
import { systemContext } from "../../../src/lib/context";
import { signIn } from "../../accounts/helpers";
import { seed } from "../../helpers/catalog";
import { call, json, problem } from "../../helpers/http";
import { apiKey } from "../../helpers/people";
import { coop, coopAdminKey, customer } from "../helpers";

let key: string;
let plans: { mail: string; web: string; other: string };
const H = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = H()) => call(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const at = (iso: string) => systemContext(env, "cli", { now: () => new Date(iso) });

async function offerId(name: string) {
  return (await env.DB.prepare("select id from offers where name = ?").bind(name).first<{ id: string }>())!.id;
}

beforeAll(async () => {
  const coopOrg = await coop();
  await seed(
    {
      provider: { name: "Coopérative Hébergement Solidaire", website: "https://coop.example.be" },
      offers: [
        { service: "mailbox", name: "Boîte mail coopérative", pricing: { model: "paid", amount_cents: 300, period: "month", unit: "per_unit" } },
        { service: "web_hosting", name: "Site coopératif", pricing: { model: "paid", amount_cents: 12_000, period: "year", unit: "flat" } },
      ],
    },
    { provider: { name: "Un autre CHATON", website: "https://autre.example.be" }, offers: [{ service: "mailbox", name: "Boîte ailleurs", pricing: { model: "paid", amount_cents: 100, period: "month", unit: "per_unit" } }] },
  );
  const providerId = (await env.DB.prepare("select provider_id from offers where name = 'Boîte mail coopérative'").first<{ provider_id: string }>())!.provider_id;
  await env.DB.prepare("update organisations set provider_id = ? where id = ?").bind(providerId, coopOrg).run();
  plans = { mail: await offerId("Boîte mail coopérative"), web: await offerId("Site coopératif"), other: await offerId("Boîte ailleurs") };
  key = await coopAdminKey();
});

describe("the plans", () => {
  it("are the cooperative's published offers, with monthly and yearly prices, for anyone", async () => {
    const body = await json(await call("/api/v1/coop/plans"));
    expect(body.items.map((p: { name: string }) => p.name)).toEqual(["Boîte mail coopérative", "Site coopératif"]);
    expect(body.items[0]).toMatchObject({ unit: "per_unit", monthly_unit_price_cents: 300, yearly_unit_price_cents: 3600 });
    expect(body.items[1]).toMatchObject({ unit: "flat", monthly_unit_price_cents: 1000, yearly_unit_price_cents: 12_000 });
  });
});

describe("subscribing by API", () => {
  it("lets the organisation's owner subscribe, change and cancel; refuses what is wrong by name", async () => {
    const org = await customer({ owner: "owner@sub.test", member: "member@sub.test" });
    const owner = await signIn("owner@sub.test");
    let res = await owner.fetch(`/api/v1/orgs/${org}/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ offer_id: plans.mail, quantity: 5, interval: "month" }) });
    expect(res.status).toBe(201);
    const sub = await json(res);
    expect(sub).toMatchObject({ organisation_id: org, plan: { id: plans.mail }, interval: "month", quantity: 5, unit_price_cents: 300, ends_on: null });

    res = await owner.fetch(`/api/v1/orgs/${org}/subscriptions/${sub.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ quantity: 7 }) });
    expect((await json(res)).quantity).toBe(7);

    res = await owner.fetch(`/api/v1/orgs/${org}/subscriptions/${sub.id}/cancel`, { method: "POST" });
    const cancelled = await json(res);
    expect(cancelled.ends_on).toMatch(/^\d{4}-\d{2}-01$/);
    expect(await problem(await owner.fetch(`/api/v1/orgs/${org}/subscriptions/${sub.id}/cancel`, { method: "POST" }), 409)).toBeTruthy();

    const bad = async (body: unknown, field: string) => {
      const p = await problem(await owner.fetch(`/api/v1/orgs/${org}/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), 400);
      expect(JSON.stringify(p)).toContain(field);
    };
    await bad({ offer_id: plans.other, quantity: 1 }, "offer_id"); // another host's offer is no plan
    await bad({ offer_id: plans.web, quantity: 2 }, "quantity"); // a flat plan
    await bad({ offer_id: plans.mail, quantity: 0 }, "quantity");
    await bad({ offer_id: plans.mail, quantity: 1, interval: "week" }, "interval");
  });

  it("keeps other people out", async () => {
    const org = await customer({ owner: "owner2@sub.test", member: "plain@sub.test" });
    const other = await customer({ owner: "stranger@sub.test" });
    const sub = await subscribe(at("2027-05-03T10:00:00Z"), org, { offerId: plans.mail, quantity: 1, interval: "month" });
    const plain = await signIn("plain@sub.test");
    expect((await plain.fetch(`/api/v1/orgs/${org}/subscriptions`)).status).toBe(403);
    const stranger = await signIn("stranger@sub.test");
    expect((await stranger.fetch(`/api/v1/orgs/${org}/subscriptions`)).status).toBe(403);
    // Its own organisation's path does not reach another's subscription.
    expect((await stranger.fetch(`/api/v1/orgs/${other}/subscriptions/${sub.subscription.id}/cancel`, { method: "POST" })).status).toBe(404);
    expect((await call(`/api/v1/orgs/${org}/subscriptions`)).status).toBe(401);
    // An organisation's own key never bills, whatever its scopes.
    const orgKey = await apiKey({ email: "owner2@sub.test", orgId: org, scopes: ["billing:write"] });
    expect((await send("GET", `/api/v1/orgs/${org}/subscriptions`, undefined, { authorization: `Bearer ${orgKey}` })).status).toBe(403);
    expect((await send("GET", "/api/v1/coop/subscriptions", undefined, { authorization: `Bearer ${orgKey}` })).status).toBe(403);
    // A coop_admin sees them all.
    const all = await json(await send("GET", "/api/v1/coop/subscriptions"));
    expect(all.items.some((s: { id: string }) => s.id === sub.subscription.id)).toBe(true);
  });
});

describe("the monthly billing run", () => {
  it("bills the month ahead and settles last month's changes by day, once", async () => {
    const org = await customer({ owner: "run@sub.test", contactEmail: "bureau@run.test" });
    // 10 November: 4 mailboxes; 16 November: 6; a flat site from 1 December.
    const mail = await subscribe(at("2027-11-10T09:00:00Z"), org, { offerId: plans.mail, quantity: 4, interval: "month" });
    await changeQuantity(at("2027-11-16T09:00:00Z"), mail.subscription.id, 6);
    const site = await subscribe(at("2027-12-01T06:00:00Z"), org, { offerId: plans.web, quantity: 1, interval: "year" });

    // (The file's other organisations, subscribed earlier, are billed in the same run.)
    const first = await runSubscriptionBilling(at("2027-12-01T07:00:00Z"));
    expect(first).toMatchObject({ runDay: "2027-12-01", skipped: 0 });
    expect(first.invoiced).toBeGreaterThanOrEqual(1);
    const run = await env.DB.prepare("select * from subscription_runs where org_id = ?").bind(org).first<{ document_id: string; lines: string; net_cents: number }>();
    const invoice = await env.DB.prepare("select * from billing_documents where id = ?").bind(run!.document_id).first<{ status: string; number: string; lines: string; net_cents: number; total_cents: number }>();
    expect(invoice!.status).toBe("open");
    expect(invoice!.number).toMatch(/^F2027-\d{6}$/);
    const lines = JSON.parse(invoice!.lines) as { description: string; quantity: number; unitPriceCents: number; netCents: number }[];
    // 4 boxes from 10 to 15 November (6/30 days), 6 boxes from 16 to 30 November (15/30), December ahead (6), the site's year ahead.
    expect(lines.map((l) => [l.quantity, l.netCents])).toEqual([
      [1, 240],
      [1, 900],
      [6, 1800],
      [1, 12_000],
    ]);
    expect(lines[0]!.description).toContain("Boîte mail coopérative");
    expect(lines[0]!.description).toContain("6/30");
    expect(invoice!.net_cents).toBe(240 + 900 + 1800 + 12_000);
    void site;

    // The cron fires again the same morning, and the next day: nothing more.
    expect(await runSubscriptionBilling(at("2027-12-01T07:00:05Z"))).toMatchObject({ customers: 0, invoiced: 0 });
    expect(await runSubscriptionBilling(at("2027-12-02T07:00:00Z"))).toMatchObject({ customers: 0, invoiced: 0 });
    const count = await env.DB.prepare("select count(*) as n from billing_documents where org_id = ?").bind(org).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });

  it("credits what a decrease left unused, and stops after a cancellation", async () => {
    const org = await customer({ owner: "credit@sub.test" });
    const mail = await subscribe(at("2028-01-01T06:00:00Z"), org, { offerId: plans.mail, quantity: 10, interval: "month" });
    await runSubscriptionBilling(at("2028-01-01T07:00:00Z")); // January ahead: 10 × 3 €
    await changeQuantity(at("2028-01-22T09:00:00Z"), mail.subscription.id, 2);
    await cancelSubscription(at("2028-01-25T09:00:00Z"), mail.subscription.id);
    await runSubscriptionBilling(at("2028-02-01T07:00:00Z"));
    const docs = await env.DB.prepare("select lines, net_cents from billing_documents where org_id = ? order by number").bind(org).all<{ lines: string; net_cents: number }>();
    expect(docs.results.map((d) => d.net_cents)).toEqual([3000]);
    // February: a credit of 8 boxes × 10/31 days exceeds nothing billed ahead (cancelled): carried to the next run, no invoice.
    const feb = await env.DB.prepare("select outcome, net_cents from subscription_runs where org_id = ? and run_day = '2028-02-01'").bind(org).first<{ outcome: string; net_cents: number }>();
    expect(feb).toEqual({ outcome: "carried", net_cents: -Math.round((8 * 300 * 10) / 31) });
    await runSubscriptionBilling(at("2028-03-01T07:00:00Z"));
    const march = await env.DB.prepare("select count(*) as n from subscription_runs where org_id = ? and run_day = '2028-03-01'").bind(org).first<{ n: number }>();
    expect(march!.n).toBe(0); // settled to its end: the customer is no longer in the run
  });

  it("adds the non-shareholder surcharge where the settings say so, and not for an organisation holding shares", async () => {
    const outsider = await customer({ owner: "outsider@sub.test" });
    const member = await customer({ owner: "holder@sub.test" });
    await env.DB.prepare("insert into share_classes (id, code, name, nominal_cents, min_shares, max_shares) values ('scl_sub', 'B', 'Usagers', 5000, 1, 100)").run();
    await env.DB.prepare("insert into shareholders (id, kind, org_id, name, street, postcode, city, country_code) values ('shh_sub', 'organisation', ?, 'Holder asbl', 'Rue Haute 5', '1000', 'Bruxelles', 'BE')").bind(member).run();
    await env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values ('sre_sub', 'shh_sub', 'scl_sub', 'subscription', 2, 10000, '2028-03-01')").run();
    for (const org of [outsider, member]) await subscribe(at("2028-04-01T06:00:00Z"), org, { offerId: plans.mail, quantity: 5, interval: "month" });
    const base = at("2028-04-01T07:00:00Z");
    await runSubscriptionBilling({ ...base, settings: { ...base.settings, COOP_NON_SHAREHOLDER_SURCHARGE_PERCENT: 10 } });
    const linesOf = async (org: string) => {
      const doc = await env.DB.prepare("select d.lines from subscription_runs r join billing_documents d on d.id = r.document_id where r.org_id = ? and r.run_day = '2028-04-01'").bind(org).first<{ lines: string }>();
      return (JSON.parse(doc!.lines) as { description: string; netCents: number }[]).map((l) => [l.description.split(" — ")[0], l.netCents]);
    };
    expect(await linesOf(outsider)).toEqual([
      ["Boîte mail coopérative", 1500],
      ["Supplément non-coopérateur (10 %)", 150],
    ]);
    expect(await linesOf(member)).toEqual([["Boîte mail coopérative", 1500]]);
  });

  it("lets a coop_admin start a run by hand, refusing a day that is not a first of the month", async () => {
    expect(JSON.stringify(await problem(await send("POST", "/api/v1/coop/billing-runs", { run_day: "2027-12-02" }), 400))).toContain("run_day");
    const res = await send("POST", "/api/v1/coop/billing-runs", {});
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ run_day: expect.stringMatching(/-01$/) });
    const owner = await signIn("run@sub.test");
    expect((await owner.fetch("/api/v1/coop/billing-runs", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(403);
  });
});
