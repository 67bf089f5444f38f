// Catalogue reads: the directory's combinable filters and keyset pagination, all in SQL.
import { and, asc, eq, exists, gt, inArray, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../db/client";
import { offers, providers, type OfferRow, type ProviderRow } from "../db/schema";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { notFound } from "../lib/problem";
import type { CatalogFilter } from "./filters";

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const like = (col: SQLWrapper, s: string) => sql`${col} LIKE ${likePattern(s)} ESCAPE '\\'`;

/** Conditions on one offer: the same offer must satisfy all of them together. */
function offerConditions(f: CatalogFilter): SQL[] {
  const c: SQL[] = [eq(offers.status, "published")];
  if (f.software) c.push(like(sql`coalesce(${offers.softwareName}, '')`, f.software));
  if (f.pricing) c.push(eq(offers.pricingModel, f.pricing));
  if (f.max_monthly_cents !== undefined) c.push(sql`${offers.monthlyCents} <= ${f.max_monthly_cents}`);
  if (f.accepting) c.push(eq(offers.load, "OPEN"));
  return c;
}

/** Conditions on the provider; `country` is its seat unless the caller gives another expression. */
function providerConditions(f: CatalogFilter, country: SQL = sql`${providers.countryCode}`): SQL[] {
  const c: SQL[] = [];
  if (f.country?.length) c.push(inArray(country, f.country));
  if (f.language?.length) {
    c.push(sql`exists (select 1 from json_each(${providers.languages}) where json_each.value in ${f.language})`);
  }
  if (f.legal_form) c.push(eq(providers.legalForm, f.legal_form));
  if (f.accepting) c.push(eq(providers.acceptingMembers, true));
  if (f.chatons) {
    c.push(sql`exists (select 1 from json_each(${providers.memberships}) where json_extract(json_each.value, '$.network') = 'chatons' and json_extract(json_each.value, '$.status') = 'ACTIVE')`);
  }
  return c;
}

const hasOfferFilter = (f: CatalogFilter) =>
  Boolean(f.software || f.pricing || f.max_monthly_cents !== undefined || f.accepting);

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export async function listProviders(db: Db, f: CatalogFilter): Promise<Page<ProviderRow>> {
  const conds = providerConditions(f);
  const offerMatch = (service?: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(offers)
        .where(and(eq(offers.providerId, providers.id), ...(service ? [eq(offers.service, service)] : []), ...offerConditions(f))),
    );
  if (f.service?.length) for (const s of f.service) conds.push(offerMatch(s));
  else if (hasOfferFilter(f)) conds.push(offerMatch());
  if (f.q) {
    const offerText = db
      .select({ one: sql`1` })
      .from(offers)
      .where(and(eq(offers.providerId, providers.id), eq(offers.status, "published"), or(like(offers.name, f.q), like(sql`coalesce(${offers.softwareName}, '')`, f.q))));
    conds.push(or(like(providers.name, f.q), like(providers.description, f.q), exists(offerText))!);
  }
  if (f.cursor) {
    const [name, id] = decodeCursor<[string, string]>(f.cursor, ["string", "string"]);
    conds.push(or(gt(providers.name, name), and(eq(providers.name, name), gt(providers.id, id)))!);
  }
  const rows = await db
    .select()
    .from(providers)
    .where(and(...conds))
    .orderBy(asc(providers.name), asc(providers.id))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => [r.name, r.id]);
}

export interface OfferWithProvider {
  offer: OfferRow;
  provider: ProviderRow;
}

export async function listOffers(db: Db, f: CatalogFilter): Promise<Page<OfferWithProvider>> {
  // An offer's own hosting country wins over its provider's seat.
  const country = sql`coalesce(${offers.hostingCountry}, ${providers.countryCode})`;
  const conds = [...offerConditions(f), ...providerConditions(f, country)];
  if (f.service?.length) conds.push(inArray(offers.service, f.service));
  if (f.q) {
    conds.push(
      or(like(offers.name, f.q), like(offers.description, f.q), like(sql`coalesce(${offers.softwareName}, '')`, f.q), like(providers.name, f.q))!,
    );
  }
  if (f.cursor) {
    const [monthly, id] = decodeCursor<[number, string]>(f.cursor, ["number", "string"]);
    conds.push(or(gt(offers.monthlyCents, monthly), and(eq(offers.monthlyCents, monthly), gt(offers.id, id)))!);
  }
  const rows = await db
    .select({ offer: offers, provider: providers })
    .from(offers)
    .innerJoin(providers, eq(offers.providerId, providers.id))
    .where(and(...conds))
    .orderBy(asc(offers.monthlyCents), asc(offers.id))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => [r.offer.monthlyCents, r.offer.id]);
}

function page<T>(rows: T[], limit: number, key: (row: T) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return { data, next_cursor: more && last ? encodeCursor(key(last)) : null };
}

export async function getProvider(db: Db, id: string): Promise<ProviderRow> {
  const row = await db.select().from(providers).where(eq(providers.id, id)).get();
  if (!row) throw notFound("Provider", id);
  return row;
}

/** A provider's offers; the public sees only published ones. */
export async function providerOffers(db: Db, providerId: string, opts: { publishedOnly: boolean }): Promise<OfferRow[]> {
  return db
    .select()
    .from(offers)
    .where(and(eq(offers.providerId, providerId), opts.publishedOnly ? eq(offers.status, "published") : undefined))
    .orderBy(asc(offers.service), asc(offers.monthlyCents), asc(offers.id));
}

export async function getOffer(db: Db, id: string): Promise<OfferWithProvider> {
  const row = await db
    .select({ offer: offers, provider: providers })
    .from(offers)
    .innerJoin(providers, eq(offers.providerId, providers.id))
    .where(eq(offers.id, id))
    .get();
  if (!row) throw notFound("Offer", id);
  return row;
}

/** Several offers at once, in the order asked for; unknown ids are a 404 naming the first one. */
export async function getOffers(db: Db, ids: string[]): Promise<OfferWithProvider[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ offer: offers, provider: providers })
    .from(offers)
    .innerJoin(providers, eq(offers.providerId, providers.id))
    .where(inArray(offers.id, ids));
  const byId = new Map(rows.map((r) => [r.offer.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound("Offer", id);
    return row;
  });
}
