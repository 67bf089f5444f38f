// The migrations in the member export: a member organisation's migrations with their items and
// every event (the history); a provider organisation's items assigned to it (once requested).
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { migrationEvents, migrationItems, migrations } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const migrationsExport: ExportPart = {
  feature: "transition/migrations",
  kinds: ["member", "provider"],
  async build(db, org) {
    if (org.kind === "provider") {
      if (!org.providerId) return { incoming_migration_items: [] };
      const items = await db.select().from(migrationItems).where(and(eq(migrationItems.providerId, org.providerId), ne(migrationItems.state, "planned"))).orderBy(asc(migrationItems.createdAt), asc(migrationItems.id));
      return { incoming_migration_items: items.map((i) => snakeRow(i)) };
    }
    const rows = await db.select().from(migrations).where(eq(migrations.orgId, org.id)).orderBy(asc(migrations.createdAt), asc(migrations.id));
    // A subquery, not a list of ids: D1 binds at most 100 parameters per statement.
    const ofOrg = db.select({ id: migrations.id }).from(migrations).where(eq(migrations.orgId, org.id));
    const items = await db.select().from(migrationItems).where(inArray(migrationItems.migrationId, ofOrg)).orderBy(asc(migrationItems.createdAt), asc(migrationItems.id));
    const events = await db.select().from(migrationEvents).where(inArray(migrationEvents.migrationId, ofOrg)).orderBy(asc(migrationEvents.recordedAt), asc(migrationEvents.id));
    return {
      migrations: rows.map((m) => ({
        ...snakeRow(m),
        items: items.filter((i) => i.migrationId === m.id).map((i) => snakeRow(i)),
        events: events.filter((e) => e.migrationId === m.id).map((e) => snakeRow(e, ["actorUserId"])),
      })),
    };
  },
};
