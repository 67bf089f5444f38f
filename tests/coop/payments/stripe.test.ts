import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocatedBy, chargeOffSession, createCheckoutSession, interpretEvent, portalSession, savedMethodOf, stripeClient, transition, type StoredStripePayment, type StripeEffect } from "../../../src/coop/payments/stripe";
import checkoutFixture from "../../fixtures/stripe/checkout-session.json";
import intentFixture from "../../fixtures/stripe/payment-intent.json";
import portalFixture from "../../fixtures/stripe/portal-session.json";

interface Seen {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
  auth: string | null;
}

/** A fetch that records what the SDK sends and answers the fixture. */
function fakeStripe(answer: unknown, status = 200) {
  const seen: Seen[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers);
    seen.push({ method: init?.method ?? "GET", path: url.pathname, form: new URLSearchParams(String(init?.body ?? "")), idempotencyKey: headers.get("idempotency-key"), auth: headers.get("authorization") });
    return new Response(JSON.stringify(answer), { status, headers: { "content-type": "application/json", "request-id": "req_test" } });
  }) as typeof fetch;
  return { stripe: stripeClient("sk_test_chatiere", fn), seen };
}

const invoice = { id: "bdoc_parc", number: "F2027-000001", dueCents: 12100, currency: "EUR" as const, orgId: "org_parc" };

