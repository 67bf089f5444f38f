// Providers' capacities for the transition and the units already planned against them. Reads
// for the capacity routes, the plan warnings, the collective assignment and the control room.
import { and, count, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { migrationItems, providerCapacities, type CapacityUnits } from "../../db/schema";
import type { InventoryKind } from "../inventory";

export interface Capacity {
  units: CapacityUnits;
  migrations_per_week: number | null;
}

/** Items in these states hold no unit at their host any more. */
export const RELEASED_STATES = ["cancelled", "declined", "failed"] as const;

/** Every declared capacity by provider id; a provider without a row has no limit. */
export async function loadCapacities(db: Db): Promise<Map<string, Capacity>> {
  const rows = await db.select().from(providerCapacities);
  return new Map(rows.map((r) => [r.providerId, { units: r.units, migrations_per_week: r.migrationsPerWeek }]));
}

export async function capacityOf(db: Db, providerId: string): Promise<Capacity | null> {
  const row = await db.query.providerCapacities.findFirst({ where: eq(providerCapacities.providerId, providerId) });
  return row ? { units: row.units, migrations_per_week: row.migrationsPerWeek } : null;
}

/**
 * Units already planned at each provider, by kind: live migration items (one inventory service
 * each, so quantity 1) counted by the provider of their offer. One aggregate query.
 */
export async function plannedUnits(db: Db, providerId?: string): Promise<Map<string, Partial<Record<InventoryKind, number>>>> {
  const live = notInArray(migrationItems.state, [...RELEASED_STATES]);
  const rows = await db
    .select({ providerId: migrationItems.providerId, kind: migrationItems.kind, n: count() })
    .from(migrationItems)
    .where(providerId ? and(live, eq(migrationItems.providerId, providerId)) : live)
    .groupBy(migrationItems.providerId, migrationItems.kind);
  const out = new Map<string, Partial<Record<InventoryKind, number>>>();
  for (const r of rows) {
    const kinds = out.get(r.providerId) ?? {};
    kinds[r.kind] = Number(r.n);
    out.set(r.providerId, kinds);
  }
  return out;
}

/** Replaces a provider's capacity whole (the PUT's meaning): kinds left out become unlimited. */
export function saveCapacityQuery(db: Db, providerId: string, capacity: Capacity, nowIsoText: string) {
  const values = { providerId, units: capacity.units, migrationsPerWeek: capacity.migrations_per_week, updatedAt: nowIsoText };
  return db
    .insert(providerCapacities)
    .values(values)
    .onConflictDoUpdate({ target: providerCapacities.providerId, set: { units: sql`excluded.units`, migrationsPerWeek: sql`excluded.migrations_per_week`, updatedAt: sql`excluded.updated_at` } });
}
