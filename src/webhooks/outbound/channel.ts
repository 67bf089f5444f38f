// Webhooks as a channel of the outbox (src/outbox/channels.ts): one outbox row per (event,
// endpoint), its id the `webhook-id` (stable across retries). Each delivery re-checks the URL,
// signs the stored body with every secret in force, POSTs it with a 15-second timeout, and records
// the attempt. 2xx: delivered. 410: the endpoint is disabled. Anything else: retried on
// WEBHOOK_RETRY_SCHEDULE; an endpoint failing for 5 days is disabled and its owners mailed.
import { and, eq, isNull } from "drizzle-orm";
import { retrySchedule } from "../../env";
import { memberships, organisations, users, webhookAttempts, webhookEndpoints, type OutboxRow, type WebhookEndpointRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import type { DeliveryOutcome, OutboxChannel } from "../../outbox/channel";
import { secretsInForce, signedHeaders } from "../secrets";
import { hostName, resolveHost, resolvedProblem, resolverOf } from "../resolve";
import { urlProblem } from "../urls";

export const WEBHOOK_TIMEOUT_MS = 15_000;
export const FAILING_DAYS_BEFORE_DISABLE = 5;
const RESPONSE_KEPT = 1024;

export interface WebhookPayload {
  endpoint_id: string;
  type: string;
  body: string;
}

export function asWebhookPayload(row: OutboxRow): WebhookPayload | null {
  const p = row.payload as Partial<WebhookPayload>;
  return typeof p.endpoint_id === "string" && typeof p.type === "string" && typeof p.body === "string" ? (p as WebhookPayload) : null;
}

/** Our own hosts: never a target. */
export function ownHosts(ctx: Pick<ServiceContext, "settings" | "origin">): string[] {
  return [ctx.settings.PUBLIC_ORIGIN, ctx.origin].filter((o): o is string => !!o).map((o) => new URL(o).hostname);
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number | null; text: string | null; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Chatiere-Webhooks/1", ...headers },
      body,
      redirect: "manual", // a redirect could lead anywhere, private addresses included: it counts as a failure
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    let text: string | null = null;
    try {
      text = (await res.text()).slice(0, RESPONSE_KEPT);
    } catch {
      text = null;
    }
    return { status: res.status, text, error: null };
  } catch (err) {
    const name = (err as { name?: string }).name;
    return { status: null, text: null, error: name === "TimeoutError" || name === "AbortError" ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : String(err).slice(0, 300) };
  }
}

export async function deliverWebhook(row: OutboxRow, ctx: ServiceContext): Promise<DeliveryOutcome> {
  const payload = asWebhookPayload(row);
  if (!payload) return { ok: false, retry: false, error: "not a webhook row: the payload lacks endpoint_id, type or body" };
  const endpoint = await ctx.db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, payload.endpoint_id) });
  if (!endpoint) return { ok: false, retry: false, error: "the endpoint was deleted" };
  if (endpoint.status !== "enabled") return { ok: false, retry: false, error: `the endpoint is disabled (${endpoint.disabledReason ?? "manual"})` };
  const now = ctx.now();
  const at = now.toISOString();
  const unsafe = urlProblem(endpoint.url, { environment: ctx.settings.ENVIRONMENT, ownHosts: ownHosts(ctx) });
  if (unsafe) {
    await recordAttempt(ctx, row.id, endpoint, at, { status: null, text: null, error: `refused URL: ${unsafe}` }, 0, false);
    await disable(ctx, endpoint.id, "unsafe_url");
    return { ok: false, retry: false, error: `the endpoint's URL is refused (${unsafe}); the endpoint is disabled` };
  }
  // Where the name leads now (it may have changed since registration): a private answer disables the
  // endpoint; a lookup that fails is retried like any failed delivery, never taken for a pass.
  const resolver = resolverOf(ctx.settings.WEBHOOK_DNS_RESOLVER);
  const name = hostName(endpoint.url);
  if (resolver && name && !(ctx.settings.ENVIRONMENT === "development" && name === "localhost")) {
    const res = await resolveHost(name, resolver);
    if (!res.ok && !res.nxdomain) {
      await recordAttempt(ctx, row.id, endpoint, at, { status: null, text: null, error: res.error }, 0, false);
      return { ok: false, retry: true, error: res.error };
    }
    const resolved = res.ok ? resolvedProblem(res, ownHosts(ctx)) : "unresolvable";
    if (resolved === "resolves_private" || resolved === "own_host") {
      const error = `refused URL: ${resolved}${res.ok ? ` (${res.addresses.join(", ")})` : ""}`;
      await recordAttempt(ctx, row.id, endpoint, at, { status: null, text: null, error }, 0, false);
      await disable(ctx, endpoint.id, "unsafe_url");
      return { ok: false, retry: false, error: `the endpoint's host name resolves to a refused address (${resolved}); the endpoint is disabled` };
    }
    // A name that no longer resolves is the receiver's failure: the fetch below fails and is retried.
  }
  const headers = signedHeaders(secretsInForce(endpoint, now), row.id, now, payload.body);
  const started = Date.now();
  const answer = await post(endpoint.url, headers, payload.body);
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  await recordAttempt(ctx, row.id, endpoint, at, answer, Date.now() - started, ok);
  if (ok) {
    if (endpoint.failingSince) await ctx.db.update(webhookEndpoints).set({ failingSince: null, updatedAt: at }).where(eq(webhookEndpoints.id, endpoint.id));
    return { ok: true };
  }
  const error = answer.error ?? `HTTP ${answer.status}`;
  if (answer.status === 410) {
    await disable(ctx, endpoint.id, "gone");
    return { ok: false, retry: false, error: "HTTP 410: the endpoint is gone and now disabled" };
  }
  const since = endpoint.failingSince ?? at;
  if (!endpoint.failingSince) await ctx.db.update(webhookEndpoints).set({ failingSince: at }).where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)));
  if (now.getTime() - Date.parse(since) >= FAILING_DAYS_BEFORE_DISABLE * 86_400_000) {
    await disableForFailures(ctx, endpoint, since);
    return { ok: false, retry: false, error: `${error}; failing since ${since}: the endpoint is disabled` };
  }
  return { ok: false, retry: true, error };
}

