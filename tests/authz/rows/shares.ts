// Shares (src/coop/shares): coop_admins run classes, decisions, redemptions and the register (API and
// pages); any signed-in person requests shares for themselves; a holder's entries and certificate
// are for the holder (memberOrg's owner, `member`) and coop_admins. Stewards have no say. Paying a
// person's call online is for that person (`member` as a person holder) and coop_admins; anybody else: 404.
import { env } from "cloudflare:test";
import { person } from "../../helpers/people";
import { everyone, only, PAGE, POST, signedIn, unique, type Expect, type Row } from "../kit";
import type { World } from "../world";

const CONSENTS = { statutes: true, internal_rules: true, data_policy: true, financial_risk: true };
const PERSON = { name: "Ada Matrix", street: "Rue 1", postcode: "1000", city: "Bruxelles", country_code: "BE" };

/** The cooperative's billing identity and the two classes, once per world. */
async function ready() {
  if (!(await env.DB.prepare("select 1 from billing_issuers").first())) {
    await env.DB.prepare("insert into organisations (id, kind, name, legal_name, company_number, street, postcode, city, country_code) values ('org_sharescoop', 'cooperative', 'Coop', 'Coopérative Parts SC', 'BE0417497106', 'Rue de la Loi 16', '1000', 'Bruxelles', 'BE')").run();
    await env.DB.prepare("insert into billing_issuers (org_id, vat_status, iban, bic) values ('org_sharescoop', 'registered', 'BE68539007547034', 'GKCCBEBB')").run();
  }
  await env.DB.prepare("insert or ignore into share_classes (id, code, name, nominal_cents, min_shares, max_shares) values ('scl_ma', 'A', 'Fondateurs', 25000, 1, 20), ('scl_mb', 'B', 'Usagers', 5000, 1, 100)").run();
}

/** A fresh person holder with one pending request for one B share. */
async function pendingRequest(): Promise<string> {
  await ready();
  const userId = await person(`holder-${unique()}@shares.test`);
  const holder = `shh_${unique()}`;
  const request = `srq_${unique()}`;
  await env.DB.prepare("insert into shareholders (id, kind, user_id, name, street, postcode, city, country_code) values (?, 'person', ?, 'Holder', 'Rue 2', '1000', 'Bruxelles', 'BE')").bind(holder, userId).run();
  await env.DB.prepare(`insert into share_requests (id, holder_id, class_id, shares, nominal_cents, consents) values (?, ?, 'scl_mb', 1, 5000, '{}')`).bind(request, holder).run();
  return request;
}

/** A fresh person holder with two B shares in the register. */
async function holderWithShares(): Promise<string> {
  await ready();
  const userId = await person(`redeem-${unique()}@shares.test`);
  const holder = `shh_${unique()}`;
  await env.DB.prepare("insert into shareholders (id, kind, user_id, name, street, postcode, city, country_code) values (?, 'person', ?, 'Holder', 'Rue 2', '1000', 'Bruxelles', 'BE')").bind(holder, userId).run();
  await env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values (?, ?, 'scl_mb', 'subscription', 2, 10000, '2027-01-01'), (?, ?, 'scl_mb', 'payment', 0, 10000, '2027-01-01')").bind(`sre_${unique()}`, holder, `sre_${unique()}`, holder).run();
  return holder;
}

/** memberOrg as a holder (its owner is `member`), with one entry. */
async function memberHolder(w: World): Promise<string> {
  await ready();
  const existing = await env.DB.prepare("select id from shareholders where org_id = ?").bind(w.memberOrg).first<{ id: string }>();
  if (existing) return existing.id;
  const id = `shh_${unique()}`;
  await env.DB.prepare("insert into shareholders (id, kind, org_id, name, street, postcode, city, country_code) values (?, 'organisation', ?, 'Member A asbl', 'Rue Haute 5', '1000', 'Bruxelles', 'BE')").bind(id, w.memberOrg).run();
  await env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values (?, ?, 'scl_mb', 'subscription', 1, 5000, '2027-01-01')").bind(`sre_${unique()}`, id).run();
  return id;
}

