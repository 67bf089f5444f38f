// The cooperative's pledges (issue 14, item 1): interest gathered before it exists, confirmed by a
// mail link before it counts; the viability settings (targets and the break-even model) in one row;
// and the invitations sent to pledgers when it opens, one per pledge (the primary key makes a second
// opening's batch fail whole rather than mail anyone twice).
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { PLEDGE_STATUSES, type PledgeRole, type PledgedService } from "../../coop/pledges/model";
import type { ViabilitySettings } from "../../coop/pledges/viability";
import { LANGS } from "../../lib/lang";
import { timestamps } from "./columns";

export const pledges = sqliteTable(
  "pledges",
  {
    id: text("id").primaryKey(), // plg_…
    /** Normalised (src/accounts/email.ts): one standing pledge per address. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    organisation: text("organisation"),
    roles: text("roles", { mode: "json" }).$type<PledgeRole[]>().notNull(),
    services: text("services", { mode: "json" }).$type<PledgedService[]>().notNull(),
    monthlyCents: integer("monthly_cents").notNull().default(0),
    capitalCents: integer("capital_cents").notNull().default(0),
    skills: text("skills"),
    language: text("language", { enum: LANGS }).notNull(),
    status: text("status", { enum: PLEDGE_STATUSES }).notNull().default("pending"),
    /** SHA-256 of the mailed link's secret; the link works once, until `token_expires_at`. */
    tokenHash: text("token_hash").notNull(),
    tokenExpiresAt: text("token_expires_at").notNull(),
    confirmedAt: text("confirmed_at"),
    replacedAt: text("replaced_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("pledges_token_uq").on(t.tokenHash),
    uniqueIndex("pledges_confirmed_email_uq").on(t.email).where(sql`${t.status} = 'confirmed'`),
    index("pledges_email_idx").on(t.email, t.status),
    index("pledges_confirmed_idx").on(t.confirmedAt),
    check("pledges_amounts", sql`${t.monthlyCents} >= 0 and ${t.capitalCents} >= 0`),
    check("pledges_confirmed_has_date", sql`${t.status} = 'pending' or ${t.confirmedAt} is not null or ${t.status} = 'replaced'`),
  ],
);

export type PledgeRow = typeof pledges.$inferSelect;

/** One row (id 'coop'): targets and the break-even model; each change is in the audit log. */
export const pledgeSettings = sqliteTable(
  "pledge_settings",
  {
    id: text("id").primaryKey().default("coop"),
    fixedMonthlyCents: integer("fixed_monthly_cents").notNull().default(0),
    costPerUnitCents: text("cost_per_unit_cents", { mode: "json" }).$type<ViabilitySettings["costPerUnitCents"]>().notNull(),
    targetCapitalCents: integer("target_capital_cents").notNull().default(0),
    opensOn: text("opens_on"),
    openedAt: text("opened_at"),
    openedBy: text("opened_by"),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [check("pledge_settings_one_row", sql`${t.id} = 'coop'`)],
);

/** A pledger invited to join when the cooperative opened: at most once per pledge. */
export const pledgeInvitations = sqliteTable(
  "pledge_invitations",
  {
    pledgeId: text("pledge_id")
      .primaryKey()
      .references(() => pledges.id, { onDelete: "cascade" }),
    outboxId: text("outbox_id").notNull(),
    invitedAt: text("invited_at").notNull(),
    /** SHA-256 of the secret in the invitation's /coop/join link (prefills the way in from the pledge); null for invitations sent before it existed. */
    tokenHash: text("token_hash"),
  },
  (t) => [uniqueIndex("pledge_invitations_token_hash").on(t.tokenHash)],
);
