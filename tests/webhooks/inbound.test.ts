// Inbound webhooks: provider events verified with the organisation's inbound secret (Standard
// Webhooks, 5-minute tolerance), deduplicated, dispatched to the registry; Stripe events verified by
// the real SDK on the raw body and stored once.
import { env, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { registerInboundHandler } from "../../src/webhooks/inbound/registry";
import { purgeRawBodies } from "../../src/webhooks/inbound/receive";
import { systemContext } from "../../src/lib/context";
import { BASE, STEWARD_EMAIL } from "../helpers/http";
import { apiKey, bearer } from "../helpers/people";
import { seed } from "../helpers/catalog";
import { api, orgWithKey } from "./helpers";

const unregister: (() => void)[] = [];
afterEach(() => unregister.splice(0).forEach((u) => u()));

async function providerWithSecret() {
  const [p] = await seed({ provider: { name: `Host ${crypto.randomUUID().slice(0, 6)}`, website: `https://${crypto.randomUUID().slice(0, 8)}.example.org` }, offers: [] });
  const org = await orgWithKey("provider", p!.provider_id);
  const res = await api(`/orgs/${org.orgId}/inbound-webhook-secret`, { json: {}, headers: org.headers });
  expect(res.status).toBe(200);
  const { secret } = (await res.json()) as { secret: string };
  return { ...org, providerId: p!.provider_id, secret };
}

function send(providerId: string, secret: string | null, body: unknown, opts: { id?: string; at?: Date; headers?: Record<string, string> } = {}) {
  const raw = JSON.stringify(body);
  const id = opts.id ?? `msg_${crypto.randomUUID()}`;
  const at = opts.at ?? new Date();
  const signed: Record<string, string> = secret ? { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, raw) } : {};
  return SELF.fetch(`${BASE}/webhooks/providers/${providerId}`, { method: "POST", headers: { "content-type": "application/json", ...signed, ...opts.headers }, body: raw });
}

const stored = (sender: string) => env.DB.prepare("select event_id, type, applied, reason from received_events where sender = ? order by received_at").bind(sender).all().then((r) => r.results);
const TRANSITION = { type: "migration.item.transition", data: { migration_id: "mig_1", item_id: "mit_1", to: "copying", occurred_at: "2026-11-28T10:00:00Z" } };

describe("POST /webhooks/providers/{provider_id}", () => {
  it("a signed event is dispatched to its handler once; its duplicate answers 200 and applies nothing", async () => {
    const p = await providerWithSecret();
    const calls: string[] = [];
    unregister.push(registerInboundHandler("provider", "migration.item.transition", async (_ctx, e) => (calls.push(e.id), { applied: true, reason: null, statements: [] })));
    const first = await send(p.providerId, p.secret, TRANSITION, { id: "msg_dup_1" });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false, applied: true, reason: null });
    const again = await send(p.providerId, p.secret, TRANSITION, { id: "msg_dup_1" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(calls).toEqual(["msg_dup_1"]);
    expect(await stored(p.providerId)).toEqual([{ event_id: "msg_dup_1", type: "migration.item.transition", applied: 1, reason: null }]);
  });

  it("an unregistered type is stored and answered applied: false, unsupported", async () => {
    const p = await providerWithSecret();
    const res = await send(p.providerId, p.secret, { type: "something.else", data: {} });
    expect(await res.json()).toEqual({ received: true, duplicate: false, applied: false, reason: "unsupported" });
  });

  it.each([
    ["forged (another secret)", (s: string) => ({ secret: "whsec_" + btoa("not the provider's key!!"), s })],
    ["unsigned", () => ({ secret: null })],
    ["more than 5 minutes old", () => ({ at: new Date(Date.now() - 6 * 60_000) })],
  ] as const)("%s → 401 problem+json, nothing stored", async (_label, variant) => {
    const p = await providerWithSecret();
    const v = variant(p.secret) as { secret?: string | null; at?: Date };
    const res = await send(p.providerId, v.secret === undefined ? p.secret : v.secret, TRANSITION, { at: v.at });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await stored(p.providerId)).toEqual([]);
  });

  it("a body altered after signing → 401", async () => {
    const p = await providerWithSecret();
    const raw = JSON.stringify(TRANSITION);
    const at = new Date();
    const res = await SELF.fetch(`${BASE}/webhooks/providers/${p.providerId}`, {
      method: "POST",
      headers: { "webhook-id": "msg_alt", "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(p.secret).sign("msg_alt", at, raw) },
      body: raw.replace("copying", "done"),
    });
    expect(res.status).toBe(401);
  });

  it("another provider's secret does not verify, and an unknown provider answers the same 401", async () => {
    const p = await providerWithSecret();
    const q = await providerWithSecret();
    expect((await send(p.providerId, q.secret, TRANSITION)).status).toBe(401);
    expect((await send("prv_nobody", p.secret, TRANSITION)).status).toBe(401);
  });

  it("rotating the inbound secret: the old one still verifies (24 h), the new one too", async () => {
    const p = await providerWithSecret();
    const res = await api(`/orgs/${p.orgId}/inbound-webhook-secret`, { json: {}, headers: p.headers });
    const { secret } = (await res.json()) as { secret: string };
    expect(secret).not.toBe(p.secret);
    expect((await send(p.providerId, p.secret, TRANSITION)).status).toBe(200);
    expect((await send(p.providerId, secret, TRANSITION)).status).toBe(200);
  });

  it("a member organisation gets no inbound secret (409)", async () => {
    const m = await orgWithKey("member");
    expect((await api(`/orgs/${m.orgId}/inbound-webhook-secret`, { json: {}, headers: m.headers })).status).toBe(409);
  });
});

