// The transition's inventory (src/transition): what each member organisation has at Cassiopea, one
// row per service, upserted by its natural key on every import; never deleted (`gone_at` instead).
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { INVENTORY_KINDS, type InventoryService } from "../../transition/inventory";
import { users } from "./auth";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

export const inventoryServices = sqliteTable(
  "inventory_services",
  {
    id: text("id").primaryKey(), // svc_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INVENTORY_KINDS }).notNull(),
    /** `naturalKey(service)` (src/transition/inventory.ts): kind plus normalised address, host or name. */
    naturalKey: text("natural_key").notNull(),
    /** The service as the inventory model reads it (validated by `inventoryServiceSchema`). */
    service: text("service", { mode: "json" }).$type<InventoryService>().notNull(),
    /** Where the current values came from: the steward's import or the member's own correction. */
    source: text("source", { enum: ["import", "member"] }).notNull().default("import"),
    /** Set when a later import no longer lists it; cleared if it comes back. */
    goneAt: text("gone_at"),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("inventory_services_org_key_uq").on(t.orgId, t.naturalKey), index("inventory_services_kind_idx").on(t.kind)],
);

export type InventoryServiceRow = typeof inventoryServices.$inferSelect;
