// A day of endpoint downtime, simulated on a virtual clock with the Svix schedule (the consumer's
// own retry delays are honoured, the clock jumps instead of waiting): an event every 30 minutes
// while the endpoint answers 503 for 24 hours; the queue duplicates one message in ten
// (at-least-once); once the endpoint is back, it loses its first answer to one message in twelve (it
// processed it, we saw a 500), so those come again. Nothing may be lost; the receiver deduplicates
// on webhook-id and we count what it saw twice.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { createDb } from "../../src/db/client";
import { webhookEventInserts } from "../../src/webhooks/outbound/emit";
import { consumeAt, createEndpoint, orgWithKey, outboxRow } from "./helpers";

afterEach(() => vi.restoreAllMocks());

const HOUR = 3600_000;

describe("a day of downtime", () => {
  it("delivers every event once the endpoint is back: nothing lost", async () => {
    const { orgId, headers } = await orgWithKey();
    const endpoint = await createEndpoint(headers, orgId);
    const schedule = { WEBHOOK_RETRY_SCHEDULE: "0s,5s,5m,30m,2h,5h,10h,10h" };
    const t0 = Date.parse("2026-12-01T00:00:00Z");
    const downUntil = t0 + 24 * HOUR;
    let clock = t0;

    const lossy = new Set<string>(); // the receiver loses its first answer to these
    const seen = new Map<string, number>(); // webhook-id → deliveries the receiver accepted
    let forged = 0;
    let attempts = 0;
    let processedButAnswerLost = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      attempts++;
      const req = new Request(input, init);
      const body = await req.text();
      const id = req.headers.get("webhook-id")!;
      const ts = Number(req.headers.get("webhook-timestamp"));
      // The receiver's check (the library's verify() reads the real clock; the simulation's is virtual).
      if (new Webhook(endpoint.secret).sign(id, new Date(ts * 1000), body) !== req.headers.get("webhook-signature")) forged++;
      if (clock < downUntil) return new Response("down", { status: 503 });
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (seen.get(id) === 1 && lossy.has(id)) {
        processedButAnswerLost++;
        return new Response("processed, but the answer was lost", { status: 500 });
      }
      return new Response("ok", { status: 200 });
    });

    const db = createDb(env.DB);
    const queue: { due: number; id: string; attempt: number }[] = [];
    const sent: string[] = [];
    let duplicatedByQueue = 0;
    for (let i = 0; i < 48; i++) {
      const at = t0 + i * 30 * 60_000;
      const inserts = await webhookEventInserts(db, { type: "offer.published", orgIds: [orgId], subject: { type: "offer", id: `off_${i}`, version: i + 1 }, data: { n: i }, at: new Date(at) });
      await db.batch(inserts.map((x) => x.query) as [never, ...never[]]);
      for (const x of inserts) {
        sent.push(x.id);
        if (i % 12 === 7) lossy.add(x.id);
        queue.push({ due: at, id: x.id, attempt: 1 });
        if (i % 10 === 3) {
          duplicatedByQueue++;
          queue.push({ due: at + 1000, id: x.id, attempt: 1 }); // the queue delivers this message twice
        }
      }
    }
    let consumerRuns = 0;
    while (queue.length) {
      queue.sort((a, b) => a.due - b.due);
      const next = queue.shift()!;
      clock = next.due;
      consumerRuns++;
      const fate = (await consumeAt(new Date(clock), [next.id], schedule, next.attempt)).get(next.id)!;
      if (fate.retryIn !== null) queue.push({ due: clock + fate.retryIn * 1000, id: next.id, attempt: next.attempt + 1 });
    }

    // A lost answer on the schedule's last attempt leaves that message failed here (the receiver has
    // it): the organisation replays what failed, as from the page or the API.
    const failedBeforeReplay = (await Promise.all(sent.map(outboxRow))).filter((r) => r!.status === "failed").length;
    const { api } = await import("./helpers");
    const replay = await api(`/orgs/${orgId}/webhook-messages/replay`, { json: { since: "2026-01-01T00:00:00Z" }, headers });
    const { replayed } = (await replay.json()) as { replayed: string[] };
    expect(replayed).toHaveLength(failedBeforeReplay);
    for (const id of replayed) await consumeAt(new Date(clock), [id], schedule, 1);
    const rows = await Promise.all(sent.map(outboxRow));
    const delivered = sent.filter((id) => seen.has(id));
    const lost = sent.length - delivered.length;
    const duplicates = [...seen.values()].reduce((s, n) => s + (n - 1), 0);
    const lastAt = new Date(clock).toISOString();
    console.log(
      `[downtime simulation] endpoint down 24 h, schedule ${schedule.WEBHOOK_RETRY_SCHEDULE}: events sent ${sent.length}, delivered ${delivered.length}, lost ${lost}, ` +
        `duplicates seen by the receiver ${duplicates} (${processedButAnswerLost} answers lost by the receiver, ${failedBeforeReplay} of them on the last attempt, replayed; ${duplicatedByQueue} messages duplicated by the queue, none sent twice), ` +
        `HTTP attempts ${attempts}, consumer runs ${consumerRuns}, bad signatures ${forged}, last delivery ${lastAt}`,
    );
    expect(sent).toHaveLength(48);
    expect(lost).toBe(0);
    expect(rows.every((r) => r!.status === "sent")).toBe(true);
    expect(forged).toBe(0);
    expect(duplicates).toBe(processedButAnswerLost); // only the receiver's lost answers come twice, never a queue duplicate
    expect(clock).toBeLessThan(t0 + 24 * HOUR + 28 * HOUR);
  });
});
