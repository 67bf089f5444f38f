// The single source of truth for tables. Migrations are generated from this file by drizzle-kit
// (`npm run db:generate`); never edit a migration that has landed.
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Quotas } from "../catalog/model";

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const providers = sqliteTable(
  "providers",
  {
    id: text("id").primaryKey(), // prv_…
    /** Identity across re-imports: normalised website host, else a slug of the name. */
    externalKey: text("external_key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    legalForm: text("legal_form").notNull().default("OTHER"),
    status: text("status").notNull().default("ACTIVE"),
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
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default([]),
    memberships: text("memberships", { mode: "json" })
      .$type<{ network: string; status: string; since: string | null; until: string | null }[]>()
      .notNull()
      .default([]),
    commitments: text("commitments", { mode: "json" })
      .$type<{ charter: string; evidence_url: string | null }[]>()
      .notNull()
      .default([]),
    hardwareHosting: text("hardware_hosting"),
    acceptingMembers: integer("accepting_members", { mode: "boolean" }).notNull().default(true),
    capacity: integer("capacity"),
    funding: text("funding", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    social: text("social", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    sourceFormat: text("source_format").notNull().default("manual"),
    sourceUrl: text("source_url"),
    importedAt: text("imported_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
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
    softwareModules: text("software_modules", { mode: "json" }).$type<string[]>().notNull().default([]),
    features: text("features", { mode: "json" }).$type<string[]>().notNull().default([]),
    quotas: text("quotas", { mode: "json" }).$type<Quotas>().notNull(),
    registration: text("registration").notNull().default("Free"),
    load: text("load").notNull().default("OPEN"),
    pricingModel: text("pricing_model").notNull().default("free"),
    amountCents: integer("amount_cents").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    period: text("period").notNull().default("month"),
    unit: text("unit").notNull().default("flat"),
    setupFeeCents: integer("setup_fee_cents").notNull().default(0),
    /** Derived from the pricing at write time so that price filters and sorts stay in SQL. */
    monthlyCents: integer("monthly_cents").notNull().default(0),
    hostingCountry: text("hosting_country"),
    hardwareHosting: text("hardware_hosting"),
    status: text("status").notNull().default("published"),
    startedOn: text("started_on"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("offers_provider_key_uq").on(t.providerId, t.externalKey),
    index("offers_service_idx").on(t.service, t.status),
    index("offers_monthly_idx").on(t.monthlyCents),
  ],
);

export type ProviderRow = typeof providers.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
