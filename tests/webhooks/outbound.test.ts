// Outbound webhooks: registration rules, signatures a receiver verifies with standardwebhooks,
// retries on the schedule with nothing lost, rotation mid-stream, refusals, 410, replay.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../src/db/client";
import { enqueue } from "../../src/outbox/write";
import { systemContext } from "../../src/lib/context";
import { webhookEventInserts } from "../../src/webhooks/outbound/emit";
import { api, attemptsOf, consumeAt, createEndpoint, endpointRow, orgWithKey, outboxRow, receiver, verify } from "./helpers";

afterEach(() => vi.restoreAllMocks());

async function emit(orgId: string, type: "offer.published" | "offer.archived" | "migration.item.copying" = "offer.published", version = 1) {
  const db = createDb(env.DB);
  const inserts = await webhookEventInserts(db, { type, orgIds: [orgId], subject: { type: "offer", id: "off_test", version }, data: { name: "Mail" } });
  if (inserts.length) await db.batch(inserts.map((i) => i.query) as [never, ...never[]]);
  return inserts.map((i) => i.id);
}

describe("registering an endpoint", () => {
  it("answers 201 with a whsec_ secret once; the list never shows it", async () => {
    const { orgId, headers } = await orgWithKey();
    const created = await createEndpoint(headers, orgId, "https://hooks.receiver.example.org/in", ["migration.*", "offer.published"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const list = (await (await api(`/orgs/${orgId}/webhook-endpoints`, { headers })).json()) as { items: Record<string, unknown>[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: created.id, status: "enabled", event_types: ["migration.*", "offer.published"] });
    expect(JSON.stringify(list)).not.toContain(created.secret);
  });

  it.each([
    "http://hooks.example.org/in",
    "https://127.0.0.1/in",
    "https://0x7f.1/in",
    "https://10.1.2.3/in",
    "https://169.254.169.254/latest/meta-data",
    "https://192.168.1.1/",
    "https://[::1]/in",
    "https://[::ffff:127.0.0.1]/in",
    "https://[fe80::1]/in",
    "https://[fd00::1]/in",
    "https://localhost/in",
    "https://printer.local/in",
    "https://db.internal/in",
    "https://intranet/in",
    "https://user:pw@hooks.example.org/in",
    "https://chatiere.test/api/v1/me",
    "not a url",
  ])("refuses %s with a 400 naming the url field, and stores nothing", async (url) => {
    const { orgId, headers } = await orgWithKey();
    const res = await api(`/orgs/${orgId}/webhook-endpoints`, { json: { url, event_types: ["*"] }, headers });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["url"]);
    expect(await env.DB.prepare("select count(*) as n from webhook_endpoints where org_id = ?").bind(orgId).first("n")).toBe(0);
  });

  it("refuses an unknown event type by its index", async () => {
    const { orgId, headers } = await orgWithKey();
    const res = await api(`/orgs/${orgId}/webhook-endpoints`, { json: { url: "https://hooks.example.org/in", event_types: ["offer.published", "nothing.*"] }, headers });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["event_types.1"]);
  });

  it("is refused to another organisation's key (403) and without credentials (401)", async () => {
    const mine = await orgWithKey();
    const theirs = await orgWithKey();
    expect((await api(`/orgs/${mine.orgId}/webhook-endpoints`, { json: { url: "https://hooks.example.org/in", event_types: ["*"] }, headers: theirs.headers })).status).toBe(403);
    expect((await api(`/orgs/${mine.orgId}/webhook-endpoints`, { json: { url: "https://hooks.example.org/in", event_types: ["*"] } })).status).toBe(401);
    const e = await createEndpoint(mine.headers, mine.orgId);
    expect((await api(`/orgs/${theirs.orgId}/webhook-endpoints/${e.id}`, { method: "DELETE", headers: theirs.headers })).status).toBe(404);
  });
});