describe("Stripe requests", () => {
  it("a Checkout Session for exactly the amount due, three methods, mandate kept, one key per invoice and amount", async () => {
    const { stripe, seen } = fakeStripe(checkoutFixture);
    const opts = { customerId: "cus_Q1w2E3r4T5y6U7", successUrl: "https://chatiere.example.org/ok", cancelUrl: "https://chatiere.example.org/back", lang: "nl" as const };
    const session = await createCheckoutSession(stripe, invoice, opts);
    expect(session).toEqual({ id: "cs_test_a1B2c3D4e5F6g7H8i9J0", url: checkoutFixture.url });
    const [req] = seen;
    expect(req).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: "checkout:bdoc_parc:12100:nl", auth: "Bearer sk_test_chatiere" });
    const f = req!.form;
    expect(f.get("mode")).toBe("payment");
    expect(f.get("customer")).toBe("cus_Q1w2E3r4T5y6U7");
    expect([f.get("allowed_payment_method_types[0]"), f.get("allowed_payment_method_types[1]"), f.get("allowed_payment_method_types[2]")]).toEqual(["card", "bancontact", "sepa_debit"]);
    expect(f.get("line_items[0][price_data][unit_amount]")).toBe("12100");
    expect(f.get("line_items[0][price_data][currency]")).toBe("eur");
    expect(f.get("line_items[0][quantity]")).toBe("1");
    expect(f.get("metadata[invoice_id]")).toBe("bdoc_parc");
    expect(f.get("payment_intent_data[setup_future_usage]")).toBe("off_session");
    expect(f.get("payment_intent_data[metadata][invoice_id]")).toBe("bdoc_parc");
    expect(f.get("locale")).toBe("nl");
    // After a partial payment the amount due changes, and so does the key.
    await createCheckoutSession(stripe, { ...invoice, dueCents: 2100 }, opts);
    expect(seen[1]!.idempotencyKey).toBe("checkout:bdoc_parc:2100:nl");
    expect(seen[1]!.form.get("line_items[0][price_data][unit_amount]")).toBe("2100");
  });

  it("a person's capital call: customer_email, no Customer, nothing saved for later, marked as a person's, named a capital call", async () => {
    const { stripe, seen } = fakeStripe(checkoutFixture);
    const call = { ...invoice, id: "bil_call", number: "AP2027-000003", dueCents: 10000, type: "share_call" as const };
    await createCheckoutSession(stripe, call, { customerEmail: "ada@person.test", successUrl: "https://x/account/shares?notice=paying", cancelUrl: "https://x/account/shares?notice=pay_cancelled", lang: "en" });
    const [req] = seen;
    expect(req).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: "checkout:bil_call:10000:en" });
    const f = req!.form;
    expect(f.get("customer_email")).toBe("ada@person.test");
    expect(f.has("customer")).toBe(false);
    expect([...f.keys()].filter((k) => k.includes("setup_future_usage"))).toEqual([]);
    expect(f.get("line_items[0][price_data][unit_amount]")).toBe("10000");
    expect(f.get("line_items[0][price_data][product_data][name]")).toBe("Appel de fonds AP2027-000003");
    expect(f.get("metadata[chatiere_person]")).toBe("1");
    expect(f.get("payment_intent_data[metadata][chatiere_person]")).toBe("1");
    expect(f.get("metadata[invoice_id]")).toBe("bil_call");
    expect(f.get("locale")).toBe("en");
    // An organisation's Checkout is not marked.
    await createCheckoutSession(stripe, invoice, { customerId: "cus_x", successUrl: "https://x/ok", cancelUrl: "https://x/no", lang: "fr" });
    expect(seen[1]!.form.has("metadata[chatiere_person]")).toBe(false);
    expect(seen[1]!.form.has("customer_email")).toBe(false);
  });

  it("refuses a Checkout for nothing due, before any request", async () => {
    const { stripe, seen } = fakeStripe(checkoutFixture);
    await expect(createCheckoutSession(stripe, { ...invoice, dueCents: 0 }, { customerId: "cus_x", successUrl: "https://x/ok", cancelUrl: "https://x/no", lang: "fr" })).rejects.toThrow(/nothing is due/);
    expect(seen).toHaveLength(0);
  });

  it("debits a later invoice off session from the saved SEPA mandate", async () => {
    const { stripe, seen } = fakeStripe(intentFixture);
    const out = await chargeOffSession(stripe, { ...invoice, id: "bdoc_later", number: "F2027-000009", dueCents: 6050 }, { customerId: "cus_Q1w2E3r4T5y6U7", paymentMethodId: "pm_1SepaMandate0001" });
    expect(out).toEqual({ id: "pi_3Q0offsession0001", status: "processing" });
    const req = seen[0]!;
    expect(req).toMatchObject({ method: "POST", path: "/v1/payment_intents", idempotencyKey: "offsession:bdoc_later:6050" });
    expect(Object.fromEntries(req.form)).toMatchObject({ amount: "6050", currency: "eur", customer: "cus_Q1w2E3r4T5y6U7", payment_method: "pm_1SepaMandate0001", off_session: "true", confirm: "true", "allowed_payment_method_types[0]": "sepa_debit", "metadata[invoice_id]": "bdoc_later" });
  });

  it("opens the Customer Portal", async () => {
    const { stripe, seen } = fakeStripe(portalFixture);
    expect(await portalSession(stripe, { customerId: "cus_Q1w2E3r4T5y6U7", returnUrl: "https://chatiere.example.org/orgs/org_parc/billing" })).toBe(portalFixture.url);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/v1/billing_portal/sessions" });
    expect(seen[0]!.form.get("return_url")).toBe("https://chatiere.example.org/orgs/org_parc/billing");
  });

  it("a Stripe error surfaces as the SDK's error", async () => {
    const { stripe } = fakeStripe({ error: { type: "invalid_request_error", message: "No such customer: 'cus_gone'", param: "customer" } }, 400);
    await expect(createCheckoutSession(stripe, invoice, { customerId: "cus_gone", successUrl: "https://x/ok", cancelUrl: "https://x/no", lang: "fr" })).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "customer" });
  });
});

const session = (over: Record<string, unknown> = {}) => ({ ...checkoutFixture, payment_intent: "pi_1", ...over });

describe("interpretEvent", () => {
  it("checkout.session.completed: paid now (card, Bancontact), or awaiting (SEPA)", () => {
    expect(interpretEvent("checkout.session.completed", session({ payment_status: "paid" }))).toMatchObject({ kind: "succeeded", invoiceId: "bdoc_parc", paymentIntentId: "pi_1", amountCents: 12100 });
    expect(interpretEvent("checkout.session.completed", session({ payment_status: "unpaid" }))).toMatchObject({ kind: "awaiting" });
    expect(interpretEvent("checkout.session.async_payment_succeeded", session({ payment_status: "paid" }))).toMatchObject({ kind: "succeeded" });
    expect(interpretEvent("checkout.session.async_payment_failed", session())).toMatchObject({ kind: "failed" });
  });

  it("charge.refunded: the cumulative amount refunded of the payment intent", () => {
    expect(interpretEvent("charge.refunded", { object: "charge", payment_intent: "pi_1", amount_refunded: 2100, refunded: false })).toEqual({ kind: "refunded", paymentIntentId: "pi_1", refundedCents: 2100 });
  });

  it("ignores what is not ours: no invoice, a subscription, another currency, no intent", () => {
    expect(interpretEvent("checkout.session.completed", session({ metadata: {}, client_reference_id: null }))).toEqual({ kind: "ignored", reason: "no_invoice" });
    expect(interpretEvent("checkout.session.completed", session({ mode: "subscription" }))).toEqual({ kind: "ignored", reason: "not_a_payment" });
    expect(interpretEvent("checkout.session.completed", session({ currency: "usd" }))).toEqual({ kind: "ignored", reason: "not_eur" });
    expect(interpretEvent("checkout.session.completed", session({ payment_intent: null }))).toEqual({ kind: "ignored", reason: "no_payment_intent" });
    expect(interpretEvent("customer.created", {})).toEqual({ kind: "ignored", reason: "unsupported" });
  });
});

