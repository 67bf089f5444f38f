// The control room's part of the member export: the DNS checks of the organisation's items (a
// provider: of the items assigned to it) and the reminders sent about a member organisation.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { dnsChecks, migrationItems, remindersSent } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const controlExport: ExportPart = {
  feature: "transition/control",
  kinds: ["member", "provider"],
  async build(db, org) {
    // Subqueries, not id lists: D1 binds at most 100 parameters per statement.
    const items =
      org.kind === "provider"
        ? db.select({ id: migrationItems.id }).from(migrationItems).where(and(eq(migrationItems.providerId, org.providerId ?? ""), ne(migrationItems.state, "planned")))
        : db.select({ id: migrationItems.id }).from(migrationItems).where(eq(migrationItems.orgId, org.id));
    const checks = await db.select().from(dnsChecks).where(inArray(dnsChecks.itemId, items)).orderBy(asc(dnsChecks.checkedAt), asc(dnsChecks.id));
    const reminders = org.kind === "member" ? await db.select().from(remindersSent).where(and(eq(remindersSent.kind, "no_plan"), eq(remindersSent.subject, org.id))).orderBy(asc(remindersSent.sentAt)) : [];
    return { dns_checks: checks.map((c) => snakeRow(c)), ...(org.kind === "member" ? { reminders_sent: reminders.map((r) => snakeRow(r)) } : {}) };
  },
};
