// Paying an invoice online: the member organisation's Stripe Customer (created once, kept on its
// billing profile `billing_customers`), a Checkout Session for exactly what the invoice still asks,
// and the Customer Portal where its saved card or SEPA mandate is managed. Stripe is optional: a
// deployment without STRIPE_SECRET_KEY answers 503 and its members pay by transfer (OGM).
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { auditInsert } from "../../accounts/audit";
import { findOrg } from "../../accounts/orgs/repository";
import { billingCustomers } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { isLang, type Lang } from "../../lib/lang";
import { AppError } from "../../lib/problem";
import { findDocument } from "../invoices/repository";
import { settle } from "../invoices/status";
import { createCheckoutSession, createCustomer, portalSession, stripeClient, type PayableInvoice } from "./stripe";

/** Whether members may pay by card, Bancontact or SEPA debit on this deployment. */
export const stripeConfigured = (ctx: Pick<ServiceContext, "settings">): boolean => !!ctx.settings.STRIPE_SECRET_KEY;

export function stripeOf(ctx: ServiceContext): Stripe {
  const key = ctx.settings.STRIPE_SECRET_KEY;
  if (!key) throw new AppError("SERVICE_UNAVAILABLE", "Online payment is not configured on this deployment (no STRIPE_SECRET_KEY): pay by bank transfer with the invoice's structured communication");
  return stripeClient(key);
}

/** Stripe's refusals and outages are Stripe's, not ours: a 502 that says so, never a 500. */
export async function viaStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) {
      console.error(`stripe ${what}: ${err.type} ${err.message}`);
      throw new AppError("BAD_GATEWAY", `Stripe could not ${what} (${err.type}); try again later or pay by bank transfer`);
    }
    throw err;
  }
}

/** The invoice as Stripe is asked to collect it; 404 when not this organisation's, 409 when nothing is payable. */
export async function payableInvoice(ctx: ServiceContext, orgId: string, invoiceId: string): Promise<PayableInvoice> {
  const row = await findDocument(ctx.db, invoiceId);
  if (!row || row.orgId !== orgId) throw new AppError("NOT_FOUND", `No invoice ${invoiceId} for this organisation`);
  // Invoices and capital calls are paid alike; a paid call's shares enter the register (../shares/paid.ts).
  if (row.type === "credit_note") throw new AppError("CONFLICT", "A credit note is not paid: it lowers what an invoice asks", [{ field: "invoice_id", message: "a credit note" }]);
  if (row.status === "draft") throw new AppError("CONFLICT", "This invoice is not issued yet: there is nothing to pay", [{ field: "invoice_id", message: "a draft" }]);
  const { status, dueCents } = settle({ type: row.type, issued: true, totalCents: row.totalCents, creditedCents: row.creditedCents, paidCents: row.paidCents });
  if (dueCents <= 0) throw new AppError("CONFLICT", status === "credited" ? `Invoice ${row.number} was cancelled by a credit note: nothing is due` : `Invoice ${row.number} is already paid`, [{ field: "invoice_id", message: status }]);
  return { id: row.id, number: row.number!, dueCents, currency: "EUR", orgId, type: row.type };
}

/** The organisation's Stripe Customer id: the stored one, else created (once: the Idempotency-Key comes from the org id) and stored. */
export async function stripeCustomerFor(ctx: ServiceContext, stripe: Stripe, orgId: string): Promise<string> {
  const [stored] = await ctx.db.select().from(billingCustomers).where(eq(billingCustomers.orgId, orgId)).limit(1);
  if (stored) return stored.stripeCustomerId;
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw new AppError("NOT_FOUND", `No organisation ${orgId}`);
  const lang: Lang = isLang(org.language) ? org.language : "fr";
  const id = await viaStripe("create the customer", () => createCustomer(stripe, { orgId, name: org.legalName || org.name, email: org.contactEmail ?? null, lang }));
  // Two first payments at once: the same key gave both the same customer; the second insert is a no-op.
  await ctx.db.batch([
    ctx.db.insert(billingCustomers).values({ orgId, stripeCustomerId: id }).onConflictDoNothing(),
    auditInsert(ctx, { action: "billing.stripe_customer", subjectType: "organisation", subjectId: orgId, orgId, detail: { customer: id } }),
  ]);
  const [row] = await ctx.db.select().from(billingCustomers).where(eq(billingCustomers.orgId, orgId)).limit(1);
  return row!.stripeCustomerId;
}

/** Where Stripe sends the member back: the invoice's page (with a notice after paying). */
export function returnUrls(origin: string, orgId: string, invoiceId: string) {
  const page = `${origin}/orgs/${encodeURIComponent(orgId)}/billing/${encodeURIComponent(invoiceId)}`;
  return { successUrl: `${page}?notice=paying`, cancelUrl: page };
}

/** A Checkout Session for exactly what the invoice still asks; the URL to send the member to. */
export async function openCheckout(ctx: ServiceContext, orgId: string, invoiceId: string, opts: { origin: string; lang: Lang }): Promise<{ id: string; url: string }> {
  const stripe = stripeOf(ctx);
  const invoice = await payableInvoice(ctx, orgId, invoiceId);
  const customerId = await stripeCustomerFor(ctx, stripe, orgId);
  const session = await viaStripe("open the payment page", () => createCheckoutSession(stripe, invoice, { customerId, lang: opts.lang, ...returnUrls(opts.origin, orgId, invoiceId) }));
  await ctx.db.batch([auditInsert(ctx, { action: "payment.checkout", subjectType: "billing_document", subjectId: invoiceId, orgId, detail: { session: session.id, amountCents: invoice.dueCents } })]);
  return session;
}

/** The Customer Portal for the organisation's saved payment methods and mandates. */
export async function openPortal(ctx: ServiceContext, orgId: string, opts: { origin: string }): Promise<string> {
  const stripe = stripeOf(ctx);
  const customerId = await stripeCustomerFor(ctx, stripe, orgId);
  return viaStripe("open the customer portal", () => portalSession(stripe, { customerId, returnUrl: `${opts.origin}/orgs/${encodeURIComponent(orgId)}/billing` }));
}
