// The migrations' reads: a migration with its items (labels of the service, offer and provider),
// its event rows, the provider organisations of its items, and the people to mail. No writes here.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  inventoryServices,
  memberships,
  migrationEvents,
  migrationItems,
  migrations,
  offers,
  organisations,
  providers,
  users,
  type MigrationEventRow,
  type MigrationItemRow,
  type MigrationRow,
} from "../../db/schema";
import type { Lang } from "../../lib/lang";
import { serviceLabel, type InventoryService } from "../inventory";
import { inChunks } from "../../db/chunks";

export interface ItemRecord extends MigrationItemRow {
  label: string;
  service: InventoryService;
  offerName: string;
  providerName: string;
}

export function findMigration(db: Db, id: string): Promise<MigrationRow | undefined> {
  return db.query.migrations.findFirst({ where: eq(migrations.id, id) });
}

const itemColumns = {
  item: migrationItems,
  service: inventoryServices.service,
  offerName: offers.name,
  providerName: providers.name,
};

function withLabels(rows: { item: MigrationItemRow; service: InventoryService; offerName: string; providerName: string }[]): ItemRecord[] {
  return rows.map((r) => ({ ...r.item, service: r.service, label: serviceLabel(r.service), offerName: r.offerName, providerName: r.providerName }));
}

function itemsQuery(db: Db) {
  return db
    .select(itemColumns)
    .from(migrationItems)
    .innerJoin(inventoryServices, eq(inventoryServices.id, migrationItems.inventoryId))
    .innerJoin(offers, eq(offers.id, migrationItems.offerId))
    .innerJoin(providers, eq(providers.id, migrationItems.providerId));
}

/** A migration's items, in the order they were planned (by kind, then label). */
export async function itemsOf(db: Db, migrationId: string): Promise<ItemRecord[]> {
  const rows = await itemsQuery(db).where(eq(migrationItems.migrationId, migrationId)).orderBy(asc(migrationItems.kind), asc(inventoryServices.naturalKey));
  return withLabels(rows);
}

export async function findItem(db: Db, migrationId: string, itemId: string): Promise<ItemRecord | undefined> {
  const rows = await itemsQuery(db).where(and(eq(migrationItems.migrationId, migrationId), eq(migrationItems.id, itemId)));
  return withLabels(rows)[0];
}

/** A member organisation's items (every state), or a provider's items once requested (a plan is the member's draft). */
export async function itemsForOrg(db: Db, org: { id: string; kind: string; providerId: string | null }): Promise<ItemRecord[]> {
  if (org.kind === "provider") {
    if (!org.providerId) return [];
    const rows = await itemsQuery(db).where(and(eq(migrationItems.providerId, org.providerId), ne(migrationItems.state, "planned"))).orderBy(asc(migrationItems.createdAt), asc(migrationItems.id));
    return withLabels(rows);
  }
  const rows = await itemsQuery(db).where(eq(migrationItems.orgId, org.id)).orderBy(asc(migrationItems.createdAt), asc(migrationItems.id));
  return withLabels(rows);
}

export function eventsOf(db: Db, migrationId: string): Promise<MigrationEventRow[]> {
  return db.select().from(migrationEvents).where(eq(migrationEvents.migrationId, migrationId)).orderBy(asc(migrationEvents.recordedAt), asc(migrationEvents.id));
}

/** The provider organisation managing each provider profile (a profile nobody claimed has none). */
export async function providerOrgs(db: Db, providerIds: readonly string[]): Promise<Map<string, { orgId: string; language: Lang }>> {
  const ids = [...new Set(providerIds)];
  if (!ids.length) return new Map();
  const rows = await inChunks(ids, (chunk) =>
    db
      .select({ orgId: organisations.id, providerId: organisations.providerId, language: organisations.language })
      .from(organisations)
      .where(and(inArray(organisations.providerId, chunk), eq(organisations.kind, "provider"))),
  1);
  return new Map(rows.map((r) => [r.providerId!, { orgId: r.orgId, language: r.language }]));
}

export interface Recipient {
  email: string;
  lang: Lang;
}

/** The owners and admins of organisations, each in their own language, by organisation. */
export async function adminsOf(db: Db, orgIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  const ids = [...new Set(orgIds)];
  const out = new Map<string, Recipient[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await inChunks(ids, (chunk) =>
    db
      .select({ orgId: memberships.orgId, email: users.email, lang: users.language })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inArray(memberships.orgId, chunk), inArray(memberships.role, ["owner", "admin"])))
      .orderBy(asc(users.email)),
  2);
  for (const r of rows) out.get(r.orgId)!.push({ email: r.email, lang: r.lang });
  return out;
}

/** The provider profiles' public contact, for a profile no organisation manages yet. */
export async function providerContacts(db: Db, providerIds: readonly string[]): Promise<Map<string, { name: string; email: string | null }>> {
  const ids = [...new Set(providerIds)];
  if (!ids.length) return new Map();
  const rows = await inChunks(ids, (chunk) => db.select({ id: providers.id, name: providers.name, email: providers.contactEmail }).from(providers).where(inArray(providers.id, chunk)));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
