// The organisation's audit trail in the member export: who did what to it. Other people's IP
// addresses and browsers stay out, and so does anything in a detail that looks like a secret.
import { asc, eq } from "drizzle-orm";
import { auditLog } from "../db/schema";
import { snakeRow, type ExportPart, type Json } from "../lib/export";

const SECRET_KEY = /hash|token|secret|public_?key|credential/i;
/** Audit details are free-form: drop anything that looks like a secret, whoever wrote it. */
function scrub(detail: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(detail).filter(([k]) => !SECRET_KEY.test(k)));
}

export const auditExport: ExportPart = {
  feature: "accounts/audit",
  kinds: ["member", "provider", "cooperative"],
  async build(db, org) {
    const audit = await db
      .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId, actorUserId: auditLog.actorUserId, actorKeyId: auditLog.actorKeyId, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.orgId, org.id))
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    return { audit: audit.map((a) => ({ ...snakeRow(a, ["detail"]), detail: scrub(a.detail) })) };
  },
};