describe("POST /webhooks/stripe", () => {
  const secret = "whsec_test_stripe_secret_0123456789";
  const post = (payload: string, header: string) => SELF.fetch(`${BASE}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload });

  it("verifies an event signed with generateTestHeaderStringAsync; its duplicate is stored once", async () => {
    const id = `evt_${crypto.randomUUID().replaceAll("-", "")}`;
    const payload = JSON.stringify({ id, object: "event", type: "invoice.paid", api_version: "2025-01-01", created: 1, data: { object: { id: "in_1", object: "invoice" } }, livemode: false, pending_webhooks: 1, request: null });
    const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, cryptoProvider: Stripe.createSubtleCryptoProvider() });
    const first = await post(payload, header);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false, applied: false, reason: "unsupported" });
    const again = await post(payload, header);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await env.DB.prepare("select count(*) as n from received_events where source = 'stripe' and event_id = ?").bind(id).first("n")).toBe(1);

    const list = (await (await SELF.fetch(`${BASE}/api/v1/webhook-events/received?source=stripe`, { headers: bearer(await apiKey({ email: STEWARD_EMAIL, scopes: ["outbox:manage"] })) })).json()) as { items: { event_id: string }[] };
    expect(list.items.map((i) => i.event_id)).toContain(id);
  });

  it("a forged or missing signature → 401 problem+json, nothing stored", async () => {
    const payload = JSON.stringify({ id: "evt_forged", object: "event", type: "invoice.paid", data: { object: {} } });
    const forged = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: "whsec_another", cryptoProvider: Stripe.createSubtleCryptoProvider() });
    const res = await post(payload, forged);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await SELF.fetch(`${BASE}/webhooks/stripe`, { method: "POST", body: payload })).status).toBe(401);
    expect(await env.DB.prepare("select count(*) as n from received_events where event_id = 'evt_forged'").first("n")).toBe(0);
  });
});

describe("raw bodies", () => {
  it("are purged after 30 days; the record stays", async () => {
    await env.DB.prepare("insert into received_events (id, source, sender, event_id, type, received_at, raw_body) values ('rcv_old', 'stripe', 'stripe', 'evt_old', 't', '2026-01-01T00:00:00Z', '{}'), ('rcv_new', 'stripe', 'stripe', 'evt_new', 't', '2026-11-27T00:00:00Z', '{}')").run();
    const n = await purgeRawBodies(systemContext(env, "cron", { now: () => new Date("2026-11-28T00:00:00Z") }));
    expect(n).toBeGreaterThanOrEqual(1);
    const rows = (await env.DB.prepare("select id, raw_body from received_events where id in ('rcv_old', 'rcv_new') order by id").all()).results;
    expect(rows).toEqual([{ id: "rcv_new", raw_body: "{}" }, { id: "rcv_old", raw_body: null }]);
  });
});
