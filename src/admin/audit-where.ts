// An audit record written only when a condition holds at that point of a D1 batch, for changes
// that are themselves guarded (revoking a role unless it is the last steward's). Same columns and
// actor as src/accounts/audit.ts `auditInsert`, as INSERT … SELECT … FROM users WHERE.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Context } from "hono";
import type { AuditEntry } from "../accounts/audit";
import { auditLog, users } from "../db/schema";
import type { AppEnv } from "../env";
import { newId } from "../lib/ids";

/** The row is written when `userId` exists and `condition` holds. */
export function auditWhere(c: Context<AppEnv>, entry: AuditEntry, userId: string, condition: SQL) {
  const who = c.get("principal");
  const value = <T,>(v: T) => sql<T>`${v}`;
  return c.var.db.insert(auditLog).select(
    c.var.db
      .select({
        id: value(newId("aud")).as("id"),
        at: value(new Date().toISOString()).as("at"),
        actorUserId: value(who && who.kind !== "anonymous" ? who.userId : null).as("actor_user_id"),
        actorKeyId: value(who?.kind === "key" ? who.keyId : null).as("actor_key_id"),
        action: value(entry.action).as("action"),
        subjectType: value(entry.subjectType).as("subject_type"),
        subjectId: value(entry.subjectId).as("subject_id"),
        orgId: value(entry.orgId ?? null).as("org_id"),
        detail: value(JSON.stringify(entry.detail ?? {})).as("detail"),
        ip: value(c.req.header("cf-connecting-ip") ?? null).as("ip"),
        userAgent: value(c.req.header("user-agent")?.slice(0, 400) ?? null).as("user_agent"),
        requestId: value(c.get("requestId") ?? null).as("request_id"),
      })
      .from(users)
      .where(and(eq(users.id, userId), condition)),
  );
}
