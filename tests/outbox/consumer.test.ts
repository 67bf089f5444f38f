// The one outbox consumer: dispatch by channel, the shared bookkeeping, and the promise that a row
// this queue cannot deliver is never dropped, never sent through mail, and ends visible as failed.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemContext } from "../../src/lib/context";
import type { ChannelRegistry, OutboxJob } from "../../src/outbox/channel";
import { CHANNELS } from "../../src/outbox/channels";
import { consumeOutbox } from "../../src/outbox/consumer";
import { enqueue } from "../../src/outbox/write";
import { runQueue } from "../accounts/helpers";
import { outboxRow, pigeonChannel, rowOf } from "./helpers";

afterEach(() => vi.restoreAllMocks());

/** Runs the consumer on `queue` with the given channels, as the Queues runtime would deliver the batch. */
async function consume(queue: string, ids: string[], channels: ChannelRegistry, attempts = 1) {
  const batch = createMessageBatch<OutboxJob>(queue, ids.map((id, i) => ({ id: `q${i}-${id}`, timestamp: new Date(), attempts, body: { id } })));
  const ctx = createExecutionContext();
  await consumeOutbox(batch, systemContext({ ...env, ENVIRONMENT: "production" }, "queue"), channels);
  return getQueueResult(batch, ctx);
}

describe("a row of a channel with no handler", () => {
  it("is never sent through mail nor acked away: it is retried with the error, then failed, then dead-lettered visibly", async () => {
    const id = await outboxRow("carrier-pigeon");
    const fetch = vi.spyOn(globalThis, "fetch");

    const first = await runQueue("chatiere-mail", [id], { environment: "production" });
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([`q0-${id}`]);
    expect(first.delays).toEqual([5]);
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 1, last_error: 'no delivery handler for channel "carrier-pigeon"' });

    // Its last delivery: failed on the row, and handed to the dead-letter queue rather than acked.
    const last = await runQueue("chatiere-mail", [id], { environment: "production", attempts: 9 });
    expect(last.explicitAcks).toEqual([]);
    expect(last.retryMessages).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 2 });

    const dead = await runQueue("chatiere-mail-dlq", [id], { environment: "production" });
    expect(dead.explicitAcks).toEqual([`q0-${id}`]);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "failed", sent_at: null });
    expect(row!.last_error).toBe('dead-lettered after 2 attempts: no delivery handler for channel "carrier-pigeon"');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("a second channel", () => {
  it("delivers its own rows through its own handler, never through mail", async () => {
    const pigeon = pigeonChannel();
    const id = await outboxRow("pigeon");
    const fetch = vi.spyOn(globalThis, "fetch");
    const result = await consume("chatiere-pigeon", [id], pigeon.registry);
    expect(result.explicitAcks).toEqual([`q0-${id}`]);
    expect(pigeon.delivered).toEqual([id]);
    expect(fetch).not.toHaveBeenCalled();
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
  });

  it("a pigeon row on the mail queue is neither mailed nor given to the pigeon handler there, nor acked", async () => {
    const pigeon = pigeonChannel();
    const id = await outboxRow("pigeon");
    const fetch = vi.spyOn(globalThis, "fetch");
    const result = await consume("chatiere-mail", [id], pigeon.registry);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toHaveLength(1);
    expect(fetch).not.toHaveBeenCalled();
    expect(pigeon.delivered).toEqual([]);
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 1, last_error: 'a "pigeon" row arrived on queue chatiere-mail, not chatiere-pigeon' });
  });

  it("a mail row on the pigeon queue is not given to the pigeon handler", async () => {
    const pigeon = pigeonChannel();
    const id = await outboxRow("mail");
    const result = await consume("chatiere-pigeon", [id], pigeon.registry);
    expect(result.retryMessages).toHaveLength(1);
    expect(pigeon.delivered).toEqual([]);
    expect((await rowOf(id))!.last_error).toContain("arrived on queue chatiere-pigeon");
  });

  it("shares the bookkeeping: a refused message fails at once, a retryable one backs off", async () => {
    const refused = pigeonChannel({ ok: false, retry: false, error: "endpoint gone" });
    const a = await outboxRow("pigeon");
    const r1 = await consume("chatiere-pigeon", [a], refused.registry);
    expect(r1.explicitAcks).toEqual([`q0-${a}`]);
    expect(await rowOf(a)).toMatchObject({ status: "failed", attempts: 1, last_error: "endpoint gone" });

    const flaky = pigeonChannel({ ok: false, retry: true, error: "HTTP 503" });
    const b = await outboxRow("pigeon");
    const r2 = await consume("chatiere-pigeon", [b], flaky.registry, 3);
    expect(r2.retryMessages).toHaveLength(1);
    expect(await rowOf(b)).toMatchObject({ status: "pending", attempts: 1, last_error: "HTTP 503" });
  });

  it("delivers once when the same message arrives twice in one batch", async () => {
    const pigeon = pigeonChannel();
    const id = await outboxRow("pigeon");
    const result = await consume("chatiere-pigeon", [id, id], pigeon.registry);
    expect(pigeon.delivered).toEqual([id]);
    expect(result.explicitAcks.sort()).toEqual([`q0-${id}`, `q1-${id}`]);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a message of the pigeon dead-letter queue marks its row failed, and never touches a sent one", async () => {
    const pigeon = pigeonChannel();
    const stuck = await outboxRow("pigeon", { attempts: 9, lastError: "HTTP 500" });
    const sent = await outboxRow("pigeon", { status: "sent", attempts: 1 });
    const result = await consume("chatiere-pigeon-dlq", [stuck, sent], pigeon.registry);
    expect(result.explicitAcks.sort()).toEqual([`q0-${stuck}`, `q1-${sent}`].sort());
    expect(pigeon.delivered).toEqual([]);
    expect(await rowOf(stuck)).toMatchObject({ status: "failed", last_error: "dead-lettered after 9 attempts: HTTP 500" });
    expect(await rowOf(sent)).toMatchObject({ status: "sent", last_error: null });
  });

  it("enqueue puts each row on its own channel's queue", async () => {
    const pigeon = pigeonChannel();
    const mail = vi.spyOn(env.MAIL_QUEUE, "sendBatch");
    const pigeons = vi.spyOn(env.TEST_CHANNEL_QUEUE, "sendBatch");
    const pending: Promise<unknown>[] = [];
    enqueue({ env, defer: (p) => void pending.push(p) }, [
      { id: "msg_m1", channel: "mail" },
      { id: "msg_p1", channel: "pigeon" },
      { id: "msg_m2", channel: "mail" },
      { id: "msg_x1", channel: "nowhere" },
    ], pigeon.registry);
    await Promise.all(pending);
    expect(mail).toHaveBeenCalledTimes(1);
    expect([...mail.mock.calls[0]![0]].map((m) => m.body)).toEqual([{ id: "msg_m1" }, { id: "msg_m2" }]);
    expect(pigeons).toHaveBeenCalledTimes(1);
    expect([...pigeons.mock.calls[0]![0]].map((m) => m.body)).toEqual([{ id: "msg_p1" }]);
  });
});

describe("the Worker's queue handler", () => {
  it("keeps every message of a queue no channel consumes", async () => {
    const id = await outboxRow("mail");
    const result = await runQueue("chatiere-nowhere", [id]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.ackAll).toBe(false);
    expect(result.retryBatch.retry).toBe(true);
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("knows the mail channel's queue and its dead-letter queue", () => {
    expect(CHANNELS.mail).toMatchObject({ queue: "chatiere-mail", deadLetterQueue: "chatiere-mail-dlq" });
  });
});
