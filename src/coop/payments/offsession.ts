// The automatic debit job (cron MORNING, after the subscriptions run, src/ops/schedule.ts): every
// invoice issued to an organisation whose owners or admins turned automatic debit on — by the
// monthly run, a coop_admin's page or the API alike, since it reads the invoices themselves — and
// issued after that consent, is debited once off-session from the saved mandate (or card) for what
// is still due. Per invoice: a claim row first (`offsession_charges`, one per invoice, written only
// while the invoice's paid and credited amounts are those just read), then Stripe with the
// Idempotency-Key `offsession:<invoice>:<due>`, then the answer booked in one batch. A cron firing
// twice, or two runs at once, meet the claim and charge nothing more; a run that died between the
// claim and Stripe's answer is taken up again with the same key (Stripe keeps keys for 24 hours).
// SEPA takes days: the outcome arrives as payment_intent.* events (./autodebit-events.ts).
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import Stripe from "stripe";
import { auditInsert } from "../../accounts/audit";
import { inChunks } from "../../db/chunks";
import { billingCustomers, billingDocuments, offSessionCharges, organisations, outbox, payments } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { isLang } from "../../lib/lang";
import { enqueue, outboxRowColumns, type OutboxInsert } from "../../outbox/write";
import { debitFailedMail } from "./autodebit-mail";
import { stripeEventStatements } from "./service";
import { chargeOffSession, OFFSESSION_METADATA, offSessionIdempotencyKey, stripeClient, type SavedMethodType } from "./stripe";

type Stmt = BatchItem<"sqlite">;

/** Invoices looked at per run, oldest first; the rest wait for the next morning. */
export const OFFSESSION_BATCH_LIMIT = 200;
/** A claim younger than this may belong to a run still talking to Stripe: left alone. */
const CLAIM_GRACE_MS = 10 * 60_000;

export interface OffSessionRun {
  considered: number;
  /** PaymentIntents Stripe accepted (processing or succeeded). */
  charged: number;
  /** Nothing due any more (paid by transfer, credited, or a Checkout payment under way). */
  nothing_due: number;
  failed: number;
  /** Stripe unreachable: the claim stays pending for the next run. */
  retry_later: number;
  /** Claimed by another run, or the invoice changed meanwhile. */
  skipped: number;
  not_configured?: true;
}

