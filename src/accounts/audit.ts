// The audit log of privileged actions: who (person, key, or the system and why), what, on what,
// when, from where. `auditInsert` returns the insert for the caller's D1 batch, so the record and
// the change land together. It reads a ServiceContext, so cron jobs and event handlers audit too.
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import { newId } from "../lib/ids";

export interface AuditEntry {
  /** e.g. `role.grant`, `offer.approve`, `key.create`, `catalog.import`. */
  action: string;
  subjectType: string;
  subjectId: string;
  orgId?: string | null;
  detail?: Record<string, unknown>;
}

export function auditInsert(ctx: ServiceContext, entry: AuditEntry, db: Db = ctx.db) {
  return db.insert(auditLog).values(auditValues(ctx, entry));
}

/** The row for an entry: the actor, address and request come from the context. */
export function auditValues(ctx: ServiceContext, entry: AuditEntry) {
  const who = ctx.actor;
  return {
    id: newId("aud"),
    at: ctx.now().toISOString(),
    actorUserId: who.kind === "user" || who.kind === "key" ? who.userId : null,
    actorKeyId: who.kind === "key" ? who.keyId : null,
    actorSystem: who.kind === "system" ? who.reason : null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    orgId: entry.orgId ?? null,
    detail: entry.detail ?? {},
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
    requestId: ctx.requestId ?? null,
  };
}