function recordAttempt(ctx: ServiceContext, messageId: string, endpoint: WebhookEndpointRow, at: string, answer: { status: number | null; text: string | null; error: string | null }, durationMs: number, ok: boolean) {
  return ctx.db.insert(webhookAttempts).values({ id: newId("wha"), messageId, endpointId: endpoint.id, attemptedAt: at, statusCode: answer.status, durationMs, response: answer.text, error: answer.error, ok });
}

function disable(ctx: ServiceContext, id: string, reason: string) {
  const at = ctx.now().toISOString();
  return ctx.db.update(webhookEndpoints).set({ status: "disabled", disabledReason: reason, disabledAt: at, updatedAt: at }).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.status, "enabled")));
}

/** Disables the endpoint and mails its organisation's owners, in one batch (then the mail is queued). */
async function disableForFailures(ctx: ServiceContext, endpoint: WebhookEndpointRow, since: string) {
  // Imported when needed: the mail writer reaches the channel registry, which imports this file.
  const [{ mailInsert }, { enqueue }, { translator }] = await Promise.all([import("../../mail/outbox"), import("../../outbox/write"), import("../../../web/i18n")]);
  const owners = await ctx.db
    .select({ email: users.email, lang: organisations.language })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.orgId, endpoint.orgId), eq(memberships.role, "owner")));
  const at = ctx.now().toISOString();
  const mails = owners.map((o) => {
    const t = translator(o.lang);
    const subject = t("webhooks.mail.disabled.subject", { url: endpoint.url });
    const text = t("webhooks.mail.disabled.body", { url: endpoint.url, since: since.slice(0, 16).replace("T", " ") + " UTC" });
    const html = `<p>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
    return mailInsert(ctx.db, { kind: "webhook_endpoint_disabled", to: o.email, lang: o.lang, subject, text, html });
  });
  await ctx.db.batch([
    ctx.db.update(webhookEndpoints).set({ status: "disabled", disabledReason: "failing", disabledAt: at, updatedAt: at }).where(eq(webhookEndpoints.id, endpoint.id)),
    ...mails.map((m) => m.query),
  ]);
  enqueue(ctx, mails);
}

export const webhookChannel: OutboxChannel = {
  name: "webhook",
  queue: "chatiere-webhooks",
  deadLetterQueue: "chatiere-webhooks-dlq",
  producer: (env) => env.WEBHOOK_QUEUE,
  deliver: deliverWebhook,
  retryDelaySeconds(deliveries, ctx) {
    const schedule = retrySchedule(ctx.settings.WEBHOOK_RETRY_SCHEDULE) ?? [];
    return deliveries < schedule.length ? schedule[deliveries]! : null;
  },
};
