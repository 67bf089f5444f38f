// The audit log: privileged actions, append-only.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { nowIso } from "./columns";

/** Privileged actions: who (person and/or key), what, on what, when, from where. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(), // aud_…
    at: text("at").notNull().default(nowIso),
    actorUserId: text("actor_user_id"),
    actorKeyId: text("actor_key_id"),
    /** e.g. `role.grant`, `offer.approve`, `key.create`. */
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    orgId: text("org_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    /** Set when no person or key acted: why the system did (`cron`, `queue`, `stripe`, `provider-webhook`, `import`). */
    actorSystem: text("actor_system"),
  },
  (t) => [index("audit_log_at_idx").on(t.at, t.id), index("audit_log_subject_idx").on(t.subjectType, t.subjectId), index("audit_log_actor_idx").on(t.actorUserId)],
);

export type AuditRow = typeof auditLog.$inferSelect;