/** memberOrg's approved request with an issued capital call (made through the real approval), once per world. */
async function memberCall(w: World): Promise<string> {
  const holder = await memberHolder(w);
  const done = await env.DB.prepare("select id from share_requests where holder_id = ? and document_id is not null").bind(holder).first<{ id: string }>();
  if (done) return done.id;
  const request = `srq_${unique()}`;
  await env.DB.prepare(`insert into share_requests (id, holder_id, class_id, shares, nominal_cents, consents) values (?, ?, 'scl_mb', 1, 5000, '{}')`).bind(request, holder).run();
  const { approveRequest } = await import("../../../src/coop/shares/service");
  const { systemContext } = await import("../../../src/lib/context");
  await approveRequest(systemContext(env as never, "cli"), request, today());
  return request;
}

/** `member` as a person holder with an approved request and its issued capital call (the real approval), once per world. */
async function personCall(w: World): Promise<string> {
  await ready();
  const userId = w.userIds.member;
  // POST /coop/join may already have made `member` a person holder.
  let holder = (await env.DB.prepare("select id from shareholders where user_id = ?").bind(userId).first<{ id: string }>())?.id;
  if (!holder) {
    holder = `shh_${unique()}`;
    await env.DB.prepare("insert into shareholders (id, kind, user_id, name, street, postcode, city, country_code) values (?, 'person', ?, 'Member Person', 'Rue 3', '1000', 'Bruxelles', 'BE')").bind(holder, userId).run();
  }
  const done = await env.DB.prepare("select id from share_requests where holder_id = ? and document_id is not null").bind(holder).first<{ id: string }>();
  if (done) return done.id;
  const request = `srq_${unique()}`;
  await env.DB.prepare(`insert into share_requests (id, holder_id, class_id, shares, nominal_cents, consents) values (?, ?, 'scl_mb', 1, 5000, '{}')`).bind(request, holder).run();
  const { approveRequest } = await import("../../../src/coop/shares/service");
  const { systemContext } = await import("../../../src/lib/context");
  await approveRequest(systemContext(env as never, "cli"), request, today());
  return request;
}

async function someClass(): Promise<string> {
  await ready();
  return "scl_mb";
}

const code = () => `Z${unique().replace(/[^a-z0-9]/g, "").slice(0, 3).toUpperCase()}`;
const coop = (ok: number, anonymous: number) => only(["coopAdmin"], ok, anonymous);
const holderAndCoop = (ok: number, anonymous: number) => only(["member", "coopAdmin"], ok, anonymous);
/** Paying a person's call: the person and coop_admins reach the service (no STRIPE_SECRET_KEY in the suite: 503); anybody else gets the 404 of an unknown request. */
const payer = (anonymous: number): Expect => ({ ...everyone(404), member: 503, coopAdmin: 503, anonymous });
const today = () => new Date().toISOString().slice(0, 10);

