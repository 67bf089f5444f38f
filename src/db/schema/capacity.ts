// What each provider can still take before the transition's deadline (src/transition/capacity): new
// units per inventory kind (a kind left out is unlimited) and migrations per week. One row per
// provider, replaced whole by `PUT /api/v1/providers/{id}/capacity`.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { InventoryKind } from "../../transition/inventory";
import { providers } from "./catalog";
import { nowIso } from "./columns";

/** Units per kind; a kind absent from the record has no limit. */
export type CapacityUnits = Partial<Record<InventoryKind, number>>;

export const providerCapacities = sqliteTable("provider_capacities", {
  providerId: text("provider_id")
    .primaryKey()
    .references(() => providers.id, { onDelete: "cascade" }),
  units: text("units", { mode: "json" }).$type<CapacityUnits>().notNull().default({}),
  /** Null: the provider sets no weekly pace. */
  migrationsPerWeek: integer("migrations_per_week"),
  updatedAt: text("updated_at").notNull().default(nowIso),
});

export type ProviderCapacityRow = typeof providerCapacities.$inferSelect;
