// The transition's migrations (src/transition/migrations): a member organisation's plan, one item
// per inventory service assigned to an offer, each moving through the state machine of
// src/transition/states.ts, and every change as an event row (the history and the events API).
// `migration_events (item_id, item_version)` is unique: two writers racing on one item both write
// the same next version and the second batch fails whole (optimistic concurrency without BEGIN).
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ChecklistState } from "../../transition/checklists";
import type { DnsTargets } from "../../transition/control/dns";
import { INVENTORY_KINDS } from "../../transition/inventory";
import { ITEM_STATES, ROLES, type DataCopy, type MoveWarning } from "../../transition/states";
import { users } from "./auth";
import { offers, providers } from "./catalog";
import { timestamps } from "./columns";
import { inventoryServices } from "./inventory";
import { organisations } from "./orgs";

// `dns_verified`: two DNS checks in a row found the new host's targets (src/transition/control/dns-job.ts).
export const MIGRATION_EVENT_KINDS = ["plan", "request", "move", "assign", "tick", "untick", "data_copy", "cancel", "dns_verified"] as const;
export type MigrationEventKind = (typeof MIGRATION_EVENT_KINDS)[number];

export const migrations = sqliteTable(
  "migrations",
  {
    id: text("id").primaryKey(), // mig_…
    /** The member organisation that moves. */
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    /** When the member last sent the providers their requests. */
    requestedAt: text("requested_at"),
    /** When the member cancelled the whole migration. */
    cancelledAt: text("cancelled_at"),
    /** Goes up on every change of the migration or one of its items (events name it). */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("migrations_org_idx").on(t.orgId, t.createdAt)],
);

export const migrationItems = sqliteTable(
  "migration_items",
  {
    id: text("id").primaryKey(), // mit_…
    migrationId: text("migration_id")
      .notNull()
      .references(() => migrations.id, { onDelete: "cascade" }),
    /** The member organisation (the migration's), kept here so lists filter without a join. */
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
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
    state: text("state", { enum: ITEM_STATES }).notNull().default("planned"),
    blockedFrom: text("blocked_from", { enum: ITEM_STATES }),
    /** `YYYY-MM-DD` (Brussels), set by the provider. */
    scheduledFor: text("scheduled_for"),
    /** The member's confirmation that it holds a full copy of the data: when and how. */
    dataCopy: text("data_copy", { mode: "json" }).$type<DataCopy>(),
    /** occurred_at of the last applied move: an older report is stale. */
    lastMoveAt: text("last_move_at").notNull(),
    checklist: text("checklist", { mode: "json" }).$type<ChecklistState>().notNull().default({}),
    /** What the new host expects the domain's DNS to show after the cut-over (set by the provider). */
    dnsTargets: text("dns_targets", { mode: "json" }).$type<DnsTargets>(),
    /** When two DNS checks in a row found every expected target (src/transition/control/dns-job.ts). */
    dnsVerifiedAt: text("dns_verified_at"),
    /** Goes up on every change of the item; events carry it so receivers can order them. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("migration_items_migration_idx").on(t.migrationId),
    index("migration_items_provider_idx").on(t.providerId, t.state),
    index("migration_items_org_idx").on(t.orgId, t.state),
    // A service is in at most one live item: planning it again needs the other one cancelled or done.
    uniqueIndex("migration_items_live_inventory_uq").on(t.inventoryId).where(sql`state not in ('cancelled', 'done')`),
  ],
);

/** Every change: plans, requests, moves, re-assignments, ticks, data copies, cancellations. */
export const migrationEvents = sqliteTable(
  "migration_events",
  {
    id: text("id").primaryKey(), // mev_…
    migrationId: text("migration_id")
      .notNull()
      .references(() => migrations.id, { onDelete: "cascade" }),
    itemId: text("item_id").references(() => migrationItems.id, { onDelete: "cascade" }),
    /** The item's version after this change (null for migration-wide events). */
    itemVersion: integer("item_version"),
    kind: text("kind", { enum: MIGRATION_EVENT_KINDS }).notNull(),
    fromState: text("from_state", { enum: ITEM_STATES }),
    toState: text("to_state", { enum: ITEM_STATES }),
    /** Who, as the state machine sees it (member, provider, steward). */
    role: text("role", { enum: ROLES }).notNull(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** An API key (`key_…`), or `webhook` for a provider's signed event. */
    actorVia: text("actor_via"),
    note: text("note"),
    scheduledFor: text("scheduled_for"),
    occurredAt: text("occurred_at").notNull(),
    recordedAt: text("recorded_at").notNull(),
    warnings: text("warnings", { mode: "json" }).$type<MoveWarning[]>().notNull().default([]),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex("migration_events_item_version_uq").on(t.itemId, t.itemVersion), index("migration_events_migration_idx").on(t.migrationId, t.recordedAt)],
);

export type MigrationRow = typeof migrations.$inferSelect;
export type MigrationItemRow = typeof migrationItems.$inferSelect;
export type MigrationEventRow = typeof migrationEvents.$inferSelect;
