// The cooperative's shares (src/coop/shares): share classes, shareholders (the holder's identity the
// register must show), share requests and their decision, and the register itself. The register is
// append-only: triggers written after drizzle-kit's tables (migrations/*_shares.sql) refuse any
// UPDATE or DELETE of an entry; a correction is a new entry. A request is decided once.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CONSENTS, ENTRY_KINDS, HOLDER_KINDS, REQUEST_STATUSES, type Consent } from "../../coop/shares/model";
import { LANGS } from "../../lib/lang";
import { users } from "./auth";
import { billingDocuments } from "./billing";
import { nowIso, timestamps } from "./columns";
import { organisations } from "./orgs";

export const shareClasses = sqliteTable(
  "share_classes",
  {
    id: text("id").primaryKey(), // scl_…
    /** A, B…: unique, upper case. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    nominalCents: integer("nominal_cents").notNull(),
    minShares: integer("min_shares").notNull().default(1),
    /** Per holder; by default what €5,000 of nominal value buys. */
    maxShares: integer("max_shares").notNull(),
    /** Users of the cooperative's services must hold at least one share of this class. */
    requiredForUsers: integer("required_for_users", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("share_classes_code_uq").on(t.code),
    check("share_classes_limits", sql`${t.nominalCents} > 0 AND ${t.minShares} >= 1 AND ${t.maxShares} >= ${t.minShares}`),
  ],
);

/** A holder as the register names it: an organisation (registered office, enterprise number) or a person (domicile). */
export const shareholders = sqliteTable(
  "shareholders",
  {
    id: text("id").primaryKey(), // shh_…
    kind: text("kind", { enum: HOLDER_KINDS }).notNull(),
    orgId: text("org_id").references(() => organisations.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    countryCode: text("country_code").notNull(),
    /** Organisations: the Belgian enterprise number (10 digits) or EU VAT number. */
    enterpriseNumber: text("enterprise_number"),
    email: text("email"),
    language: text("language", { enum: LANGS }).notNull().default("fr"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("shareholders_org_uq").on(t.orgId),
    uniqueIndex("shareholders_user_uq").on(t.userId),
    check("shareholders_one_holder", sql`(${t.kind} = 'organisation' AND ${t.orgId} IS NOT NULL AND ${t.userId} IS NULL) OR (${t.kind} = 'person' AND ${t.userId} IS NOT NULL AND ${t.orgId} IS NULL)`),
  ],
);

export const shareRequests = sqliteTable(
  "share_requests",
  {
    id: text("id").primaryKey(), // srq_…
    holderId: text("holder_id")
      .notNull()
      .references(() => shareholders.id, { onDelete: "restrict" }),
    classId: text("class_id")
      .notNull()
      .references(() => shareClasses.id, { onDelete: "restrict" }),
    shares: integer("shares").notNull(),
    /** Nominal value per share when requested: the capital call bills it. */
    nominalCents: integer("nominal_cents").notNull(),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("pending"),
    /** Every consent given, with the instant: `{"statutes": "2027-…Z", …}`. */
    consents: text("consents", { mode: "json" }).$type<Record<Consent, string>>().notNull(),
    requestedBy: text("requested_by"),
    /** The board's decision date (approval), YYYY-MM-DD. */
    decidedOn: text("decided_on"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    refusalReason: text("refusal_reason"),
    /** The capital call issued on approval (a billing document of type share_call). */
    documentId: text("document_id").references(() => billingDocuments.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [
    index("share_requests_status_idx").on(t.status, t.createdAt),
    index("share_requests_holder_idx").on(t.holderId),
    uniqueIndex("share_requests_document_uq").on(t.documentId),
    check("share_requests_shares_positive", sql`${t.shares} > 0`),
  ],
);

/** The share register: append-only. */
export const shareRegister = sqliteTable(
  "share_register",
  {
    id: text("id").primaryKey(), // sre_…
    holderId: text("holder_id")
      .notNull()
      .references(() => shareholders.id, { onDelete: "restrict" }),
    classId: text("class_id")
      .notNull()
      .references(() => shareClasses.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ENTRY_KINDS }).notNull(),
    /** Shares entering (+) or leaving (−) the holder; 0 for a payment. */
    shares: integer("shares").notNull(),
    /** subscription: nominal value subscribed; payment: paid in; redemption: paid back (−); transfer: the paid-in part moved (− out, + in). */
    amountCents: integer("amount_cents").notNull(),
    /** The day it happened (board decision, value date, resignation), YYYY-MM-DD. */
    on: text("on_date").notNull(),
    requestId: text("request_id").references(() => shareRequests.id, { onDelete: "restrict" }),
    documentId: text("document_id").references(() => billingDocuments.id, { onDelete: "restrict" }),
    /** Transfers: the other holder. */
    counterpartId: text("counterpart_id").references(() => shareholders.id, { onDelete: "restrict" }),
    /** A correction names the entry it corrects. */
    correctsId: text("corrects_id"),
    note: text("note"),
    createdBy: text("created_by"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    index("share_register_holder_idx").on(t.holderId, t.on),
    index("share_register_class_idx").on(t.classId, t.on),
    // A paid capital call enters the register once, whatever hook fires twice.
    uniqueIndex("share_register_request_kind_uq").on(t.requestId, t.kind).where(sql`${t.requestId} IS NOT NULL`),
  ],
);

export type ShareClassRow = typeof shareClasses.$inferSelect;
export type ShareholderRow = typeof shareholders.$inferSelect;
export type ShareRequestRow = typeof shareRequests.$inferSelect;
export type RegisterEntryRow = typeof shareRegister.$inferSelect;
