// Reads for provider self-service and moderation: unlike repository.ts (the public catalogue),
// these see pending providers and offers of every status.
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, offers, organisations, pendingChanges, providerClaims, providers, users, type OrganisationRow } from "../../db/schema";
import { AppError, notFound } from "../../lib/problem";

export async function orgById(db: Db, orgId: string): Promise<OrganisationRow | undefined> {
  return db.select().from(organisations).where(eq(organisations.id, orgId)).get();
}

export async function providerById(db: Db, id: string) {
  return db.select().from(providers).where(eq(providers.id, id)).get();
}

export async function managerOf(db: Db, providerId: string) {
  return db.select().from(organisations).where(eq(organisations.providerId, providerId)).get();
}

export async function offerById(db: Db, id: string) {
  return db.select().from(offers).where(eq(offers.id, id)).get();
}

/** The offer and its provider for a self-service write: unknown → 404. */
export async function offerWithProvider(db: Db, offerId: string) {
  const row = await db.select({ offer: offers, provider: providers }).from(offers).innerJoin(providers, eq(providers.id, offers.providerId)).where(eq(offers.id, offerId)).get();
  if (!row) throw notFound("Offer", offerId);
  return row;
}

export async function providerOrThrow(db: Db, id: string) {
  const row = await providerById(db, id);
  if (!row) throw notFound("Provider", id);
  return row;
}

export async function allOffersOf(db: Db, providerId: string) {
  return db.select().from(offers).where(eq(offers.providerId, providerId)).orderBy(asc(offers.service), asc(offers.name), asc(offers.id));
}

/** Pending changes of a provider and of its offers, newest first. */
export async function pendingChangesOf(db: Db, providerId: string, offerIds: string[]) {
  const subject = or(
    and(eq(pendingChanges.subjectType, "provider"), eq(pendingChanges.subjectId, providerId)),
    offerIds.length ? and(eq(pendingChanges.subjectType, "offer"), inArray(pendingChanges.subjectId, offerIds.slice(0, 90))) : undefined,
  );
  return db.select().from(pendingChanges).where(and(eq(pendingChanges.status, "pending"), subject)).orderBy(desc(pendingChanges.createdAt));
}

export async function claimsOf(db: Db, orgId: string) {
  return db
    .select({ claim: providerClaims, providerName: providers.name })
    .from(providerClaims)
    .innerJoin(providers, eq(providers.id, providerClaims.providerId))
    .where(eq(providerClaims.orgId, orgId))
    .orderBy(desc(providerClaims.createdAt));
}

/** Public imported profiles that nobody manages, by name; what a provider organisation may claim. */
export async function claimable(db: Db, q: string, limit = 20) {
  const rows = await db
    .select({ id: providers.id, name: providers.name, website: providers.website, contactEmail: providers.contactEmail, managedBy: organisations.id })
    .from(providers)
    .leftJoin(organisations, eq(organisations.providerId, providers.id))
    .where(and(eq(providers.visibility, "public")))
    .orderBy(asc(providers.name))
    .limit(500);
  const needle = q.trim().toLowerCase();
  return rows.filter((r) => !r.managedBy && (!needle || r.name.toLowerCase().includes(needle) || (r.website ?? "").toLowerCase().includes(needle))).slice(0, limit);
}

/** Addresses and language of an organisation's owners and admins: who hears about moderation. */
export async function orgAdmins(db: Db, orgId: string) {
  return db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["owner", "admin"])));
}

/** Self-service pages belong to provider organisations: others get a translated 409. */
export function requireProviderOrg(org: OrganisationRow | undefined, orgId: string): OrganisationRow {
  if (!org) throw notFound("Organisation", orgId);
  if (org.kind !== "provider") throw new AppError("CONFLICT", `Organisation ${orgId} is not a provider organisation`);
  return org;
}