describe("delivery", () => {
  it("signs per Standard Webhooks: a receiver verifies it with the standardwebhooks library; only matching endpoints get it", async () => {
    const { orgId, headers } = await orgWithKey();
    const offers = await createEndpoint(headers, orgId, "https://a.receiver.example.org/in", ["offer.*"]);
    await createEndpoint(headers, orgId, "https://b.receiver.example.org/in", ["migration.*"]);
    const ids = await emit(orgId, "offer.published", 3);
    expect(ids).toHaveLength(1);
    const { received } = receiver();
    const fates = await consumeAt(new Date(), ids);
    expect(fates.get(ids[0]!)).toEqual({ acked: true, retryIn: null });
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe("https://a.receiver.example.org/in");
    expect(received[0]!.headers["webhook-id"]).toBe(ids[0]);
    const event = verify(offers.secret, received[0]!);
    expect(event).toMatchObject({ type: "offer.published", data: { object: "offer", id: "off_test", version: 3, name: "Mail" } });
    expect(() => verify("whsec_" + btoa("a wrong secret of 24 b!!"), received[0]!)).toThrow();
    expect(await outboxRow(ids[0]!)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await attemptsOf(ids[0]!)).toEqual([expect.objectContaining({ status_code: 200, ok: 1, response: "status 200" })]);
  });

  it("an endpoint down for the first 3 attempts gets the message on the 4th, on the (shortened) schedule, with the same webhook-id", async () => {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId);
    const [id] = await emit(orgId);
    const { received } = receiver((_r, i) => (i < 3 ? 503 : 204));
    const schedule = { WEBHOOK_RETRY_SCHEDULE: "0s,1s,2s,4s,8s" };
    let t = Date.now();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const fate = (await consumeAt(new Date(t), [id!], schedule, attempt)).get(id!)!;
      if (fate.retryIn === null) break;
      delays.push(fate.retryIn);
      t += fate.retryIn * 1000;
    }
    expect(delays).toEqual([1, 2, 4]);
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([id]));
    for (const r of received) expect(verify(e.secret, r).type).toBe("offer.published");
    expect(await outboxRow(id!)).toMatchObject({ status: "sent", attempts: 4 });
    expect((await attemptsOf(id!)).map((a) => a.status_code)).toEqual([503, 503, 503, 204]);
    expect((await endpointRow(e.id))!.failing_since).toBeNull();
  });

  it("ends failed when the schedule is spent, is listed, and a replay delivers it with the same webhook-id", async () => {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId);
    const [id] = await emit(orgId);
    receiver(() => 500);
    const schedule = { WEBHOOK_RETRY_SCHEDULE: "0s,1s" };
    expect((await consumeAt(new Date(), [id!], schedule, 1)).get(id!)).toEqual({ acked: false, retryIn: 1 });
    expect((await consumeAt(new Date(), [id!], schedule, 2)).get(id!)).toEqual({ acked: true, retryIn: null });
    expect(await outboxRow(id!)).toMatchObject({ status: "failed", attempts: 2, last_error: "HTTP 500" });
    const failed = (await (await api(`/orgs/${orgId}/webhook-messages`, { headers })).json()) as { items: { id: string }[] };
    expect(failed.items.map((m) => m.id)).toEqual([id]);

    vi.restoreAllMocks();
    const { received } = receiver(() => 200);
    const replay = await api(`/orgs/${orgId}/webhook-messages/replay`, { json: { message_id: id }, headers });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ replayed: [id] });
    await consumeAt(new Date(), [id!], schedule);
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([id]);
    expect(verify(e.secret, received[0]!).type).toBe("offer.published");
    expect(await outboxRow(id!)).toMatchObject({ status: "sent" });
    expect((await api(`/orgs/${orgId}/webhook-messages/replay`, { json: { message_id: id }, headers })).status).toBe(404);
  });

  it("rotation mid-stream: for 24 hours both secrets sign (either verifies), then only the new one", async () => {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId);
    const { received } = receiver();
    const [before] = await emit(orgId);
    await consumeAt(new Date(), [before!]);
    const rotated = (await (await api(`/orgs/${orgId}/webhook-endpoints/${e.id}/rotate`, { json: {}, headers })).json()) as { secret: string };
    expect(rotated.secret).not.toBe(e.secret);
    const [during] = await emit(orgId);
    await consumeAt(new Date(), [during!]);
    const [after] = await emit(orgId);
    await consumeAt(new Date(Date.now() + 25 * 3600_000), [after!]);
    expect(verify(e.secret, received[0]!).type).toBe("offer.published");
    expect(received[1]!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verify(e.secret, received[1]!).type).toBe("offer.published");
    expect(verify(rotated.secret, received[1]!).type).toBe("offer.published");
    expect(received[2]!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(() => verify(e.secret, { ...received[2]!, headers: { ...received[2]!.headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000)) } })).toThrow();
  });

  it("re-checks the URL at delivery: a private address is never fetched and the endpoint is disabled", async () => {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId);
    await env.DB.prepare("update webhook_endpoints set url = 'https://10.0.0.7/hook' where id = ?").bind(e.id).run();
    const [id] = await emit(orgId);
    const { spy } = receiver();
    expect((await consumeAt(new Date(), [id!])).get(id!)).toEqual({ acked: true, retryIn: null });
    expect(spy).not.toHaveBeenCalled();
    expect(await endpointRow(e.id)).toMatchObject({ status: "disabled", disabled_reason: "unsafe_url" });
    expect(await outboxRow(id!)).toMatchObject({ status: "failed" });
  });

  it("410 disables the endpoint; later events skip it", async () => {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId);
    const [id] = await emit(orgId);
    receiver(() => 410);
    await consumeAt(new Date(), [id!]);
    expect(await endpointRow(e.id)).toMatchObject({ status: "disabled", disabled_reason: "gone" });
    expect(await emit(orgId)).toEqual([]);
  });

  it("an endpoint failing for 5 days is disabled and its owners are mailed, in one batch", async () => {
    const { orgId, headers, email } = await orgWithKey();
    const e = await createEndpoint(headers, orgId);
    const [first] = await emit(orgId);
    receiver(() => 503);
    const t0 = Date.parse("2026-11-20T00:00:00Z");
    await consumeAt(new Date(t0), [first!]);
    expect((await endpointRow(e.id))!.failing_since).toBe(new Date(t0).toISOString());
    const [later] = await emit(orgId);
    await consumeAt(new Date(t0 + 5 * 86_400_000 + 1000), [later!]);
    expect(await endpointRow(e.id)).toMatchObject({ status: "disabled", disabled_reason: "failing" });
    const mail = await env.DB.prepare("select kind from outbox where channel = 'mail' and recipient = ?").bind(email).all();
    expect(mail.results).toEqual([{ kind: "webhook_endpoint_disabled" }]);
  });

  it("the test event goes to one endpoint, whatever its types; a disabled endpoint refuses it (409)", async () => {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId, "https://hooks.example.org/in", ["migration.*"]);
    const res = await api(`/orgs/${orgId}/webhook-endpoints/${e.id}/test`, { json: {}, headers });
    expect(res.status).toBe(202);
    const { message_id } = (await res.json()) as { message_id: string };
    const { received } = receiver();
    await consumeAt(new Date(), [message_id]);
    expect(verify(e.secret, received[0]!)).toMatchObject({ type: "webhook.test", data: { object: "webhook_endpoint", id: e.id, version: 1 } });
    expect((await api(`/orgs/${orgId}/webhook-endpoints/${e.id}`, { method: "PATCH", json: { enabled: false }, headers })).status).toBe(200);
    expect((await api(`/orgs/${orgId}/webhook-endpoints/${e.id}/test`, { json: {}, headers })).status).toBe(409);
  });
});

