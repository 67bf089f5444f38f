// Offer versions: every published state of an offer, numbered from 1, so what a member saw stays
// viewable after the provider changes it. A version is written in the same D1 batch as the change,
// and only when the offer's public JSON (dto.ts) actually differs from the latest version.
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { offers, offerVersions, providers, type OfferRow, type ProviderRow } from "../db/schema";
import { notFound } from "../lib/problem";
import { offerDto, type OfferDto } from "./dto";
import { sameValue } from "./manage/classify";

export type VersionSource = "import" | "provider" | "steward";

/** What a version holds: the public DTO. */
export const snapshotOf = (offer: OfferRow, provider: Pick<ProviderRow, "name" | "countryCode">): OfferDto => offerDto(offer, provider);

/** Timestamps move on every write; they are not what a member saw. */
function content(snapshot: Record<string, unknown>): Record<string, unknown> {
  const { updated_at: _u, created_at: _c, ...rest } = snapshot;
  return rest;
}

export function differs(next: Record<string, unknown>, latest: Record<string, unknown> | null | undefined): boolean {
  return !latest || !sameValue(content(next), content(latest));
}

/**
 * The statements that record a new version and point the offer at it. `offerId` may be an SQL
 * expression (an import resolves new offers' ids inside its batch); the snapshot's `id` and
 * `provider_id` are then filled in by SQLite from the same rows.
 */
export function versionStatements(db: Db, offerId: string | SQL, snapshot: Record<string, unknown>, source: VersionSource) {
  const id = typeof offerId === "string" ? sql`${offerId}` : offerId;
  const json = JSON.stringify(snapshot);
  const snap =
    typeof offerId === "string"
      ? snapshot
      : sql`json_set(${json}, '$.id', ${id}, '$.provider_id', (select ${offers.providerId} from ${offers} where ${offers.id} = ${id}))`;
  return [
    db.insert(offerVersions).values({
      offerId: id as unknown as string,
      version: sql`(select coalesce(max(${offerVersions.version}), 0) + 1 from ${offerVersions} where ${offerVersions.offerId} = ${id})` as unknown as number,
      snapshot: snap as Record<string, unknown>,
      source,
    }),
    db
      .update(offers)
      .set({ version: sql`(select coalesce(max(${offerVersions.version}), 0) from ${offerVersions} where ${offerVersions.offerId} = ${id})` })
      .where(sql`${offers.id} = ${id}`),
  ] as const;
}

/** The latest snapshot of each offer among `ids` (offers without versions are absent). */
export async function latestSnapshots(db: Db, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50);
    const rows = await db
      .select({ offerId: offerVersions.offerId, snapshot: offerVersions.snapshot })
      .from(offerVersions)
      .innerJoin(offers, and(eq(offers.id, offerVersions.offerId), eq(offers.version, offerVersions.version)))
      .where(inArray(offerVersions.offerId, chunk));
    for (const r of rows) out.set(r.offerId, r.snapshot);
  }
  return out;
}

/** A new version when the offer (as it will be after the batch) is published and differs from its latest. */
export function versionIfChanged(
  db: Db,
  after: OfferRow,
  provider: Pick<ProviderRow, "name" | "countryCode">,
  latest: Record<string, unknown> | null | undefined,
  source: VersionSource,
) {
  if (after.status !== "published") return [];
  const snap = snapshotOf(after, provider);
  return differs(snap, latest) ? [...versionStatements(db, after.id, snap, source)] : [];
}

// ── Public reads ─────────────────────────────────────────────────────────────────────────────

/** The offer behind public version reads: it must exist and its provider must be public. */
async function publicOfferOf(db: Db, offerId: string) {
  const row = await db
    .select({ id: offers.id, version: offers.version, name: offers.name, providerId: offers.providerId, providerName: providers.name })
    .from(offers)
    .innerJoin(providers, eq(providers.id, offers.providerId))
    .where(and(eq(offers.id, offerId), eq(providers.visibility, "public")))
    .get();
  if (!row) throw notFound("Offer", offerId);
  return row;
}

export interface VersionSummary {
  version: number;
  created_at: string;
  source: VersionSource;
}

export async function listVersions(db: Db, offerId: string): Promise<{ offer: Awaited<ReturnType<typeof publicOfferOf>>; versions: VersionSummary[] }> {
  const offer = await publicOfferOf(db, offerId);
  const rows = await db
    .select({ version: offerVersions.version, created_at: offerVersions.createdAt, source: offerVersions.source })
    .from(offerVersions)
    .where(eq(offerVersions.offerId, offerId))
    .orderBy(desc(offerVersions.version));
  return { offer, versions: rows };
}

export async function getVersion(db: Db, offerId: string, version: number) {
  const offer = await publicOfferOf(db, offerId);
  const [row, latest] = await db.batch([
    db.select().from(offerVersions).where(and(eq(offerVersions.offerId, offerId), eq(offerVersions.version, version))),
    db.select({ n: sql<number>`coalesce(max(${offerVersions.version}), 0)` }).from(offerVersions).where(eq(offerVersions.offerId, offerId)),
  ]);
  const found = row[0];
  if (!found) throw notFound("Version", `${offerId}/${version}`);
  return { offer, version: found, latest: latest[0]?.n ?? found.version };
}
