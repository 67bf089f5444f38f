// Reading the audit log: newest first, combinable filters, keyset pagination on (at, id) — the
// order of audit_log_at_idx — with the actor's email and key start joined in.
import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, auditLog, users } from "../db/schema";
import { keysetAfter, keysetOrder, keysetPage } from "../db/keyset";
import type { AuditFilters } from "./audit.filters";
import { dayEnd, dayStart } from "../lib/days";

export interface AuditItem {
  id: string;
  at: string;
  action: string;
  subject_type: string;
  subject_id: string;
  org_id: string | null;
  detail: Record<string, unknown>;
  actor: { user_id: string | null; email: string | null; key_id: string | null; key_start: string | null; system: string | null };
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

export async function listAudit(db: Db, f: AuditFilters): Promise<{ items: AuditItem[]; next_cursor: string | null }> {
  const where: (SQL | undefined)[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actor) where.push(eq(users.email, f.actor));
  if (f.subject) where.push(eq(auditLog.subjectId, f.subject));
  if (f.org) where.push(eq(auditLog.orgId, f.org));
  if (f.from) where.push(gte(auditLog.at, dayStart(f.from)));
  if (f.to) where.push(lt(auditLog.at, dayEnd(f.to)));
  where.push(keysetAfter(f.cursor, auditLog.at, auditLog.id));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      orgId: auditLog.orgId,
      detail: auditLog.detail,
      actorUserId: auditLog.actorUserId,
      actorKeyId: auditLog.actorKeyId,
      actorSystem: auditLog.actorSystem,
      email: users.email,
      keyStart: apiKeys.start,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiKeys, eq(apiKeys.id, auditLog.actorKeyId))
    .where(and(...where))
    .orderBy(...keysetOrder(auditLog.at, auditLog.id))
    .limit(f.limit + 1);
  const { page, next_cursor } = keysetPage(rows, f.limit, (r) => [r.at, r.id]);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      subject_type: r.subjectType,
      subject_id: r.subjectId,
      org_id: r.orgId,
      detail: r.detail,
      actor: { user_id: r.actorUserId, email: r.email, key_id: r.actorKeyId, key_start: r.keyStart, system: r.actorSystem },
      ip: r.ip,
      user_agent: r.userAgent,
      request_id: r.requestId,
    })),
    next_cursor,
  };
}
