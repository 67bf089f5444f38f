// Provider self-service and moderation: claims on imported profiles, and changes waiting for a steward.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CHANGE_KINDS, CHANGE_STATUSES, CHANGE_SUBJECTS, CLAIM_METHODS, CLAIM_STATUSES } from "../../catalog/manage/model";
import { users } from "./auth";
import { providers } from "./catalog";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

/** A provider organisation asking to manage an imported profile. */
export const providerClaims = sqliteTable(
  "provider_claims",
  {
    id: text("id").primaryKey(), // clm_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** `domain`: the claimant's verified address shares the profile's contact domain; `steward`: a steward decides. */
    method: text("method", { enum: CLAIM_METHODS }).notNull(),
    status: text("status", { enum: CLAIM_STATUSES }).notNull().default("pending"),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    reason: text("reason"),
    ...timestamps,
  },
  (t) => [index("provider_claims_status_idx").on(t.status, t.createdAt), index("provider_claims_provider_idx").on(t.providerId)],
);

/** What a provider submitted and a steward must approve before it is public: a new profile, a new
 * offer, or a material change to either. `payload` is the complete proposed input. */
export const pendingChanges = sqliteTable(
  "pending_changes",
  {
    id: text("id").primaryKey(), // chg_…
    subjectType: text("subject_type", { enum: CHANGE_SUBJECTS }).notNull(),
    subjectId: text("subject_id").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CHANGE_KINDS }).notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: CHANGE_STATUSES }).notNull().default("pending"),
    submittedBy: text("submitted_by"),
    submittedByKey: text("submitted_by_key"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    reason: text("reason"),
    ...timestamps,
  },
  (t) => [index("pending_changes_status_idx").on(t.status, t.createdAt), index("pending_changes_subject_idx").on(t.subjectType, t.subjectId)],
);

export type ProviderClaimRow = typeof providerClaims.$inferSelect;
export type PendingChangeRow = typeof pendingChanges.$inferSelect;
