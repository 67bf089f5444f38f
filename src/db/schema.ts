// The single source of truth for tables. Migrations are generated from this file by drizzle-kit
// (`npm run db:generate`); never edit a migration that has landed.
import { sql } from "drizzle-orm";
import { customType, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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

// ── Accounts (issue 3) ───────────────────────────────────────────────────────────────────────────
// better-auth's user, session, account, verification and passkey models, written by hand after its
// documented schema (core 1.7 + @better-auth/passkey): the drizzle adapter addresses each table by
// the model name it is passed under (src/accounts/auth.ts) and each column by its property name, so
// property names follow better-auth while SQL names follow ours.

/** better-auth hands the adapter Date objects; we store them as ISO-8601 UTC text like every other time. */
const isoDate = customType<{ data: Date; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
  fromDriver: (value) => new Date(value),
});
const authTimestamps = {
  createdAt: isoDate("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: isoDate("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(), // usr_…
    name: text("name").notNull().default(""),
    /** Stored lower-cased (better-auth normalises it); unique. */
    email: text("email").notNull(),
    emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
    image: text("image"),
    /** The language of pages and mail for this person: fr, nl or en. */
    language: text("language").notNull().default("fr"),
    ...authTimestamps,
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(), // ses_…
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The cookie's secret; never shown on a page. */
    token: text("token").notNull(),
    expiresAt: isoDate("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    ...authTimestamps,
  },
  (t) => [uniqueIndex("sessions_token_uq").on(t.token), index("sessions_user_idx").on(t.userId)],
);

/** Sign-in methods linked to a user (better-auth's "account"); magic links and passkeys need none yet. */
export const authAccounts = sqliteTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: isoDate("access_token_expires_at"),
    refreshTokenExpiresAt: isoDate("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    ...authTimestamps,
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

/** Short-lived secrets: magic-link tokens (stored hashed), WebAuthn challenges. */
export const verifications = sqliteTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: isoDate("expires_at").notNull(),
    ...authTimestamps,
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publicKey: text("public_key").notNull(),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull(),
    transports: text("transports"),
    aaguid: text("aaguid"),
    createdAt: isoDate("created_at").default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("passkeys_user_idx").on(t.userId), uniqueIndex("passkeys_credential_uq").on(t.credentialID)],
);

// ── Outbox ───────────────────────────────────────────────────────────────────────────────────────
/** What leaves the system (mail now, provider webhooks later), written in the same D1 batch as the
 * change that causes it and delivered by the queue consumer. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(), // msg_…
    channel: text("channel").$type<"mail">().notNull(),
    /** What the message is about, e.g. `sign_in_link`; lets operators filter without reading bodies. */
    kind: text("kind").notNull(),
    /** Mail: the address. */
    recipient: text("recipient").notNull(),
    /** Mail: {lang, subject, text, html}, rendered when the row is written. */
    payload: text("payload", { mode: "json" }).$type<OutboxMailPayload>().notNull(),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
    ...timestamps,
  },
  (t) => [index("outbox_status_idx").on(t.status, t.createdAt), index("outbox_channel_created_idx").on(t.channel, t.createdAt)],
);
export interface OutboxMailPayload {
  lang: "fr" | "nl" | "en";
  subject: string;
  text: string;
  html: string;
}

// ── Rate limits ──────────────────────────────────────────────────────────────────────────────────
/** Fixed-window counters shared by every isolate (src/lib/rate-limit.ts). */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    /** Unix seconds at which the current window opened. */
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
