// The one consumer of every channel's queue (the Worker's `queue` handler, by `batch.queue`): loads
// each row and hands it to its channel's handler. Shared by every channel: the backoff, attempt
// counting, the last error, sent/failed, and idempotency — a row is delivered only while pending,
// and each delivery first claims its attempt, so a duplicate message never sends twice.
// A row this queue cannot deliver (no handler for its channel, or another channel's row) is never
// acked away nor sent through another channel: it is retried like a failure, then ends `failed`.
import { and, eq, ne } from "drizzle-orm";
import { outbox, type OutboxRow } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import { MAX_DELIVERIES, MAX_QUEUE_DELAY, retryDelaySeconds } from "./backoff";
import { channelOfQueue, type ChannelRegistry, type DeliveryOutcome, type OutboxJob } from "./channel";
import { CHANNELS } from "./channels";

const log = (level: "warn" | "error", msg: string, extra: Record<string, unknown>) => console[level](JSON.stringify({ level, msg, ...extra }));

export async function consumeOutbox(batch: MessageBatch<OutboxJob>, ctx: ServiceContext, channels: ChannelRegistry = CHANNELS): Promise<void> {
  const route = channelOfQueue(channels, batch.queue);
  if (!route) {
    // A queue wired in wrangler.toml but not here: keep the messages (they reach the DLQ in the end).
    log("error", "outbox: no channel consumes this queue", { queue: batch.queue, messages: batch.messages.length });
    batch.retryAll({ delaySeconds: retryDelaySeconds(1) });
    return;
  }
  for (const message of batch.messages) {
    try {
      if (route.dead) await deadLettered(ctx, message);
      else await deliver(ctx, message, batch.queue, channels);
    } catch (err) {
      // D1 or a bug: leave the row as it is and let the queue try again later.
      log("error", "outbox delivery crashed", { queue: batch.queue, id: message.body?.id, error: String(err) });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

const findRow = (ctx: ServiceContext, message: Message<OutboxJob>) => {
  const id = message.body?.id;
  return typeof id === "string" ? ctx.db.query.outbox.findFirst({ where: eq(outbox.id, id) }) : Promise.resolve(undefined);
};

/** Why this queue cannot deliver the row, or null when its channel's handler should. */
function misrouted(row: OutboxRow, queue: string, channels: ChannelRegistry): string | null {
  const channel = channels[row.channel];
  if (!channel) return `no delivery handler for channel "${row.channel}"`;
  if (channel.queue !== queue) return `a "${row.channel}" row arrived on queue ${queue}, not ${channel.queue}`;
  return null;
}

async function deliver(ctx: ServiceContext, message: Message<OutboxJob>, queue: string, channels: ChannelRegistry) {
  const row = await findRow(ctx, message);
  if (!row || row.status !== "pending") {
    message.ack(); // unknown, or already delivered/given up: a duplicate delivery must not send twice
    return;
  }
  // A channel with its own schedule: a copy that arrives before the row's next attempt is due is a
  // duplicate of the retry chain (queues deliver at least once); delivering it would spend the
  // schedule early and give up before the endpoint is back. The chain's own message comes later.
  const own = channels[row.channel];
  if (own?.retryDelaySeconds && own.queue === queue && row.attempts > 0) {
    const wait = own.retryDelaySeconds(row.attempts, ctx);
    if (wait !== null && Date.parse(row.updatedAt) + wait * 1000 - 1000 > ctx.now().getTime()) {
      message.ack();
      return;
    }
  }
  // Claim the attempt: of two copies of one message in flight, only one finds the count unchanged.
  const claimed = await ctx.db
    .update(outbox)
    .set({ attempts: row.attempts + 1, updatedAt: ctx.now().toISOString() })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, "pending"), eq(outbox.attempts, row.attempts)))
    .returning({ id: outbox.id });
  if (!claimed.length) {
    message.ack();
    return;
  }
  const wrong = misrouted(row, queue, channels);
  const outcome: DeliveryOutcome = wrong ? { ok: false, retry: true, error: wrong } : await channels[row.channel]!.deliver(row, ctx);

  if (outcome.ok) {
    await record(ctx, row.id, { status: "sent", sentAt: ctx.now().toISOString(), lastError: null });
    message.ack();
    return;
  }
  // A channel with its own schedule (webhooks) counts the row's deliveries, which a replay resets.
  const delay = wrong ? undefined : own?.retryDelaySeconds?.(row.attempts + 1, ctx);
  const exhausted = delay === undefined ? message.attempts >= MAX_DELIVERIES : delay === null;
  await record(ctx, row.id, { status: outcome.retry && !exhausted ? "pending" : "failed", lastError: outcome.error });
  log("warn", "outbox delivery failed", { channel: row.channel, id: row.id, attempt: message.attempts, error: outcome.error });
  if (!outcome.retry || delay === null) message.ack(); // refused for good, or its schedule is spent: the row is failed, for a replay
  else message.retry({ delaySeconds: Math.min(delay ?? retryDelaySeconds(message.attempts), MAX_QUEUE_DELAY) }); // past max_retries, this lands in the DLQ
}

/** A message of a dead-letter queue: its row is marked failed, so stewards see it and may retry it. */
async function deadLettered(ctx: ServiceContext, message: Message<OutboxJob>) {
  const row = await findRow(ctx, message);
  if (row && row.status !== "sent") {
    const why = `dead-lettered after ${row.attempts} attempts`;
    const lastError = row.lastError?.startsWith("dead-lettered") ? row.lastError : `${why}${row.lastError ? `: ${row.lastError}` : ""}`;
    await record(ctx, row.id, { status: "failed", lastError: lastError.slice(0, 1000) });
  }
  message.ack();
}

function record(ctx: ServiceContext, id: string, change: Partial<Pick<OutboxRow, "status" | "sentAt" | "lastError">>) {
  return ctx.db
    .update(outbox)
    .set({ ...change, updatedAt: ctx.now().toISOString() })
    .where(and(eq(outbox.id, id), ne(outbox.status, "sent")));
}
