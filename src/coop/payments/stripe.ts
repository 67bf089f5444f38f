// Stripe as the cooperative uses it: Checkout for exactly what an invoice still asks (card,
// Bancontact, SEPA Direct Debit, the mandate kept for later invoices), an off-session SEPA debit
// of a later invoice, the Customer Portal; and what each Stripe event means for the ledger.
// Chatière numbers the invoices, Stripe only carries money. The client is the real SDK on fetch;
// tests hand it a fetch of their own.
import Stripe from "stripe";


/** The SDK on Workers' fetch (or an injected one). No retries of its own: our callers retry with the same Idempotency-Key. */
export function stripeClient(secretKey: string, fetchFn?: typeof fetch): Stripe {
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(fetchFn),
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

export interface PayableInvoice {
  id: string;
  number: string;
  /** What is still due, in cents: the Checkout asks exactly this. */
  dueCents: number;
  currency: "EUR";
  orgId: string;
  /** A capital call (src/coop/shares) is named so on Stripe's page; invoices when absent. */
  type?: "invoice" | "share_call";
}

/** One Stripe Customer per organisation: a retried or concurrent creation returns the same customer. */
export const customerIdempotencyKey = (orgId: string) => `customer:${orgId}`;

export interface CustomerInput {
  orgId: string;
  name: string;
  email: string | null;
  lang: "fr" | "nl" | "en";
}

export function customerParams(org: CustomerInput): Stripe.CustomerCreateParams {
  return {
    name: org.name.slice(0, 256),
    ...(org.email ? { email: org.email } : {}),
    preferred_locales: [org.lang],
    metadata: { org_id: org.orgId },
  };
}

/** The organisation's Stripe Customer, created once: the key from the org id makes a retry return the first one. */
export async function createCustomer(stripe: Stripe, org: CustomerInput): Promise<string> {
  const customer = await stripe.customers.create(customerParams(org), { idempotencyKey: customerIdempotencyKey(org.orgId) });
  return customer.id;
}

export const CHECKOUT_METHODS = ["card", "bancontact", "sepa_debit"] as const;

const LOCALES = { fr: "fr", nl: "nl", en: "en" } as const;

/**
 * Same invoice, amount due and language → same key: a double click opens one session, a partial
 * payment a new one. The language is in it because Stripe refuses a reused key whose parameters
 * differ (the page's `locale`), and a member may switch language between two clicks.
 */
export const checkoutIdempotencyKey = (invoiceId: string, dueCents: number, lang: string) => `checkout:${invoiceId}:${dueCents}:${lang}`;
export const offSessionIdempotencyKey = (invoiceId: string, dueCents: number) => `offsession:${invoiceId}:${dueCents}`;

/**
 * Who pays: an organisation's Stripe Customer (its method and mandate kept for later invoices), or
 * a person paying their own capital call, known only by their address — no Customer, nothing kept
 * (a person's call is filed under the cooperative's organisation, whose billing profile is not theirs).
 */
export type CheckoutPayer = { customerId: string } | { customerEmail: string };

/** Marks a Checkout paid by a person with no Stripe Customer: the webhook keeps no payment method for it. */
export const PERSON_PAYER_METADATA = "chatiere_person";

export function checkoutParams(invoice: PayableInvoice, opts: CheckoutPayer & { successUrl: string; cancelUrl: string; lang: keyof typeof LOCALES }): Stripe.Checkout.SessionCreateParams {
  if (!Number.isInteger(invoice.dueCents) || invoice.dueCents <= 0) throw new RangeError("nothing is due on this invoice");
  const person = "customerEmail" in opts;
  const metadata = { invoice_id: invoice.id, invoice_number: invoice.number, org_id: invoice.orgId, ...(person ? { [PERSON_PAYER_METADATA]: "1" } : {}) };
  return {
    mode: "payment",
    ...(person ? { customer_email: opts.customerEmail } : { customer: opts.customerId }),
    // The SDK's pinned API version (2026-10-28) replaced `payment_method_types` with this filter.
    allowed_payment_method_types: [...CHECKOUT_METHODS],
    line_items: [
      {
        quantity: 1,
        price_data: { currency: "eur", unit_amount: invoice.dueCents, product_data: { name: `${invoice.type === "share_call" ? "Appel de fonds" : "Facture"} ${invoice.number}` } },
      },
    ],
    client_reference_id: invoice.id,
    metadata,
    // An organisation keeps the SEPA mandate (from SEPA Direct Debit or Bancontact) and the card for
    // later invoices; a person's one-off capital call keeps nothing.
    payment_intent_data: { ...(person ? {} : { setup_future_usage: "off_session" as const }), metadata, description: `${invoice.type === "share_call" ? "Capital call" : "Invoice"} ${invoice.number}` },
    locale: LOCALES[opts.lang],
    success_url: opts.successUrl,
    cancel_url: opts.cancelUrl,
  };
}

export async function createCheckoutSession(stripe: Stripe, invoice: PayableInvoice, opts: Parameters<typeof checkoutParams>[1]): Promise<{ id: string; url: string }> {
  const session = await stripe.checkout.sessions.create(checkoutParams(invoice, opts), { idempotencyKey: checkoutIdempotencyKey(invoice.id, invoice.dueCents, opts.lang) });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { id: session.id, url: session.url };
}

/** Marks our off-session PaymentIntents, whose `payment_intent.*` events move the ledger (Checkout's have their own events). */
export const OFFSESSION_METADATA = "chatiere_offsession";

/** A later invoice debited from the saved SEPA mandate (or card), without the member present. */
export async function chargeOffSession(stripe: Stripe, invoice: PayableInvoice, opts: { customerId: string; paymentMethodId: string; paymentMethodType?: SavedMethodType }): Promise<{ id: string; status: Stripe.PaymentIntent.Status }> {
  if (!Number.isInteger(invoice.dueCents) || invoice.dueCents <= 0) throw new RangeError("nothing is due on this invoice");
  const metadata = { invoice_id: invoice.id, invoice_number: invoice.number, org_id: invoice.orgId, [OFFSESSION_METADATA]: "1" };
  const intent = await stripe.paymentIntents.create(
    {
      amount: invoice.dueCents,
      currency: "eur",
      customer: opts.customerId,
      payment_method: opts.paymentMethodId,
      allowed_payment_method_types: [opts.paymentMethodType ?? "sepa_debit"],
      off_session: true,
      confirm: true,
      metadata,
      description: `Invoice ${invoice.number}`,
    },
    { idempotencyKey: offSessionIdempotencyKey(invoice.id, invoice.dueCents) },
  );
  return { id: intent.id, status: intent.status };
}

export type SavedMethodType = "sepa_debit" | "card";

/** A reusable payment method as the billing profile keeps it. */
export interface SavedMethod {
  paymentMethodId: string;
  type: SavedMethodType;
  mandateId: string | null;
  last4: string | null;
  customerId: string;
}

/** The PaymentIntent with what `savedMethodOf` reads: its payment method and its charge. */
export function retrieveIntent(stripe: Stripe, id: string): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.retrieve(id, { expand: ["payment_method", "latest_charge"] });
}

