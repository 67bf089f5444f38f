// The single source of truth for tables. Migrations are generated from this file by drizzle-kit
// (`npm run db:generate`); never edit a migration that has landed.
import { sql } from "drizzle-orm";
import { customType, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
    /** `pending` while a self-created profile waits for a steward; only `public` ones are listed. */
    visibility: text("visibility").$type<"public" | "pending">().notNull().default("public"),
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
    /** published · archived · pending (a provider's new offer waiting for a steward). */
    status: text("status").notNull().default("published"),
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

// ── Organisations, roles, keys, audit (issue 3) ──────────────────────────────────────────────────
/** A member association, a provider, or the cooperative; people belong through memberships. */
export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(), // org_…
    kind: text("kind").$type<"member" | "provider" | "cooperative">().notNull(),
    name: text("name").notNull(),
    /** Member space: the registered name, e.g. "Les Amis du Parc asbl". */
    legalName: text("legal_name"),
    /** Belgian enterprise number or EU VAT number, normalised (`BE0123456749`); checked on input. */
    companyNumber: text("company_number"),
    street: text("street"),
    postcode: text("postcode"),
    city: text("city"),
    countryCode: text("country_code"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    /** The organisation's language for mail and documents: fr, nl or en. */
    language: text("language").notNull().default("fr"),
    /** Provider organisations: the catalogue profile they manage (created or claimed). */
    providerId: text("provider_id").references(() => providers.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("organisations_provider_uq").on(t.providerId), index("organisations_kind_idx").on(t.kind, t.name)],
);

export const ORG_ROLES = ["owner", "admin", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const memberships = sqliteTable(
  "memberships",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<OrgRole>().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** An emailed invitation to join an organisation; the link carries a token stored here hashed. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(), // inv_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").$type<OrgRole>().notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<"pending" | "accepted" | "revoked">().notNull().default("pending"),
    expiresAt: text("expires_at").notNull(),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: text("accepted_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("invitations_token_uq").on(t.tokenHash), index("invitations_org_idx").on(t.orgId, t.status)],
);

export const PLATFORM_ROLES = ["steward", "coop_admin"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Powers above any organisation, granted by a steward (the first one by `npm run steward`). */
export const platformRoles = sqliteTable(
  "platform_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<PlatformRole>().notNull(),
    /** A user id, or `cli` for the first-steward command. */
    grantedBy: text("granted_by").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const API_SCOPES = ["offers:write", "catalog:import", "audit:read", "health:read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Bearer keys for the API. Shown once; only the SHA-256 of the secret is kept. A provider
 * organisation's keys carry `orgId`; a steward's personal keys carry only `userId` and work while
 * that person is still a steward. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(), // key_…
    orgId: text("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, so people can tell their keys apart. */
    start: text("start").notNull(),
    hash: text("hash").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
    expiresAt: text("expires_at"),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.hash), index("api_keys_org_idx").on(t.orgId), index("api_keys_user_idx").on(t.userId)],
);

/** Privileged actions: who (person and/or key), what, on what, when, from where. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(), // aud_…
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    actorUserId: text("actor_user_id"),
    actorKeyId: text("actor_key_id"),
    /** e.g. `role.grant`, `offer.approve`, `key.create`. */
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    orgId: text("org_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
  },
  (t) => [index("audit_log_at_idx").on(t.at, t.id), index("audit_log_subject_idx").on(t.subjectType, t.subjectId), index("audit_log_actor_idx").on(t.actorUserId)],
);

// ── Provider self-service and moderation (issue 3) ───────────────────────────────────────────────
/** A provider organisation asking to manage an imported profile. */
export const providerClaims = sqliteTable(
  "provider_claims",
  {
    id: text("id").primaryKey(), // clm_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** `domain`: the claimant's verified address shares the profile's contact domain; `steward`: a steward decides. */
    method: text("method").$type<"domain" | "steward">().notNull(),
    status: text("status").$type<"pending" | "approved" | "rejected">().notNull().default("pending"),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    reason: text("reason"),
    ...timestamps,
  },
  (t) => [index("provider_claims_status_idx").on(t.status, t.createdAt), index("provider_claims_provider_idx").on(t.providerId)],
);

/** What a provider submitted and a steward must approve before it is public: a new profile, a new
 * offer, or a material change to either. `payload` is the complete proposed input. */
export const pendingChanges = sqliteTable(
  "pending_changes",
  {
    id: text("id").primaryKey(), // chg_…
    subjectType: text("subject_type").$type<"provider" | "offer">().notNull(),
    subjectId: text("subject_id").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"create" | "update">().notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<"pending" | "approved" | "rejected" | "superseded">().notNull().default("pending"),
    submittedBy: text("submitted_by"),
    submittedByKey: text("submitted_by_key"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    reason: text("reason"),
    ...timestamps,
  },
  (t) => [index("pending_changes_status_idx").on(t.status, t.createdAt), index("pending_changes_subject_idx").on(t.subjectType, t.subjectId)],
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
    source: text("source").$type<"import" | "provider" | "steward">().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.offerId, t.version] })],
);

