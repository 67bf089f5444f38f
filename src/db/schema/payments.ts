// Payments (src/coop/payments): money received (bank transfers read from CAMT.053 statements, Stripe
// payments), its allocations to invoices (a refund is a negative allocation), the statements uploaded
// and each of their credit lines (by a stable key, so a statement uploaded twice books nothing twice),
// and the dunning steps sent (one row per invoice and step: never the same step twice).
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DUNNING_STEPS } from "../../coop/payments/dunning";
import { PAYMENT_STATES } from "../../coop/payments/stripe";
import { nowIso } from "./columns";
import { billingDocuments } from "./billing";
import { organisations } from "./orgs";

export const PAYMENT_METHODS = ["transfer", "card", "bancontact", "sepa_debit", "stripe", "manual"] as const;
/** Methods a later invoice can be debited from without the member present. */
export const SAVED_METHOD_TYPES = ["sepa_debit", "card"] as const;
export const BANK_LINE_OUTCOMES = ["matched", "partial", "over", "unmatched", "assigned"] as const;

export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(), // pay_…
    /** The paying organisation; null for a Stripe payment known only by its refund so far. */
    orgId: text("org_id").references(() => organisations.id, { onDelete: "restrict" }),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    /** Null while only a refund of a Stripe payment has been seen. */
    amountCents: integer("amount_cents"),
    refundedCents: integer("refunded_cents").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    /** YYYY-MM-DD the money arrived (value date, or the Stripe event's day). */
    receivedOn: text("received_on").notNull(),
    /** Bank transfers: the statement line. */
    bankEntryId: text("bank_entry_id"),
    /** Stripe: the payment intent, its state and the `created` of the newest event applied. */
    stripePaymentIntent: text("stripe_payment_intent"),
    stripeState: text("stripe_state", { enum: PAYMENT_STATES }),
    stripeEventCreated: integer("stripe_event_created"),
    /** Stripe: the invoice the Checkout Session was for. */
    invoiceId: text("invoice_id").references(() => billingDocuments.id, { onDelete: "restrict" }),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("payments_stripe_pi_uq").on(t.stripePaymentIntent),
    uniqueIndex("payments_bank_entry_uq").on(t.bankEntryId),
    index("payments_org_idx").on(t.orgId, t.receivedOn),
    index("payments_received_idx").on(t.receivedOn),
    check("payments_refund_le_amount", sql`${t.amountCents} IS NULL OR (${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.amountCents})`),
  ],
);