const idOf = (v: unknown): string | null => (typeof v === "string" ? v : v && typeof v === "object" && typeof (v as { id?: unknown }).id === "string" ? (v as { id: string }).id : null);

/**
 * The method a Checkout's PaymentIntent saved for later (`setup_future_usage: off_session`), or null:
 * a SEPA debit (its mandate on the charge), a card, or Bancontact's generated SEPA debit (the
 * reusable method Stripe makes from a Bancontact payment). Pure: reads an expanded PaymentIntent.
 */
export function savedMethodOf(intent: unknown): SavedMethod | null {
  const pi = (intent ?? {}) as Record<string, unknown>;
  const customerId = idOf(pi.customer);
  if (pi.setup_future_usage !== "off_session" || !customerId) return null;
  const pm = (pi.payment_method && typeof pi.payment_method === "object" ? pi.payment_method : null) as Record<string, any> | null;
  const charge = (pi.latest_charge && typeof pi.latest_charge === "object" ? pi.latest_charge : null) as Record<string, any> | null;
  const details = (charge?.payment_method_details ?? {}) as Record<string, any>;
  const last4 = (v: unknown) => (typeof v === "string" && /^\w{4}$/.test(v) ? v : null);
  if (details.type === "bancontact" && typeof details.bancontact?.generated_sepa_debit === "string") {
    return { paymentMethodId: details.bancontact.generated_sepa_debit, type: "sepa_debit", mandateId: idOf(details.bancontact.generated_sepa_debit_mandate), last4: last4(details.bancontact.iban_last4), customerId };
  }
  const pmId = idOf(pi.payment_method);
  if (!pmId) return null;
  const type = pm?.type ?? details.type;
  if (type === "sepa_debit") return { paymentMethodId: pmId, type, mandateId: idOf(details.sepa_debit?.mandate), last4: last4(pm?.sepa_debit?.last4 ?? details.sepa_debit?.last4), customerId };
  if (type === "card") return { paymentMethodId: pmId, type, mandateId: null, last4: last4(pm?.card?.last4 ?? details.card?.last4), customerId };
  return null;
}

