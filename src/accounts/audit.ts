// The audit log of privileged actions: who (person, key), what, on what, when, from where.
// `auditInsert` returns the insert for the caller's D1 batch, so the record and the change land together.
import type { Context } from "hono";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { AppEnv } from "../env";
import { newId } from "../lib/ids";

export interface AuditEntry {
  /** e.g. `role.grant`, `offer.approve`, `key.create`, `catalog.import`. */
  action: string;
  subjectType: string;
  subjectId: string;
  orgId?: string | null;
  detail?: Record<string, unknown>;
}

export function auditInsert(c: Context<AppEnv>, entry: AuditEntry, db: Db = c.var.db) {
  return db.insert(auditLog).values(auditValues(c, entry));
}

/** The row for an entry: the actor, address and request come from the request's context. */
export function auditValues(c: Context<AppEnv>, entry: AuditEntry) {
  const who = c.get("principal");
  return {
    id: newId("aud"),
    at: new Date().toISOString(),
    actorUserId: who && who.kind !== "anonymous" ? who.userId : null,
    actorKeyId: who?.kind === "key" ? who.keyId : null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    orgId: entry.orgId ?? null,
    detail: entry.detail ?? {},
    ip: c.req.header("cf-connecting-ip") ?? null,
    userAgent: c.req.header("user-agent")?.slice(0, 400) ?? null,
    requestId: c.get("requestId") ?? null,
  };
}
