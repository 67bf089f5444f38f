// A person pays their capital call online, in workerd against D1: "Pay" on /account/shares and the
// API open a Stripe Checkout Session (the real SDK, its fetch caught here) for exactly what the call
// asks, for the person's address — no Stripe Customer, nothing saved; the signed
// `checkout.session.completed` event marks the call paid and the shares enter the register (the
// same statements as a CAMT payment); replayed, it changes nothing; the cooperative's organisation
// gets no billing customer nor saved method. Anybody else: 404; a paid or undecided call: 409;
// a visitor: sign in.
import { createExecutionContext, env, SELF } from "cloudflare:test";
import Stripe from "stripe";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { signIn, type Browser } from "../../accounts/helpers";
import { BASE, json, problem } from "../../helpers/http";
import { apiKey, bearer, grantRole } from "../../helpers/people";
import checkoutFixture from "../../fixtures/stripe/checkout-session.json";
import { coop, customer } from "../helpers";
import { CONSENTS, demoClasses, registerRows } from "./fixtures";

const KEY = "sk_test_chatiere_person_pay";
const SECRET = "whsec_test_stripe_secret_0123456789";
const ADMIN = "coop@pay-person.test";
const stripeEnv = (key: string | null = KEY) => ({ ...env, STRIPE_SECRET_KEY: key ?? undefined });
const today = () => new Date().toISOString().slice(0, 10);

let coopOrg: string;
let adminKey: Record<string, string>;
let ada: Browser, bea: Browser, eve: Browser, coopAdmin: Browser, orgOwner: Browser;

interface Seen {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
}

/** Stripe's API through globalThis.fetch: records each request, answers the Checkout fixture. */
function fakeStripe() {
  const seen: Seen[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    expect(url.host).toBe("api.stripe.com");
    expect(req.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    seen.push({ method: req.method, path: url.pathname, form: new URLSearchParams(req.method === "GET" ? "" : await req.text()), idempotencyKey: req.headers.get("idempotency-key") });
    const headers = { "content-type": "application/json", "request-id": "req_test" };
    if (url.pathname === "/v1/checkout/sessions") return new Response(JSON.stringify(checkoutFixture), { headers });
    return new Response(JSON.stringify({ error: { type: "invalid_request_error", message: "unexpected" } }), { status: 404, headers });
  });
  return seen;
}

afterEach(() => vi.restoreAllMocks());

