// Paying an invoice online, in workerd against D1: the API route and the page's "Pay" button open a
// Stripe Checkout Session for exactly what is due, on the organisation's Stripe Customer (created
// once, stored, reused), through the real SDK whose fetch is caught here (method, path, form body,
// Idempotency-Key). Paid / credited / draft → 409, no STRIPE_SECRET_KEY → 503, Stripe down → 502;
// only the organisation's owners and admins.
import { createExecutionContext, env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { createDraft, creditInvoice, issueInvoice } from "../../../src/coop/invoices/service";
import { systemContext } from "../../../src/lib/context";
import { signIn, type Browser } from "../../accounts/helpers";
import { BASE, problem } from "../../helpers/http";
import { grantRole } from "../../helpers/people";
import checkoutFixture from "../../fixtures/stripe/checkout-session.json";
import portalFixture from "../../fixtures/stripe/portal-session.json";
import { coop, customer } from "../helpers";
import { CONSENTS, demoClasses } from "../shares/fixtures";

const KEY = "sk_test_chatiere_checkout";
let org: string;
let otherOrg: string;
let owner: Browser, admin: Browser, plain: Browser, stranger: Browser, coopAdmin: Browser;

interface Seen {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
  auth: string | null;
}

/** Stripe's API as the SDK reaches it through globalThis.fetch: records each request, answers fixtures. */
function fakeStripe(fail = false) {
  const seen: Seen[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    expect(url.host).toBe("api.stripe.com");
    seen.push({ method: req.method, path: url.pathname, form: new URLSearchParams(await req.text()), idempotencyKey: req.headers.get("idempotency-key"), auth: req.headers.get("authorization") });
    const headers = { "content-type": "application/json", "request-id": "req_test" };
    if (fail) return new Response(JSON.stringify({ error: { type: "api_error", message: "Stripe is down" } }), { status: 500, headers });
    if (url.pathname === "/v1/customers") return new Response(JSON.stringify({ id: `cus_${org.slice(-8)}`, object: "customer", livemode: false }), { headers });
    if (url.pathname === "/v1/checkout/sessions") return new Response(JSON.stringify(checkoutFixture), { headers });
    if (url.pathname === "/v1/billing_portal/sessions") return new Response(JSON.stringify(portalFixture), { headers });
    return new Response(JSON.stringify({ error: { type: "invalid_request_error", message: "unexpected" } }), { status: 404, headers });
  });
  return seen;
}

afterEach(() => vi.restoreAllMocks());