/** The Customer Portal, where a member manages payment methods and mandates. */
export async function portalSession(stripe: Stripe, opts: { customerId: string; returnUrl: string }): Promise<string> {
  const session = await stripe.billingPortal.sessions.create({ customer: opts.customerId, return_url: opts.returnUrl });
  return session.url;
}

// ---------------------------------------------------------------------------------------------
// Events → ledger effects

/** A Stripe payment as the ledger tracks it: `unknown` when only a refund of it has been seen yet. */
export const PAYMENT_STATES = ["unknown", "awaiting", "failed", "succeeded"] as const;
export type StripePaymentState = (typeof PAYMENT_STATES)[number];

export type StripeEffect =
  | { kind: "succeeded"; invoiceId: string; paymentIntentId: string; amountCents: number; method: string | null }
  | { kind: "awaiting"; invoiceId: string; paymentIntentId: string; amountCents: number; method: string | null }
  | { kind: "failed"; invoiceId: string; paymentIntentId: string; amountCents: number; method: string | null }
  /** `refundedCents` is the charge's cumulative amount refunded (Stripe's `amount_refunded`). */
  | { kind: "refunded"; paymentIntentId: string; refundedCents: number }
  | { kind: "ignored"; reason: string };

export const STRIPE_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "charge.refunded",
  // Off-session debits only (OFFSESSION_METADATA): a Checkout's intent may fail and then succeed on
  // a second try in the same session, so its outcome is read from the session's events instead.
  "payment_intent.processing",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
] as const;

const INTENT_EFFECT = { "payment_intent.processing": "awaiting", "payment_intent.succeeded": "succeeded", "payment_intent.payment_failed": "failed" } as const;

/** What an event means; `object` is `event.data.object`. */
export function interpretEvent(type: string, object: unknown): StripeEffect {
  const o = (object ?? {}) as Record<string, unknown>;
  if (type.startsWith("checkout.session.")) {
    const invoiceId = (o.metadata as Record<string, string> | undefined)?.invoice_id ?? (typeof o.client_reference_id === "string" ? o.client_reference_id : undefined);
    if (!invoiceId) return { kind: "ignored", reason: "no_invoice" };
    if (o.mode !== "payment") return { kind: "ignored", reason: "not_a_payment" };
    const pi = o.payment_intent;
    const paymentIntentId = typeof pi === "string" ? pi : typeof pi === "object" && pi !== null ? String((pi as { id: unknown }).id) : "";
    if (!paymentIntentId) return { kind: "ignored", reason: "no_payment_intent" };
    if (o.currency !== "eur") return { kind: "ignored", reason: "not_eur" };
    const amountCents = Number(o.amount_total);
    if (!Number.isInteger(amountCents) || amountCents <= 0) return { kind: "ignored", reason: "no_amount" };
    const method = Array.isArray(o.payment_method_types) && o.payment_method_types.length === 1 ? String(o.payment_method_types[0]) : null;
    const base = { invoiceId, paymentIntentId, amountCents, method };
    switch (type) {
      case "checkout.session.completed":
        if (o.payment_status === "paid") return { kind: "succeeded", ...base };
        if (o.payment_status === "unpaid") return { kind: "awaiting", ...base };
        return { kind: "ignored", reason: `payment_status_${String(o.payment_status)}` };
      case "checkout.session.async_payment_succeeded":
        return { kind: "succeeded", ...base };
      case "checkout.session.async_payment_failed":
        return { kind: "failed", ...base };
    }
    return { kind: "ignored", reason: "unsupported" };
  }
  if (type in INTENT_EFFECT) {
    const metadata = (o.metadata ?? {}) as Record<string, string>;
    if (metadata[OFFSESSION_METADATA] !== "1") return { kind: "ignored", reason: "not_off_session" };
    const invoiceId = metadata.invoice_id;
    if (!invoiceId) return { kind: "ignored", reason: "no_invoice" };
    const paymentIntentId = typeof o.id === "string" ? o.id : "";
    if (!paymentIntentId) return { kind: "ignored", reason: "no_payment_intent" };
    if (o.currency !== "eur") return { kind: "ignored", reason: "not_eur" };
    const amountCents = Number(o.amount);
    if (!Number.isInteger(amountCents) || amountCents <= 0) return { kind: "ignored", reason: "no_amount" };
    const method = Array.isArray(o.payment_method_types) && o.payment_method_types.length === 1 ? String(o.payment_method_types[0]) : null;
    return { kind: INTENT_EFFECT[type as keyof typeof INTENT_EFFECT], invoiceId, paymentIntentId, amountCents, method };
  }
  if (type === "charge.refunded") {
    const pi = o.payment_intent;
    const paymentIntentId = typeof pi === "string" ? pi : typeof pi === "object" && pi !== null ? String((pi as { id: unknown }).id) : "";
    if (!paymentIntentId) return { kind: "ignored", reason: "no_payment_intent" };
    const refundedCents = Number(o.amount_refunded);
    if (!Number.isInteger(refundedCents) || refundedCents <= 0) return { kind: "ignored", reason: "no_amount" };
    return { kind: "refunded", paymentIntentId, refundedCents };
  }
  return { kind: "ignored", reason: "unsupported" };
}