/** The app with Stripe configured (or not), as the browser `b` (a same-origin form post when `form`). */
function browse(b: Browser, path: string, init: RequestInit = {}, key: string | null = KEY) {
  const headers = new Headers(init.headers);
  headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  headers.set("origin", BASE);
  headers.set("sec-fetch-site", "same-origin");
  return createApp().fetch(new Request(`${BASE}${path}`, { ...init, headers, redirect: "manual" }), stripeEnv(key), createExecutionContext());
}
const payPage = (b: Browser, requestId: string) => browse(b, `/coop/share-requests/${requestId}/pay`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
const payApi = (b: Browser, requestId: string) => browse(b, `/api/v1/coop/share-requests/${requestId}/checkout`, { method: "POST" });
const anonymous = (path: string, init: RequestInit = {}) => createApp().fetch(new Request(`${BASE}${path}`, { ...init, redirect: "manual" }), stripeEnv(), createExecutionContext());

async function sendEvent(type: string, object: unknown, created: number, id = `evt_${crypto.randomUUID().replaceAll("-", "")}`) {
  const payload = JSON.stringify({ id, object: "event", type, api_version: "2026-10-28.endive", created, data: { object }, livemode: false, pending_webhooks: 1, request: null });
  const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET, cryptoProvider: Stripe.createSubtleCryptoProvider() });
  const res = await createApp().fetch(new Request(`${BASE}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload }), stripeEnv(), createExecutionContext());
  expect(res.status).toBe(200);
  return { id, body: (await res.json()) as { duplicate?: boolean; applied?: boolean; reason?: string } };
}

/** The Checkout Session of a person's call as Stripe sends it back in events: no customer, our metadata. */
const personSession = (documentId: string, pi: string, payment_status: "paid" | "unpaid", amount: number, method = "card") => ({
  id: `cs_test_${pi}`, object: "checkout.session", mode: "payment", currency: "eur", amount_total: amount, payment_status, payment_intent: pi, customer: null,
  customer_details: { email: "ada@pay-person.test" }, client_reference_id: documentId, metadata: { invoice_id: documentId, org_id: coopOrg, chatiere_person: "1" }, payment_method_types: [method],
});

/** `b` asks for `shares` B shares as a person (the /coop/join form); the request, pending. */
async function requestAsPerson(b: Browser, name: string, shares: number): Promise<{ id: string; holder: string }> {
  const form = new URLSearchParams({ class: "B", shares: String(shares), holder: "person", name, street: "Rue du Midi 3", postcode: "1000", city: "Bruxelles", country_code: "BE" });
  for (const c of Object.keys(CONSENTS)) form.append("consents", c);
  const res = await browse(b, "/coop/join", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  expect(res.status).toBe(303);
  return (await env.DB.prepare("select r.id, r.holder_id holder from share_requests r join shareholders h on h.id = r.holder_id where h.name = ? order by r.created_at desc").bind(name).first<{ id: string; holder: string }>())!;
}

async function approve(requestId: string): Promise<{ id: string; number: string }> {
  const res = await SELF.fetch(`${BASE}/api/v1/coop/share-requests/${requestId}/approve`, { method: "POST", headers: { ...adminKey, "content-type": "application/json" }, body: JSON.stringify({ decided_on: today() }) });
  expect(res.status).toBe(200);
  return (await json(res)).capital_call;
}

const call = (id: string) => env.DB.prepare("select status, total_cents, paid_cents from billing_documents where id = ?").bind(id).first<{ status: string; total_cents: number; paid_cents: number }>();

beforeAll(async () => {
  coopOrg = await coop();
  await demoClasses();
  await grantRole(ADMIN, "coop_admin");
  adminKey = bearer(await apiKey({ email: ADMIN, scopes: ["billing:write"] }));
  const browsers = await Promise.all(["ada@pay-person.test", "bea@pay-person.test", "eve@pay-person.test", ADMIN, "owner@pay-person.test"].map((m) => signIn(m)));
  [ada, bea, eve, coopAdmin, orgOwner] = browsers as [Browser, Browser, Browser, Browser, Browser];
});

describe("a person pays their capital call by Stripe Checkout", () => {
  let request: { id: string; holder: string };
  let doc: { id: string; number: string };

  it("nothing to pay before the board decides: 409 naming request_id, before Stripe is asked", async () => {
    request = await requestAsPerson(ada, "Ada Paye", 2);
    const seen = fakeStripe();
    const p = await problem(await payApi(ada, request.id), 409);
    expect(p.errors![0]).toMatchObject({ field: "request_id", message: "request pending" });
    const page = await payPage(ada, request.id);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("rien à payer en ligne (déjà payé, pas encore émis ou annulé)");
    expect(seen).toHaveLength(0);
  });

  it("/account/shares offers Pay beside the PDF in fr, nl and en (with Stripe configured only)", async () => {
    doc = await approve(request.id);
    const expected = { fr: "Payer par carte / Bancontact / SEPA", nl: "Betalen met kaart / Bancontact / SEPA", en: "Pay by card / Bancontact / SEPA" };
    for (const [lang, text] of Object.entries(expected)) {
      const html = await (await browse(ada, `/account/shares?lang=${lang}`)).text();
      expect(html).toContain(`action="/coop/share-requests/${request.id}/pay"`);
      expect(html).toContain(text);
      expect(html).toContain(`/coop/share-requests/${request.id}/call.pdf`);
    }
    const en = await (await browse(ada, "/account/shares?lang=en")).text();
    expect(en).toContain(`aria-label="Pay by card / Bancontact / SEPA: share payment call ${doc.number} (€100.00)"`);
    // No Stripe on this deployment: the PDF (OGM, QR) only.
    const without = await (await browse(ada, "/account/shares", {}, null)).text();
    expect(without).toContain(`/coop/share-requests/${request.id}/call.pdf`);
    expect(without).not.toContain(`/coop/share-requests/${request.id}/pay`);
  });

  it("the page's Pay opens Checkout for exactly what is due, for the person's address, no Customer, nothing saved", async () => {
    const seen = fakeStripe();
    const res = await payPage(ada, request.id);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(checkoutFixture.url);
    expect(seen.map((s) => s.path)).toEqual(["/v1/checkout/sessions"]);
    const [session] = seen;
    expect(session!.idempotencyKey).toBe(`checkout:${doc.id}:10000:fr`);
    const f = session!.form;
    expect(f.get("customer_email")).toBe("ada@pay-person.test");
    expect(f.has("customer")).toBe(false);
    expect([...f.keys()].some((k) => k.includes("setup_future_usage"))).toBe(false);
    expect(f.get("line_items[0][price_data][unit_amount]")).toBe("10000");
    expect(f.get("line_items[0][price_data][currency]")).toBe("eur");
    expect(f.get("metadata[invoice_id]")).toBe(doc.id);
    expect(f.get("metadata[chatiere_person]")).toBe("1");
    expect(f.get("success_url")).toBe(`${BASE}/account/shares?notice=paying`);
    expect(f.get("cancel_url")).toBe(`${BASE}/account/shares?notice=pay_cancelled`);
    // The cooperative's organisation got no Stripe customer on the way.
    expect(await env.DB.prepare("select count(*) n from billing_customers where org_id = ?").bind(coopOrg).first("n")).toBe(0);
    expect(await env.DB.prepare("select count(*) n from audit_log where action = 'payment.checkout' and subject_id = ?").bind(doc.id).first("n")).toBe(1);
  });

  it("the API answers the URL, for the person and for a coop_admin", async () => {
    const seen = fakeStripe();
    const res = await payApi(ada, request.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: checkoutFixture.url });
    expect((await payApi(coopAdmin, request.id)).status).toBe(200);
    expect(seen.map((s) => s.form.get("customer_email"))).toEqual(["ada@pay-person.test", "ada@pay-person.test"]);
  });

  it("back from Stripe: a translated notice either way", async () => {
    expect(await (await browse(ada, "/account/shares?notice=paying&lang=nl")).text()).toContain("Dank u: de betaling is onderweg.");
    expect(await (await browse(ada, "/account/shares?notice=pay_cancelled&lang=en")).text()).toContain("Payment cancelled: nothing was charged.");
  });

  it("security: another person gets 404 (page and API), a visitor is sent to sign in, keys are refused; Stripe is never asked", async () => {
    const seen = fakeStripe();
    await problem(await payApi(eve, request.id), 404);
    expect((await payPage(eve, request.id)).status).toBe(404);
    // The same answer as for a request that does not exist.
    await problem(await payApi(eve, "srq_nothing_here"), 404);
    expect((await payPage(eve, "srq_nothing_here")).status).toBe(404);
    await problem(await anonymous(`/api/v1/coop/share-requests/${request.id}/checkout`, { method: "POST" }), 401);
    const page = await anonymous(`/coop/share-requests/${request.id}/pay`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin" }, body: "" });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('href="/sign-in"');
    const visit = await anonymous("/account/shares");
    expect(visit.status).toBe(303);
    expect(visit.headers.get("location")).toBe("/sign-in?next=%2Faccount%2Fshares");
    const key = await apiKey({ email: ADMIN, scopes: ["billing:write"] });
    const byKey = await createApp().fetch(new Request(`${BASE}/api/v1/coop/share-requests/${request.id}/checkout`, { method: "POST", headers: bearer(key) }), stripeEnv(), createExecutionContext());
    await problem(byKey, 403);
    expect(seen).toHaveLength(0);
  });

  it("the signed checkout.session.completed marks the call paid and enters the register; replayed, it changes nothing; no method is saved", async () => {
    const seen = fakeStripe();
    const pi = `pi_person_${crypto.randomUUID().slice(0, 8)}`;
    const first = await sendEvent("checkout.session.completed", personSession(doc.id, pi, "paid", 10000), 1_900_000_000);
    expect(first.body).toMatchObject({ applied: true, reason: "succeeded" });
    expect(await call(doc.id)).toEqual({ status: "paid", total_cents: 10000, paid_cents: 10000 });
    const entries = await registerRows(request.holder);
    expect(entries).toEqual([expect.objectContaining({ kind: "payment", shares: 0, amount_cents: 10000 }), expect.objectContaining({ kind: "subscription", shares: 2, amount_cents: 10000 })]);
    expect(await env.DB.prepare("select method, stripe_state, amount_cents from payments where stripe_payment_intent = ?").bind(pi).first()).toEqual({ method: "card", stripe_state: "succeeded", amount_cents: 10000 });
    // Replayed (same event id), and delivered again under another id: nothing moves.
    expect((await sendEvent("checkout.session.completed", personSession(doc.id, pi, "paid", 10000), 1_900_000_000, first.id)).body).toMatchObject({ duplicate: true });
    expect((await sendEvent("checkout.session.completed", personSession(doc.id, pi, "paid", 10000), 1_900_000_001)).body).toMatchObject({ applied: false, reason: "same_state" });
    expect(await call(doc.id)).toEqual({ status: "paid", total_cents: 10000, paid_cents: 10000 });
    expect(await registerRows(request.holder)).toHaveLength(2);
    expect(await env.DB.prepare("select count(*) n from payment_allocations a join payments p on p.id = a.payment_id where p.stripe_payment_intent = ?").bind(pi).first("n")).toBe(1);
    // The person's payment read nothing back from Stripe and saved nothing on the cooperative's profile.
    expect(seen).toHaveLength(0);
    expect(await env.DB.prepare("select count(*) n from billing_customers where org_id = ?").bind(coopOrg).first("n")).toBe(0);
    expect(await env.DB.prepare("select count(*) n from audit_log where action = 'billing.payment_method.saved'").first("n")).toBe(0);
    // Their certificate now shows the shares.
    expect((await browse(ada, `/coop/shareholders/${request.holder}/certificate.pdf`)).status).toBe(200);
  });

  it("a paid call: 409 on the page (translated) and the API, and no more Pay button", async () => {
    const seen = fakeStripe();
    const p = await problem(await payApi(ada, request.id), 409);
    expect(p.errors![0]!.field).toBe("request_id");
    const page = await payPage(ada, request.id);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("rien à payer en ligne (déjà payé, pas encore émis ou annulé)");
    expect(await (await browse(ada, "/account/shares")).text()).not.toContain(`/coop/share-requests/${request.id}/pay`);
    expect(seen).toHaveLength(0);
  });
});

describe("SEPA Direct Debit: the money arrives later (async events)", () => {
  it("completed (unpaid) books nothing; async failed leaves the call open; async succeeded pays it and enters the register", async () => {
    const request = await requestAsPerson(bea, "Bea Sepa", 1);
    const doc = await approve(request.id);
    fakeStripe();
    const failed = `pi_sepa_failed_${crypto.randomUUID().slice(0, 6)}`;
    expect((await sendEvent("checkout.session.completed", personSession(doc.id, failed, "unpaid", 5000, "sepa_debit"), 1_900_000_100)).body).toMatchObject({ applied: true, reason: "awaiting" });
    expect(await call(doc.id)).toMatchObject({ status: "open", paid_cents: 0 });
    expect((await sendEvent("checkout.session.async_payment_failed", personSession(doc.id, failed, "unpaid", 5000, "sepa_debit"), 1_900_000_200)).body).toMatchObject({ applied: true, reason: "failed" });
    expect(await call(doc.id)).toMatchObject({ status: "open", paid_cents: 0 });
    expect(await registerRows(request.holder)).toEqual([]);
    // Bea tries again: a new session, a new PaymentIntent.
    const ok = `pi_sepa_ok_${crypto.randomUUID().slice(0, 6)}`;
    await sendEvent("checkout.session.completed", personSession(doc.id, ok, "unpaid", 5000, "sepa_debit"), 1_900_000_300);
    expect((await sendEvent("checkout.session.async_payment_succeeded", personSession(doc.id, ok, "paid", 5000, "sepa_debit"), 1_900_000_400)).body).toMatchObject({ applied: true, reason: "succeeded" });
    expect(await call(doc.id)).toMatchObject({ status: "paid", paid_cents: 5000 });
    expect(await registerRows(request.holder)).toEqual([expect.objectContaining({ kind: "payment", amount_cents: 5000 }), expect.objectContaining({ kind: "subscription", shares: 1 })]);
  });
});

describe("an organisation's call", () => {
  it("is paid from the organisation's billing page: its owner gets 409 here, a stranger 404", async () => {
    const org = await customer({ owner: "owner@pay-person.test" });
    let res = await SELF.fetch(`${BASE}/api/v1/coop/share-requests`, { method: "POST", headers: { ...adminKey, "content-type": "application/json" }, body: JSON.stringify({ class: "B", shares: 1, holder: { organisation_id: org }, consents: CONSENTS }) });
    expect(res.status).toBe(201);
    const id = (await json(res)).id as string;
    await approve(id);
    const seen = fakeStripe();
    const p = await problem(await payApi(orgOwner, id), 409);
    expect(p.errors![0]).toMatchObject({ field: "request_id", message: "held by an organisation" });
    res = await payPage(orgOwner, id);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("se paient depuis la page de facturation");
    await problem(await payApi(eve, id), 404);
    expect(seen).toHaveLength(0);
  });
});
