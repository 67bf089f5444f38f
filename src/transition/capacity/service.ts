// Providers' capacities for the transition and the units already planned against them. Reads
// for the capacity routes, the plan warnings, the collective assignment and the control room.
import { and, between, count, countDistinct, eq, ne, notInArray, sql } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { runBatch } from "../../db/batch";
import type { Db } from "../../db/client";
import type { ServiceContext } from "../../lib/context";
import { migrationItems, providerCapacities, type CapacityUnits } from "../../db/schema";
import { INVENTORY_KINDS, type InventoryKind } from "../inventory";
import { RELEASED_STATES, type CapacityKind } from "./model";
import { isoWeek, NOT_UNDER_WAY, throughput, weekFull } from "./throughput";

export interface Capacity {
  units: CapacityUnits;
  migrations_per_week: number | null;
}

export { RELEASED_STATES, type CapacityKind };

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

/**
 * Member migrations under way at each provider: distinct migrations with at least one item there
 * neither done, cancelled, declined nor failed (throughput.ts). One aggregate query.
 */
export async function migrationsUnderWay(db: Db, providerId?: string): Promise<Map<string, number>> {
  const live = notInArray(migrationItems.state, [...NOT_UNDER_WAY]);
  const rows = await db
    .select({ providerId: migrationItems.providerId, n: countDistinct(migrationItems.migrationId) })
    .from(migrationItems)
    .where(providerId ? and(live, eq(migrationItems.providerId, providerId)) : live)
    .groupBy(migrationItems.providerId);
  return new Map(rows.map((r) => [r.providerId, Number(r.n)]));
}

/**
 * Scheduling `itemId` (of `migrationId`) at a host on `day`: is that ISO week already full at the
 * host's weekly rate? Counts the member migrations with another item scheduled there that week
 * (cancelled, declined and failed items left out; done ones did take that week). No rate → false.
 */
export async function weekIsFull(db: Db, at: { providerId: string; itemId: string; migrationId: string; day: string }): Promise<boolean> {
  const cap = await capacityOf(db, at.providerId);
  if (cap?.migrations_per_week === null || cap?.migrations_per_week === undefined) return false;
  const week = isoWeek(at.day);
  const rows = await db
    .selectDistinct({ migrationId: migrationItems.migrationId })
    .from(migrationItems)
    .where(
      and(
        eq(migrationItems.providerId, at.providerId),
        ne(migrationItems.id, at.itemId),
        between(migrationItems.scheduledFor, week.monday, week.sunday),
        notInArray(migrationItems.state, [...RELEASED_STATES]),
      ),
    );
  return weekFull({ perWeek: cap.migrations_per_week, scheduled: rows.map((r) => r.migrationId), migrationId: at.migrationId });
}

/** Replaces a provider's capacity whole (the PUT's meaning): kinds left out become unlimited. */
export function saveCapacityQuery(db: Db, providerId: string, capacity: Capacity, nowIsoText: string) {
  const values = { providerId, units: capacity.units, migrationsPerWeek: capacity.migrations_per_week, updatedAt: nowIsoText };
  return db
    .insert(providerCapacities)
    .values(values)
    .onConflictDoUpdate({ target: providerCapacities.providerId, set: { units: sql`excluded.units`, migrationsPerWeek: sql`excluded.migrations_per_week`, updatedAt: sql`excluded.updated_at` } });
}

/** What the routes and pages show: the declaration, the units planned, and what is left per limited kind. */
export interface CapacityView {
  provider_id: string;
  units: CapacityUnits;
  migrations_per_week: number | null;
  planned: Partial<Record<InventoryKind, number>>;
  /** Per limited kind: declared minus planned, never below zero. */
  remaining: Partial<Record<InventoryKind, number>>;
  updated_at: string | null;
}

export async function capacityView(db: Db, providerId: string): Promise<CapacityView> {
  const [cap, planned] = await Promise.all([db.query.providerCapacities.findFirst({ where: eq(providerCapacities.providerId, providerId) }), plannedUnits(db, providerId)]);
  const units = cap?.units ?? {};
  const mine = planned.get(providerId) ?? {};
  const remaining: Partial<Record<InventoryKind, number>> = {};
  for (const [kind, n] of Object.entries(units) as [InventoryKind, number][]) remaining[kind] = Math.max(0, n - (mine[kind] ?? 0));
  return { provider_id: providerId, units, migrations_per_week: cap?.migrationsPerWeek ?? null, planned: mine, remaining, updated_at: cap?.updatedAt ?? null };
}

