// Webhook tests: an organisation with a key, the outbox consumer run on a virtual clock, and a
// receiver (fetch spied) that verifies our signatures with the standardwebhooks library.
import { createMessageBatch, env, SELF } from "cloudflare:test";
import { vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { systemContext } from "../../src/lib/context";
import type { OutboxJob } from "../../src/outbox/channel";
import { consumeOutbox } from "../../src/outbox/consumer";
import { BASE } from "../helpers/http";
import { apiKey, bearer, makeOrg } from "../helpers/people";

let n = 0;
export async function orgWithKey(kind: "member" | "provider" = "member", providerId?: string) {
  const email = `owner-${++n}-${crypto.randomUUID().slice(0, 6)}@hooks.test`;
  const orgId = await makeOrg({ kind, members: [{ email, role: "owner" }], providerId });
  const key = await apiKey({ email, orgId, scopes: ["webhooks:manage"] });
  return { orgId, email, headers: bearer(key) };
}

export function api(path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  return SELF.fetch(`${BASE}/api/v1${path}`, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json", ...init.headers },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

export async function createEndpoint(headers: Record<string, string>, orgId: string, url = "https://hooks.receiver.example.org/in", eventTypes = ["*"]) {
  const res = await api(`/orgs/${orgId}/webhook-endpoints`, { json: { url, event_types: eventTypes, description: "test" }, headers });
  if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; secret: string };
}

/** Runs the webhook queue's consumer on ids at a virtual instant; returns each message's fate. */
export async function consumeAt(now: Date, ids: string[], extraEnv: Record<string, string> = {}, attempts = 1) {
  const batch = createMessageBatch<OutboxJob>("chatiere-webhooks", ids.map((id, i) => ({ id: `q${i}-${id}-${now.getTime()}`, timestamp: now, attempts, body: { id } })));
  const fates = new Map<string, { acked: boolean; retryIn: number | null }>();
  for (const m of batch.messages) {
    const id = m.body.id;
    m.ack = () => void fates.set(id, { acked: true, retryIn: null });
    m.retry = (o) => void fates.set(id, { acked: false, retryIn: o?.delaySeconds ?? 0 });
  }
  await consumeOutbox(batch, systemContext({ ...env, ENVIRONMENT: "production", ...extraEnv } as typeof env, "queue", { now: () => now, defer: () => {} }));
  return fates;
}

export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Spies on fetch: each POST is recorded, and `answer` decides the status. */
export function receiver(answer: (r: Received, i: number) => number | Promise<number> = () => 200) {
  const received: Received[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const r = { url: req.url, headers: Object.fromEntries(req.headers), body: await req.text() };
    received.push(r);
    const status = await answer(r, received.length - 1);
    return new Response(status === 204 ? null : `status ${status}`, { status });
  });
  return { received, spy };
}

/** Verifies a received request as a receiver would, with the standardwebhooks library. */
export function verify(secret: string, r: Received) {
  return new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

export const outboxRow = (id: string) => env.DB.prepare("select id, status, attempts, last_error, recipient, kind from outbox where id = ?").bind(id).first<{ id: string; status: string; attempts: number; last_error: string | null; recipient: string; kind: string }>();
export const attemptsOf = (id: string) => env.DB.prepare("select status_code, ok, response, error, duration_ms from webhook_attempts where message_id = ? order by attempted_at, rowid").bind(id).all<{ status_code: number | null; ok: number; response: string | null; error: string | null; duration_ms: number }>().then((r) => r.results);
export const endpointRow = (id: string) => env.DB.prepare("select status, disabled_reason, failing_since from webhook_endpoints where id = ?").bind(id).first<{ status: string; disabled_reason: string | null; failing_since: string | null }>();
