// Reads for saved needs and shortlists, always within one organisation: another organisation's
// id is simply not found.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { offers, savedNeeds, shortlistItems } from "../../db/schema";

export function listSavedNeeds(db: Db, orgId: string) {
  return db.select().from(savedNeeds).where(eq(savedNeeds.orgId, orgId)).orderBy(desc(savedNeeds.createdAt), desc(savedNeeds.id));
}

export function listShortlist(db: Db, orgId: string) {
  return db.select().from(shortlistItems).where(eq(shortlistItems.orgId, orgId)).orderBy(desc(shortlistItems.createdAt), desc(shortlistItems.id));
}

export function findSavedNeeds(db: Db, orgId: string, id: string) {
  return db.select({ id: savedNeeds.id, name: savedNeeds.name }).from(savedNeeds).where(and(eq(savedNeeds.orgId, orgId), eq(savedNeeds.id, id))).get();
}

export function findShortlistItem(db: Db, orgId: string, id: string) {
  return db.select({ id: shortlistItems.id, monthlyCents: shortlistItems.monthlyCents }).from(shortlistItems).where(and(eq(shortlistItems.orgId, orgId), eq(shortlistItems.id, id))).get();
}

/** The organisation's latest saved needs with exactly this query, to link a shortlisted bundle to. */
export async function savedNeedsWithQuery(db: Db, orgId: string, query: string): Promise<string | null> {
  const row = await db
    .select({ id: savedNeeds.id })
    .from(savedNeeds)
    .where(and(eq(savedNeeds.orgId, orgId), eq(savedNeeds.query, query)))
    .orderBy(desc(savedNeeds.createdAt))
    .get();
  return row?.id ?? null;
}

/** Each offer's current published version number (`offers.version`). */
export async function offerVersionsOf(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: offers.id, version: offers.version }).from(offers).where(inArray(offers.id, ids));
  return new Map(rows.map((r) => [r.id, r.version]));
}
