// The health checks: a registry of functions that each read a few figures from D1. Later features
// (webhook endpoints failing, invoices overdue…) add an entry here with their own figures; the page,
// the API and the incident mails pick it up. Each check is one or two indexed queries.
import type { Bindings } from "../../env";
import { today } from "../../lib/days";
import { SCHEDULE } from "../schedule";
import type { Figure } from "./figures";

export interface CheckContext {
  env: Pick<Bindings, "DB" | "D1_LIMIT_MB">;
  now: Date;
}

export interface HealthCheck {
  id: string;
  collect: (ctx: CheckContext) => Promise<Figure[]>;
}

/** Channels always shown, even before their first message (others appear once they have rows). */
export const OUTBOX_CHANNELS = ["mail"];
export const OUTBOX_BACKLOG_MAX = 100;
/** The sweep re-queues a row after 10 minutes; one still pending an hour after it was written is stuck. */
export const OUTBOX_STUCK_MINUTES = 60;
export const BACKUP_MAX_AGE_HOURS = 26;
export const D1_USE_MAX_PERCENT = 80;
/** The Workers Free plan's D1 database size; a paid account sets D1_LIMIT_MB (10 GB there). */
export const D1_DEFAULT_LIMIT_MB = 500;

const minutesSince = (iso: string | null, now: Date) => (iso ? Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000)) : null);

const jobs: HealthCheck = {
  id: "jobs",
  async collect({ env, now }) {
    const { results } = await env.DB.prepare(
      `select r.job, r.status, r.started_at, r.error,
              (select max(o.started_at) from job_runs o where o.job = r.job and o.status = 'ok') as last_ok
         from job_runs r
        where r.started_at = (select max(i.started_at) from job_runs i where i.job = r.job)`,
    ).all<{ job: string; status: "ok" | "failed" | "running"; started_at: string; error: string | null; last_ok: string | null }>();
    const last = new Map(results.map((r) => [r.job, r]));
    return SCHEDULE.map((job) => {
      const run = last.get(job.name);
      return {
        id: `jobs.${job.name}.age`,
        label: "ops.figure.job_age",
        params: { job: job.name, cron: job.cron },
        // Never succeeded but ran: count from its first failure, so a job that always fails is flagged.
        value: run ? minutesSince(run.last_ok ?? run.started_at, now) : null,
        unit: "minutes",
        threshold: job.maxAgeMinutes,
        note: run ? { status: run.status, at: run.started_at, error: run.error } : undefined,
      } satisfies Figure;
    });
  },
};

const outbox: HealthCheck = {
  id: "outbox",
  async collect({ env, now }) {
    const stuckBefore = new Date(now.getTime() - OUTBOX_STUCK_MINUTES * 60_000).toISOString();
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    const { results } = await env.DB.prepare(
      `select channel,
              sum(status = 'pending') as backlog,
              sum(status = 'pending' and created_at < ?1) as stuck,
              sum(status = 'failed' and updated_at > ?2) as failed_day
         from outbox where status in ('pending', 'failed') group by channel order by channel`,
    )
      .bind(stuckBefore, dayAgo)
      .all<{ channel: string; backlog: number; stuck: number; failed_day: number }>();
    const rows = new Map(results.map((r) => [r.channel, r]));
    const channels = [...new Set([...OUTBOX_CHANNELS, ...rows.keys()])];
    return channels.flatMap((channel): Figure[] => {
      const r = rows.get(channel);
      const params = { channel };
      return [
        { id: `outbox.${channel}.backlog`, label: "ops.figure.outbox_backlog", params, value: r?.backlog ?? 0, unit: "count", threshold: OUTBOX_BACKLOG_MAX },
        { id: `outbox.${channel}.stuck`, label: "ops.figure.outbox_stuck", params: { ...params, minutes: String(OUTBOX_STUCK_MINUTES) }, value: r?.stuck ?? 0, unit: "count", threshold: 0 },
        { id: `outbox.${channel}.failed`, label: "ops.figure.outbox_failed", params, value: r?.failed_day ?? 0, unit: "count", threshold: 0 },
      ];
    });
  },
};

