// Organisations (members, providers, the cooperative), who belongs to them, invitations to join,
// and the platform roles above any organisation.
import { index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { INVITATION_STATUSES, ORG_KINDS, ORG_ROLES, PLATFORM_ROLES } from "../../accounts/roles";
import { LANGS } from "../../lib/lang";
import { users } from "./auth";
import { providers } from "./catalog";
import { timestamps } from "./columns";

/** A member association, a provider, or the cooperative; people belong through memberships. */
export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(), // org_…
    kind: text("kind", { enum: ORG_KINDS }).notNull(),
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
    /** The organisation's language for mail and documents. */
    language: text("language", { enum: LANGS }).notNull().default("fr"),
    /** Provider organisations: the catalogue profile they manage (created or claimed). */
    providerId: text("provider_id").references(() => providers.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Member organisations created by the transition's inventory import: the old host's reference. */
    externalRef: text("external_ref"),
    /** When an owner or admin confirmed the organisation's inventory (src/transition), and who. */
    inventoryConfirmedAt: text("inventory_confirmed_at"),
    /** A user id; no foreign key, since SQLite cannot add one with ON DELETE to an existing table. */
    inventoryConfirmedBy: text("inventory_confirmed_by"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organisations_provider_uq").on(t.providerId),
    uniqueIndex("organisations_external_ref_uq").on(t.externalRef),
    index("organisations_kind_idx").on(t.kind, t.name),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ORG_ROLES }).notNull(),
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
    role: text("role", { enum: ORG_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("pending"),
    expiresAt: text("expires_at").notNull(),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: text("accepted_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("invitations_token_uq").on(t.tokenHash), index("invitations_org_idx").on(t.orgId, t.status)],
);

/** Powers above any organisation, granted by a steward (the first one by `npm run steward`). */
export const platformRoles = sqliteTable(
  "platform_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: PLATFORM_ROLES }).notNull(),
    /** A user id, or `cli` for the first-steward command. */
    grantedBy: text("granted_by").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export type OrganisationRow = typeof organisations.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
