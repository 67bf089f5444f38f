// Operations (src/ops): cron job runs, backups, health incidents.
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Every run of a cron job (src/ops/jobs.ts), so /admin/health can say when each last ran and how. */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: text("id").primaryKey(), // job_…
    /** The job's name in src/ops/jobs.ts, e.g. `sweep`, `backup`, `health`. */
    job: text("job").notNull(),
    /** The cron expression that started it (wrangler.toml [triggers]). */
    cron: text("cron").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    status: text("status", { enum: ["running", "ok", "failed"] }).notNull(),
    /** What the job reports (counts, keys), or the error message. */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
  },
  (t) => [index("job_runs_job_started_idx").on(t.job, t.startedAt)],
);

/** Each nightly export written to the BACKUPS bucket (src/ops/backup/). */
export const backups = sqliteTable(
  "backups",
  {
    id: text("id").primaryKey(), // bak_…
    /** The R2 object key, e.g. `d1/2026-11-28T02-30-00Z.jsonl.gz`. */
    key: text("key").notNull(),
    status: text("status", { enum: ["ok", "failed"] }).notNull(),
    tables: integer("tables").notNull().default(0),
    rows: integer("rows").notNull().default(0),
    /** Gzipped size in bytes. */
    bytes: integer("bytes").notNull().default(0),
    error: text("error"),
    /** Keys the retention rule deleted after this backup (30 daily + 12 monthly). */
    pruned: integer("pruned").notNull().default(0),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("backups_created_idx").on(t.createdAt)],
);

/** A health check crossing its threshold: opened once, closed when the figure is back (stewards get one mail per incident). */
export const incidents = sqliteTable(
  "incidents",
  {
    id: text("id").primaryKey(), // inc_…
    /** The check's id in src/ops/health/checks.ts, e.g. `outbox.mail.failed`. */
    check: text("check").notNull(),
    openedAt: text("opened_at").notNull(),
    closedAt: text("closed_at"),
    /** The figure and threshold when it was opened, and the worst figure seen since. */
    value: real("value").notNull(),
    threshold: real("threshold").notNull(),
    worst: real("worst").notNull(),
  },
  (t) => [index("incidents_check_open_idx").on(t.check, t.closedAt), index("incidents_opened_idx").on(t.openedAt)],
);

export type JobRunRow = typeof jobRuns.$inferSelect;
export type BackupRow = typeof backups.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;