/** The app with Stripe configured, as the browser `b` (its session cookie, a same-origin form post). */
function withStripe(b: Browser, path: string, init: RequestInit = {}, key: string | null = KEY) {
  const headers = new Headers(init.headers);
  headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  if (!headers.has("origin")) headers.set("origin", BASE);
  if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
  return createApp().fetch(new Request(`${BASE}${path}`, { ...init, headers, redirect: "manual" }), { ...env, STRIPE_SECRET_KEY: key ?? undefined }, createExecutionContext());
}
const postForm = (b: Browser, path: string) => withStripe(b, path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
const postApi = (b: Browser, path: string) => withStripe(b, path, { method: "POST" });

async function invoice(orgId: string, cents = 10000): Promise<string> {
  const ctx = systemContext(env, "cli");
  const draft = await createDraft(ctx, { orgId, lines: [{ description: "Hébergement", quantity: 1, unitPriceCents: cents }] });
  return (await issueInvoice(ctx, draft.id)).id;
}
const dueOf = async (id: string) => (await env.DB.prepare("select total_cents - credited_cents - paid_cents as due from billing_documents where id = ?").bind(id).first<number>("due"))!;

beforeAll(async () => {
  await coop();
  org = await customer({ owner: "owner@pay.test", admin: "admin@pay.test", member: "plain@pay.test", contactEmail: "compta@parc.test" });
  otherOrg = await customer({ owner: "stranger@pay.test" });
  await grantRole("coop@pay-checkout.test", "coop_admin");
  const [a, b, c, d, e] = await Promise.all(["owner@pay.test", "admin@pay.test", "plain@pay.test", "stranger@pay.test", "coop@pay-checkout.test"].map((m) => signIn(m)));
  [owner, admin, plain, stranger, coopAdmin] = [a!, b!, c!, d!, e!];
});

describe("POST /api/v1/orgs/{id}/invoices/{invoiceId}/checkout", () => {
  it("creates the organisation's Stripe Customer once, then a Checkout Session for exactly what is due", async () => {
    const id = await invoice(org, 12100);
    const seen = fakeStripe();
    const res = await postApi(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: checkoutFixture.url });
    const [create, session] = seen;
    expect(create).toMatchObject({ method: "POST", path: "/v1/customers", idempotencyKey: `customer:${org}`, auth: `Bearer ${KEY}` });
    expect(create!.form.get("name")).toBe("Les Amis du Parc asbl");
    expect(create!.form.get("email")).toBe("compta@parc.test");
    expect(create!.form.get("metadata[org_id]")).toBe(org);
    const customerId = `cus_${org.slice(-8)}`;
    expect(await env.DB.prepare("select stripe_customer_id from billing_customers where org_id = ?").bind(org).first("stripe_customer_id")).toBe(customerId);
    const due = await dueOf(id);
    expect(due).toBeGreaterThan(0);
    expect(session).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: `checkout:${id}:${due}:fr` });
    expect(session!.form.get("customer")).toBe(customerId);
    expect(session!.form.get("line_items[0][price_data][unit_amount]")).toBe(String(due));
    expect(session!.form.get("metadata[invoice_id]")).toBe(id);
    expect(session!.form.get("payment_intent_data[setup_future_usage]")).toBe("off_session");
    expect(session!.form.get("success_url")).toBe(`${BASE}/orgs/${org}/billing/${id}?notice=paying`);
    expect(session!.form.get("cancel_url")).toBe(`${BASE}/orgs/${org}/billing/${id}`);

    // A second invoice reuses the stored customer: no second /v1/customers.
    const second = await invoice(org, 5000);
    const again = fakeStripe();
    expect((await postApi(admin, `/api/v1/orgs/${org}/invoices/${second}/checkout`)).status).toBe(200);
    expect(again.map((s) => s.path)).toEqual(["/v1/checkout/sessions"]);
    expect(again[0]!.form.get("customer")).toBe(customerId);
    expect(await env.DB.prepare("select count(*) n from audit_log where action = 'payment.checkout' and subject_id in (?, ?)").bind(id, second).first("n")).toBe(2);
  });

  it("asks only what is still due after a partial payment", async () => {
    const id = await invoice(org, 20000);
    await env.DB.prepare("update billing_documents set paid_cents = 5000, status = 'partially_paid' where id = ?").bind(id).run();
    const seen = fakeStripe();
    expect((await postApi(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout`)).status).toBe(200);
    const due = await dueOf(id);
    const session = seen.find((s) => s.path === "/v1/checkout/sessions")!;
    expect(session.form.get("line_items[0][price_data][unit_amount]")).toBe(String(due));
    expect(session.idempotencyKey).toBe(`checkout:${id}:${due}:fr`);
  });

  it("the same invoice opened in another language is another session, not a refused idempotency key", async () => {
    const id = await invoice(org, 6100);
    const seen = fakeStripe();
    expect((await postApi(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout?lang=fr`)).status).toBe(200);
    expect((await postApi(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout?lang=nl`)).status).toBe(200);
    const sessions = seen.filter((s) => s.path === "/v1/checkout/sessions");
    expect(sessions.map((s) => s.form.get("locale"))).toEqual(["fr", "nl"]);
    const due = await dueOf(id);
    expect(sessions.map((s) => s.idempotencyKey)).toEqual([`checkout:${id}:${due}:fr`, `checkout:${id}:${due}:nl`]);
  });

  it("a paid, a credited or a draft invoice is a 409, another organisation's a 404, before Stripe is asked", async () => {
    const paid = await invoice(org, 3000);
    await env.DB.prepare("update billing_documents set paid_cents = total_cents, status = 'paid' where id = ?").bind(paid).run();
    const credited = await invoice(org, 3000);
    await creditInvoice(systemContext(env, "cli"), credited, {});
    const draft = (await createDraft(systemContext(env, "cli"), { orgId: org, lines: [{ description: "x", quantity: 1, unitPriceCents: 100 }] })).id;
    const foreign = await invoice(otherOrg, 3000);
    const seen = fakeStripe();
    for (const id of [paid, credited, draft]) {
      const p = await problem(await postApi(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout`), 409);
      expect(p.errors![0]!.field).toBe("invoice_id");
    }
    await problem(await postApi(owner, `/api/v1/orgs/${org}/invoices/${foreign}/checkout`), 404);
    expect(seen).toHaveLength(0);
  });

  it("without STRIPE_SECRET_KEY: a 503 problem that says to pay by transfer", async () => {
    const id = await invoice(org, 3000);
    const seen = fakeStripe();
    const p = await problem(await withStripe(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout`, { method: "POST" }, null), 503);
    expect(p.code).toBe("SERVICE_UNAVAILABLE");
    expect(p.detail).toMatch(/bank transfer/);
    expect(seen).toHaveLength(0);
  });

  it("Stripe failing is a 502, never a 500", async () => {
    const id = await invoice(org, 3000);
    fakeStripe(true);
    const p = await problem(await postApi(owner, `/api/v1/orgs/${org}/invoices/${id}/checkout`), 502);
    expect(p.code).toBe("BAD_GATEWAY");
  });

  it("plain members, other organisations' owners and coop_admins are refused (403), before Stripe is asked", async () => {
    const id = await invoice(org, 3000);
    const seen = fakeStripe();
    for (const b of [plain, stranger, coopAdmin]) await problem(await postApi(b, `/api/v1/orgs/${org}/invoices/${id}/checkout`), 403);
    expect(seen).toHaveLength(0);
  });
});

describe("the member's pages", () => {
  it("shows Pay on what is due where Stripe is configured, and its POST sends the member to Checkout (303)", async () => {
    const id = await invoice(org, 4200);
    const page = await (await withStripe(owner, `/orgs/${org}/billing/${id}?lang=en`)).text();
    expect(page).toContain(`action="/orgs/${org}/billing/${id}/pay"`);
    expect(page).toContain("Pay €50.82 online");
    const list = await (await withStripe(owner, `/orgs/${org}/billing?lang=en`)).text();
    expect(list).toContain(`action="/orgs/${org}/billing/${id}/pay"`);
    expect(list).toContain(`action="/orgs/${org}/billing/payment-methods"`);
    expect(list).toContain(`href="/orgs/${org}/billing/ledger"`);
    const seen = fakeStripe();
    const res = await postForm(owner, `/orgs/${org}/billing/${id}/pay`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(checkoutFixture.url);
    expect(seen.at(-1)!.form.get("line_items[0][price_data][unit_amount]")).toBe(String(await dueOf(id)));
    // Back from Stripe: the notice.
    expect(await (await withStripe(owner, `/orgs/${org}/billing/${id}?notice=paying&lang=en`)).text()).toContain("the payment is on its way");
  });

  it("no Pay button without Stripe, nor for a coop_admin, nor on a paid invoice; the POST then explains on a translated page", async () => {
    const id = await invoice(org, 4200);
    expect(await (await withStripe(owner, `/orgs/${org}/billing/${id}`, {}, null)).text()).not.toContain("/pay\"");
    expect(await (await withStripe(coopAdmin, `/orgs/${org}/billing/${id}`)).text()).not.toContain("/pay\"");
    const res = await withStripe(owner, `/orgs/${org}/billing/${id}/pay?lang=fr`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }, null);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Le paiement en ligne n&#39;est pas disponible");
    await env.DB.prepare("update billing_documents set paid_cents = total_cents, status = 'paid' where id = ?").bind(id).run();
    expect(await (await withStripe(owner, `/orgs/${org}/billing/${id}`)).text()).not.toContain("/pay\"");
    fakeStripe();
    const paid = await postForm(owner, `/orgs/${org}/billing/${id}/pay?lang=en`);
    expect(paid.status).toBe(409);
    expect(await paid.text()).toContain("Nothing is left to pay on this invoice");
  });

  it("Manage payment methods opens the Customer Portal on the stored customer", async () => {
    const seen = fakeStripe();
    const res = await postForm(admin, `/orgs/${org}/billing/payment-methods`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(portalFixture.url);
    expect(seen.map((s) => s.path)).toEqual(["/v1/billing_portal/sessions"]); // the customer exists since the first test
    expect(seen[0]!.form.get("customer")).toBe(`cus_${org.slice(-8)}`);
    expect(seen[0]!.form.get("return_url")).toBe(`${BASE}/orgs/${org}/billing`);
    expect((await postForm(plain, `/orgs/${org}/billing/payment-methods`)).status).toBe(403);
  });

  it("a cross-site form post is refused", async () => {
    const id = await invoice(org, 4200);
    const seen = fakeStripe();
    const res = await withStripe(owner, `/orgs/${org}/billing/${id}/pay`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: "" });
    expect(res.status).toBe(403);
    expect(seen).toHaveLength(0);
  });
});

describe("a capital call", () => {
  it("is paid by Stripe like any invoice: a Checkout Session for what it asks, on the holder organisation's customer", async () => {
    await demoClasses();
    const body = JSON.stringify({ class: "B", shares: 2, holder: { organisation_id: org }, consents: CONSENTS });
    const requested = await withStripe(owner, "/api/v1/coop/share-requests", { method: "POST", headers: { "content-type": "application/json" }, body }, null);
    expect(requested.status).toBe(201);
    const { id: requestId } = (await requested.json()) as { id: string };
    const approved = await withStripe(coopAdmin, `/api/v1/coop/share-requests/${requestId}/approve`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ decided_on: new Date().toISOString().slice(0, 10) }) }, null);
    expect(approved.status).toBe(200);
    const call = ((await approved.json()) as { capital_call: { id: string } }).capital_call;
    expect(await env.DB.prepare("select type from billing_documents where id = ?").bind(call.id).first("type")).toBe("share_call");

    // The member's page of the call offers to pay it online.
    const page = await (await withStripe(owner, `/orgs/${org}/billing/${call.id}?lang=en`)).text();
    expect(page).toContain(`action="/orgs/${org}/billing/${call.id}/pay"`);

    const seen = fakeStripe();
    const res = await postApi(owner, `/api/v1/orgs/${org}/invoices/${call.id}/checkout`);
    expect(res.status).toBe(200);
    const session = seen.find((s) => s.path === "/v1/checkout/sessions")!;
    expect(session.form.get("line_items[0][price_data][unit_amount]")).toBe("10000");
    expect(session.form.get("metadata[invoice_id]")).toBe(call.id);
    expect(session.idempotencyKey).toBe(`checkout:${call.id}:10000:fr`);
    // Another organisation still cannot pay it: 404 before Stripe is asked.
    const none = fakeStripe();
    expect((await postApi(stranger, `/api/v1/orgs/${otherOrg}/invoices/${call.id}/checkout`)).status).toBe(404);
    expect(none).toEqual([]);
  });
});
