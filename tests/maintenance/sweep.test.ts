import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { systemContext } from "../../src/lib/context";
import { cutoffs, sweep } from "../../src/maintenance/sweep";
import { pigeonChannel } from "../outbox/helpers";

const NOW = new Date("2026-11-21T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

async function outboxRow(id: string, createdAt: string, attempts: number, updatedAt = createdAt, status = "pending", channel = "mail") {
  await env.DB.prepare(
    "insert into outbox (id, channel, kind, recipient, payload, status, attempts, created_at, updated_at) values (?, ?, 'sign_in_link', 'x@example.be', '{}', ?, ?, ?, ?)",
  )
    .bind(id, channel, status, attempts, createdAt, updatedAt)
    .run();
}

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: NOW.getTime(), cron: "*/15 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

afterEach(() => vi.restoreAllMocks());

describe("the cron sweep", () => {
  it("computes its cutoffs from the scheduled time", () => {
    expect(cutoffs(NOW)).toMatchObject({
      unsentBefore: "2026-11-21T11:50:00.000Z",
      stalledBefore: "2026-11-21T00:00:00.000Z",
      abandonBefore: "2026-11-18T12:00:00.000Z",
    });
  });

  it("re-queues rows whose message was lost, leaves fresh and in-flight ones, gives up on old ones", async () => {
    const sent = vi.spyOn(env.MAIL_QUEUE, "sendBatch");
    await outboxRow("msg_lost", ago(11 * MIN), 0);
    await outboxRow("msg_fresh", ago(2 * MIN), 0);
    await outboxRow("msg_retrying", ago(5 * HOUR), 3, ago(4 * HOUR));
    await outboxRow("msg_stalled", ago(30 * HOUR), 4, ago(13 * HOUR));
    await outboxRow("msg_ancient", ago(4 * 24 * HOUR), 2, ago(3 * 24 * HOUR));
    await outboxRow("msg_done", ago(20 * MIN), 1, ago(19 * MIN), "sent");

    await runCron();

    expect(sent).toHaveBeenCalledTimes(1);
    expect([...sent.mock.calls[0]![0]].map((m) => (m.body as { id: string }).id).sort()).toEqual(["msg_lost", "msg_stalled"]);
    const rows = await env.DB.prepare("select id, status, last_error from outbox order by id").all<{ id: string; status: string; last_error: string | null }>();
    const byId = Object.fromEntries(rows.results.map((r) => [r.id, r]));
    expect(byId.msg_ancient).toMatchObject({ status: "failed" });
    expect(byId.msg_ancient!.last_error).toContain("abandoned");
    expect(byId.msg_lost).toMatchObject({ status: "pending" });
    expect(byId.msg_done).toMatchObject({ status: "sent" });

    // Touched when re-queued: the next pass does not queue them a second time.
    sent.mockClear();
    await runCron();
    expect(sent).not.toHaveBeenCalled();
  });

  it("re-queues each stuck row on its own channel's queue, and fails a row no channel delivers instead of queuing it forever", async () => {
    const pigeon = pigeonChannel();
    const mail = vi.spyOn(env.MAIL_QUEUE, "sendBatch");
    const pigeons = vi.spyOn(env.TEST_CHANNEL_QUEUE, "sendBatch");
    await outboxRow("msg_lost_mail", ago(11 * MIN), 0);
    await outboxRow("msg_lost_pigeon", ago(11 * MIN), 0, ago(11 * MIN), "pending", "pigeon");
    await outboxRow("msg_lost_orphan", ago(11 * MIN), 0, ago(11 * MIN), "pending", "carrier-pigeon");
    const pending: Promise<unknown>[] = [];
    const result = await sweep(systemContext(env, "cron", { now: () => NOW, defer: (p) => void pending.push(p) }), pigeon.registry);
    await Promise.all(pending);

    expect(result.requeued.sort()).toEqual(["msg_lost_mail", "msg_lost_pigeon"]);
    expect(result.undeliverable).toEqual(["msg_lost_orphan"]);
    expect([...mail.mock.calls[0]![0]].map((m) => m.body)).toEqual([{ id: "msg_lost_mail" }]);
    expect([...pigeons.mock.calls[0]![0]].map((m) => m.body)).toEqual([{ id: "msg_lost_pigeon" }]);
    const orphan = await env.DB.prepare("select status, last_error from outbox where id = 'msg_lost_orphan'").first<{ status: string; last_error: string }>();
    expect(orphan).toMatchObject({ status: "failed" });
    expect(orphan!.last_error).toContain("no delivery handler");
  });

  it("drops expired sign-in tokens, expired sessions and old rate-limit windows, and keeps live ones", async () => {
    await env.DB.prepare("insert into users (id, email) values ('usr_sweep', 'sweep@example.be')").run();
    await env.DB.batch([
      env.DB.prepare("insert into verifications (id, identifier, value, expires_at) values ('vrf_old', 'a', 'x', ?), ('vrf_live', 'b', 'y', ?)").bind(ago(MIN), ago(-10 * MIN)),
      env.DB.prepare("insert into sessions (id, user_id, token, expires_at) values ('ses_old', 'usr_sweep', 't1', ?), ('ses_live', 'usr_sweep', 't2', ?)").bind(ago(HOUR), ago(-HOUR)),
      env.DB.prepare("insert into rate_limits (key, window_start, count) values ('old', ?, 3), ('live', ?, 3)").bind(Math.floor(NOW.getTime() / 1000) - 2 * 86_400, Math.floor(NOW.getTime() / 1000) - 60),
    ]);
    await runCron();
    const ids = async (sql: string) => (await env.DB.prepare(sql).all<{ id: string }>()).results.map((r) => r.id);
    expect(await ids("select id from verifications where id like 'vrf_%'")).toEqual(["vrf_live"]);
    expect(await ids("select id from sessions where user_id = 'usr_sweep'")).toEqual(["ses_live"]);
    expect(await ids("select key as id from rate_limits where key in ('old', 'live')")).toEqual(["live"]);
  });
});