describe("off-session intents and saved methods", () => {
  const intent = (over: Record<string, unknown> = {}) => ({ id: "pi_off", object: "payment_intent", amount: 6050, currency: "eur", payment_method_types: ["sepa_debit"], metadata: { invoice_id: "bdoc_later", chatiere_offsession: "1" }, ...over });

  it("payment_intent.processing / succeeded / payment_failed of our off-session debits: awaiting, succeeded, failed", () => {
    const base = { invoiceId: "bdoc_later", paymentIntentId: "pi_off", amountCents: 6050, method: "sepa_debit" };
    expect(interpretEvent("payment_intent.processing", intent())).toEqual({ kind: "awaiting", ...base });
    expect(interpretEvent("payment_intent.succeeded", intent())).toEqual({ kind: "succeeded", ...base });
    expect(interpretEvent("payment_intent.payment_failed", intent())).toEqual({ kind: "failed", ...base });
  });

  it("a Checkout's own intent is read from the session's events, never from payment_intent.* (it may fail, then succeed)", () => {
    expect(interpretEvent("payment_intent.payment_failed", intent({ metadata: { invoice_id: "bdoc_parc" } }))).toEqual({ kind: "ignored", reason: "not_off_session" });
    expect(interpretEvent("payment_intent.succeeded", intent({ currency: "usd" }))).toEqual({ kind: "ignored", reason: "not_eur" });
    expect(interpretEvent("payment_intent.succeeded", intent({ metadata: { chatiere_offsession: "1" } }))).toEqual({ kind: "ignored", reason: "no_invoice" });
  });

  const expanded = (over: Record<string, unknown> = {}) => ({
    id: "pi_1", customer: "cus_1", setup_future_usage: "off_session",
    payment_method: { id: "pm_sepa", type: "sepa_debit", sepa_debit: { last4: "3000" } },
    latest_charge: { id: "py_1", payment_method_details: { type: "sepa_debit", sepa_debit: { last4: "3000", mandate: "mandate_1" } } },
    ...over,
  });

  it("the method a Checkout saved: SEPA with its mandate, a card, Bancontact's generated SEPA debit", () => {
    expect(savedMethodOf(expanded())).toEqual({ paymentMethodId: "pm_sepa", type: "sepa_debit", mandateId: "mandate_1", last4: "3000", customerId: "cus_1" });
    expect(savedMethodOf(expanded({ payment_method: { id: "pm_card", type: "card", card: { last4: "4242" } }, latest_charge: { payment_method_details: { type: "card", card: { last4: "4242" } } } }))).toEqual({ paymentMethodId: "pm_card", type: "card", mandateId: null, last4: "4242", customerId: "cus_1" });
    const bancontact = { payment_method: { id: "pm_bc", type: "bancontact" }, latest_charge: { payment_method_details: { type: "bancontact", bancontact: { generated_sepa_debit: "pm_generated", generated_sepa_debit_mandate: "mandate_bc", iban_last4: "7034" } } } };
    expect(savedMethodOf(expanded(bancontact))).toEqual({ paymentMethodId: "pm_generated", type: "sepa_debit", mandateId: "mandate_bc", last4: "7034", customerId: "cus_1" });
  });

  it("nothing saved without setup_future_usage, a customer, or a reusable method", () => {
    expect(savedMethodOf(expanded({ setup_future_usage: null }))).toBeNull();
    expect(savedMethodOf(expanded({ customer: null }))).toBeNull();
    expect(savedMethodOf(expanded({ payment_method: { id: "pm_x", type: "ideal" }, latest_charge: { payment_method_details: { type: "ideal" } } }))).toBeNull();
    expect(savedMethodOf(null)).toBeNull();
  });

  it("a card is debited off session as a card", async () => {
    const { stripe, seen } = fakeStripe(intentFixture);
    await chargeOffSession(stripe, { ...invoice, id: "bdoc_card", dueCents: 900 }, { customerId: "cus_1", paymentMethodId: "pm_card", paymentMethodType: "card" });
    expect(Object.fromEntries(seen[0]!.form)).toMatchObject({ "allowed_payment_method_types[0]": "card", off_session: "true", confirm: "true", "metadata[chatiere_offsession]": "1" });
    expect(seen[0]!.idempotencyKey).toBe("offsession:bdoc_card:900");
  });
});

