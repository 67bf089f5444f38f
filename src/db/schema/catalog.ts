// The public catalogue: providers, their offers, and every published state of an offer.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  HARDWARE_HOSTING,
  LEGAL_FORMS,
  LOADS,
  OFFER_STATUSES,
  PRICE_PERIODS,
  PRICE_UNITS,
  PRICING_MODELS,
  PROVIDER_STATUSES,
  PROVIDER_VISIBILITIES,
  REGISTRATIONS,
  SOURCE_FORMATS,
  VERSION_SOURCES,
  type OfferInput,
  type ProviderInput,
  type Quotas,
} from "../../catalog/model";
import { timestamps } from "./columns";

export const providers = sqliteTable(
  "providers",
  {
    id: text("id").primaryKey(), // prv_…
    /** Identity across re-imports: normalised website host, else a slug of the name. */
    externalKey: text("external_key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }).notNull().default("OTHER"),
    status: text("status", { enum: PROVIDER_STATUSES }).notNull().default("ACTIVE"),
    foundedOn: text("founded_on"),
    website: text("website"),
    logoUrl: text("logo_url"),
    contactUrl: text("contact_url"),
    contactEmail: text("contact_email"),
    legalUrl: text("legal_url"),
    userGuideUrl: text("user_guide_url"),
    technicalGuideUrl: text("technical_guide_url"),
    countryCode: text("country_code"),
    address: text("address"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    languages: text("languages", { mode: "json" }).$type<ProviderInput["languages"]>().notNull().default([]),
    memberships: text("memberships", { mode: "json" }).$type<ProviderInput["memberships"]>().notNull().default([]),
    commitments: text("commitments", { mode: "json" }).$type<ProviderInput["commitments"]>().notNull().default([]),
    hardwareHosting: text("hardware_hosting", { enum: HARDWARE_HOSTING }),
    acceptingMembers: integer("accepting_members", { mode: "boolean" }).notNull().default(true),
    capacity: integer("capacity"),
    funding: text("funding", { mode: "json" }).$type<ProviderInput["funding"]>().notNull().default({}),
    social: text("social", { mode: "json" }).$type<ProviderInput["social"]>().notNull().default({}),
    sourceFormat: text("source_format", { enum: SOURCE_FORMATS }).notNull().default("manual"),
    sourceUrl: text("source_url"),
    importedAt: text("imported_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** `pending` while a self-created profile waits for a steward; only `public` ones are listed. */
    visibility: text("visibility", { enum: PROVIDER_VISIBILITIES }).notNull().default("public"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("providers_external_key_uq").on(t.externalKey),
    index("providers_name_idx").on(t.name, t.id),
    index("providers_country_idx").on(t.countryCode),
  ],
);

export const offers = sqliteTable(
  "offers",
  {
    id: text("id").primaryKey(), // off_…
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** Identity within its provider across re-imports. */
    externalKey: text("external_key").notNull(),
    /** An open list (any lowercase slug, see serviceKindSchema), so plain text. */
    service: text("service").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    website: text("website"),
    softwareName: text("software_name"),
    softwareWebsite: text("software_website"),
    softwareLicense: text("software_license"),
    softwareLicenseUrl: text("software_license_url"),
    softwareVersion: text("software_version"),
    softwareSourceUrl: text("software_source_url"),
    softwareModules: text("software_modules", { mode: "json" }).$type<OfferInput["software"]["modules"]>().notNull().default([]),
    features: text("features", { mode: "json" }).$type<OfferInput["features"]>().notNull().default([]),
    /** Free words that are not feature codes: shown, never matched on. */
    tags: text("tags", { mode: "json" }).$type<OfferInput["tags"]>().notNull().default([]),
    quotas: text("quotas", { mode: "json" }).$type<Quotas>().notNull(),
    registration: text("registration", { enum: REGISTRATIONS }).notNull().default("Free"),
    load: text("load", { enum: LOADS }).notNull().default("OPEN"),
    pricingModel: text("pricing_model", { enum: PRICING_MODELS }).notNull().default("free"),
    amountCents: integer("amount_cents").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    period: text("period", { enum: PRICE_PERIODS }).notNull().default("month"),
    unit: text("unit", { enum: PRICE_UNITS }).notNull().default("flat"),
    setupFeeCents: integer("setup_fee_cents").notNull().default(0),
    /** Derived from the pricing at write time so that price filters and sorts stay in SQL. */
    monthlyCents: integer("monthly_cents").notNull().default(0),
    hostingCountry: text("hosting_country"),
    hardwareHosting: text("hardware_hosting", { enum: HARDWARE_HOSTING }),
    /** published · archived · pending (a provider's new offer waiting for a steward). */
    status: text("status", { enum: OFFER_STATUSES }).notNull().default("published"),
    startedOn: text("started_on"),
    /** The number of the offer_versions row that holds what is public now (0: none yet). */
    version: integer("version").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("offers_provider_key_uq").on(t.providerId, t.externalKey),
    index("offers_service_idx").on(t.service, t.status),
    index("offers_monthly_idx").on(t.monthlyCents),
  ],
);

/** Every published state of an offer, numbered from 1, so what a member saw stays viewable. */
export const offerVersions = sqliteTable(
  "offer_versions",
  {
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The offer's public JSON (src/catalog/dto.ts) as it was published. */
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    source: text("source", { enum: VERSION_SOURCES }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.offerId, t.version] })],
);

export type ProviderRow = typeof providers.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
export type OfferVersionRow = typeof offerVersions.$inferSelect;

/**
 * The catalogue's version: one row (id 1) holding a random token that SQLite triggers (migration
 * `*_catalog_version_triggers.sql`) replace on every insert, update or delete of `providers` and
 * `offers`, whoever writes them (the manage pages, moderation, imports, a steward's SQL). The
 * directory's per-isolate cache (src/catalog/directory-cache.ts) is keyed by it. A random token rather
 * than a counter: a restored or recreated database starts a fresh sequence, and a counter could land
 * on a number an isolate cached from the database it replaced. Derived state: never backed up, and a
 * restore ends by drawing a new token (src/ops/backup/restore-sql.ts), so every isolate's cache misses.
 */
export const catalogVersion = sqliteTable("catalog_version", {
  id: integer("id").primaryKey(),
  version: text("version").notNull(),
});
