// Subscriptions to the cooperative's plans (src/coop/subscriptions): the plans are public; a member
// organisation's owners and admins (memberOrg: `member` is its owner) manage its subscriptions, and
// coop_admins anyone's; coop_admins list them all and start a billing run.
import { env } from "cloudflare:test";
import { subscribe } from "../../../src/coop/subscriptions/service";
import { systemContext } from "../../../src/lib/context";
import { everyone, only, PAGE, POST, type Row } from "../kit";
import type { World } from "../world";

const PLAN = "off_matrixplan";

/** The cooperative (as billing's rows make it), its provider and one plan, once per world. */
async function ready(w: World) {
  if (!(await env.DB.prepare("select 1 from billing_issuers").first())) {
    await env.DB.prepare("insert into organisations (id, kind, name, legal_name, company_number, street, postcode, city, country_code) values ('org_matrixcoop', 'cooperative', 'Coop', 'Coopérative Matrix SC', 'BE0417497106', 'Rue de la Loi 16', '1000', 'Bruxelles', 'BE')").run();
    await env.DB.prepare("insert into billing_issuers (org_id, vat_status, iban, bic) values ('org_matrixcoop', 'registered', 'BE68539007547034', 'GKCCBEBB')").run();
  }
  if (!(await env.DB.prepare("select 1 from offers where id = ?").bind(PLAN).first())) {
    await env.DB.prepare("insert into providers (id, external_key, name) values ('prv_matrixcoop', 'matrix-coop', 'Coop')").run();
    await env.DB.prepare("insert into offers (id, provider_id, external_key, service, name, quotas, pricing_model, amount_cents, period, unit, monthly_cents) values (?, 'prv_matrixcoop', 'plan', 'mailbox', 'Plan', '{}', 'paid', 300, 'month', 'per_unit', 300)").bind(PLAN).run();
    await env.DB.prepare("update organisations set provider_id = 'prv_matrixcoop' where kind = 'cooperative'").run();
  }
  await env.DB.prepare("update organisations set legal_name = 'Member A asbl', street = 'Rue Haute 5', postcode = '1000', city = 'Bruxelles', country_code = 'BE' where id = ?").bind(w.memberOrg).run();
}

async function freshSubscription(w: World): Promise<string> {
  await ready(w);
  return (await subscribe(systemContext(env, "cli"), w.memberOrg, { offerId: PLAN, quantity: 2, interval: "month" })).subscription.id;
}

const ownersAndCoop = (ok: number, anonymous = POST) => only(["member", "coopAdmin"], ok, anonymous);
const coop = (ok: number, anonymous = POST) => only(["coopAdmin"], ok, anonymous);

export const rows: Row[] = [
  { route: "GET /api/v1/coop/plans", request: () => ({ path: "/api/v1/coop/plans" }), expect: everyone(200) },
  { route: "GET /api/v1/orgs/:id/subscriptions", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/subscriptions` }), expect: ownersAndCoop(200) },
  { route: "POST /api/v1/orgs/:id/subscriptions", request: async (w) => (await ready(w), { path: `/api/v1/orgs/${w.memberOrg}/subscriptions`, json: { offer_id: PLAN, quantity: 1 } }), expect: ownersAndCoop(201) },
  { route: "PATCH /api/v1/orgs/:id/subscriptions/:subscriptionId", request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/subscriptions/${await freshSubscription(w)}`, json: { quantity: 3 }, method: "PATCH" }), expect: ownersAndCoop(200) },
  { route: "POST /api/v1/orgs/:id/subscriptions/:subscriptionId/cancel", request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/subscriptions/${await freshSubscription(w)}/cancel`, json: {} }), expect: ownersAndCoop(200) },
  { route: "GET /api/v1/coop/subscriptions", request: () => ({ path: "/api/v1/coop/subscriptions" }), expect: coop(200) },
  { route: "GET /orgs/:orgId/subscriptions", request: (w) => ({ path: `/orgs/${w.memberOrg}/subscriptions` }), expect: ownersAndCoop(200, PAGE) },
  { route: "POST /orgs/:orgId/subscriptions", request: async (w) => (await ready(w), { path: `/orgs/${w.memberOrg}/subscriptions`, form: { offer_id: PLAN, quantity: "1", interval: "month" } }), expect: ownersAndCoop(303) },
  { route: "POST /orgs/:orgId/subscriptions/:id", request: async (w) => ({ path: `/orgs/${w.memberOrg}/subscriptions/${await freshSubscription(w)}`, form: { quantity: "3" } }), expect: ownersAndCoop(303) },
  { route: "POST /orgs/:orgId/subscriptions/:id/cancel", request: async (w) => ({ path: `/orgs/${w.memberOrg}/subscriptions/${await freshSubscription(w)}/cancel`, form: {} }), expect: ownersAndCoop(303) },
  { route: "GET /api/v1/coop/revenue", request: () => ({ path: "/api/v1/coop/revenue" }), expect: coop(200) },
  { route: "GET /coop/subscriptions", request: () => ({ path: "/coop/subscriptions" }), expect: coop(200, PAGE) },
  { route: "POST /coop/subscriptions/run", request: async (w) => (await ready(w), { path: "/coop/subscriptions/run", form: {} }), expect: coop(303) },
  // The plan's page: public; its form subscribes an organisation the person may manage (memberOrg: its owner, coop_admins).
  { route: "GET /coop/plans/:offerId", request: async (w) => (await ready(w), { path: `/coop/plans/${PLAN}` }), expect: everyone(200) },
  { route: "POST /coop/plans/:offerId", request: async (w) => (await ready(w), { path: `/coop/plans/${PLAN}`, form: { organisation_id: w.memberOrg, quantity: "1", interval: "month" } }), expect: ownersAndCoop(303) },
  { route: "POST /api/v1/coop/billing-runs", request: async (w) => (await ready(w), { path: "/api/v1/coop/billing-runs", json: {} }), expect: coop(200) },
];
