// An audit record written only when a condition holds at that point of a D1 batch, for changes
// that are themselves guarded (revoking a role unless it is the last steward's). Same columns and
// actor as src/accounts/audit.ts `auditInsert`, as INSERT … SELECT … FROM users WHERE.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { auditValues, type AuditEntry } from "./audit";
import { auditLog, users } from "../db/schema";
import type { ServiceContext } from "../lib/context";

/** The row is written when `userId` exists and `condition` holds. */
export function auditWhere(ctx: ServiceContext, entry: AuditEntry, userId: string, condition: SQL) {
  const values = auditValues(ctx, entry);
  const value = <T,>(v: T) => sql<T>`${v}`;
  return ctx.db.insert(auditLog).select(
    ctx.db
      .select({
        id: value(values.id).as("id"),
        at: value(values.at).as("at"),
        actorUserId: value(values.actorUserId).as("actor_user_id"),
        actorKeyId: value(values.actorKeyId).as("actor_key_id"),
        action: value(values.action).as("action"),
        subjectType: value(values.subjectType).as("subject_type"),
        subjectId: value(values.subjectId).as("subject_id"),
        orgId: value(values.orgId).as("org_id"),
        detail: value(JSON.stringify(values.detail)).as("detail"),
        ip: value(values.ip).as("ip"),
        userAgent: value(values.userAgent).as("user_agent"),
        requestId: value(values.requestId).as("request_id"),
        actorSystem: value(values.actorSystem).as("actor_system"),
      })
      .from(users)
      .where(and(eq(users.id, userId), condition)),
  );
}
