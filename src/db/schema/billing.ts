// The cooperative's billing (src/coop/invoices): its billing identity as issuer, the number series,
// and the documents (invoices, credit notes). Issued documents are frozen by triggers the migration
// adds by hand after drizzle-kit's tables (see migrations/*_billing.sql): no UPDATE of what they say,
// no DELETE, no going back to draft.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { StoredLine } from "../../coop/invoices/lines";
import { DOCUMENT_TYPES, type Issuer, type Party, type VatBreakdown } from "../../coop/invoices/model";
import { DOCUMENT_STATUSES } from "../../coop/invoices/status";
import { LANGS } from "../../lib/lang";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

export const VAT_STATUSES = ["registered", "franchise"] as const;

/** The cooperative organisation's billing settings; its name and address live on its organisation row. */
export const billingIssuers = sqliteTable("billing_issuers", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "restrict" }),
  vatStatus: text("vat_status", { enum: VAT_STATUSES }).notNull(),
  /** Electronic format, checked by ibantools. */
  iban: text("iban").notNull(),
  bic: text("bic").notNull(),
  paymentTermsDays: integer("payment_terms_days").notNull().default(30),
  /** Documents for a customer without a language of its own. */
  language: text("language", { enum: LANGS }).notNull().default("fr"),
  email: text("email"),
  updatedBy: text("updated_by"),
  ...timestamps,
});

/** One counter per series (`F2027`): the next sequence and the date of the last document issued. */
export const billingSeries = sqliteTable(
  "billing_series",
  {
    series: text("series").primaryKey(),
    next: integer("next").notNull().default(1),
    lastIssueDate: text("last_issue_date"),
  },
  (t) => [check("billing_series_next_positive", sql`${t.next} >= 1`)],
);

/** Invoices and credit notes: drafts (no number, editable) and issued documents (frozen). */
export const billingDocuments = sqliteTable(
  "billing_documents",
  {
    id: text("id").primaryKey(), // bil_…
    type: text("type", { enum: DOCUMENT_TYPES }).notNull(),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull().default("draft"),
    /** The customer: a member organisation. Never cascaded: issued documents outlive anything. */
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** Credit notes: the invoice they correct. */
    correctsId: text("corrects_id"),
    language: text("language", { enum: LANGS }).notNull(),
    /** Given at issue, in the batch that freezes the document. */
    series: text("series"),
    sequence: integer("sequence"),
    number: text("number"),
    ogm: text("ogm"),
    /** Drafts: the planned date (null = the day it is issued). Issued: the document's date. */
    issueDate: text("issue_date"),
    /** Drafts: the payment term (null = the issuer's). */
    dueDays: integer("due_days"),
    dueDate: text("due_date"),
    lines: text("lines", { mode: "json" }).$type<StoredLine[]>().notNull(),
    vat: text("vat", { mode: "json" }).$type<VatBreakdown[]>().notNull(),
    netCents: integer("net_cents").notNull(),
    vatCents: integer("vat_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    /** Invoices: the sum of the credit notes issued against them (a trigger keeps it ≤ total). */
    creditedCents: integer("credited_cents").notNull().default(0),
    /** Invoices: payments allocated (src/coop/payments). */
    paidCents: integer("paid_cents").notNull().default(0),
    /** Snapshots taken at issue: who issued and who is billed, as they were that day. */
    issuer: text("issuer", { mode: "json" }).$type<Issuer>(),
    customer: text("customer", { mode: "json" }).$type<Party>(),
    buyerReference: text("buyer_reference"),
    notes: text("notes", { mode: "json" }).$type<string[]>().notNull(),
    createdBy: text("created_by"),
    issuedAt: text("issued_at"),
    issuedBy: text("issued_by"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("billing_documents_number_uq").on(t.series, t.sequence),
    uniqueIndex("billing_documents_ogm_uq").on(t.ogm),
    index("billing_documents_org_idx").on(t.orgId, t.issueDate),
    index("billing_documents_status_idx").on(t.status, t.issueDate),
    index("billing_documents_corrects_idx").on(t.correctsId),
    check("billing_documents_credited_le_total", sql`${t.creditedCents} <= ${t.totalCents}`),
    check("billing_documents_issued_numbered", sql`(${t.status} = 'draft' AND ${t.number} IS NULL AND ${t.sequence} IS NULL AND ${t.ogm} IS NULL) OR (${t.status} <> 'draft' AND ${t.number} IS NOT NULL AND ${t.ogm} IS NOT NULL AND ${t.issueDate} IS NOT NULL)`),
  ],
);

export type BillingIssuerRow = typeof billingIssuers.$inferSelect;
export type BillingDocumentRow = typeof billingDocuments.$inferSelect;