describe("the enqueue path", () => {
  it("puts webhook rows on the webhook queue", async () => {
    const sent: unknown[] = [];
    const ctx = systemContext({ ...env, WEBHOOK_QUEUE: { sendBatch: async (b: unknown[]) => void sent.push(...b) } as unknown as Queue }, "cron");
    const deferred: Promise<unknown>[] = [];
    enqueue({ ...ctx, defer: (p) => void deferred.push(p) }, [{ id: "msg_x", channel: "webhook" }]);
    await Promise.all(deferred);
    expect(sent).toEqual([{ body: { id: "msg_x" } }]);
  });
});

describe("catalogue events", () => {
  it("archiving an offer writes offer.archived for the provider organisation's endpoints in the same batch", async () => {
    const { seed } = await import("../helpers/catalog");
    const { archiveOffer } = await import("../../src/catalog/manage/offers.service");
    const [p] = await seed({ provider: { name: `Host ${crypto.randomUUID().slice(0, 6)}`, website: `https://${crypto.randomUUID().slice(0, 8)}.example.org` }, offers: [{ service: "mailbox", name: "Mail A" }] });
    const org = await orgWithKey("provider", p!.provider_id);
    const e = await createEndpoint(org.headers, org.orgId, "https://hooks.example.org/in", ["offer.archived"]);
    const offer = (await createDb(env.DB).query.offers.findFirst({ where: (o, { eq }) => eq(o.id, p!.offer_ids[0]!) }))!;
    await archiveOffer(systemContext(env, "cli"), org.orgId, offer);
    const rows = (await env.DB.prepare("select id, kind, payload from outbox where channel = 'webhook' and recipient = ?").bind(e.id).all<{ id: string; kind: string; payload: string }>()).results;
    expect(rows.map((r) => r.kind)).toEqual(["offer.archived"]);
    const { received } = receiver();
    await consumeAt(new Date(), [rows[0]!.id]);
    expect(verify(e.secret, received[0]!)).toMatchObject({ type: "offer.archived", data: { object: "offer", id: offer.id, version: offer.version, status: "archived" } });
  });
});
