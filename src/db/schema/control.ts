// The transition's control room (issue 15): reminders sent (once per kind, subject and window, so a
// cron that fires twice sends nothing twice), each person's choice about non-essential reminders,
// and the DNS cut-over checks of items in `cutover`.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { DnsFound, DnsMismatch } from "../../transition/control/dns";
import { users } from "./auth";
import { migrationItems } from "./migrations";

export const REMINDER_KINDS = ["no_plan", "stuck", "digest"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const remindersSent = sqliteTable(
  "reminders_sent",
  {
    id: text("id").primaryKey(), // rms_…
    kind: text("kind", { enum: REMINDER_KINDS }).notNull(),
    /** What it is about: an organisation (no_plan), an item (stuck), `stewards` (digest). */
    subject: text("subject").notNull(),
    /** Which occasion: `d120`…`d7` before the deadline, the stuck period's last event, the digest's Monday. */
    window: text("window").notNull(),
    /** How many people it was mailed to (0 when every one of them turned these reminders off). */
    recipients: integer("recipients").notNull().default(0),
    sentAt: text("sent_at").notNull(),
  },
  (t) => [uniqueIndex("reminders_sent_uq").on(t.kind, t.subject, t.window)],
);

/** A person's choice: non-essential reminders off. No row means on. */
export const reminderPreferences = sqliteTable("reminder_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  nonEssentialOff: integer("non_essential_off", { mode: "boolean" }).notNull().default(false),
  updatedAt: text("updated_at").notNull(),
});

/** Every DNS check of an item in cutover: what was found, and what did not match the expected targets. */
export const dnsChecks = sqliteTable(
  "dns_checks",
  {
    id: text("id").primaryKey(), // dnc_…
    itemId: text("item_id")
      .notNull()
      .references(() => migrationItems.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    checkedAt: text("checked_at").notNull(),
    /** Every expected record found (and nothing failed to resolve). */
    matched: integer("matched", { mode: "boolean" }).notNull(),
    found: text("found", { mode: "json" }).$type<DnsFound>().notNull(),
    mismatches: text("mismatches", { mode: "json" }).$type<DnsMismatch[]>().notNull().default([]),
  },
  (t) => [index("dns_checks_item_idx").on(t.itemId, t.checkedAt)],
);

export type ReminderPreferenceRow = typeof reminderPreferences.$inferSelect;
export type DnsCheckRow = typeof dnsChecks.$inferSelect;