/** Stores a declaration whole and its audit row in one batch. */
export async function saveCapacity(ctx: ServiceContext, providerId: string, capacity: Capacity): Promise<CapacityView> {
  await runBatch(
    ctx.db,
    [
      saveCapacityQuery(ctx.db, providerId, capacity, ctx.now().toISOString()),
      auditInsert(ctx, { action: "provider.capacity", subjectType: "provider", subjectId: providerId, detail: { units: capacity.units, migrations_per_week: capacity.migrations_per_week } }),
    ],
    "The capacity changed meanwhile",
  );
  return capacityView(ctx.db, providerId);
}

/** A host and kind planned beyond the host's declared capacity (`planned` > `limit`). */
export interface CapacityWarning {
  provider_id: string;
  kind: CapacityKind;
  planned: number;
  limit: number;
}

/** The clock and the deadline, for the weekly pace (the `migrations` warnings). */
export interface Pace {
  now: Date;
  deadline: string;
}

/**
 * Plans beyond capacity: for each provider and kind a plan adds to, a warning when the units already
 * planned there plus these exceed the declared capacity. `adding` counts the plan's own items by
 * provider and kind; pass `alreadyCounted: true` when the plan is stored (its items are in `planned`).
 * With `pace`, each host the plan uses that states a weekly rate also gets a `migrations` warning
 * when the member migrations under way there (the plan one more, unless counted) exceed N × W.
 */
export async function overCapacity(db: Db, adding: { provider_id: string; kind: InventoryKind }[], alreadyCounted: boolean, pace?: Pace): Promise<CapacityWarning[]> {
  if (adding.length === 0) return [];
  const [caps, planned, underWay] = await Promise.all([loadCapacities(db), plannedUnits(db), pace ? migrationsUnderWay(db) : Promise.resolve(new Map<string, number>())]);
  const count = new Map<string, number>();
  for (const a of adding) count.set(`${a.provider_id}\u0000${a.kind}`, (count.get(`${a.provider_id}\u0000${a.kind}`) ?? 0) + 1);
  const out: CapacityWarning[] = [];
  for (const [key, n] of count) {
    const [providerId, kind] = key.split("\u0000") as [string, InventoryKind];
    const limit = caps.get(providerId)?.units[kind];
    if (limit === undefined) continue;
    const total = (planned.get(providerId)?.[kind] ?? 0) + (alreadyCounted ? 0 : n);
    if (total > limit) out.push({ provider_id: providerId, kind, planned: total, limit });
  }
  if (pace) {
    for (const providerId of new Set(adding.map((a) => a.provider_id))) {
      const t = throughput({ perWeek: caps.get(providerId)?.migrations_per_week, now: pace.now, deadline: pace.deadline, underWay: (underWay.get(providerId) ?? 0) + (alreadyCounted ? 0 : 1) });
      if (t?.over) out.push({ provider_id: providerId, kind: "migrations", planned: t.used, limit: t.limit });
    }
  }
  return out.sort((a, b) => (a.provider_id + a.kind < b.provider_id + b.kind ? -1 : 1));
}

/** One limited kind as the public provider page shows it. */
export interface CapacityLine {
  kind: InventoryKind;
  limit: number;
  planned: number;
}

/**
 * What the public provider page shows: each limited kind with the units already planned there, and
 * the migrations per week. One query (the page stays cheap); nothing declared → null.
 */
export async function publicCapacity(d1: D1Database, providerId: string): Promise<{ lines: CapacityLine[]; migrations_per_week: number | null } | null> {
  const released = RELEASED_STATES.map((s) => `'${s}'`).join(", ");
  const { results } = await d1
    .prepare(
      `select pc.migrations_per_week as per_week, j.key as kind, j.value as lim,
         (select count(*) from migration_items i where i.provider_id = pc.provider_id and i.kind = j.key and i.state not in (${released})) as planned
       from provider_capacities pc left join json_each(pc.units) j on 1 where pc.provider_id = ?`,
    )
    .bind(providerId)
    .all<{ per_week: number | null; kind: string | null; lim: number | null; planned: number }>();
  if (!results.length) return null;
  const order = (k: string) => (INVENTORY_KINDS as readonly string[]).indexOf(k);
  const lines = results
    .filter((r): r is typeof r & { kind: InventoryKind; lim: number } => r.kind !== null && r.lim !== null && order(r.kind) >= 0)
    .map((r) => ({ kind: r.kind, limit: Number(r.lim), planned: Number(r.planned) }))
    .sort((a, b) => order(a.kind) - order(b.kind));
  return { lines, migrations_per_week: results[0]!.per_week };
}
