// Where members meet the cooperative's plans, in workerd against D1: the plan's page and its subscribe
// form (errors next to their field in the visitor's language, someone else's organisation refused,
// visitors sent to sign in and back), the provider page's links, the match results' link with the
// needs' quantity, the migration page's "subscribe" / "subscribed", and the coop_admin's recurring
// revenue against the break-even on /coop/admin and GET /api/v1/coop/revenue.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { saveSettings } from "../../../src/coop/pledges/service";
import { cancelSubscription, subscribe } from "../../../src/coop/subscriptions/service";
import { systemContext } from "../../../src/lib/context";
import { newDevice, signIn, type Browser } from "../../accounts/helpers";
import { seed } from "../../helpers/catalog";
import { grantRole } from "../../helpers/people";
import { decode } from "../../pages/helpers";
import { call, member } from "../../transition/migrations-helpers";
import { coop, customer } from "../helpers";

const OWNER = "owner@plan-pages.test";
const PLAIN = "plain@plan-pages.test";
const OTHER = "other@plan-pages.test";
let owner: Browser;
let org: string, otherOrg: string, coopProvider: string, elsewhereProvider: string;
let plans: { mail: string; site: string };
let elsewhere: string;

const text = (html: string) => decode(html.replace(/<[^>]+>/g, " ")).replace(/[\s\u00a0\u202f]+/g, " ");
const subscriptionCount = async () => (await env.DB.prepare("select count(*) n from subscriptions").first<{ n: number }>())!.n;

beforeAll(async () => {
  const coopOrg = await coop();
  const [c, e] = await seed(
    {
      provider: { name: "Coopérative Plans", website: "https://coop-plans.example.be" },
      offers: [
        { service: "mailbox", name: "Boîte coop", quotas: { storage_gb: 10 }, pricing: { model: "paid", amount_cents: 250, period: "month", unit: "per_unit" } },
        { service: "web_hosting", name: "Site coop", pricing: { model: "paid", amount_cents: 6000, period: "year", unit: "flat" } },
      ],
    },
    { provider: { name: "Hôte Ailleurs", website: "https://ailleurs.example.org" }, offers: [{ service: "mailbox", name: "Boîtes ailleurs", quotas: { storage_gb: 10 } }] },
  );
  coopProvider = c!.provider_id;
  elsewhereProvider = e!.provider_id;
  plans = { mail: c!.offer_ids[0]!, site: c!.offer_ids[1]! };
  elsewhere = e!.offer_ids[0]!;
  await env.DB.prepare("update organisations set provider_id = ? where id = ?").bind(coopProvider, coopOrg).run();
  org = await customer({ owner: OWNER, member: PLAIN });
  otherOrg = await customer({ owner: OTHER });
  owner = await signIn(OWNER);
});

