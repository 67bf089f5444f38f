// A second outbox channel, registered by tests only ("pigeon"), whose handler records what it is
// given, and outbox rows of any channel written straight to D1.
import { env } from "cloudflare:test";
import { mailChannel } from "../../src/mail/channel";
import type { OutboxRow } from "../../src/db/schema";
import type { ChannelRegistry, DeliveryOutcome, OutboxChannel, OutboxJob } from "../../src/outbox/channel";

declare global {
  namespace Cloudflare {
    interface Env {
      /** vitest.config.ts: the producer of the test-only second channel. */
      TEST_CHANNEL_QUEUE: Queue<OutboxJob>;
    }
  }
}

export function pigeonChannel(answer: DeliveryOutcome = { ok: true }) {
  const delivered: string[] = [];
  const channel: OutboxChannel = {
    name: "pigeon",
    queue: "chatiere-pigeon",
    deadLetterQueue: "chatiere-pigeon-dlq",
    producer: (e) => (e as Cloudflare.Env).TEST_CHANNEL_QUEUE,
    async deliver(row: OutboxRow) {
      delivered.push(row.id);
      return answer;
    },
  };
  const registry: ChannelRegistry = { mail: mailChannel, pigeon: channel };
  return { channel, registry, delivered };
}

let n = 0;
export async function outboxRow(channel: string, fields: { status?: string; attempts?: number; createdAt?: string; updatedAt?: string; lastError?: string } = {}): Promise<string> {
  const id = `msg_t${Date.now().toString(36)}${(++n).toString(36)}`;
  const now = new Date().toISOString();
  await env.DB.prepare(
    "insert into outbox (id, channel, kind, recipient, payload, status, attempts, last_error, created_at, updated_at) values (?, ?, 'test', ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(id, channel, `${channel}@example.be`, JSON.stringify({ lang: "en", subject: "s", text: "t", html: "<p>h</p>" }), fields.status ?? "pending", fields.attempts ?? 0, fields.lastError ?? null, fields.createdAt ?? now, fields.updatedAt ?? fields.createdAt ?? now)
    .run();
  return id;
}

export async function rowOf(id: string) {
  return env.DB.prepare("select id, channel, status, attempts, last_error, sent_at from outbox where id = ?").bind(id).first<{ id: string; channel: string; status: string; attempts: number; last_error: string | null; sent_at: string | null }>();
}
