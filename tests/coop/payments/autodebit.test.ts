// Automatic debit of later invoices, in workerd against D1: a completed Checkout's saved SEPA mandate
// is recorded (the PaymentIntent read through the real SDK, whose fetch is caught here), the member
// consents on /orgs/{id}/billing (off by default; another organisation cannot touch it), the MORNING
// cron debits each later invoice once off-session for exactly what is still due (method, path, form
// body, Idempotency-Key checked), and the PaymentIntent's signed events — duplicated, out of order —
// move the ledger once; a failure turns automatic debit off and mails the member in its language.
import { createExecutionContext, env } from "cloudflare:test";
import Stripe from "stripe";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { createDraft, issueInvoice } from "../../../src/coop/invoices/service";
import { systemContext } from "../../../src/lib/context";
import { runScheduled } from "../../../src/ops/jobs";
import { MORNING } from "../../../src/ops/schedule";
import { signIn, type Browser } from "../../accounts/helpers";
import { formatMoney } from "../../../web/components/format";
import { BASE } from "../../helpers/http";
import { coop, customer } from "../helpers";

const KEY = "sk_test_chatiere_autodebit";
const SECRET = "whsec_test_stripe_secret_0123456789";
const stripeEnv = () => ({ ...env, STRIPE_SECRET_KEY: KEY });

let org: string;
let otherOrg: string;
let plainOrg: string;
let owner: Browser, stranger: Browser;
const CUSTOMER = "cus_autodebit0001";

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  idempotencyKey: string | null;
}

/** Stripe's API through globalThis.fetch: records each request; answers the PaymentIntent asked, or a new off-session one. */
function fakeStripe(opts: { create?: (form: URLSearchParams) => Response } = {}) {
  const seen: Seen[] = [];
  let n = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    expect(url.host).toBe("api.stripe.com");
    expect(req.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    const form = new URLSearchParams(req.method === "GET" ? "" : await req.text());
    seen.push({ method: req.method, path: url.pathname, query: url.searchParams, form, idempotencyKey: req.headers.get("idempotency-key") });
    const headers = { "content-type": "application/json", "request-id": "req_test" };
    if (req.method === "GET" && url.pathname.startsWith("/v1/payment_intents/")) {
      const id = url.pathname.split("/").pop()!;
      return new Response(JSON.stringify(checkoutIntent(id)), { headers });
    }
    if (req.method === "POST" && url.pathname === "/v1/payment_intents") {
      if (opts.create) return opts.create(form);
      n++;
      return new Response(JSON.stringify({ id: `pi_off_${form.get("metadata[invoice_id]")}_${n}`, object: "payment_intent", amount: Number(form.get("amount")), currency: "eur", status: "processing", customer: form.get("customer"), payment_method: form.get("payment_method"), metadata: {} }), { headers });
    }
    return new Response(JSON.stringify({ error: { type: "invalid_request_error", message: "unexpected" } }), { status: 404, headers });
  });
  return seen;
}

/** A Checkout's PaymentIntent as retrieve(…, expand payment_method + latest_charge) returns it: SEPA, mandate kept. */
const checkoutIntent = (id: string) => ({
  id, object: "payment_intent", amount: 6050, currency: "eur", status: "processing", customer: CUSTOMER, setup_future_usage: "off_session",
  payment_method: { id: "pm_sepa_autodebit", object: "payment_method", type: "sepa_debit", sepa_debit: { last4: "3000", country: "BE" } },
  latest_charge: { id: "py_1", object: "charge", payment_method_details: { type: "sepa_debit", sepa_debit: { last4: "3000", mandate: "mandate_autodebit1" } } },
});

afterEach(() => vi.restoreAllMocks());

function browse(b: Browser, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  headers.set("origin", BASE);
  headers.set("sec-fetch-site", "same-origin");
  return createApp().fetch(new Request(`${BASE}${path}`, { ...init, headers, redirect: "manual" }), stripeEnv(), createExecutionContext());
}
const postForm = (b: Browser, path: string, body = "") => browse(b, path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });

