// What a channel of the outbox is: the queue its messages travel on (and that queue's dead-letter
// queue) and the handler that delivers one row. Mail is one; webhooks and Peppol register theirs
// in src/outbox/channels.ts.
import type { OutboxRow } from "../db/schema";
import type { Bindings } from "../env";
import type { ServiceContext } from "../lib/context";

/** What travels on a channel's queue: only the id; the row holds the message. */
export interface OutboxJob {
  id: string;
}

/** A delivery's result: sent, or failed — retried later unless the far end refused the message itself. */
export type DeliveryOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

export interface OutboxChannel {
  /** The value of `outbox.channel`. */
  name: string;
  /** The queue consumed for this channel (wrangler.toml [[queues.consumers]]) and its dead-letter queue. */
  queue: string;
  deadLetterQueue: string;
  /** The producer binding that puts ids on that queue. */
  producer(env: Bindings): Queue<OutboxJob>;
  /** Delivers one pending row; it must be safe to call again for the same row (an idempotency key). */
  deliver(row: OutboxRow, ctx: ServiceContext): Promise<DeliveryOutcome>;
  /**
   * The channel's own retry schedule: seconds before the next delivery after `deliveries` failed
   * ones, or null to give up (the row ends failed). Without it, the shared backoff (backoff.ts).
   */
  retryDelaySeconds?(deliveries: number, ctx: ServiceContext): number | null;
}

/** The channels of a deployment, by name. */
export type ChannelRegistry = Readonly<Record<string, OutboxChannel>>;

export function channelOfQueue(channels: ChannelRegistry, queue: string): { channel: OutboxChannel; dead: boolean } | undefined {
  for (const channel of Object.values(channels)) {
    if (channel.queue === queue) return { channel, dead: false };
    if (channel.deadLetterQueue === queue) return { channel, dead: true };
  }
  return undefined;
}