export const paymentAllocations = sqliteTable(
  "payment_allocations",
  {
    id: text("id").primaryKey(), // alc_…
    paymentId: text("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "restrict" }),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => billingDocuments.id, { onDelete: "restrict" }),
    /** Negative: a refund taken back off the invoice. */
    amountCents: integer("amount_cents").notNull(),
    /** bank (reconciled), manual (assigned by a coop_admin), stripe, refund. */
    source: text("source", { enum: ["bank", "manual", "stripe", "refund"] }).notNull(),
    createdBy: text("created_by"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [index("payment_allocations_invoice_idx").on(t.invoiceId), index("payment_allocations_payment_idx").on(t.paymentId)],
);

export const bankStatements = sqliteTable(
  "bank_statements",
  {
    id: text("id").primaryKey(), // bst_…
    /** The bank's Stmt/Id and message id; one upload = one row, the same file twice gives two rows of duplicates. */
    statementId: text("statement_id").notNull(),
    messageId: text("message_id").notNull(),
    version: text("version").notNull(),
    iban: text("iban").notNull(),
    entries: integer("entries").notNull(),
    matched: integer("matched").notNull(),
    partial: integer("partial").notNull(),
    unmatched: integer("unmatched").notNull(),
    duplicates: integer("duplicates").notNull(),
    uploadedBy: text("uploaded_by"),
    uploadedAt: text("uploaded_at").notNull().default(nowIso),
  },
  (t) => [index("bank_statements_uploaded_idx").on(t.uploadedAt)],
);

export const bankEntries = sqliteTable(
  "bank_entries",
  {
    id: text("id").primaryKey(), // ben_…
    /** `reconcile.ts` lineKey: the bank's reference scoped by IBAN, else a digest. Unique: booked once. */
    lineKey: text("line_key").notNull(),
    uploadId: text("upload_id")
      .notNull()
      .references(() => bankStatements.id, { onDelete: "restrict" }),
    iban: text("iban").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    bookingDate: text("booking_date").notNull(),
    valueDate: text("value_date"),
    debtorName: text("debtor_name"),
    debtorIban: text("debtor_iban"),
    remittance: text("remittance").notNull().default(""),
    ogm: text("ogm"),
    accountServicerRef: text("account_servicer_ref"),
    endToEndId: text("end_to_end_id"),
    outcome: text("outcome", { enum: BANK_LINE_OUTCOMES }).notNull(),
    /** Why it waits in the queue (unmatched): no_reference, unknown_reference, already_settled, not_eur. */
    reason: text("reason"),
    invoiceId: text("invoice_id").references(() => billingDocuments.id, { onDelete: "restrict" }),
    paymentId: text("payment_id"),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [uniqueIndex("bank_entries_key_uq").on(t.lineKey), index("bank_entries_outcome_idx").on(t.outcome, t.bookingDate)],
);

export const dunningNotices = sqliteTable(
  "dunning_notices",
  {
    id: text("id").primaryKey(), // dun_…
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => billingDocuments.id, { onDelete: "restrict" }),
    step: text("step", { enum: DUNNING_STEPS }).notNull(),
    /** YYYY-MM-DD (Brussels) the step was sent. */
    sentOn: text("sent_on").notNull(),
    /** The mail's outbox row (null when the customer has no contact address: recorded, not mailed). */
    outboxId: text("outbox_id"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [uniqueIndex("dunning_notices_step_uq").on(t.invoiceId, t.step)],
);

/**
 * A member organisation's billing profile with Stripe: its Stripe Customer, created once (the
 * Idempotency-Key is derived from the org id) and reused for every Checkout, the saved SEPA mandate
 * and the Customer Portal. The reusable payment method a Checkout saved (`setup_future_usage`) is
 * kept here, and whether the organisation consented to later invoices being debited from it
 * (off until an owner or admin says yes on /orgs/{id}/billing).
 */
export const billingCustomers = sqliteTable(
  "billing_customers",
  {
    orgId: text("org_id")
      .primaryKey()
      .references(() => organisations.id, { onDelete: "restrict" }),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    /** The saved method (pm_…), its type, the SEPA mandate (mandate_…) and the last 4 digits of the IBAN or card. */
    paymentMethodId: text("payment_method_id"),
    paymentMethodType: text("payment_method_type", { enum: SAVED_METHOD_TYPES }),
    mandateId: text("mandate_id"),
    last4: text("last4"),
    methodSavedAt: text("method_saved_at"),
    /** Consent to automatic debit (only ever turned on with a saved method: the UPDATE requires one) of invoices issued from `auto_debit_since` on, by `auto_debit_by` (a user). */
    autoDebit: integer("auto_debit", { mode: "boolean" }).notNull().default(false),
    autoDebitSince: text("auto_debit_since"),
    autoDebitBy: text("auto_debit_by"),
    /** Why it was turned off: the member stopped it, or a debit failed. */
    autoDebitOff: text("auto_debit_off", { enum: ["member", "payment_failed"] }),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [uniqueIndex("billing_customers_stripe_uq").on(t.stripeCustomerId)],
);

export const OFFSESSION_STATES = ["pending", "processing", "succeeded", "failed"] as const;

/**
 * The automatic debit of one invoice: at most one per invoice (the primary key), claimed before
 * Stripe is asked, so a cron firing twice or two runs at once charge once. `pending` = claimed, Stripe
 * not (yet) answered: the next run asks again with the same Idempotency-Key; then the outcome the
 * PaymentIntent's events bring.
 */
export const offSessionCharges = sqliteTable(
  "offsession_charges",
  {
    invoiceId: text("invoice_id")
      .primaryKey()
      .references(() => billingDocuments.id, { onDelete: "restrict" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** What was still due when claimed: the amount asked, part of the Idempotency-Key. */
    amountCents: integer("amount_cents").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    paymentMethodId: text("payment_method_id").notNull(),
    paymentIntent: text("payment_intent"),
    state: text("state", { enum: OFFSESSION_STATES }).notNull(),
    error: text("error"),
    /** The failure mail's outbox row: written by whichever of the job and the event records the failure first. */
    failureMailId: text("failure_mail_id"),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [index("offsession_charges_org_idx").on(t.orgId), index("offsession_charges_pi_idx").on(t.paymentIntent), check("offsession_amount_positive", sql`${t.amountCents} > 0`)],
);

export type PaymentRow = typeof payments.$inferSelect;
export type BillingCustomerRow = typeof billingCustomers.$inferSelect;
export type OffSessionChargeRow = typeof offSessionCharges.$inferSelect;
export type BankEntryRow = typeof bankEntries.$inferSelect;
export type DunningNoticeRow = typeof dunningNotices.$inferSelect;
