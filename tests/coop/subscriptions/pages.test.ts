// The subscription pages in workerd: an owner takes a plan, a wrong quantity comes back translated
// next to its field, a quantity changes and a subscription is cancelled; the coop_admin's list and
// its billing run; other people are refused.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../../accounts/helpers";
import { seed } from "../../helpers/catalog";
import { grantRole } from "../../helpers/people";
import { coop, customer } from "../helpers";

let owner: Browser;
let org: string;
let plans: { mail: string; site: string };

beforeAll(async () => {
  const coopOrg = await coop();
  await seed({
    provider: { name: "Coopérative Pages", website: "https://coop-pages.example.be" },
    offers: [
      { service: "mailbox", name: "Boîte coop", pricing: { model: "paid", amount_cents: 250, period: "month", unit: "per_unit" } },
      { service: "web_hosting", name: "Site coop", pricing: { model: "paid", amount_cents: 6000, period: "year", unit: "flat" } },
    ],
  });
  const ids = await env.DB.prepare("select id, name, provider_id from offers order by name").all<{ id: string; name: string; provider_id: string }>();
  plans = { mail: ids.results.find((o) => o.name === "Boîte coop")!.id, site: ids.results.find((o) => o.name === "Site coop")!.id };
  await env.DB.prepare("update organisations set provider_id = ? where id = ?").bind(ids.results[0]!.provider_id, coopOrg).run();
  org = await customer({ owner: "owner@subpages.test", member: "plain@subpages.test", language: "nl" });
  owner = await signIn("owner@subpages.test");
});

describe("/orgs/:orgId/subscriptions", () => {
  it("takes a plan, refuses a wrong quantity next to its field in the visitor's language, changes and cancels", async () => {
    let page = await (await owner.fetch(`/orgs/${org}/subscriptions?lang=fr`)).text();
    expect(page).toContain("Votre organisation n&#39;a encore aucun abonnement.");
    expect(page).toContain("Boîte coop — 2,50");

    let res = await owner.post(`/orgs/${org}/subscriptions?lang=fr`, { offer_id: plans.site, quantity: "3", interval: "year" });
    expect(res.status).toBe(400);
    page = await res.text();
    expect(page).toContain('id="sub-quantity-error"');
    expect(page).toContain("Cette formule est un forfait : la quantité est 1.");
    expect(page).toContain('value="3"'); // what was typed stays
    res = await owner.post(`/orgs/${org}/subscriptions?lang=en`, { offer_id: "off_nope", quantity: "x", interval: "week" });
    page = await res.text();
    for (const id of ["sub-offer_id-error", "sub-quantity-error", "sub-interval-error"]) expect(page).toContain(`id="${id}"`);
    expect(page).toContain("Choose one of the cooperative&#39;s plans.");
    expect(await env.DB.prepare("select count(*) n from subscriptions").first()).toEqual({ n: 0 });

    res = await owner.post(`/orgs/${org}/subscriptions`, { offer_id: plans.mail, quantity: "4", interval: "month" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${org}/subscriptions?notice=subscribed`);
    const sub = (await env.DB.prepare("select id from subscriptions where org_id = ?").bind(org).first<{ id: string }>())!.id;

    res = await owner.post(`/orgs/${org}/subscriptions/${sub}`, { quantity: "0" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`id="quantity-${sub}-error"`);
    res = await owner.post(`/orgs/${org}/subscriptions/${sub}`, { quantity: "6" });
    expect(res.status).toBe(303);
    page = await (await owner.fetch(`/orgs/${org}/subscriptions?notice=changed&lang=nl`)).text();
    expect(page).toContain("Aantal gewijzigd vanaf vandaag.");
    expect(page).toContain('value="6"');

    res = await owner.post(`/orgs/${org}/subscriptions/${sub}/cancel`);
    expect(res.status).toBe(303);
    expect((await owner.post(`/orgs/${org}/subscriptions/${sub}/cancel`)).status).toBe(409);
    const ends = (await env.DB.prepare("select ends_on from subscriptions where id = ?").bind(sub).first<{ ends_on: string }>())!.ends_on;
    expect(ends).toMatch(/^\d{4}-\d{2}-01$/);
    page = await (await owner.fetch(`/orgs/${org}/subscriptions`)).text();
    expect(page).not.toContain(`action="/orgs/${org}/subscriptions/${sub}/cancel"`); // nothing left to cancel
  });

  it("refuses plain members, other organisations' people, and posts from elsewhere", async () => {
    const plain = await signIn("plain@subpages.test");
    expect((await plain.fetch(`/orgs/${org}/subscriptions`)).status).toBe(403);
    expect((await plain.post(`/orgs/${org}/subscriptions`, { offer_id: plans.mail, quantity: "1", interval: "month" })).status).toBe(403);
    const forged = await owner.fetch(`/orgs/${org}/subscriptions`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: `offer_id=${plans.mail}&quantity=1&interval=month` });
    expect(forged.status).toBe(403);
  });
});

describe("/coop/subscriptions", () => {
  it("lists every subscription for coop_admins and runs the month's billing", async () => {
    await grantRole("coop-subpages@billing.test", "coop_admin");
    const admin = await signIn("coop-subpages@billing.test");
    const page = await (await admin.fetch("/coop/subscriptions?lang=en")).text();
    expect(page).toContain("Members&#39; subscriptions");
    expect(page).toContain("Boîte coop");
    const res = await admin.post("/coop/subscriptions/run");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/coop/subscriptions?notice=run");
    expect((await owner.fetch("/coop/subscriptions")).status).toBe(403);
  });
});