export const rows: Row[] = [
  { route: "GET /api/v1/coop/share-classes", request: async () => (await ready(), { path: "/api/v1/coop/share-classes" }), expect: coop(200, POST) },
  { route: "POST /api/v1/coop/share-classes", request: () => ({ path: "/api/v1/coop/share-classes", json: { code: code(), name: "Matrix", nominal_cents: 1000 } }), expect: coop(201, POST) },
  { route: "PATCH /api/v1/coop/share-classes/:id", request: async () => ({ path: `/api/v1/coop/share-classes/${await someClass()}`, json: { name: "Usagers" }, method: "PATCH" }), expect: coop(200, POST) },
  { route: "POST /api/v1/coop/share-requests", request: async () => (await ready(), { path: "/api/v1/coop/share-requests", json: { class: "B", shares: 1, holder: { person: PERSON }, consents: CONSENTS } }), expect: signedIn(201, POST) },
  { route: "GET /api/v1/coop/share-requests", request: () => ({ path: "/api/v1/coop/share-requests" }), expect: coop(200, POST) },
  { route: "POST /api/v1/coop/share-requests/:id/approve", request: async () => ({ path: `/api/v1/coop/share-requests/${await pendingRequest()}/approve`, json: { decided_on: today() } }), expect: coop(200, POST) },
  { route: "POST /api/v1/coop/share-requests/:id/refuse", request: async () => ({ path: `/api/v1/coop/share-requests/${await pendingRequest()}/refuse`, json: { reason: "Non" } }), expect: coop(200, POST) },
  { route: "POST /api/v1/coop/shareholders/:id/redemptions", request: async () => ({ path: `/api/v1/coop/shareholders/${await holderWithShares()}/redemptions`, json: { class: "B", shares: 2, on: today() } }), expect: coop(201, POST) },
  { route: "POST /api/v1/coop/shareholders/:id/transfers", request: async (w) => ({ path: `/api/v1/coop/shareholders/${await holderWithShares()}/transfers`, json: { class_id: "scl_mb", shares: 1, approved_on: today(), to_holder_id: await memberHolder(w) } }), expect: coop(201, POST) },
  { route: "GET /api/v1/coop/register", request: () => ({ path: "/api/v1/coop/register" }), expect: coop(200, POST) },
  { route: "GET /api/v1/coop/shareholders/:id/register", request: async (w) => ({ path: `/api/v1/coop/shareholders/${await memberHolder(w)}/register` }), expect: holderAndCoop(200, POST) },
  { route: "GET /coop/join", request: async () => (await ready(), { path: "/coop/join" }), expect: everyone(200) },
  { route: "POST /coop/join", request: async () => (await ready(), { path: "/coop/join", form: { class: "B", shares: "1", holder: "person", ...PERSON, consents: ["statutes", "internal_rules", "data_policy", "financial_risk"] } }), expect: signedIn(303, POST) },
  { route: "GET /coop/admin", request: () => ({ path: "/coop/admin" }), expect: coop(200, PAGE) },
  { route: "POST /coop/share-requests/:id/approve", request: async () => ({ path: `/coop/share-requests/${await pendingRequest()}/approve`, form: { decided_on: today() } }), expect: coop(303, POST) },
  { route: "POST /coop/share-requests/:id/refuse", request: async () => ({ path: `/coop/share-requests/${await pendingRequest()}/refuse`, form: { reason: "Non" } }), expect: coop(303, POST) },
  { route: "GET /coop/register", request: () => ({ path: "/coop/register" }), expect: coop(200, PAGE) },
  { route: "GET /coop/share-classes", request: () => ({ path: "/coop/share-classes" }), expect: coop(200, PAGE) },
  { route: "POST /coop/share-classes", request: () => ({ path: "/coop/share-classes", form: { code: code(), name: "Matrix", nominal: "10", min_shares: "1", max_shares: "" } }), expect: coop(303, POST) },
  { route: "GET /coop/share-classes/:id", request: async () => ({ path: `/coop/share-classes/${await someClass()}` }), expect: coop(200, PAGE) },
  { route: "POST /coop/share-classes/:id", request: async () => ({ path: `/coop/share-classes/${await someClass()}`, form: { name: "Usagers", min_shares: "1", max_shares: "100" } }), expect: coop(303, POST) },
  { route: "GET /coop/shareholders/:id", request: async (w) => ({ path: `/coop/shareholders/${await memberHolder(w)}` }), expect: coop(200, PAGE) },
  { route: "POST /coop/shareholders/:id/transfers", request: async (w) => ({ path: `/coop/shareholders/${await holderWithShares()}/transfers`, form: { class_id: "scl_mb", shares: "1", approved_on: today(), to_holder_id: await memberHolder(w) } }), expect: coop(303, POST) },
  { route: "GET /coop/share-requests/:id/call.pdf", request: async (w) => ({ path: `/coop/share-requests/${await memberCall(w)}/call.pdf` }), expect: holderAndCoop(200, PAGE) },
  // Paying a person's capital call (tests/coop/shares/pay.test.ts runs it with a key and a fake Stripe).
  { route: "POST /coop/share-requests/:id/pay", request: async (w) => ({ path: `/coop/share-requests/${await personCall(w)}/pay`, form: {} }), expect: payer(POST) },
  { route: "POST /api/v1/coop/share-requests/:id/checkout", request: async (w) => ({ path: `/api/v1/coop/share-requests/${await personCall(w)}/checkout`, json: {} }), expect: payer(POST) },
  { route: "GET /account/shares", request: () => ({ path: "/account/shares" }), expect: signedIn(200, PAGE) },
  { route: "GET /orgs/:orgId/shares", request: (w) => ({ path: `/orgs/${w.memberOrg}/shares` }), expect: holderAndCoop(200, PAGE) },
  { route: "GET /coop/shareholders/:id/certificate.pdf", request: async (w) => ({ path: `/coop/shareholders/${await memberHolder(w)}/certificate.pdf` }), expect: holderAndCoop(200, PAGE) },
];