export async function runOffSessionCharges(ctx: ServiceContext, fetchFn?: typeof fetch): Promise<OffSessionRun> {
  const run: OffSessionRun = { considered: 0, charged: 0, nothing_due: 0, failed: 0, retry_later: 0, skipped: 0 };
  const key = ctx.settings.STRIPE_SECRET_KEY;
  if (!key) return { ...run, not_configured: true };
  const graceEnd = new Date(ctx.now().getTime() - CLAIM_GRACE_MS).toISOString();
  const rows = await ctx.db
    .select({ doc: billingDocuments, customer: billingCustomers, claim: offSessionCharges })
    .from(billingDocuments)
    .innerJoin(billingCustomers, eq(billingCustomers.orgId, billingDocuments.orgId))
    .leftJoin(offSessionCharges, eq(offSessionCharges.invoiceId, billingDocuments.id))
    .where(
      and(
        eq(billingDocuments.type, "invoice"),
        inArray(billingDocuments.status, ["open", "partially_paid"]),
        eq(billingCustomers.autoDebit, true),
        isNotNull(billingCustomers.paymentMethodId),
        // Consent covers the invoices issued from then on, not the ones already open.
        gte(billingDocuments.issuedAt, billingCustomers.autoDebitSince),
        or(isNull(offSessionCharges.invoiceId), and(eq(offSessionCharges.state, "pending"), lt(offSessionCharges.updatedAt, graceEnd))),
      ),
    )
    .orderBy(asc(billingDocuments.issuedAt), asc(billingDocuments.id))
    .limit(OFFSESSION_BATCH_LIMIT);
  run.considered = rows.length;
  if (!rows.length) return run;
  // A Checkout payment still under way (SEPA takes days) is not in paid_cents yet: never ask it twice.
  const awaiting = await inChunks(
    rows.map((r) => r.doc.id),
    (chunk) =>
      ctx.db
        .select({ invoiceId: payments.invoiceId, cents: sql<number>`sum(${payments.amountCents})` })
        .from(payments)
        .where(and(inArray(payments.invoiceId, chunk), eq(payments.stripeState, "awaiting")))
        .groupBy(payments.invoiceId),
  );
  const underWay = new Map(awaiting.map((a) => [a.invoiceId, Number(a.cents)]));
  const stripe = stripeClient(key, fetchFn);
  for (const { doc, customer, claim } of rows) {
    let amount: number;
    let paymentMethodId: string;
    if (claim) {
      amount = claim.amountCents;
      paymentMethodId = claim.paymentMethodId;
    } else {
      amount = doc.totalCents - doc.creditedCents - doc.paidCents - (underWay.get(doc.id) ?? 0);
      if (amount <= 0) {
        run.nothing_due++;
        continue;
      }
      paymentMethodId = customer.paymentMethodId!;
      if (!(await claimInvoice(ctx, doc, amount, paymentMethodId))) {
        run.skipped++;
        continue;
      }
    }
    const invoice = { id: doc.id, number: doc.number!, dueCents: amount, currency: "EUR" as const, orgId: doc.orgId };
    const type: SavedMethodType = customer.paymentMethodType ?? "sepa_debit";
    try {
      const intent = await chargeOffSession(stripe, invoice, { customerId: customer.stripeCustomerId, paymentMethodId, paymentMethodType: type });
      const outcome = intent.status === "succeeded" ? "succeeded" : intent.status === "processing" ? "processing" : "failed";
      await book(ctx, invoice, intent.id, type, outcome, outcome === "failed" ? `stripe answered ${intent.status}` : null);
      if (outcome === "failed") run.failed++;
      else run.charged++;
    } catch (err) {
      if (!(err instanceof Stripe.errors.StripeError)) throw err;
      // A refused debit (card declined, mandate or method gone) will not pass on a retry; an outage might.
      const permanent = err instanceof Stripe.errors.StripeCardError || err instanceof Stripe.errors.StripeInvalidRequestError;
      const message = `${err.type}: ${err.message}`.slice(0, 500);
      if (permanent) {
        await book(ctx, invoice, err.payment_intent?.id ?? null, type, "failed", message);
        run.failed++;
      } else {
        await ctx.db.update(offSessionCharges).set({ error: message, updatedAt: ctx.now().toISOString() }).where(and(eq(offSessionCharges.invoiceId, doc.id), eq(offSessionCharges.state, "pending")));
        run.retry_later++;
      }
    }
  }
  return run;
}

/** The claim: one row per invoice, only while the invoice is still unpaid with the amounts just read. */
async function claimInvoice(ctx: ServiceContext, doc: typeof billingDocuments.$inferSelect, amount: number, paymentMethodId: string): Promise<boolean> {
  const value = <T,>(v: T) => sql<T>`${v}`;
  const at = ctx.now().toISOString();
  const claimed = await ctx.db
    .insert(offSessionCharges)
    .select(
      ctx.db
        .select({
          invoiceId: billingDocuments.id,
          orgId: billingDocuments.orgId,
          amountCents: value(amount).as("amount_cents"),
          idempotencyKey: value(offSessionIdempotencyKey(doc.id, amount)).as("idempotency_key"),
          paymentMethodId: value(paymentMethodId).as("payment_method_id"),
          paymentIntent: value(null).as("payment_intent"),
          state: value("pending").as("state"),
          error: value(null).as("error"),
          failureMailId: value(null).as("failure_mail_id"),
          createdAt: value(at).as("created_at"),
          updatedAt: value(at).as("updated_at"),
        })
        .from(billingDocuments)
        .where(and(eq(billingDocuments.id, doc.id), inArray(billingDocuments.status, ["open", "partially_paid"]), eq(billingDocuments.paidCents, doc.paidCents), eq(billingDocuments.creditedCents, doc.creditedCents))),
    )
    .onConflictDoNothing()
    .returning({ invoiceId: offSessionCharges.invoiceId });
  return claimed.length > 0;
}

interface Charged {
  id: string;
  number: string;
  dueCents: number;
  orgId: string;
}

