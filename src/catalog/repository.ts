// Catalogue reads: the directory's combinable filters and keyset pagination, all in SQL.
// The public sees only providers whose visibility is `public` (a self-created profile stays
// `pending` until a steward approves it) and only published offers.
import { and, asc, count, eq, exists, gt, inArray, isNotNull, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../db/client";
import { offers, providers, type OfferRow, type ProviderRow } from "../db/schema";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { notFound } from "../lib/problem";
import type { CatalogFilter } from "./filters";
import { SERVICE_KINDS } from "./model";

// instr() rather than LIKE: D1 refuses LIKE patterns over 50 bytes, and there is nothing to escape.
const like = (col: SQLWrapper, s: string) => sql`instr(lower(${col}), lower(${s})) > 0`;

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
  const c: SQL[] = [isPublic];
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

/** Providers the public may see. */
export const isPublic = eq(providers.visibility, "public");

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
  const row = await db.select().from(providers).where(and(eq(providers.id, id), isPublic)).get();
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
    .where(and(eq(offers.id, id), isPublic))
    .get();
  if (!row) throw notFound("Offer", id);
  return row;
}


// ── Reads for the directory pages ─────────────────────────────────────────────────────────

export async function catalogCounts(db: Db) {
  const published = eq(offers.status, "published");
  const [all, demo, byService] = await db.batch([
    db.select({ n: count() }).from(providers).where(isPublic),
    db.select({ n: count() }).from(providers).where(and(isPublic, eq(providers.isDemo, true))),
    db
      .select({ service: offers.service, n: count() })
      .from(offers)
      .innerJoin(providers, eq(providers.id, offers.providerId))
      .where(and(published, isPublic))
      .groupBy(offers.service),
  ]);
  return {
    providers: all[0]?.n ?? 0,
    demo: demo[0]?.n ?? 0,
    offers: byService.reduce((sum, r) => sum + r.n, 0),
    byService: orderKinds(byService.map((r) => r.service)).map((k): [string, number] => [k, byService.find((r) => r.service === k)?.n ?? 0]),
  };
}

/** Service kinds in the catalogue's order (the ones members must move first), then the others. */
function orderKinds(kinds: string[]): string[] {
  const known = SERVICE_KINDS.filter((k) => kinds.includes(k));
  return [...known, ...kinds.filter((k) => !(SERVICE_KINDS as readonly string[]).includes(k)).sort()];
}

/** What the filter form offers to tick: the countries, languages, kinds and software in the data. */
export async function directoryFacets(db: Db) {
  const published = eq(offers.status, "published");
  const [seats, kinds, software] = await db.batch([
    db.selectDistinct({ country: providers.countryCode, languages: providers.languages }).from(providers).where(isPublic),
    db
      .selectDistinct({ service: offers.service })
      .from(offers)
      .innerJoin(providers, eq(providers.id, offers.providerId))
      .where(and(published, isPublic)),
    db
      .selectDistinct({ name: offers.softwareName })
      .from(offers)
      .innerJoin(providers, eq(providers.id, offers.providerId))
      .where(and(published, isPublic, isNotNull(offers.softwareName)))
      .orderBy(offers.softwareName)
      .limit(200),
  ]);
  return {
    services: orderKinds(kinds.map((k) => k.service)),
    countries: [...new Set(seats.flatMap((s) => (s.country ? [s.country] : [])))],
    languages: [...new Set(seats.flatMap((s) => s.languages))],
    software: software.flatMap((s) => (s.name ? [s.name] : [])),
  };
}

/** The published offers of the providers on one directory page. D1 binds at most 100 parameters
 *  per query and a page may hold 100 providers, so the ids go in chunks, in one batch. */
export async function publishedOffersOf(db: Db, providerIds: string[]): Promise<Map<string, OfferRow[]>> {
  const by = new Map<string, OfferRow[]>();
  const [first, ...rest] = chunks(providerIds, 50).map((ids) =>
    db
      .select({ offer: offers })
      .from(offers)
      .innerJoin(providers, eq(providers.id, offers.providerId))
      .where(and(inArray(offers.providerId, ids), eq(offers.status, "published"), isPublic))
      .orderBy(offers.service, offers.monthlyCents, offers.id),
  );
  if (!first) return by;
  for (const rows of await db.batch([first, ...rest])) {
    for (const { offer: o } of rows) by.set(o.providerId, [...(by.get(o.providerId) ?? []), o]);
  }
  return by;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The published offers among `ids`, in the order asked for; unknown, draft or archived ids are left out. */
export async function publishedOffersById(db: Db, ids: string[]): Promise<OfferWithProvider[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ offer: offers, provider: providers })
    .from(offers)
    .innerJoin(providers, eq(offers.providerId, providers.id))
    .where(and(inArray(offers.id, ids), eq(offers.status, "published"), isPublic));
  return ids.flatMap((id) => rows.filter((r) => r.offer.id === id));
}