describe("/coop/plans/:offerId", () => {
  it("shows a visitor the plan and a sign-in link that comes back to it, with the quantity", async () => {
    const res = await newDevice().fetch(`/coop/plans/${plans.mail}?quantity=4`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Boîte coop</h1>");
    expect(text(html)).toContain("2,50 €");
    expect(text(html)).toContain("30,00 €"); // the yearly price of one unit
    expect(html).toContain(`href="/sign-in?next=${encodeURIComponent(`/coop/plans/${plans.mail}?quantity=4`)}"`);
    expect(html).not.toContain('name="organisation_id"');
  });

  it("is not found for an unknown offer or another provider's", async () => {
    expect((await newDevice().fetch("/coop/plans/off_nope")).status).toBe(404);
    const res = await newDevice().fetch(`/coop/plans/${elsewhere}?lang=en`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("does not exist");
  });

  it("offers the owner a form for the organisations they manage, prefilled, in their language", async () => {
    const res = await owner.fetch(`/coop/plans/${plans.mail}?quantity=4&lang=nl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    expect(html).toContain(`action="/coop/plans/${plans.mail}"`);
    expect(html).toContain(`<option value="${org}"`);
    expect(html).not.toContain(`<option value="${otherOrg}"`);
    expect(html).toMatch(/id="plan-quantity"[^>]*value="4"|value="4"[^>]*id="plan-quantity"/);
    expect(text(html)).toContain("Geabonneerde organisatie");
    // A flat plan is taken once, whatever the link asks.
    expect(await (await owner.fetch(`/coop/plans/${plans.site}?quantity=5`)).text()).toMatch(/id="plan-quantity"[^>]*value="1"|value="1"[^>]*id="plan-quantity"/);
    // A plain member manages no organisation: told why, no form.
    const plain = await signIn(PLAIN);
    const page = await (await plain.fetch(`/coop/plans/${plans.mail}?lang=en`)).text();
    expect(text(page)).toContain("You are neither owner nor admin of any member organisation.");
    expect(page).not.toContain('name="organisation_id"');
  });

  it("sends wrong fields back next to themselves, translated, storing nothing", async () => {
    let res = await owner.post(`/coop/plans/${plans.mail}?lang=en`, { organisation_id: "", quantity: "0", interval: "week" });
    expect(res.status).toBe(400);
    let html = await res.text();
    for (const id of ["plan-organisation_id-error", "plan-quantity-error", "plan-interval-error"]) expect(html).toContain(`id="${id}"`);
    expect(text(html)).toContain("Choose one of the member organisations you manage.");
    expect(text(html)).toContain("Give a whole number from 1 to 10,000.");
    expect(text(html)).toContain("Choose monthly or yearly billing.");
    res = await owner.post(`/coop/plans/${plans.site}?lang=fr`, { organisation_id: org, quantity: "3", interval: "year" });
    expect(res.status).toBe(400);
    html = await res.text();
    expect(text(html)).toContain("Cette formule est un forfait : la quantité est 1.");
    expect(html).toContain('value="3"'); // what was typed stays
    expect(await subscriptionCount()).toBe(0);
  });

  it("refuses an organisation the person does not manage, visitors and posts from elsewhere", async () => {
    const res = await owner.post(`/coop/plans/${plans.mail}`, { organisation_id: otherOrg, quantity: "2", interval: "month" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('id="plan-organisation_id-error"');
    const plain = await signIn(PLAIN);
    expect((await plain.post(`/coop/plans/${plans.mail}`, { organisation_id: org, quantity: "2", interval: "month" })).status).toBe(403);
    expect((await newDevice().post(`/coop/plans/${plans.mail}`, { organisation_id: org, quantity: "2", interval: "month" })).status).toBe(401);
    const forged = await owner.fetch(`/coop/plans/${plans.mail}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: `organisation_id=${org}&quantity=2&interval=month` });
    expect(forged.status).toBe(403);
    expect(await subscriptionCount()).toBe(0);
  });

  it("subscribes the organisation and sends the owner to its subscriptions; the plan page then says so", async () => {
    const res = await owner.post(`/coop/plans/${plans.mail}`, { organisation_id: org, quantity: "4", interval: "year" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${org}/subscriptions?notice=subscribed`);
    const row = await env.DB.prepare("select s.org_id, s.offer_id, s.interval, v.quantity, v.unit_price_cents from subscriptions s join subscription_versions v on v.subscription_id = s.id").first();
    expect(row).toEqual({ org_id: org, offer_id: plans.mail, interval: "year", quantity: 4, unit_price_cents: 3000 });
    expect(text(await (await owner.fetch(`/orgs/${org}/subscriptions?notice=subscribed&lang=en`)).text())).toContain("Subscription saved.");
    const html = await (await owner.fetch(`/coop/plans/${plans.mail}?lang=fr`)).text();
    expect(text(html)).toContain("Déjà abonnées à cette formule :");
    expect(html).toContain(`href="/orgs/${org}/subscriptions"`);
  });
});

describe("links to the plans", () => {
  it("lists the cooperative's plans on its provider page, and nowhere else", async () => {
    const html = await (await newDevice().fetch(`/providers/${coopProvider}`)).text();
    expect(html).toContain(`href="/coop/plans/${plans.mail}"`);
    expect(html).toContain(`href="/coop/plans/${plans.site}"`);
    expect(text(html)).toContain("S'abonner à Boîte coop");
    expect(await (await newDevice().fetch(`/providers/${elsewhereProvider}`)).text()).not.toContain("/coop/plans/");
  });

  it("links a plan in the match results with the needs' quantity", async () => {
    const html = await (await newDevice().fetch("/match/results?submitted=1&mailbox_qty=3&lang=en")).text();
    expect(html).toContain(`href="/coop/plans/${plans.mail}?quantity=3"`);
    expect(text(html)).toContain("Boîtes ailleurs"); // another host's offer is there too, without a link
    expect([...html.matchAll(/href="\/coop\/plans\/([^"?]+)/g)].map((m) => m[1]).every((id) => id === plans.mail)).toBe(true);
  });

  it("offers to subscribe to the plans of a migration, or says they are subscribed", async () => {
    const m = await member();
    const ownerOfM = await signIn(m.owner);
    const planned = await call(ownerOfM, `/orgs/${m.orgId}/migrations`, {
      items: [
        { inventory_id: m.services.mailbox, offer_id: plans.mail },
        { inventory_id: m.services.big, offer_id: plans.mail },
        { inventory_id: m.services.web, offer_id: plans.site },
      ],
    });
    expect(planned.status).toBe(201);
    let html = await (await ownerOfM.fetch(`/orgs/${m.orgId}/migration?lang=en`)).text();
    expect(html).toContain(`href="/coop/plans/${plans.mail}?quantity=2&amp;organisation=${m.orgId}"`);
    expect(html).toContain(`href="/coop/plans/${plans.site}?quantity=1&amp;organisation=${m.orgId}"`);
    expect(text(html)).toContain("Boîte coop: 2 services of this plan");
    // The link's organisation is chosen on the plan's page.
    expect(await (await ownerOfM.fetch(`/coop/plans/${plans.mail}?quantity=2&organisation=${m.orgId}`)).text()).toMatch(new RegExp(`<option value="${m.orgId}" selected`));

    await subscribe(systemContext(env, "cli"), m.orgId, { offerId: plans.site, quantity: 1, interval: "month" });
    html = await (await ownerOfM.fetch(`/orgs/${m.orgId}/migration?lang=en`)).text();
    expect(html).not.toContain(`href="/coop/plans/${plans.site}?`);
    expect(text(html)).toContain("Site coop: 1 service of this plan — Subscribed");
    // A plain member reads that, without the links.
    const plain = await signIn(m.plain);
    html = await (await plain.fetch(`/orgs/${m.orgId}/migration?lang=en`)).text();
    expect(text(html)).toContain("Subscribed");
    expect(html).not.toContain(`href="/coop/plans/`);
  });
});

describe("/coop/admin: recurring revenue against the break-even", () => {
  it("shows MRR (yearly ÷ 12, cancelled ones left out) against fixed costs + cost per unit × units, with the chart's text", async () => {
    // Now: 4 mailboxes yearly at €30 a unit (€10 a month) and one flat site monthly (€5). A cancelled one does not recur.
    const cancelled = await subscribe(systemContext(env, "cli"), otherOrg, { offerId: plans.mail, quantity: 10, interval: "month" });
    await cancelSubscription(systemContext(env, "cli"), cancelled.subscription.id);
    await saveSettings(systemContext(env, "cli"), { fixed_monthly_cents: 10_000, cost_per_unit_cents: { mailbox: 100, web_hosting: 500 }, target_capital_cents: 0, opens_on: null });
    await grantRole("coop@plan-pages.test", "coop_admin");
    const admin = await signIn("coop@plan-pages.test");
    let res = await admin.fetch("/coop/admin");
    expect(res.status).toBe(200);
    let html = await res.text();
    // 1000 + 500 = €15.00; break-even 10 000 + 4 × 100 + 1 × 500 = €109.00; 13 %; €94.00 missing.
    expect(text(html)).toContain("15,00 € par mois pour un seuil de rentabilité de 109,00 € (13 %).");
    expect(text(html)).toContain("Il manque 94,00 € par mois.");
    expect(html).toMatch(/data-figure="mrr">15,00/);
    expect(html).toMatch(/data-figure="break-even">109,00/);
    expect(text(html)).toContain("2 abonnements en cours");
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"[^>]*class="revenue-bars"/);
    expect(html).toMatch(/<rect x="0" y="0" width="41.28" height="20" fill="#1f5fa8" data-bar="mrr"/); // 1500 / 10900 × 300
    // What the home already showed is still there.
    for (const id of ["pending", "unpaid", "by-class", "due", "mrr"]) expect(html).toContain(`id="${id}"`);
    html = await (await admin.fetch("/coop/admin?lang=en")).text();
    expect(text(html)).toContain("€15.00 a month against a break-even of €109.00 (13 %).");
    expect(text(html)).toContain("rounded once to the cent");
    // The same figures by API.
    res = await admin.fetch("/api/v1/coop/revenue");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mrr_cents: 1500, break_even_cents: 10_900, shortfall_cents: 9400, percent: 13, subscriptions: 2, units: { mailbox: 4, web_hosting: 1 } });
    expect((await owner.fetch("/api/v1/coop/revenue")).status).toBe(403);
    expect((await newDevice().fetch("/api/v1/coop/revenue")).status).toBe(401);
    res = await owner.fetch("/coop/admin");
    expect(res.status).toBe(403);
    expect((await newDevice().fetch("/coop/admin")).headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent("/coop/admin")}`);
  });
});