export interface StoredStripePayment {
  state: StripePaymentState;
  /** `event.created` (Unix seconds) of the newest event applied. */
  eventCreated: number;
  /** Null while only a refund has been seen (Stripe's events arrive in any order). */
  amountCents: number | null;
  /** Cumulative, only ever raised. */
  refundedCents: number;
}

const RANK: Record<StripePaymentState, number> = { unknown: -1, awaiting: 0, failed: 1, succeeded: 1 };

/** What the payment puts on its invoice: its amount less refunds once it succeeded (a refund proves it did). */
export function allocatedBy(p: StoredStripePayment | null): number {
  if (!p || p.amountCents === null || p.state === "failed") return 0;
  if (p.state !== "succeeded" && p.refundedCents === 0) return 0;
  return p.amountCents - Math.min(p.refundedCents, p.amountCents);
}

export type Transition =
  | { apply: false; reason: "stale" | "same_state" | "terminal" | "not_more_refunded" | "ignored" }
  | { apply: true; next: StoredStripePayment; /** Cents to add to (+) or take off (−) the invoice's allocations. */ allocationDelta: number; refundDelta: number };

/**
 * The one rule for ordering: a payment's state only moves forward (awaiting → succeeded | failed;
 * never back to awaiting, never from succeeded to failed), its refunded amount only up, and a
 * refund proves the payment succeeded. What the invoice gets is recomputed from the new state
 * (`allocatedBy`), so any order of the same events ends with the same allocation.
 */
export function transition(current: StoredStripePayment | null, effect: StripeEffect, created: number): Transition {
  if (effect.kind === "ignored") return { apply: false, reason: "ignored" };
  let next: StoredStripePayment;
  if (effect.kind === "refunded") {
    const was = current ?? { state: "unknown" as const, eventCreated: created, amountCents: null, refundedCents: 0 };
    if (effect.refundedCents <= was.refundedCents) return { apply: false, reason: "not_more_refunded" };
    if (was.state === "failed") return { apply: false, reason: "terminal" };
    next = { ...was, state: was.state === "awaiting" ? "succeeded" : was.state, refundedCents: effect.refundedCents, eventCreated: Math.max(created, was.eventCreated) };
  } else {
    const state: StripePaymentState = effect.kind;
    if (!current || current.state === "unknown") {
      // A refund seen first proves success, whatever this (older) event says.
      const refunded = current?.refundedCents ?? 0;
      next = { state: refunded > 0 ? "succeeded" : state, eventCreated: Math.max(created, current?.eventCreated ?? created), amountCents: effect.amountCents, refundedCents: refunded };
    } else {
      if (current.state === state) return { apply: false, reason: "same_state" };
      if (RANK[state] < RANK[current.state]) return { apply: false, reason: "stale" };
      if (RANK[state] === RANK[current.state]) return { apply: false, reason: current.eventCreated > created ? "stale" : "terminal" };
      next = { ...current, state, eventCreated: Math.max(created, current.eventCreated) };
    }
  }
  return { apply: true, next, allocationDelta: allocatedBy(next) - allocatedBy(current), refundDelta: next.refundedCents - (current?.refundedCents ?? 0) };
}