export type OrganisationRow = typeof organisations.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type ProviderClaimRow = typeof providerClaims.$inferSelect;
export type PendingChangeRow = typeof pendingChanges.$inferSelect;
export type OfferVersionRow = typeof offerVersions.$inferSelect;

// ── Saved needs and shortlists (issue 4) ─────────────────────────────────────────────────────────
/** A member organisation's needs, saved from the results page so they can be opened again. */
export const savedNeeds = sqliteTable(
  "saved_needs",
  {
    id: text("id").primaryKey(), // ned_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The wizard's flat GET query as submitted (without `lang`): "open again" is /match/results?{query}. */
    query: text("query").notNull(),
    /** The validated MatchRequest the query stood for when it was saved. */
    request: text("request", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("saved_needs_org_idx").on(t.orgId, t.createdAt)],
);

/** One offer of a shortlisted bundle, as the member saw it; `offer_version` links to offer_versions. */
export interface ShortlistOffer {
  offer_id: string;
  provider_id: string;
  offer_name: string;
  provider_name: string;
  /** Indexes into the request's needs. */
  needs: number[];
  monthly_cents: number;
  /** The offer's `offers.version` when shortlisted (0: no recorded version). */
  offer_version: number;
}

/** A bundle a member organisation kept for later, with the prices computed by the server then. */
export const shortlistItems = sqliteTable(
  "shortlist_items",
  {
    id: text("id").primaryKey(), // sht_…
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The saved needs with the same query, when there were some. */
    savedNeedsId: text("saved_needs_id").references(() => savedNeeds.id, { onDelete: "set null" }),
    items: text("items", { mode: "json" }).$type<ShortlistOffer[]>().notNull(),
    monthlyCents: integer("monthly_cents").notNull(),
    yearlyCents: integer("yearly_cents").notNull(),
    providers: integer("providers").notNull(),
    score: real("score").notNull(),
    query: text("query").notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("shortlist_items_org_idx").on(t.orgId, t.createdAt)],
);

export type SavedNeedsRow = typeof savedNeeds.$inferSelect;
export type ShortlistItemRow = typeof shortlistItems.$inferSelect;

// ── Operations (issue 16): cron job runs, backups, health incidents ──────────────────────────────
// (to move into src/db/schema/ops.ts with the schema split)
/** Every run of a cron job (src/ops/jobs.ts), so /admin/health can say when each last ran and how. */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: text("id").primaryKey(), // job_…
    /** The job's name in src/ops/jobs.ts, e.g. `sweep`, `backup`, `health`. */
    job: text("job").notNull(),
    /** The cron expression that started it (wrangler.toml [triggers]). */
    cron: text("cron").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    status: text("status").$type<"running" | "ok" | "failed">().notNull(),
    /** What the job reports (counts, keys), or the error message. */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
  },
  (t) => [index("job_runs_job_started_idx").on(t.job, t.startedAt)],
);

/** Each nightly export written to the BACKUPS bucket (src/ops/backup/). */
export const backups = sqliteTable(
  "backups",
  {
    id: text("id").primaryKey(), // bak_…
    /** The R2 object key, e.g. `d1/2026-11-28T02-30-00Z.jsonl.gz`. */
    key: text("key").notNull(),
    status: text("status").$type<"ok" | "failed">().notNull(),
    tables: integer("tables").notNull().default(0),
    rows: integer("rows").notNull().default(0),
    /** Gzipped size in bytes. */
    bytes: integer("bytes").notNull().default(0),
    error: text("error"),
    /** Keys the retention rule deleted after this backup (30 daily + 12 monthly). */
    pruned: integer("pruned").notNull().default(0),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("backups_created_idx").on(t.createdAt)],
);

/** A health check crossing its threshold: opened once, closed when the figure is back (stewards get one mail per incident). */
export const incidents = sqliteTable(
  "incidents",
  {
    id: text("id").primaryKey(), // inc_…
    /** The check's id in src/ops/health/checks.ts, e.g. `outbox.mail.failed`. */
    check: text("check").notNull(),
    openedAt: text("opened_at").notNull(),
    closedAt: text("closed_at"),
    /** The figure and threshold when it was opened, and the worst figure seen since. */
    value: real("value").notNull(),
    threshold: real("threshold").notNull(),
    worst: real("worst").notNull(),
  },
  (t) => [index("incidents_check_open_idx").on(t.check, t.closedAt), index("incidents_opened_idx").on(t.openedAt)],
);

export type JobRunRow = typeof jobRuns.$inferSelect;
export type BackupRow = typeof backups.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;
