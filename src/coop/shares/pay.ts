// A person pays their capital call online. Their call is filed under the cooperative's own
// organisation (billing documents need one), whose Stripe Customer and saved methods are not
// theirs: the Checkout Session names the person by address only (no Customer, nothing kept for
// later) and sends them back to /account/shares. The webhook then books it like any invoice's
// payment (../payments/service.ts), and a call paid in full enters the register (./paid.ts).
// An organisation's call is paid from its own billing page, on its own Customer.
import { eq } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { users } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import type { Lang } from "../../lib/lang";
import { AppError } from "../../lib/problem";
import { findDocument } from "../invoices/repository";
import { payableInvoice, stripeOf, viaStripe } from "../payments/checkout.service";
import { createCheckoutSession } from "../payments/stripe";
import { findHolder, findRequest } from "./repository";

/** The 409's reason when the call belongs to an organisation (the page tells it apart from "nothing due"). */
export const HELD_BY_ORGANISATION = "held by an organisation";

/** Where Stripe sends the person back, with the notice each way shows (shares.pages.tsx reads them). */
export function personReturnUrls(origin: string) {
  const page = `${origin}/account/shares`;
  return { successUrl: `${page}?notice=paying`, cancelUrl: `${page}?notice=pay_cancelled` };
}

/**
 * A Checkout Session for exactly what the request's capital call still asks. The caller was let
 * through by `shares.pay` (the holder or a coop_admin). 404: no such request; 409 (field
 * `request_id`): an organisation's call, not decided or refused, already paid or credited.
 */
export async function openCallCheckout(ctx: ServiceContext, requestId: string, opts: { origin: string; lang: Lang }): Promise<{ id: string; url: string }> {
  const request = await findRequest(ctx.db, requestId);
  const holder = request ? await findHolder(ctx.db, request.holderId) : undefined;
  if (!request || !holder) throw new AppError("NOT_FOUND", `No share request ${requestId}`);
  const conflict = (detail: string, why: string) => new AppError("CONFLICT", detail, [{ field: "request_id", message: why }]);
  if (holder.orgId) throw conflict("An organisation pays its capital call from its billing page (/orgs/{id}/billing), on its own Stripe customer", HELD_BY_ORGANISATION);
  if (!request.documentId) throw conflict(`This request is ${request.status}: there is no capital call to pay`, `request ${request.status}`);
  let invoice;
  try {
    // Filed under the cooperative's organisation: that is the org the document belongs to.
    const doc = await findDocument(ctx.db, request.documentId);
    invoice = await payableInvoice(ctx, doc?.orgId ?? "", request.documentId);
  } catch (err) {
    // payableInvoice names the invoice; here the caller knows the request.
    if (err instanceof AppError && err.code === "CONFLICT") throw conflict(err.message, err.errors?.[0]?.message ?? "nothing due");
    throw err;
  }
  const [person] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, holder.userId!)).limit(1);
  const email = person?.email ?? holder.email;
  if (!email) throw conflict("The holder has no address to send Stripe's receipt to", "no address");
  const stripe = stripeOf(ctx);
  const session = await viaStripe("open the payment page", () => createCheckoutSession(stripe, invoice, { customerEmail: email, lang: opts.lang, ...personReturnUrls(opts.origin) }));
  await ctx.db.batch([auditInsert(ctx, { action: "payment.checkout", subjectType: "billing_document", subjectId: invoice.id, orgId: invoice.orgId, detail: { session: session.id, amountCents: invoice.dueCents, shareRequest: request.id } })]);
  return session;
}
