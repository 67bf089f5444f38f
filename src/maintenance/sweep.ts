// The cron sweep (wrangler.toml [triggers]): puts stuck outbox rows back on their channel's queue
// and drops expired secrets and old counters. Each pass is a few indexed statements; safe to run twice.
import { and, eq, gt, inArray, lt, lte, or } from "drizzle-orm";
import { outbox, rateLimits, sessions, verifications } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import type { ChannelRegistry } from "../outbox/channel";
import { purgeRawBodies } from "../webhooks/inbound/receive";
import { CHANNELS } from "../outbox/channels";
import { enqueue } from "../outbox/write";

/** A row never tried this long after it was written lost its queue message (the send failed). */
export const UNSENT_AFTER_MINUTES = 10;
/** A row tried before but untouched this long has left the queue (the longest retry delay is 10 h). */
export const STALLED_AFTER_HOURS = 12;
/** Past this age a pending row is given up as failed rather than queued again forever. */
export const ABANDON_AFTER_DAYS = 3;
const BATCH = 200;

export interface SweepCutoffs {
  unsentBefore: string;
  stalledBefore: string;
  abandonBefore: string;
  rateWindowBefore: number;
  now: string;
}

/** Pure: the instants that decide what a sweep at `now` touches. */
export function cutoffs(now: Date): SweepCutoffs {
  const t = now.getTime();
  return {
    unsentBefore: new Date(t - UNSENT_AFTER_MINUTES * 60_000).toISOString(),
    stalledBefore: new Date(t - STALLED_AFTER_HOURS * 3_600_000).toISOString(),
    abandonBefore: new Date(t - ABANDON_AFTER_DAYS * 86_400_000).toISOString(),
    rateWindowBefore: Math.floor(t / 1000) - 86_400,
    now: now.toISOString(),
  };
}

export interface SweepResult {
  requeued: string[];
  /** Stuck rows of a channel this deployment cannot deliver: failed at once, not queued forever. */
  undeliverable: string[];
  abandoned: number;
  expiredVerifications: number;
  expiredSessions: number;
  staleRateLimits: number;
}

export async function sweep(ctx: ServiceContext, channels: ChannelRegistry = CHANNELS): Promise<SweepResult> {
  const { db } = ctx;
  const now = ctx.now();
  const at = cutoffs(now);
  const pending = eq(outbox.status, "pending");
  const [abandoned, stuck, expiredVerifications, expiredSessions, staleRateLimits] = await db.batch([
    db
      .update(outbox)
      .set({ status: "failed", lastError: `abandoned by the sweep after ${ABANDON_AFTER_DAYS} days`, updatedAt: at.now })
      .where(and(pending, lt(outbox.createdAt, at.abandonBefore)))
      .returning({ id: outbox.id }),
    db
      .select({ id: outbox.id, channel: outbox.channel })
      .from(outbox)
      .where(
        and(
          pending,
          gt(outbox.createdAt, at.abandonBefore),
          or(and(eq(outbox.attempts, 0), lt(outbox.updatedAt, at.unsentBefore)), and(gt(outbox.attempts, 0), lt(outbox.updatedAt, at.stalledBefore))),
        ),
      )
      .orderBy(outbox.createdAt)
      .limit(BATCH),
    db.delete(verifications).where(lte(verifications.expiresAt, now)).returning({ id: verifications.id }),
    db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ id: sessions.id }),
    db.delete(rateLimits).where(lt(rateLimits.windowStart, at.rateWindowBefore)).returning({ key: rateLimits.key }),
  ]);
  const deliverable = stuck.filter((r) => channels[r.channel]);
  const requeued = deliverable.map((r) => r.id);
  const undeliverable = stuck.filter((r) => !channels[r.channel]).map((r) => r.id);
  if (undeliverable.length) {
    await db
      .update(outbox)
      .set({ status: "failed", lastError: "no delivery handler for this channel: the sweep cannot queue it", updatedAt: at.now })
      .where(and(pending, inArray(outbox.id, undeliverable)));
  }
  if (requeued.length) {
    // Touch them first, so the next sweep does not queue them again before the consumer runs.
    await db.update(outbox).set({ updatedAt: at.now }).where(inArray(outbox.id, requeued));
    enqueue(ctx, deliverable, channels);
  }
  // Raw bodies of received webhook events are kept 30 days (src/webhooks/inbound/receive.ts).
  const purgedBodies = await purgeRawBodies(ctx);
  if (purgedBodies) console.log(JSON.stringify({ level: "info", msg: "sweep: raw webhook bodies purged", count: purgedBodies }));
  const result = {
    requeued,
    undeliverable,
    abandoned: abandoned.length,
    expiredVerifications: expiredVerifications.length,
    expiredSessions: expiredSessions.length,
    staleRateLimits: staleRateLimits.length,
  };
  console.log(JSON.stringify({ level: "info", msg: "sweep", ...result, requeued: requeued.length, undeliverable: undeliverable.length }));
  return result;
}
