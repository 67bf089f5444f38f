// What Stripe's events mean for automatic debit, besides the ledger (./service.ts applies that):
// a completed Checkout of an organisation's Customer (never a person's capital call) whose PaymentIntent saved its method (`setup_future_usage`) records the method
// on the organisation's billing profile — the event does not carry it, so the intent is read through
// the SDK with its payment method and charge (a failed read answers 500: Stripe sends the event
// again and nothing of it was stored); an off-session intent's processing / succeeded / failed moves
// its claim (./offsession.ts), a failure once turning automatic debit off and mailing the member.
import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { billingDocuments, offSessionCharges } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import type { OutboxInsert } from "../../outbox/write";
import { savedMethodStatements } from "./autodebit.service";
import { debitFailedStatements } from "./offsession";
import { interpretEvent, OFFSESSION_METADATA, PERSON_PAYER_METADATA, retrieveIntent, savedMethodOf, stripeClient } from "./stripe";

type Stmt = BatchItem<"sqlite">;

export async function autoDebitEventStatements(ctx: ServiceContext, type: string, object: unknown, fetchFn?: typeof fetch): Promise<{ statements: Stmt[]; outbox: Pick<OutboxInsert, "id" | "channel">[] }> {
  const none = { statements: [], outbox: [] };
  const effect = interpretEvent(type, object);
  if (effect.kind === "ignored" || effect.kind === "refunded") return none;
  if (type === "checkout.session.completed") {
    // A person's capital call (src/coop/shares/pay.ts) is paid without a Stripe Customer and saves
    // nothing; its document sits under the cooperative's own organisation, whose billing profile
    // must never receive someone else's card or mandate. Nothing to read from Stripe either.
    const session = (object ?? {}) as { customer?: unknown; metadata?: Record<string, string> | null };
    if (session.metadata?.[PERSON_PAYER_METADATA] === "1" || !session.customer) return none;
    const key = ctx.settings.STRIPE_SECRET_KEY;
    if (!key) return none;
    const [invoice] = await ctx.db.select({ orgId: billingDocuments.orgId }).from(billingDocuments).where(eq(billingDocuments.id, effect.invoiceId)).limit(1);
    if (!invoice) return none;
    const method = savedMethodOf(await retrieveIntent(stripeClient(key, fetchFn), effect.paymentIntentId));
    return method ? { statements: savedMethodStatements(ctx, invoice.orgId, method), outbox: [] } : none;
  }
  const metadata = ((object ?? {}) as { metadata?: Record<string, string> }).metadata ?? {};
  if (!type.startsWith("payment_intent.") || metadata[OFFSESSION_METADATA] !== "1") return none;
  const at = ctx.now().toISOString();
  const claim = and(eq(offSessionCharges.invoiceId, effect.invoiceId), eq(offSessionCharges.idempotencyKey, `offsession:${effect.invoiceId}:${effect.amountCents}`));
  if (effect.kind === "awaiting") {
    return { statements: [ctx.db.update(offSessionCharges).set({ state: "processing", paymentIntent: effect.paymentIntentId, updatedAt: at }).where(and(claim, eq(offSessionCharges.state, "pending")))], outbox: [] };
  }
  if (effect.kind === "succeeded") {
    return { statements: [ctx.db.update(offSessionCharges).set({ state: "succeeded", paymentIntent: effect.paymentIntentId, error: null, updatedAt: at }).where(and(claim, inArray(offSessionCharges.state, ["pending", "processing"])))], outbox: [] };
  }
  const reason = ((object ?? {}) as { last_payment_error?: { code?: string; message?: string } }).last_payment_error;
  return debitFailedStatements(ctx, effect.invoiceId, reason ? `${reason.code ?? "failed"}: ${reason.message ?? ""}` : "payment_intent.payment_failed", effect.paymentIntentId);
}
