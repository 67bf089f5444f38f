// The cooperative's plans as members use them (src/coop/subscriptions): a subscription to one of the
// cooperative's offers, its terms over time (every change of quantity or price is a new version from
// a day on, so the billing run can settle by day), and the monthly billing runs, one per customer
// and first of the month — the unique key that makes the cron firing twice harmless.
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import type { BilledTerms, RunLine } from "../../coop/subscriptions/billing-run";
import { INTERVALS } from "../../coop/subscriptions/periods";
import { billingDocuments } from "./billing";
import { offers } from "./catalog";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: text("id").primaryKey(), // sub_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** The plan: an offer of the cooperative's provider. */
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "restrict" }),
    interval: text("interval", { enum: INTERVALS }).notNull(),
    startedOn: text("started_on").notNull(),
    /** First day without service (excluded): the end of the paid period once cancelled. */
    endsOn: text("ends_on"),
    cancelledAt: text("cancelled_at"),
    /** What the billing runs have billed for the rest of the current period. */
    billed: text("billed", { mode: "json" }).$type<BilledTerms>(),
    lastRunOn: text("last_run_on"),
    createdBy: text("created_by"),
    ...timestamps,
  },
  (t) => [index("subscriptions_org_idx").on(t.orgId, t.startedOn), index("subscriptions_offer_idx").on(t.offerId)],
);

export const subscriptionVersions = sqliteTable(
  "subscription_versions",
  {
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    /** The first day these terms apply; a second change on the same day replaces the first. */
    fromDay: text("from_day").notNull(),
    quantity: real("quantity").notNull(),
    /** Per unit and period (month or year, the subscription's interval), VAT excluded. */
    unitPriceCents: integer("unit_price_cents").notNull(),
    createdBy: text("created_by"),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("subscription_versions_uq").on(t.subscriptionId, t.fromDay), check("subscription_versions_quantity", sql`${t.quantity} > 0`), check("subscription_versions_price", sql`${t.unitPriceCents} >= 0`)],
);

export const RUN_OUTCOMES = ["invoiced", "carried", "nothing"] as const;

/** One per customer and run day: the lines it produced and the invoice that carries them. */
export const subscriptionRuns = sqliteTable(
  "subscription_runs",
  {
    id: text("id").primaryKey(), // srn_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    runDay: text("run_day").notNull(),
    lines: text("lines", { mode: "json" }).$type<RunLine[]>().notNull(),
    netCents: integer("net_cents").notNull(),
    /** invoiced: `documentId` carries the lines; carried: a credit larger than the charges waits for the next run. */
    outcome: text("outcome", { enum: RUN_OUTCOMES }).notNull(),
    documentId: text("document_id").references(() => billingDocuments.id, { onDelete: "restrict" }),
    /** A carried run taken into a later run's invoice. */
    carriedInto: text("carried_into"),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("subscription_runs_uq").on(t.orgId, t.runDay), index("subscription_runs_document_idx").on(t.documentId)],
);

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type SubscriptionVersionRow = typeof subscriptionVersions.$inferSelect;
export type SubscriptionRunRow = typeof subscriptionRuns.$inferSelect;
