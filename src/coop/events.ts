// Billing's outbound webhook events (types in src/webhooks/events.ts, schemas in
// src/webhooks/openapi.ts), sent to the endpoints of the billed member organisation only:
// `invoice.issued`, `invoice.paid` (its `status`: partially_paid, paid or overpaid),
// `credit_note.issued`, `payment.received`. Each is an outbox insert for the batch of the change.
//
// Some values exist only once the batch has run: a document's number and OGM come from the series
// counter, an invoice's status from the SQL that adds the payment. Those fields are written as
// placeholders and `fillFromDocument` — the batch's last statement — puts the stored values in
// place, so an event never says something the database does not.
import { inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import type { OutboxInsert } from "../outbox/write";
import { webhookEventInserts } from "../webhooks/outbound/emit";

/** Filled from the document's row after the change: `number`, `ogm`, `status` (safe in JSON: letters, digits, `-`, `_`). */
export const AFTER = { number: "@@number@@", ogm: "@@ogm@@", status: "@@status@@" } as const;

/** Subjects carry the change's instant in milliseconds as their version: a later change of the same document is a higher one. */
const versionAt = (at: Date) => at.getTime();

export function invoiceIssuedEvent(db: Db, e: { id: string; orgId: string; issueDate: string; dueDate: string; netCents: number; vatCents: number; totalCents: number; at: Date }): Promise<OutboxInsert[]> {
  return webhookEventInserts(db, {
    type: "invoice.issued",
    orgIds: [e.orgId],
    subject: { type: "invoice", id: e.id, version: versionAt(e.at) },
    at: e.at,
    data: { org_id: e.orgId, number: AFTER.number, ogm: AFTER.ogm, status: "open", issue_date: e.issueDate, due_date: e.dueDate, currency: "EUR", net_cents: e.netCents, vat_cents: e.vatCents, total_cents: e.totalCents },
  });
}

export function creditNoteIssuedEvent(db: Db, e: { id: string; orgId: string; invoiceId: string; invoiceNumber: string; issueDate: string; totalCents: number; at: Date }): Promise<OutboxInsert[]> {
  return webhookEventInserts(db, {
    type: "credit_note.issued",
    orgIds: [e.orgId],
    subject: { type: "credit_note", id: e.id, version: versionAt(e.at) },
    at: e.at,
    data: { org_id: e.orgId, number: AFTER.number, invoice_id: e.invoiceId, invoice_number: e.invoiceNumber, issue_date: e.issueDate, currency: "EUR", total_cents: e.totalCents },
  });
}

export interface PaymentEvent {
  paymentId: string;
  orgId: string;
  amountCents: number;
  method: string;
  receivedOn: string;
  /** The invoice it went to (null: money on the organisation's account only) and how much of it. */
  invoiceId: string | null;
  allocatedCents: number;
  at: Date;
}

export function paymentReceivedEvent(db: Db, e: PaymentEvent): Promise<OutboxInsert[]> {
  return webhookEventInserts(db, {
    type: "payment.received",
    orgIds: [e.orgId],
    subject: { type: "payment", id: e.paymentId, version: versionAt(e.at) },
    at: e.at,
    data: { org_id: e.orgId, amount_cents: e.amountCents, currency: "EUR", method: e.method, received_on: e.receivedOn, invoice_id: e.invoiceId, allocated_cents: e.allocatedCents },
  });
}

/** `invoice.paid` after a payment raised what an invoice received; `status` is the invoice's once the batch ran. */
export function invoicePaidEvent(db: Db, e: { invoiceId: string; orgId: string; paymentId: string; allocatedCents: number; at: Date }): Promise<OutboxInsert[]> {
  return webhookEventInserts(db, {
    type: "invoice.paid",
    orgIds: [e.orgId],
    subject: { type: "invoice", id: e.invoiceId, version: versionAt(e.at) },
    at: e.at,
    data: { org_id: e.orgId, number: AFTER.number, status: AFTER.status, payment_id: e.paymentId, allocated_cents: e.allocatedCents, currency: "EUR" },
  });
}

/** A payment's events: `payment.received`, and `invoice.paid` when some of it went to an invoice. */
export async function paymentEvents(db: Db, e: PaymentEvent): Promise<{ inserts: OutboxInsert[]; fill: BatchItem<"sqlite">[] }> {
  const received = await paymentReceivedEvent(db, e);
  const paid = e.invoiceId && e.allocatedCents > 0 ? await invoicePaidEvent(db, { invoiceId: e.invoiceId, orgId: e.orgId, paymentId: e.paymentId, allocatedCents: e.allocatedCents, at: e.at }) : [];
  const fill = e.invoiceId && paid.length ? [fillFromDocument(db, paid, e.invoiceId)] : [];
  return { inserts: [...received, ...paid], fill };
}

/** Replaces the placeholders of these outbox rows with the document's stored number, OGM and status; put it after the change in the batch. */
export function fillFromDocument(db: Db, rows: readonly OutboxInsert[], documentId: string): BatchItem<"sqlite"> {
  const col = (name: "number" | "ogm" | "status") => sql`coalesce((select ${sql.raw(name)} from billing_documents where id = ${documentId}), '')`;
  return db
    .update(outbox)
    .set({ payload: sql`replace(replace(replace(${outbox.payload}, ${AFTER.number}, ${col("number")}), ${AFTER.ogm}, ${col("ogm")}), ${AFTER.status}, ${col("status")})` as never })
    .where(inArray(outbox.id, rows.length ? rows.map((r) => r.id) : [""]));
}
