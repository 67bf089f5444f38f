// The cron jobs: which job runs on which cron expression (wrangler.toml [triggers] lists the same
// expressions), and a record of each run in `job_runs` so /admin/health can show when each job last
// ran and how it ended. The scheduled handler calls runScheduled(controller.cron, …).
import type { Bindings } from "../env";
import { systemContext } from "../lib/context";
import { newId } from "../lib/ids";
import { sweep } from "../maintenance/sweep";
import { runDunning } from "../coop/payments/remind";
import { runOffSessionCharges } from "../coop/payments/offsession";
import { runBackup } from "./backup/export";
import { runHealth } from "./health/incidents";
import { runSubscriptionBilling } from "../coop/subscriptions/run";
import { SCHEDULE, type ScheduledJob } from "./schedule";
import { runReminders } from "../transition/control/reminders-job";
import { runDnsChecks } from "../transition/control/dns-job";

export type Runner = (env: Bindings, now: Date, waitUntil: (p: Promise<unknown>) => void) => Promise<unknown>;
export interface Job extends ScheduledJob {
  run: Runner;
}

const RUNNERS: Record<ScheduledJob["name"], Runner> = {
  sweep: (env, now, waitUntil) => sweep(systemContext(env, "cron", { now: () => now, defer: waitUntil })),
  backup: (env, now) => runBackup(env, now),
  health: (env, now, waitUntil) => runHealth(env, now, waitUntil),
  subscriptions: (env, now, waitUntil) => runSubscriptionBilling(systemContext(env, "cron", { now: () => now, defer: waitUntil })),
  offsession: (env, now, waitUntil) => runOffSessionCharges(systemContext(env, "cron", { now: () => now, defer: waitUntil })),
  dunning: (env, now, waitUntil) => runDunning(systemContext(env, "cron", { now: () => now, defer: waitUntil })),
  reminders: (env, now, waitUntil) => runReminders(systemContext(env, "cron", { now: () => now, defer: waitUntil })),
  dns: (env, now, waitUntil) => runDnsChecks(systemContext(env, "cron", { now: () => now, defer: waitUntil })),
};

export const JOBS: Job[] = SCHEDULE.map((job) => ({ ...job, run: RUNNERS[job.name] }));

export interface JobOutcome {
  job: string;
  status: "ok" | "failed";
  error?: string;
}

/** Runs every job of `cron` one after the other (in SCHEDULE's order), recording each. */
export async function runScheduled(cron: string, env: Bindings, now: Date, waitUntil: (p: Promise<unknown>) => void, jobs: Job[] = JOBS): Promise<JobOutcome[]> {
  const due = jobs.filter((j) => j.cron === cron);
  if (!due.length) console.error(JSON.stringify({ level: "error", msg: "no job for this cron", cron }));
  const outcomes: JobOutcome[] = [];
  for (const job of due) outcomes.push(await runJob(job, env, now, waitUntil));
  return outcomes;
}

export async function runJob(job: Job, env: Bindings, now: Date, waitUntil: (p: Promise<unknown>) => void): Promise<JobOutcome> {
  const id = newId("job");
  await env.DB.prepare("insert into job_runs (id, job, cron, started_at, status) values (?, ?, ?, ?, 'running')").bind(id, job.name, job.cron, new Date().toISOString()).run();
  try {
    const result = await job.run(env, now, waitUntil);
    await env.DB.prepare("update job_runs set status = 'ok', finished_at = ?, detail = ? where id = ?").bind(new Date().toISOString(), JSON.stringify(summary(result)), id).run();
    return { job: job.name, status: "ok" };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.error(JSON.stringify({ level: "error", msg: "job failed", job: job.name, error }));
    await env.DB.prepare("update job_runs set status = 'failed', finished_at = ?, error = ? where id = ?").bind(new Date().toISOString(), error.slice(0, 1000), id).run();
    return { job: job.name, status: "failed", error };
  }
}

/** What a job returned, kept small: numbers and short strings, arrays as their length. */
function summary(result: unknown): Record<string, unknown> {
  if (!result || typeof result !== "object") return {};
  return Object.fromEntries(
    Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? v.length : typeof v === "string" ? v.slice(0, 200) : typeof v === "number" || typeof v === "boolean" ? v : null]),
  );
}
