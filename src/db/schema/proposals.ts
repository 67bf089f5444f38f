// Collective assignment proposals (src/transition/proposals, issue 15): what a steward's run of the
// assignment (src/transition/assign) offers one member organisation — each inventory service to an
// offer, the monthly cost — until the member accepts it (it becomes its migration plan), declines
// it, or a newer proposal supersedes it. At most one open (`sent`) proposal per organisation.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { INVENTORY_KINDS } from "../../transition/inventory";
import { users } from "./auth";
import { offers, providers } from "./catalog";
import { timestamps } from "./columns";
import { inventoryServices } from "./inventory";
import { migrations } from "./migrations";
import { organisations } from "./orgs";

export const PROPOSAL_STATUSES = ["sent", "accepted", "declined", "expired", "superseded"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_MODES = ["optimal", "stable"] as const;

export const assignmentProposals = sqliteTable(
  "assignment_proposals",
  {
    id: text("id").primaryKey(), // prp_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The run's mode. */
    mode: text("mode", { enum: PROPOSAL_MODES }).notNull(),
    /**
     * The run proved what its mode promises the member: `optimal` the least total (the search did
     * not stop at its budget), `stable` no blocking pair (members' sizes can leave none). False: the
     * member is told it is the best found, or deferred acceptance's answer.
     */
    proved: integer("proved", { mode: "boolean" }).notNull().default(true),
    monthlyCents: integer("monthly_cents").notNull(),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull().default("sent"),
    sentBy: text("sent_by").references(() => users.id, { onDelete: "set null" }),
    sentAt: text("sent_at").notNull(),
    /** After this instant a `sent` proposal reads as expired and can no longer be accepted. */
    expiresAt: text("expires_at").notNull(),
    decidedAt: text("decided_at"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    declineReason: text("decline_reason"),
    /** The plan an accepted proposal became. */
    migrationId: text("migration_id").references(() => migrations.id, { onDelete: "set null" }),
    /** The proposal that replaced this one (status `superseded`). */
    supersededBy: text("superseded_by"),
    ...timestamps,
  },
  (t) => [
    index("assignment_proposals_org_idx").on(t.orgId, t.sentAt),
    index("assignment_proposals_status_idx").on(t.status, t.sentAt),
    // One open proposal per organisation: a newer one supersedes it in the same batch.
    uniqueIndex("assignment_proposals_open_uq").on(t.orgId).where(sql`status = 'sent'`),
  ],
);

/** One inventory service → one offer; `inventory_updated_at` says which version of the service was proposed. */
export const assignmentProposalLines = sqliteTable(
  "assignment_proposal_lines",
  {
    id: text("id").primaryKey(), // prl_…
    proposalId: text("proposal_id")
      .notNull()
      .references(() => assignmentProposals.id, { onDelete: "cascade" }),
    inventoryId: text("inventory_id")
      .notNull()
      .references(() => inventoryServices.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INVENTORY_KINDS }).notNull(),
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    inventoryUpdatedAt: text("inventory_updated_at").notNull(),
  },
  (t) => [index("assignment_proposal_lines_proposal_idx").on(t.proposalId), uniqueIndex("assignment_proposal_lines_uq").on(t.proposalId, t.inventoryId)],
);

export type AssignmentProposalRow = typeof assignmentProposals.$inferSelect;
export type AssignmentProposalLineRow = typeof assignmentProposalLines.$inferSelect;
