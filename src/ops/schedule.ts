// Which job runs on which cron expression. Kept apart from the runners (jobs.ts) so the health
// checks can list the jobs without importing them. wrangler.toml [triggers] must list every cron
// used here (tests/ops/deploy-plan.test.ts checks it); later features add their jobs here.
export const EVERY_QUARTER_HOUR = "*/15 * * * *";
export const NIGHTLY = "30 2 * * *";
/** Five minutes after each sweep, on a trigger of its own: it sees the sweep's run, and a slow check never delays the sweep. */
export const HEALTH_CHECKS = "5,20,35,50 * * * *";
/** Daily at 07:00 UTC (08:00 or 09:00 in Brussels), never at night: jobs that mail people or bill them. */
export const MORNING = "0 7 * * *";

export interface ScheduledJob {
  name: "sweep" | "health" | "backup" | "subscriptions" | "offsession" | "dunning" | "reminders" | "dns";
  cron: string;
  /** /admin/health flags a job whose last success is older than this. */
  maxAgeMinutes: number;
}

export const SCHEDULE: readonly ScheduledJob[] = [
  { name: "sweep", cron: EVERY_QUARTER_HOUR, maxAgeMinutes: 60 },
  { name: "backup", cron: NIGHTLY, maxAgeMinutes: 26 * 60 },
  { name: "health", cron: HEALTH_CHECKS, maxAgeMinutes: 60 },
  // Bills on each first of the month and catches up a missed day; idempotent per customer and month.
  { name: "subscriptions", cron: MORNING, maxAgeMinutes: 26 * 60 },
  // After the run: the morning's new invoices of organisations with automatic debit on are debited at once; idempotent per invoice.
  { name: "offsession", cron: MORNING, maxAgeMinutes: 26 * 60 },
  { name: "dunning", cron: MORNING, maxAgeMinutes: 26 * 60 },
  { name: "reminders", cron: MORNING, maxAgeMinutes: 26 * 60 },
  // After the sweep on the same trigger: DNS checks of items in cutover (at most one check per item per hour).
  { name: "dns", cron: EVERY_QUARTER_HOUR, maxAgeMinutes: 60 },
];