/** Stripe's answer in one batch: the claim, the ledger (as the intent's own event would move it), audit, and on failure the member's mail. */
async function book(ctx: ServiceContext, invoice: Charged, paymentIntent: string | null, type: SavedMethodType, outcome: "processing" | "succeeded" | "failed", error: string | null) {
  const at = ctx.now().toISOString();
  const statements: Stmt[] = [];
  const inserts: Pick<OutboxInsert, "id" | "channel">[] = [];
  if (outcome !== "failed") {
    statements.push(ctx.db.update(offSessionCharges).set({ paymentIntent, state: outcome, error: null, updatedAt: at }).where(and(eq(offSessionCharges.invoiceId, invoice.id), eq(offSessionCharges.state, "pending"))));
  } else {
    const failed = await debitFailedStatements(ctx, invoice.id, error ?? "failed", paymentIntent);
    statements.push(...failed.statements);
    inserts.push(...failed.outbox);
  }
  if (paymentIntent) {
    const object = { id: paymentIntent, object: "payment_intent", amount: invoice.dueCents, currency: "eur", metadata: { invoice_id: invoice.id, [OFFSESSION_METADATA]: "1" }, payment_method_types: [type] };
    const eventType = outcome === "succeeded" ? "payment_intent.succeeded" : outcome === "processing" ? "payment_intent.processing" : "payment_intent.payment_failed";
    const ledger = await stripeEventStatements(ctx, eventType, object, Math.floor(ctx.now().getTime() / 1000));
    statements.push(...ledger.statements);
    inserts.push(...ledger.outbox);
  }
  statements.push(auditInsert(ctx, { action: `payment.offsession.${outcome}`, subjectType: "billing_document", subjectId: invoice.id, orgId: invoice.orgId, detail: { paymentIntent, amountCents: invoice.dueCents, error } }));
  await ctx.db.batch(statements as [Stmt, ...Stmt[]]);
  enqueue(ctx, inserts);
}

/**
 * A debit that failed (Stripe's refusal, or the payment_intent.payment_failed event): the claim
 * marked failed, automatic debit turned off (a mandate that failed is not tried again without the
 * member), and a mail in the organisation's language — all three only by the statement that turns
 * the claim failed, so the job and the event, or two copies of it, record and mail it once. The
 * invoice stays open and dunning goes on.
 */
export async function debitFailedStatements(ctx: ServiceContext, invoiceId: string, error: string, paymentIntent: string | null): Promise<{ statements: Stmt[]; outbox: Pick<OutboxInsert, "id" | "channel">[] }> {
  const [claim] = await ctx.db.select().from(offSessionCharges).where(eq(offSessionCharges.invoiceId, invoiceId)).limit(1);
  if (!claim || claim.state === "failed" || claim.state === "succeeded") return { statements: [], outbox: [] };
  const [row] = await ctx.db
    .select({ number: billingDocuments.number, lang: organisations.language, email: organisations.contactEmail })
    .from(billingDocuments)
    .innerJoin(organisations, eq(organisations.id, billingDocuments.orgId))
    .where(eq(billingDocuments.id, invoiceId))
    .limit(1);
  const mailId = newId("msg");
  const at = ctx.now().toISOString();
  const mine = and(eq(offSessionCharges.invoiceId, invoiceId), eq(offSessionCharges.failureMailId, mailId));
  const statements: Stmt[] = [
    ctx.db
      .update(offSessionCharges)
      .set({ state: "failed", error: error.slice(0, 500), failureMailId: mailId, ...(paymentIntent ? { paymentIntent } : {}), updatedAt: at })
      .where(and(eq(offSessionCharges.invoiceId, invoiceId), inArray(offSessionCharges.state, ["pending", "processing"]))),
    ctx.db
      .update(billingCustomers)
      .set({ autoDebit: false, autoDebitOff: "payment_failed", updatedAt: at })
      .where(and(eq(billingCustomers.orgId, claim.orgId), sql`exists (select 1 from ${offSessionCharges} where ${mine})`)),
  ];
  if (!row?.email) return { statements, outbox: [] };
  const lang = isLang(row.lang) ? row.lang : "fr";
  const origin = ctx.origin ?? ctx.settings.PUBLIC_ORIGIN ?? null;
  const mail = debitFailedMail(lang, { number: row.number ?? invoiceId, amountCents: claim.amountCents, billingUrl: origin ? `${origin.replace(/\/$/, "")}/orgs/${encodeURIComponent(claim.orgId)}/billing` : null });
  statements.push(
    ctx.db.insert(outbox).select(
      ctx.db
        .select(outboxRowColumns({ id: mailId, channel: "mail", kind: "invoice.debit_failed", recipient: row.email, payload: JSON.stringify(mail) }))
        .from(offSessionCharges)
        .where(mine),
    ),
  );
  return { statements, outbox: [{ id: mailId, channel: "mail" }] };
}
