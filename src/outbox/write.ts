// Writing to the outbox: the row's insert goes into the caller's D1 batch, together with the change
// that causes it; after the batch, `enqueue` puts each id on its channel's queue. Nothing is sent
// from a request: src/outbox/consumer.ts delivers.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import { nowIso } from "../db/schema/columns";
import type { ServiceContext } from "../lib/context";
import { newId } from "../lib/ids";
import type { ChannelRegistry, OutboxJob } from "./channel";
import { CHANNELS } from "./channels";

export interface OutboxMessage {
  channel: string;
  /** What the message is about (`sign_in_link`, `offer.updated`): operators filter on it without reading bodies. */
  kind: string;
  recipient: string;
  payload: Record<string, unknown>;
}

export interface OutboxInsert {
  id: string;
  channel: string;
  query: ReturnType<typeof insertQuery>;
}

const insertQuery = (db: Db, id: string, m: OutboxMessage) =>
  db.insert(outbox).values({ id, channel: m.channel, kind: m.kind, recipient: m.recipient, payload: m.payload });

/** The insert to put in the same `db.batch([...])` as the change that causes the message. */
export function outboxInsert(db: Db, message: OutboxMessage): OutboxInsert {
  const id = newId("msg");
  return { id, channel: message.channel, query: insertQuery(db, id, message) };
}

/**
 * A new row's columns for an INSERT … SELECT: the row is written only when the SELECT finds what it
 * depends on (a notice this batch inserted, a document this batch issued), and its payload may read
 * that row (`payload` as SQL). Times are the database's clock, as `outboxInsert`'s defaults are.
 */
export function outboxRowColumns(row: { id: string; channel: string; kind: string; recipient: string; payload: string | SQL<string> }) {
  const value = <T,>(v: T) => sql<T>`${v}`;
  return {
    id: value(row.id).as("id"),
    channel: value(row.channel).as("channel"),
    kind: value(row.kind).as("kind"),
    recipient: value(row.recipient).as("recipient"),
    payload: (typeof row.payload === "string" ? value(row.payload) : row.payload).as("payload"),
    status: value("pending").as("status"),
    attempts: value(0).as("attempts"),
    lastError: value(null).as("last_error"),
    sentAt: value(null).as("sent_at"),
    createdAt: sql<string>`${nowIso}`.as("created_at"),
    updatedAt: sql<string>`${nowIso}`.as("updated_at"),
  };
}

/**
 * Puts committed rows on their channels' queues. A failed send, or a channel this deployment does
 * not know, leaves the row pending for the sweep (src/maintenance/sweep.ts) rather than failing a
 * request whose change is already stored.
 */
export function enqueue(ctx: Pick<ServiceContext, "env" | "defer">, rows: readonly Pick<OutboxInsert, "id" | "channel">[], channels: ChannelRegistry = CHANNELS) {
  const byChannel = new Map<string, string[]>();
  for (const r of rows) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r.id]);
  for (const [name, ids] of byChannel) {
    const channel = channels[name];
    if (!channel) {
      console.error(JSON.stringify({ level: "error", msg: "outbox enqueue: no such channel", channel: name, ids }));
      continue;
    }
    ctx.defer(
      channel
        .producer(ctx.env)
        .sendBatch(ids.map((id) => ({ body: { id } satisfies OutboxJob })))
        .catch((err: unknown) => {
          console.error(JSON.stringify({ level: "error", msg: "outbox enqueue failed", channel: name, ids, error: String(err) }));
        }),
    );
  }
}
