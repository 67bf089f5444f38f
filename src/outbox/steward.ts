// What stewards do with the outbox: see the rows that failed (every channel: dead-lettered, refused,
// abandoned, undeliverable) and queue one again. A retry resets the row to pending with a fresh
// attempt count, is audited in the same batch, then goes on its channel's queue.
import { and, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditInsert } from "../accounts/audit";
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import { keysetAfter, keysetOrder, keysetPage } from "../db/keyset";
import { AppError } from "../lib/problem";
import type { ChannelRegistry } from "./channel";
import { CHANNELS } from "./channels";
import { enqueue } from "./write";

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;

export const outboxFiltersSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).default("failed"),
  channel: z.string().trim().regex(/^[a-z][a-z0-9_-]{0,31}$/, "a channel name: lower-case letters, digits, - or _").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type OutboxFilters = z.infer<typeof outboxFiltersSchema>;

export interface OutboxItem {
  id: string;
  channel: string;
  kind: string;
  recipient: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Most recently touched first, keyset-paginated on (updated_at, id). Bodies are not listed: they may hold sign-in links. */
export async function listOutbox(db: Db, f: OutboxFilters): Promise<{ items: OutboxItem[]; next_cursor: string | null }> {
  const where: (SQL | undefined)[] = [eq(outbox.status, f.status)];
  if (f.channel) where.push(eq(outbox.channel, f.channel));
  where.push(keysetAfter(f.cursor, outbox.updatedAt, outbox.id));
  const rows = await db
    .select()
    .from(outbox)
    .where(and(...where))
    .orderBy(...keysetOrder(outbox.updatedAt, outbox.id))
    .limit(f.limit + 1);
  const { page, next_cursor } = keysetPage(rows, f.limit, (r) => [r.updatedAt, r.id]);
  return {
    items: page.map((r) => ({
      id: r.id,
      channel: r.channel,
      kind: r.kind,
      recipient: r.recipient,
      status: r.status,
      attempts: r.attempts,
      last_error: r.lastError,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      sent_at: r.sentAt,
    })),
    next_cursor,
  };
}

export type RetryOutcome = { ok: true; channel: string } | { ok: false; reason: "missing" | "not_failed" | "no_channel"; channel?: string };

/** Queues a failed row again. Only failed rows: a pending one is on its way, a sent one must not go twice. */
export async function retryOutbox(ctx: ServiceContext, id: string, channels: ChannelRegistry = CHANNELS): Promise<RetryOutcome> {
  const { db } = ctx;
  const row = await db.query.outbox.findFirst({ where: eq(outbox.id, id) });
  if (!row) return { ok: false, reason: "missing" };
  if (row.status !== "failed") return { ok: false, reason: "not_failed", channel: row.channel };
  // A row no handler can deliver would only fail again: say so instead of pretending.
  if (!channels[row.channel]) return { ok: false, reason: "no_channel", channel: row.channel };
  const at = ctx.now().toISOString();
  const [reset] = await db.batch([
    db
      .update(outbox)
      .set({ status: "pending", attempts: 0, lastError: null, updatedAt: at })
      .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
      .returning({ id: outbox.id }),
    auditInsert(ctx, { action: "outbox.retry", subjectType: "outbox", subjectId: id, detail: { channel: row.channel, kind: row.kind, attempts: row.attempts, last_error: row.lastError } }),
  ]);
  if (!reset.length) return { ok: false, reason: "not_failed", channel: row.channel };
  enqueue(ctx, [{ id, channel: row.channel }], channels);
  return { ok: true, channel: row.channel };
}

/** The API's and the pages' error for a refused retry. */
export function retryError(id: string, outcome: Exclude<RetryOutcome, { ok: true }>): AppError {
  if (outcome.reason === "missing") return new AppError("NOT_FOUND", `No outbox row ${id}`);
  if (outcome.reason === "no_channel") return new AppError("CONFLICT", `Row ${id} is of channel "${outcome.channel}", which this deployment cannot deliver`);
  return new AppError("CONFLICT", `Row ${id} has not failed: only failed rows are retried`);
}