describe("transition: an older event never undoes a newer state", () => {
  const base = { invoiceId: "bdoc_parc", paymentIntentId: "pi_1", amountCents: 12100, method: null };
  const awaiting: StripeEffect = { kind: "awaiting", ...base };
  const succeeded: StripeEffect = { kind: "succeeded", ...base };
  const failed: StripeEffect = { kind: "failed", ...base };

  it("awaiting then succeeded allocates once; succeeded then a late awaiting changes nothing", () => {
    const t1 = transition(null, awaiting, 100);
    expect(t1).toMatchObject({ apply: true, allocationDelta: 0, next: { state: "awaiting" } });
    const t2 = transition(t1.apply ? t1.next : null, succeeded, 200);
    expect(t2).toMatchObject({ apply: true, allocationDelta: 12100, next: { state: "succeeded" } });
    const now = t2.apply ? t2.next : null;
    expect(transition(now, awaiting, 100)).toEqual({ apply: false, reason: "stale" });
    expect(transition(now, succeeded, 300)).toEqual({ apply: false, reason: "same_state" });
    expect(transition(now, failed, 150)).toEqual({ apply: false, reason: "stale" });
  });

  it("refunds only ever raise the refunded amount, taking it back off the invoice", () => {
    const paid: StoredStripePayment = { state: "succeeded", eventCreated: 200, amountCents: 12100, refundedCents: 0 };
    const r1 = transition(paid, { kind: "refunded", paymentIntentId: "pi_1", refundedCents: 12100 }, 400);
    expect(r1).toMatchObject({ apply: true, allocationDelta: -12100, refundDelta: 12100, next: { state: "succeeded", refundedCents: 12100 } });
    // An older partial refund event arriving after the full one does nothing.
    expect(transition(r1.apply ? r1.next : null, { kind: "refunded", paymentIntentId: "pi_1", refundedCents: 2100 }, 300)).toEqual({ apply: false, reason: "not_more_refunded" });
  });

  it("a refund seen before its payment is kept, and the payment then allocates only what was not refunded", () => {
    const early = transition(null, { kind: "refunded", paymentIntentId: "pi_1", refundedCents: 2100 }, 300);
    expect(early).toMatchObject({ apply: true, allocationDelta: 0, next: { state: "unknown", amountCents: null, refundedCents: 2100 } });
    const late = transition(early.apply ? early.next : null, awaiting, 100);
    expect(late).toMatchObject({ apply: true, allocationDelta: 10000, next: { state: "succeeded", amountCents: 12100 } });
  });

  it("any order of the events of one payment ends in the same state with the same allocation", () => {
    const events: [StripeEffect, number][] = [
      [awaiting, 100],
      [succeeded, 200],
      [{ kind: "refunded", paymentIntentId: "pi_1", refundedCents: 2100 }, 300],
      [{ kind: "refunded", paymentIntentId: "pi_1", refundedCents: 5000 }, 400],
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: 4, maxLength: 4 }), fc.array(fc.nat(3), { maxLength: 4 }), (order, dupes) => {
        let state: StoredStripePayment | null = null;
        let allocated = 0;
        for (const [e, created] of [...order, ...dupes.map((i) => order[i]!)]) {
          const t = transition(state, e, created);
          if (t.apply) {
            state = t.next;
            allocated += t.allocationDelta;
          }
        }
        const end = state as StoredStripePayment | null;
        return end?.state === "succeeded" && end.refundedCents === 5000 && end.amountCents === 12100 && allocated === 12100 - 5000 && allocated === allocatedBy(end);
      }),
    );
  });
});
