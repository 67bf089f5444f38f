// Payments with storage: a CAMT.053 upload reconciled and booked in one batch, a queued bank line
// assigned by hand, and Stripe events applied to the ledger. Every change to an invoice's paid amount
// moves its status in the same statement (billing-core's `invoiceStatusSql`), with the allocation
// and an audit row, in one D1 batch.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert } from "../../accounts/audit";
import { runBatch } from "../../db/batch";
import type { Db } from "../../db/client";
import { bankEntries, bankStatements, billingDocuments, paymentAllocations, payments, type BankEntryRow, type PaymentRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { AppError } from "../../lib/problem";
import { invoiceStatusSql } from "../invoices/status";
import { enqueue, type OutboxInsert } from "../../outbox/write";
import { paymentEvents, type PaymentEvent } from "../events";
import { capitalCallPaidStatements } from "../shares/paid";
import { parseCamt053 } from "./camt";
import { reconcile, type OpenInvoice } from "./reconcile";
import { interpretEvent, transition, type StoredStripePayment, type StripeEffect } from "./stripe";

type Stmt = BatchItem<"sqlite">;

/** Invoices and capital calls (src/coop/shares) are paid alike; credit notes are not paid. */
const PAYABLE = ["invoice", "share_call"] as const;

/** Adds `delta` cents to an invoice's payments and moves its status with it, in one statement. */
export function allocationUpdate(db: Db, invoiceId: string, delta: number, at: string): Stmt {
  const paid = sql`${billingDocuments.paidCents} + ${delta}`;
  return db
    .update(billingDocuments)
    .set({ paidCents: paid, status: sql.raw(invoiceStatusSql("credited_cents", `paid_cents + (${Math.trunc(delta)})`, "total_cents")) as never, updatedAt: at })
    .where(and(eq(billingDocuments.id, invoiceId), inArray(billingDocuments.type, PAYABLE)));
}

/**
 * `allocationUpdate` and what follows a document's new paid amount in the same batch: a capital call
 * paid in full enters the share register (src/coop/shares/paid.ts). `on` is the day the money arrived.
 */
export function allocationStatements(db: Db, invoiceId: string, delta: number, at: string, on: string): Stmt[] {
  return [allocationUpdate(db, invoiceId, delta, at), ...capitalCallPaidStatements(db, invoiceId, on, at)];
}

const dueOf = (d: { totalCents: number; creditedCents: number; paidCents: number }) => Math.max(0, d.totalCents - d.creditedCents - d.paidCents);

export interface StatementSummary {
  entries: number;
  matched: number;
  partial: number;
  unmatched: number;
  duplicates: number;
}

/** Parses, reconciles against the invoices the statement's OGMs name, and books it all in one batch. */
export async function importStatement(ctx: ServiceContext, xml: string): Promise<StatementSummary & { uploads: string[] }> {
  const doc = parseCamt053(xml);
  const { lines } = (await import("./reconcile")).creditLines(doc);
  const ogms = [...new Set(lines.map((l) => l.ogm).filter((o): o is string => !!o))];
  const keys = lines.map((l) => l.key);
  const [docs, booked] = await Promise.all([
    ogms.length ? ctx.db.select().from(billingDocuments).where(and(inArray(billingDocuments.ogm, ogms), inArray(billingDocuments.type, PAYABLE))) : Promise.resolve([]),
    keys.length ? ctx.db.select({ key: bankEntries.lineKey }).from(bankEntries).where(inArray(bankEntries.lineKey, keys)) : Promise.resolve([]),
  ]);
  const open: OpenInvoice[] = docs.filter((d) => d.status !== "draft" && d.ogm).map((d) => ({ id: d.id, ogm: d.ogm!, dueCents: dueOf(d) }));
  const orgOf = new Map(docs.map((d) => [d.id, d.orgId]));
  const r = reconcile(doc, open, new Set(booked.map((b) => b.key)));
  const at = ctx.now().toISOString();
  const by = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const statements: Stmt[] = [];
  const uploads: string[] = [];
  const events: PaymentEvent[] = [];
  for (const stmt of doc.statements) {
    const mine = r.decisions.filter((d) => d.line.statementId === stmt.id && d.line.iban === stmt.iban);
    const count = (...o: string[]) => mine.filter((d) => o.includes(d.outcome)).length;
    const uploadId = newId("bst");
    uploads.push(uploadId);
    statements.push(
      ctx.db.insert(bankStatements).values({ id: uploadId, statementId: stmt.id, messageId: doc.messageId, version: doc.version, iban: stmt.iban, entries: mine.length, matched: count("matched", "over"), partial: count("partial"), unmatched: count("unmatched"), duplicates: count("duplicate"), uploadedBy: by, uploadedAt: at }),
    );
    for (const d of mine) {
      if (d.outcome === "duplicate") continue;
      const entryId = newId("ben");
      const paymentId = d.invoiceId && d.outcome !== "unmatched" ? newId("pay") : null;
      const l = d.line;
      statements.push(
        ctx.db.insert(bankEntries).values({
          id: entryId, lineKey: l.key, uploadId, iban: l.iban, amountCents: l.amountCents, currency: l.currency, bookingDate: l.bookingDate, valueDate: l.valueDate ?? null,
          debtorName: l.debtorName?.slice(0, 200) ?? null, debtorIban: l.debtorIban ?? null, remittance: l.remittance, ogm: l.ogm, accountServicerRef: l.accountServicerRef ?? null, endToEndId: l.endToEndId ?? null,
          outcome: d.outcome as BankEntryRow["outcome"], reason: d.reason ?? null, invoiceId: d.invoiceId ?? null, paymentId, createdAt: at, updatedAt: at,
        }),
      );
      if (paymentId && d.invoiceId) {
        statements.push(
          ctx.db.insert(payments).values({ id: paymentId, orgId: orgOf.get(d.invoiceId) ?? null, method: "transfer", amountCents: l.amountCents, receivedOn: l.valueDate ?? l.bookingDate, bankEntryId: entryId, createdAt: at, updatedAt: at }),
          ctx.db.insert(paymentAllocations).values({ id: newId("alc"), paymentId, invoiceId: d.invoiceId, amountCents: d.allocatedCents, source: "bank", createdBy: by, createdAt: at }),
          ...allocationStatements(ctx.db, d.invoiceId, d.allocatedCents, at, l.valueDate ?? l.bookingDate),
          auditInsert(ctx, { action: `payment.bank.${d.outcome}`, subjectType: "billing_document", subjectId: d.invoiceId, orgId: orgOf.get(d.invoiceId), detail: { paymentId, amountCents: l.amountCents, allocatedCents: d.allocatedCents, excessCents: d.excessCents, lineKey: l.key } }),
        );
        const org = orgOf.get(d.invoiceId);
        if (org) events.push({ paymentId, orgId: org, amountCents: l.amountCents, method: "transfer", receivedOn: l.valueDate ?? l.bookingDate, invoiceId: d.invoiceId, allocatedCents: d.allocatedCents, at: ctx.now() });
      }
    }
  }
  statements.push(auditInsert(ctx, { action: "bank_statement.import", subjectType: "bank_statement", subjectId: uploads[0]!, detail: { messageId: doc.messageId, version: doc.version, ...r.summary } }));
  // payment.received and invoice.paid to each paying organisation's endpoints, after the payments.
  const outgoing = await eventStatements(ctx.db, events);
  statements.push(...outgoing.statements);
  await runBatch(ctx.db, statements, "This statement is being imported by another upload at the same time; send it again");
  enqueue(ctx, outgoing.inserts);
  const { entries, matched, partial, unmatched, duplicates } = r.summary;
  return { entries, matched, partial, unmatched, duplicates, uploads };
}

/** The webhook events of these payments: their outbox inserts, then the statements that fill in each invoice's number and status (last in the batch). */
async function eventStatements(db: Db, events: PaymentEvent[]): Promise<{ inserts: OutboxInsert[]; statements: Stmt[] }> {
  const built = await Promise.all(events.map((e) => paymentEvents(db, e)));
  const inserts = built.flatMap((b) => b.inserts);
  return { inserts, statements: [...inserts.map((i) => i.query), ...built.flatMap((b) => b.fill)] };
}

/** The queue: credit lines no invoice took, oldest first. */
export function unmatchedEntries(db: Db, limit = 200): Promise<BankEntryRow[]> {
  return db.select().from(bankEntries).where(eq(bankEntries.outcome, "unmatched")).orderBy(bankEntries.bookingDate, bankEntries.id).limit(limit);
}

/** A coop_admin gives a queued line to an invoice: a payment of the whole line, allocated up to what is due. */
export async function assignEntry(ctx: ServiceContext, entryId: string, invoiceId: string): Promise<{ paymentId: string; allocatedCents: number; excessCents: number }> {
  const [entry] = await ctx.db.select().from(bankEntries).where(eq(bankEntries.id, entryId)).limit(1);
  if (!entry) throw new AppError("NOT_FOUND", "No such bank statement line", [{ field: "entry_id", message: "unknown line" }]);
  if (entry.outcome !== "unmatched") throw new AppError("CONFLICT", "This line is already booked", [{ field: "entry_id", message: `already ${entry.outcome}` }]);
  const [invoice] = await ctx.db.select().from(billingDocuments).where(eq(billingDocuments.id, invoiceId)).limit(1);
  if (!invoice || !(PAYABLE as readonly string[]).includes(invoice.type) || invoice.status === "draft") throw new AppError("VALIDATION_FAILED", "No such issued invoice", [{ field: "invoice_id", message: "not an issued invoice" }]);
  const allocated = Math.min(entry.amountCents, dueOf(invoice));
  const paymentId = newId("pay");
  const at = ctx.now().toISOString();
  const by = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const statements: Stmt[] = [
    // Only if still unmatched: two admins assigning the same line at once book it once.
    ctx.db.update(bankEntries).set({ outcome: "assigned", invoiceId, paymentId, updatedAt: at }).where(and(eq(bankEntries.id, entryId), eq(bankEntries.outcome, "unmatched"))),
    ctx.db.insert(payments).values({ id: paymentId, orgId: invoice.orgId, method: "transfer", amountCents: entry.amountCents, receivedOn: entry.valueDate ?? entry.bookingDate, bankEntryId: entryId, createdAt: at, updatedAt: at }),
  ];
  if (allocated > 0) statements.push(ctx.db.insert(paymentAllocations).values({ id: newId("alc"), paymentId, invoiceId, amountCents: allocated, source: "manual", createdBy: by, createdAt: at }), ...allocationStatements(ctx.db, invoiceId, allocated, at, entry.valueDate ?? entry.bookingDate));
  statements.push(auditInsert(ctx, { action: "payment.bank.assigned", subjectType: "billing_document", subjectId: invoiceId, orgId: invoice.orgId, detail: { paymentId, entryId, amountCents: entry.amountCents, allocatedCents: allocated } }));
  const outgoing = await eventStatements(ctx.db, [{ paymentId, orgId: invoice.orgId, amountCents: entry.amountCents, method: "transfer", receivedOn: entry.valueDate ?? entry.bookingDate, invoiceId, allocatedCents: allocated, at: ctx.now() }]);
  statements.push(...outgoing.statements);
  // The unique index on payments.bank_entry_id refuses a second payment for the line (409).
  await runBatch(ctx.db, statements, "This line was just assigned by someone else");
  enqueue(ctx, outgoing.inserts);
  return { paymentId, allocatedCents: allocated, excessCents: entry.amountCents - allocated };
}

// ---------------------------------------------------------------------------------------------
// Stripe

function stored(row: PaymentRow | undefined): StoredStripePayment | null {
  if (!row || !row.stripeState) return null;
  return { state: row.stripeState, eventCreated: row.stripeEventCreated ?? 0, amountCents: row.amountCents, refundedCents: row.refundedCents };
}

const METHODS = new Set(["card", "bancontact", "sepa_debit"]);

/** The statements that apply one Stripe event to the ledger; `created` is the event's. */
export async function stripeEventStatements(ctx: ServiceContext, type: string, object: unknown, created: number): Promise<{ applied: boolean; reason: string; statements: Stmt[]; outbox: OutboxInsert[] }> {
  const effect: StripeEffect = interpretEvent(type, object);
  if (effect.kind === "ignored") return { applied: false, reason: effect.reason, statements: [], outbox: [] };
  const [row] = await ctx.db.select().from(payments).where(eq(payments.stripePaymentIntent, effect.paymentIntentId)).limit(1);
  let invoiceId = row?.invoiceId ?? null;
  let orgId = row?.orgId ?? null;
  if (effect.kind !== "refunded") {
    const [invoice] = await ctx.db.select({ id: billingDocuments.id, orgId: billingDocuments.orgId, type: billingDocuments.type }).from(billingDocuments).where(eq(billingDocuments.id, effect.invoiceId)).limit(1);
    if (!invoice || !(PAYABLE as readonly string[]).includes(invoice.type)) return { applied: false, reason: "unknown_invoice", statements: [], outbox: [] };
    invoiceId = invoice.id;
    orgId = invoice.orgId;
  }
  const t = transition(stored(row), effect, created);
  if (!t.apply) return { applied: false, reason: t.reason, statements: [], outbox: [] };
  const at = ctx.now().toISOString();
  const day = new Date(created * 1000).toISOString().slice(0, 10);
  const paymentId = row?.id ?? newId("pay");
  const method = effect.kind !== "refunded" && effect.method && METHODS.has(effect.method) ? (effect.method as PaymentRow["method"]) : (row?.method ?? "stripe");
  const values = { orgId, method, amountCents: t.next.amountCents, refundedCents: Math.min(t.next.refundedCents, t.next.amountCents ?? t.next.refundedCents), stripeState: t.next.state, stripeEventCreated: t.next.eventCreated, invoiceId, updatedAt: at };
  const statements: Stmt[] = [
    row
      ? ctx.db.update(payments).set(values).where(eq(payments.id, paymentId))
      : ctx.db.insert(payments).values({ id: paymentId, ...values, receivedOn: day, stripePaymentIntent: effect.paymentIntentId, createdAt: at }),
  ];
  if (t.allocationDelta !== 0 && invoiceId) {
    statements.push(
      ctx.db.insert(paymentAllocations).values({ id: newId("alc"), paymentId, invoiceId, amountCents: t.allocationDelta, source: t.allocationDelta < 0 ? "refund" : "stripe", createdAt: at }),
      ...allocationStatements(ctx.db, invoiceId, t.allocationDelta, at, day),
    );
  }
  if (invoiceId) statements.push(auditInsert(ctx, { action: `payment.stripe.${effect.kind}`, subjectType: "billing_document", subjectId: invoiceId, orgId: orgId ?? undefined, detail: { paymentId, paymentIntent: effect.paymentIntentId, state: t.next.state, allocationDelta: t.allocationDelta, refundedCents: t.next.refundedCents } }));
  // The money arrived (the payment just became `succeeded`): payment.received and invoice.paid.
  const arrived = t.next.state === "succeeded" && stored(row)?.state !== "succeeded" && t.next.amountCents !== null;
  const outgoing = arrived && orgId ? await eventStatements(ctx.db, [{ paymentId, orgId, amountCents: t.next.amountCents!, method, receivedOn: row?.receivedOn ?? day, invoiceId, allocatedCents: Math.max(0, t.allocationDelta), at: ctx.now() }]) : { inserts: [], statements: [] };
  statements.push(...outgoing.statements);
  return { applied: true, reason: `${effect.kind}`, statements, outbox: outgoing.inserts };
}
