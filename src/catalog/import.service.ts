// Saves an imported provider and its offers in one D1 batch. Re-importing the same organisation
// updates it in place (same ids); offers that vanished from the source are archived, not deleted.
// A profile that an organisation manages is theirs: imports refuse it. Each published offer whose
// public JSON changes gets a new version (versions.ts) in the same batch.
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { offers, organisations, providers, type OfferRow } from "../db/schema";
import { newId } from "../lib/ids";
import { AppError } from "../lib/problem";
import type { ImportedProvider, OfferInput, ProviderInput } from "./model";
import { monthlyCents } from "./pricing";
import { differs, latestSnapshots, snapshotOf, versionStatements } from "./versions";

export type SourceFormat = "chatonsinfos" | "librehosters";

export interface ImportResult {
  created: boolean;
  provider_id: string;
  offer_ids: string[];
  warnings: string[];
}

const now = () => new Date().toISOString();

export function providerColumns(p: ProviderInput) {
  return {
    name: p.name,
    description: p.description,
    legalForm: p.legal_form,
    status: p.status,
    foundedOn: p.founded_on,
    website: p.website,
    logoUrl: p.logo_url,
    contactUrl: p.contact_url,
    contactEmail: p.contact_email,
    legalUrl: p.legal_url,
    userGuideUrl: p.user_guide_url,
    technicalGuideUrl: p.technical_guide_url,
    countryCode: p.country_code,
    address: p.address,
    latitude: p.latitude,
    longitude: p.longitude,
    languages: p.languages,
    memberships: p.memberships,
    commitments: p.commitments,
    hardwareHosting: p.hardware_hosting,
    acceptingMembers: p.accepting_members,
    capacity: p.capacity,
    funding: p.funding,
    social: p.social,
    isDemo: p.is_demo,
  };
}

export function offerColumns(o: OfferInput) {
  return {
    service: o.service,
    name: o.name,
    description: o.description,
    website: o.website,
    softwareName: o.software.name,
    softwareWebsite: o.software.website,
    softwareLicense: o.software.license,
    softwareLicenseUrl: o.software.license_url,
    softwareVersion: o.software.version,
    softwareSourceUrl: o.software.source_url,
    softwareModules: o.software.modules,
    features: o.features,
    tags: o.tags,
    quotas: o.quotas,
    registration: o.registration,
    load: o.load,
    pricingModel: o.pricing.model,
    amountCents: o.pricing.amount_cents,
    currency: o.pricing.currency,
    period: o.pricing.period,
    unit: o.pricing.unit,
    setupFeeCents: o.pricing.setup_fee_cents,
    monthlyCents: monthlyCents(o.pricing),
    hostingCountry: o.hosting_country,
    hardwareHosting: o.hardware_hosting,
    status: o.status,
    startedOn: o.started_on,
  };
}

export interface SaveOptions {
  /** Extra statements for the same batch (the route's audit row), given the provider's id. */
  alongside?: (providerId: string) => BatchItem<"sqlite">[];
}

export async function saveImport(
  db: Db,
  imported: ImportedProvider,
  source: { format: SourceFormat; url?: string | null },
  opts: SaveOptions = {},
): Promise<ImportResult> {
  const existing = await db.select({ id: providers.id }).from(providers).where(eq(providers.externalKey, imported.key)).get();
  if (existing) {
    const manager = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.providerId, existing.id)).get();
    if (manager) throw new AppError("CONFLICT", `Provider ${existing.id} is managed by its organisation; imports may not overwrite it`);
  }
  const before = existing ? await db.select().from(offers).where(eq(offers.providerId, existing.id)) : [];
  const latest = await latestSnapshots(db, before.map((o) => o.id));
  const at = now();
  const provider = { ...providerColumns(imported.provider), sourceFormat: source.format, sourceUrl: source.url ?? null, importedAt: at, updatedAt: at };
  // The provider id comes from the row itself, so two imports racing on a new organisation still agree.
  const providerId = sql`(select ${providers.id} from ${providers} where ${providers.externalKey} = ${imported.key})`;
  const newProviderId = existing?.id ?? newId("prv");

  const offerKeys = imported.offers.map((o) => o.key);
  const versions = imported.offers.flatMap((o) => {
    const old = before.find((b) => b.externalKey === o.key);
    const after: OfferRow = {
      id: old?.id ?? "",
      providerId: existing?.id ?? newProviderId,
      externalKey: o.key,
      ...offerColumns(o),
      version: old?.version ?? 0,
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
    };
    if (after.status !== "published") return [];
    const snap = snapshotOf(after, { name: imported.provider.name, countryCode: imported.provider.country_code });
    if (old && !differs(snap, latest.get(old.id))) return [];
    const offerId = old ? old.id : sql`(select ${offers.id} from ${offers} where ${offers.providerId} = ${providerId} and ${offers.externalKey} = ${o.key})`;
    return [...versionStatements(db, offerId, snap, "import")];
  });
  const statements: BatchItem<"sqlite">[] = [
    db
      .insert(providers)
      .values({ id: newProviderId, externalKey: imported.key, createdAt: at, ...provider })
      .onConflictDoUpdate({ target: providers.externalKey, set: provider })
      .returning({ id: providers.id }),
    ...imported.offers.map((o) => {
      const columns = { ...offerColumns(o), updatedAt: at };
      return db
        .insert(offers)
        .values({ id: newId("off"), providerId, externalKey: o.key, createdAt: at, ...columns })
        .onConflictDoUpdate({ target: [offers.providerId, offers.externalKey], set: columns })
        .returning({ id: offers.id });
    }),
    db
      .update(offers)
      .set({ status: "archived", updatedAt: at })
      .where(and(eq(offers.providerId, providerId), offerKeys.length ? notInArray(offers.externalKey, offerKeys) : undefined)),
    ...versions,
    ...(opts.alongside?.(newProviderId) ?? []),
  ];
  const results = (await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
  const idOf = (r: unknown) => (r as { id: string }[])[0]!.id;
  return {
    created: !existing,
    provider_id: idOf(results[0]),
    offer_ids: results.slice(1, 1 + imported.offers.length).map(idOf),
    warnings: imported.warnings,
  };
}