async function sendEvent(type: string, object: unknown, created: number, id = `evt_${crypto.randomUUID().replaceAll("-", "")}`) {
  const payload = JSON.stringify({ id, object: "event", type, api_version: "2026-10-28.endive", created, data: { object }, livemode: false, pending_webhooks: 1, request: null });
  const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET, cryptoProvider: Stripe.createSubtleCryptoProvider() });
  const res = await createApp().fetch(new Request(`${BASE}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload }), stripeEnv(), createExecutionContext());
  expect(res.status).toBe(200);
  return { id, body: (await res.json()) as { duplicate: boolean; applied: boolean } };
}

async function invoice(orgId: string, cents: number): Promise<string> {
  const ctx = systemContext(env, "cli");
  const draft = await createDraft(ctx, { orgId, lines: [{ description: "Hébergement", quantity: 1, unitPriceCents: cents }] });
  return (await issueInvoice(ctx, draft.id)).id;
}
const doc = (id: string) => env.DB.prepare("select status, total_cents, paid_cents, credited_cents from billing_documents where id = ?").bind(id).first<{ status: string; total_cents: number; paid_cents: number; credited_cents: number }>();
const profile = (orgId: string) => env.DB.prepare("select * from billing_customers where org_id = ?").bind(orgId).first<Record<string, unknown>>();
const claim = (invoiceId: string) => env.DB.prepare("select * from offsession_charges where invoice_id = ?").bind(invoiceId).first<Record<string, unknown>>();
const morning = () => runScheduled(MORNING, stripeEnv(), new Date(), (p) => void p.catch(() => {}));
const charges = (seen: Seen[]) => seen.filter((s) => s.method === "POST" && s.path === "/v1/payment_intents");
const intentOf = (invoiceId: string, amount: number, id: string) => ({ id, object: "payment_intent", amount, currency: "eur", customer: CUSTOMER, payment_method: "pm_sepa_autodebit", payment_method_types: ["sepa_debit"], metadata: { invoice_id: invoiceId, chatiere_offsession: "1" } });

beforeAll(async () => {
  await coop();
  org = await customer({ owner: "owner@debit.test", language: "nl", contactEmail: "boekhouding@parc.test" });
  otherOrg = await customer({ owner: "stranger@debit.test" });
  plainOrg = await customer({ owner: "plain@debit.test", contactEmail: "plain@parc.test" });
  await env.DB.prepare("insert into billing_customers (org_id, stripe_customer_id) values (?, ?), (?, 'cus_other0001'), (?, 'cus_plain0001')").bind(org, CUSTOMER, otherOrg, plainOrg).run();
  const [a, b] = await Promise.all(["owner@debit.test", "stranger@debit.test"].map((m) => signIn(m)));
  [owner, stranger] = [a!, b!];
});

describe("the saved mandate and the member's consent", () => {
  it("a completed SEPA Checkout records the method, mandate and last4 on the billing profile, automatic debit still off", async () => {
    const id = await invoice(org, 6050);
    const seen = fakeStripe();
    const session = { id: "cs_test_sepa", object: "checkout.session", mode: "payment", currency: "eur", amount_total: 6050, payment_status: "unpaid", payment_intent: "pi_checkout_sepa", customer: CUSTOMER, client_reference_id: id, metadata: { invoice_id: id }, payment_method_types: ["sepa_debit"] };
    const first = await sendEvent("checkout.session.completed", session, 1_900_000_000);
    expect(first.body).toMatchObject({ duplicate: false, applied: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "GET", path: "/v1/payment_intents/pi_checkout_sepa" });
    expect([...seen[0]!.query].filter(([k]) => k.startsWith("expand")).map(([, v]) => v).sort()).toEqual(["latest_charge", "payment_method"]);
    expect(await profile(org)).toMatchObject({ payment_method_id: "pm_sepa_autodebit", payment_method_type: "sepa_debit", mandate_id: "mandate_autodebit1", last4: "3000", auto_debit: 0 });
    // The same event again changes nothing and asks Stripe nothing.
    expect((await sendEvent("checkout.session.completed", session, 1_900_000_000, first.id)).body.duplicate).toBe(true);
    expect(seen).toHaveLength(1);

    const page = await browse(owner, `/orgs/${org}/billing`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("3000");
    expect(html).toContain(`action="/orgs/${org}/billing/automatic-debit"`);
    expect(html).not.toContain("automatic-debit/stop");
  });

  it("another organisation's owner can neither turn it on nor stop it; without the box ticked: 400; then on, then stopped", async () => {
    expect((await postForm(stranger, `/orgs/${org}/billing/automatic-debit`, "consent=yes")).status).toBe(403);
    expect((await profile(org))!.auto_debit).toBe(0);
    const refused = await postForm(owner, `/orgs/${org}/billing/automatic-debit`, "");
    expect(refused.status).toBe(400);
    expect((await profile(org))!.auto_debit).toBe(0);

    const on = await postForm(owner, `/orgs/${org}/billing/automatic-debit`, "consent=yes");
    expect(on.status).toBe(303);
    expect(on.headers.get("location")).toBe(`/orgs/${org}/billing?notice=on`);
    expect(await profile(org)).toMatchObject({ auto_debit: 1 });
    const page = await (await browse(owner, `/orgs/${org}/billing?notice=on`)).text();
    expect(page).toContain(`action="/orgs/${org}/billing/automatic-debit/stop"`);

    expect((await postForm(stranger, `/orgs/${org}/billing/automatic-debit/stop`)).status).toBe(403);
    expect((await profile(org))!.auto_debit).toBe(1);
    expect((await postForm(owner, `/orgs/${org}/billing/automatic-debit/stop`)).status).toBe(303);
    expect(await profile(org)).toMatchObject({ auto_debit: 0, auto_debit_off: "member" });
    // No saved method (another organisation): 409, nothing turned on.
    expect((await postForm(stranger, `/orgs/${otherOrg}/billing/automatic-debit`, "consent=yes")).status).toBe(409);
    expect((await profile(otherOrg))!.auto_debit).toBe(0);
    expect(await env.DB.prepare("select count(*) n from audit_log where action in ('billing.auto_debit.on', 'billing.auto_debit.off') and org_id = ?").bind(org).first("n")).toBe(2);
  });
});

describe("the MORNING cron debits later invoices once", () => {
  let later: string, partly: string, paid: string, before: string, plain: string;

  it("charges exactly what is due, off session, once even when the cron fires twice; never without consent", async () => {
    before = await invoice(org, 1500); // issued before consent: not debited
    await env.DB.prepare("update billing_customers set payment_method_id = 'pm_plain', payment_method_type = 'sepa_debit', last4 = '1111' where org_id = ?").bind(plainOrg).run();
    expect((await postForm(owner, `/orgs/${org}/billing/automatic-debit`, "consent=yes")).status).toBe(303);
    later = await invoice(org, 12100);
    partly = await invoice(org, 20000);
    await env.DB.prepare("update billing_documents set paid_cents = 5000, status = 'partially_paid' where id = ?").bind(partly).run();
    paid = await invoice(org, 3000);
    await env.DB.prepare("update billing_documents set paid_cents = total_cents, status = 'paid' where id = ?").bind(paid).run();
    plain = await invoice(plainOrg, 4000); // a saved method but no consent

    const seen = fakeStripe();
    await morning();
    await morning();
    const posted = charges(seen);
    expect(posted.map((p) => p.form.get("metadata[invoice_id]")).sort()).toEqual([later, partly].sort());
    for (const [id, due] of [[later, (await doc(later))!.total_cents], [partly, (await doc(partly))!.total_cents - 5000]] as const) {
      const p = posted.find((x) => x.form.get("metadata[invoice_id]") === id)!;
      expect(p.idempotencyKey).toBe(`offsession:${id}:${due}`);
      expect(Object.fromEntries(p.form)).toMatchObject({ amount: String(due), currency: "eur", customer: CUSTOMER, payment_method: "pm_sepa_autodebit", off_session: "true", confirm: "true", "allowed_payment_method_types[0]": "sepa_debit", "metadata[chatiere_offsession]": "1" });
      expect(await claim(id)).toMatchObject({ state: "processing", amount_cents: due });
    }
    // SEPA takes days: the invoice stays open, the ledger shows the debit under way.
    expect((await doc(later))!.status).toBe("open");
    expect(await env.DB.prepare("select stripe_state, amount_cents from payments where invoice_id = ?").bind(later).first()).toMatchObject({ stripe_state: "awaiting", amount_cents: (await doc(later))!.total_cents });
    const ledger = await (await browse(owner, `/orgs/${org}/billing/ledger?lang=nl`)).text();
    expect(ledger).toContain("Inning bezig");
    for (const id of [before, paid, plain]) expect(await claim(id)).toBeNull();
  });

  it("the intent's events, duplicated and out of order, put the money on the invoice once", async () => {
    const row = (await claim(later))!;
    const pi = String(row.payment_intent);
    const amount = Number(row.amount_cents);
    const processing = await sendEvent("payment_intent.processing", intentOf(later, amount, pi), 1_900_000_100);
    const succeeded = await sendEvent("payment_intent.succeeded", intentOf(later, amount, pi), 1_900_300_000);
    expect(succeeded.body.applied).toBe(true);
    await sendEvent("payment_intent.succeeded", intentOf(later, amount, pi), 1_900_300_000, succeeded.id);
    await sendEvent("payment_intent.processing", intentOf(later, amount, pi), 1_900_000_100, processing.id);
    await sendEvent("payment_intent.processing", intentOf(later, amount, pi), 1_900_000_050); // an older copy under another id
    expect(await doc(later)).toMatchObject({ status: "paid", paid_cents: amount });
    expect(await env.DB.prepare("select count(*) n, sum(amount_cents) s from payment_allocations where invoice_id = ?").bind(later).first()).toEqual({ n: 1, s: amount });
    expect(await claim(later)).toMatchObject({ state: "succeeded" });
  });

  it("a failed debit: recorded once, automatic debit off, the member mailed in Dutch; the invoice stays open for dunning", async () => {
    const row = (await claim(partly))!;
    const pi = String(row.payment_intent);
    const amount = Number(row.amount_cents);
    const failure = { ...intentOf(partly, amount, pi), last_payment_error: { code: "insufficient_funds", message: "The account has insufficient funds." } };
    const first = await sendEvent("payment_intent.payment_failed", failure, 1_900_400_000);
    await sendEvent("payment_intent.payment_failed", failure, 1_900_400_000, first.id);
    await sendEvent("payment_intent.payment_failed", failure, 1_900_400_001);
    await sendEvent("payment_intent.processing", intentOf(partly, amount, pi), 1_900_000_100);
    expect(await claim(partly)).toMatchObject({ state: "failed" });
    expect(String((await claim(partly))!.error)).toContain("insufficient_funds");
    expect(await doc(partly)).toMatchObject({ status: "partially_paid", paid_cents: 5000 });
    expect(await env.DB.prepare("select stripe_state from payments where stripe_payment_intent = ?").bind(pi).first("stripe_state")).toBe("failed");
    expect(await profile(org)).toMatchObject({ auto_debit: 0, auto_debit_off: "payment_failed" });
    const mails = (await env.DB.prepare("select recipient, payload from outbox where kind = 'invoice.debit_failed'").all<{ recipient: string; payload: string }>()).results;
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe("boekhouding@parc.test");
    const mail = JSON.parse(mails[0]!.payload) as { lang: string; subject: string; text: string };
    expect(mail.lang).toBe("nl");
    const number = await env.DB.prepare("select number from billing_documents where id = ?").bind(partly).first<string>("number");
    expect(mail.subject).toBe(`De inning van factuur ${number} is mislukt`);
    expect(mail.text).toContain(formatMoney(amount, "nl"));

    // Off now: a new invoice is not debited.
    const next = await invoice(org, 900);
    const seen = fakeStripe();
    await morning();
    expect(charges(seen)).toHaveLength(0);
    expect(await claim(next)).toBeNull();
  });

  it("a debit Stripe refuses at once (card declined) is recorded failed; an outage leaves the claim for the next run with the same key", async () => {
    await env.DB.prepare("update billing_customers set auto_debit = 1, auto_debit_since = ?, auto_debit_off = null where org_id = ?").bind(new Date().toISOString(), plainOrg).run();
    const down = await invoice(plainOrg, 2500);
    const failing = fakeStripe({ create: () => new Response(JSON.stringify({ error: { type: "api_error", message: "Stripe is down" } }), { status: 500, headers: { "content-type": "application/json" } }) });
    await morning();
    expect(charges(failing)).toHaveLength(1);
    const due = (await doc(down))!.total_cents;
    expect(await claim(down)).toMatchObject({ state: "pending", amount_cents: due });
    // The claim is fresh: a run minutes later leaves it to the run that made it; after the grace period it asks again, same key.
    await env.DB.prepare("update offsession_charges set updated_at = '2000-01-01T00:00:00.000Z' where invoice_id = ?").bind(down).run();
    const declined = fakeStripe({
      create: () => new Response(JSON.stringify({ error: { type: "card_error", code: "card_declined", message: "Your card was declined.", payment_intent: { id: "pi_declined_1", object: "payment_intent", status: "requires_payment_method" } } }), { status: 402, headers: { "content-type": "application/json" } }),
    });
    await morning();
    expect(charges(declined).map((c) => c.idempotencyKey)).toEqual([`offsession:${down}:${due}`]);
    expect(await claim(down)).toMatchObject({ state: "failed", payment_intent: "pi_declined_1" });
    expect(await profile(plainOrg)).toMatchObject({ auto_debit: 0, auto_debit_off: "payment_failed" });
    expect((await doc(down))!.status).toBe("open");
    expect(await env.DB.prepare("select count(*) n from outbox where kind = 'invoice.debit_failed' and recipient = 'plain@parc.test'").first("n")).toBe(1);
  });
});