const backups: HealthCheck = {
  id: "backups",
  async collect({ env, now }) {
    const row = await env.DB.prepare("select max(created_at) as at from backups where status = 'ok'").first<{ at: string | null }>();
    const minutes = minutesSince(row?.at ?? null, now);
    return [{ id: "backups.age", label: "ops.figure.backup_age", value: minutes === null ? null : Math.round(minutes / 6) / 10, unit: "hours", threshold: BACKUP_MAX_AGE_HOURS }];
  },
};

const d1: HealthCheck = {
  id: "d1",
  async collect({ env }) {
    // D1 reports the database's size after every statement; a trivial one is enough.
    const res = await env.DB.prepare("select 1").run();
    const bytes = (res.meta as { size_after?: number }).size_after ?? null;
    const limitMb = Number(env.D1_LIMIT_MB) > 0 ? Number(env.D1_LIMIT_MB) : D1_DEFAULT_LIMIT_MB;
    const percent = bytes === null ? null : Math.round((bytes / (limitMb * 1_048_576)) * 1000) / 10;
    return [{ id: "d1.size", label: "ops.figure.d1_size", params: { mb: ((bytes ?? 0) / 1_048_576).toFixed(1), limit: String(limitMb) }, value: percent, unit: "percent", threshold: D1_USE_MAX_PERCENT }];
  },
};

/** Endpoints Chatière disabled on its own (failing 5 days, 410, unsafe address) in the last day: each one is a member or provider cut off. */
export const WEBHOOK_DISABLED_MAX = 0;
/** Enabled endpoints failing right now (retries under way); a few are the receivers' business, more point at us. */
export const WEBHOOK_FAILING_MAX = 5;

// Messages that failed for good are already `outbox.webhook.failed`; these read the endpoints (a small table).
const webhooks: HealthCheck = {
  id: "webhooks",
  async collect({ env, now }) {
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    const endpoints = await env.DB.prepare(
      `select sum(status = 'disabled' and disabled_reason <> 'manual' and disabled_at > ?1) as disabled_day,
              sum(status = 'enabled' and failing_since is not null) as failing
         from webhook_endpoints`,
    )
      .bind(dayAgo)
      .first<{ disabled_day: number | null; failing: number | null }>();
    return [
      { id: "webhooks.disabled", label: "ops.figure.webhooks_disabled", value: endpoints?.disabled_day ?? 0, unit: "count", threshold: WEBHOOK_DISABLED_MAX },
      { id: "webhooks.failing", label: "ops.figure.webhooks_failing", value: endpoints?.failing ?? 0, unit: "count", threshold: WEBHOOK_FAILING_MAX },
    ];
  },
};

/** Past the formal notice (due + 35 days by default) an invoice is the cooperative's problem, not a late payer's. */
export const INVOICE_OVERDUE_DAYS = 35;
/** More than this many invoices that late, or this much money in them, and stewards hear of it. */
export const INVOICES_OVERDUE_MAX = 5;
export const INVOICES_OVERDUE_MAX_CENTS = 100_000;

// The billing documents' status index: open and partially paid invoices, by due date.
const invoices: HealthCheck = {
  id: "invoices",
  async collect({ env, now }) {
    const before = new Date(Date.parse(`${today(now)}T00:00:00Z`) - INVOICE_OVERDUE_DAYS * 86_400_000).toISOString().slice(0, 10);
    const row = await env.DB.prepare(
      `select count(*) as n, coalesce(sum(max(0, total_cents - credited_cents - paid_cents)), 0) as due
         from billing_documents
        where type = 'invoice' and status in ('open', 'partially_paid') and due_date < ?1`,
    )
      .bind(before)
      .first<{ n: number; due: number }>();
    const params = { days: String(INVOICE_OVERDUE_DAYS) };
    return [
      { id: "invoices.overdue", label: "ops.figure.invoices_overdue", params, value: row?.n ?? 0, unit: "count", threshold: INVOICES_OVERDUE_MAX },
      { id: "invoices.overdue_amount", label: "ops.figure.invoices_overdue_amount", params, value: row?.due ?? 0, unit: "cents", threshold: INVOICES_OVERDUE_MAX_CENTS },
    ];
  },
};

export const CHECKS: HealthCheck[] = [jobs, outbox, backups, d1, webhooks, invoices];

export async function collectFigures(ctx: CheckContext, checks: HealthCheck[] = CHECKS): Promise<Figure[]> {
  return (await Promise.all(checks.map((c) => c.collect(ctx)))).flat();
}
