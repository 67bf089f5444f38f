// An organisation's webhook endpoints: register (the secret shown once), list, update, enable or
// disable, delete, rotate the secret (the old one signs alongside for 24 hours), send a test
// event, list failed messages and replay them. Every write is one batch with its audit row.
import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { z } from "zod";
import { auditInsert } from "../../accounts/audit";
import { outbox, webhookAttempts, webhookEndpoints, type WebhookEndpointRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { AppError } from "../../lib/problem";
import { enqueue } from "../../outbox/write";
import { validPattern } from "../events";
import { newSecret, rotated } from "../secrets";
import { hostName, resolveHost, resolvedProblem, resolverOf, type ResolvedProblem } from "../resolve";
import { urlProblem, type UrlProblem } from "../urls";
import { ownHosts } from "./channel";
import { webhookMessageInsert } from "./emit";

/** Why a URL is refused: by its text (./urls), by where its name resolves (../resolve), or because the lookup failed. */
export type UrlRefusal = UrlProblem | ResolvedProblem | "dns_failed";

const URL_MESSAGES: Record<UrlRefusal, string> = {
  invalid: "Not a URL",
  not_https: "The URL must be https (plain http only to localhost, in development)",
  credentials: "The URL must not carry a user name or password",
  private_address: "The URL must not point to a private, loopback, link-local or reserved address",
  local_name: "The URL must name a public host (not localhost, .local, .internal or a single label)",
  own_host: "The URL must not point to Chatière itself",
  resolves_private: "The URL's host name resolves to a private, loopback, link-local or reserved address",
  unresolvable: "The URL's host name does not resolve to any address",
  dns_failed: "The URL's host name could not be checked just now (DNS lookup failed): try again in a moment",
};

/** A refused URL, naming the field `url`; pages translate it by `refusal`. */
export class UrlRefused extends AppError {
  constructor(readonly refusal: UrlRefusal) {
    super("VALIDATION_FAILED", URL_MESSAGES[refusal], [{ field: "url", message: URL_MESSAGES[refusal] }]);
  }
}

export const endpointInputSchema = z.object({
  url: z.string().max(2000),
  description: z.string().max(500).default(""),
  event_types: z.array(z.string().max(100).refine(validPattern, "Unknown event type or wildcard")).min(1).max(50),
});
export const endpointPatchSchema = endpointInputSchema.partial().extend({ enabled: z.boolean().optional() });
export type EndpointInput = z.infer<typeof endpointInputSchema>;
export type EndpointPatch = z.infer<typeof endpointPatchSchema>;

/** Why `url` may not receive webhooks, or null. The text first, then (resolver on) where its host name leads. */
export async function urlRefusal(ctx: Pick<ServiceContext, "settings" | "origin">, url: string): Promise<{ refusal: UrlRefusal; detail?: string } | null> {
  const problem = urlProblem(url, { environment: ctx.settings.ENVIRONMENT, ownHosts: ownHosts(ctx) });
  if (problem) return { refusal: problem };
  const resolver = resolverOf(ctx.settings.WEBHOOK_DNS_RESOLVER);
  const name = hostName(url);
  if (!resolver || !name || (ctx.settings.ENVIRONMENT === "development" && name === "localhost")) return null;
  const res = await resolveHost(name, resolver);
  if (!res.ok) return res.nxdomain ? { refusal: "unresolvable", detail: res.error } : { refusal: "dns_failed", detail: res.error };
  const resolved = resolvedProblem(res, ownHosts(ctx));
  return resolved ? { refusal: resolved, detail: res.addresses.join(", ") } : null;
}

export async function checkUrl(ctx: ServiceContext, url: string): Promise<void> {
  const refused = await urlRefusal(ctx, url);
  if (refused) throw new UrlRefused(refused.refusal);
}

export function endpointDto(e: WebhookEndpointRow, now: Date) {
  return {
    id: e.id,
    org_id: e.orgId,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    status: e.status,
    disabled_reason: e.disabledReason,
    disabled_at: e.disabledAt,
    failing_since: e.failingSince,
    previous_secret_expires_at: e.previousSecretExpiresAt && e.previousSecretExpiresAt > now.toISOString() ? e.previousSecretExpiresAt : null,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

export async function createEndpoint(ctx: ServiceContext, orgId: string, input: EndpointInput) {
  await checkUrl(ctx, input.url);
  const id = newId("whe");
  const secret = newSecret();
  const at = ctx.now().toISOString();
  const [rows] = await ctx.db.batch([
    ctx.db.insert(webhookEndpoints).values({ id, orgId, url: input.url, description: input.description, eventTypes: [...new Set(input.event_types)], secret, createdAt: at, updatedAt: at }).returning(),
    auditInsert(ctx, { action: "webhook.endpoint.create", subjectType: "webhook_endpoint", subjectId: id, orgId, detail: { url: input.url, event_types: input.event_types } }),
  ]);
  return { endpoint: rows[0]!, secret };
}

export const listEndpoints = (ctx: ServiceContext, orgId: string) =>
  ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(desc(webhookEndpoints.createdAt), webhookEndpoints.id);

export async function endpointOf(ctx: ServiceContext, orgId: string, id: string): Promise<WebhookEndpointRow> {
  const e = await ctx.db.query.webhookEndpoints.findFirst({ where: and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.orgId, orgId)) });
  if (!e) throw new AppError("NOT_FOUND", `No webhook endpoint ${id} in organisation ${orgId}`);
  return e;
}

export async function updateEndpoint(ctx: ServiceContext, orgId: string, id: string, patch: EndpointPatch) {
  const before = await endpointOf(ctx, orgId, id);
  if (patch.url !== undefined) await checkUrl(ctx, patch.url);
  const at = ctx.now().toISOString();
  const status: "enabled" | "disabled" | undefined = patch.enabled === undefined ? undefined : patch.enabled ? "enabled" : "disabled";
  const change: Partial<typeof webhookEndpoints.$inferInsert> = {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.event_types !== undefined ? { eventTypes: [...new Set(patch.event_types)] } : {}),
    ...(status === "enabled" && before.status !== "enabled" ? { status, disabledReason: null, disabledAt: null, failingSince: null } : {}),
    ...(status === "disabled" && before.status !== "disabled" ? { status, disabledReason: "manual", disabledAt: at } : {}),
    updatedAt: at,
  };
  const [rows] = await ctx.db.batch([
    ctx.db.update(webhookEndpoints).set(change).where(eq(webhookEndpoints.id, id)).returning(),
    auditInsert(ctx, { action: "webhook.endpoint.update", subjectType: "webhook_endpoint", subjectId: id, orgId, detail: { fields: Object.keys(patch) } }),
  ]);
  return rows[0]!;
}

export async function deleteEndpoint(ctx: ServiceContext, orgId: string, id: string) {
  await endpointOf(ctx, orgId, id);
  await ctx.db.batch([
    // Its pending messages can go nowhere now: failed, saying why.
    ctx.db.update(outbox).set({ status: "failed", lastError: "the endpoint was deleted", updatedAt: ctx.now().toISOString() }).where(and(eq(outbox.channel, "webhook"), eq(outbox.recipient, id), eq(outbox.status, "pending"))),
    ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
    auditInsert(ctx, { action: "webhook.endpoint.delete", subjectType: "webhook_endpoint", subjectId: id, orgId, detail: {} }),
  ]);
}

export async function rotateEndpointSecret(ctx: ServiceContext, orgId: string, id: string) {
  const e = await endpointOf(ctx, orgId, id);
  const next = rotated(e.secret, ctx.now());
  await ctx.db.batch([
    ctx.db.update(webhookEndpoints).set({ ...next, updatedAt: ctx.now().toISOString() }).where(eq(webhookEndpoints.id, id)),
    auditInsert(ctx, { action: "webhook.endpoint.rotate", subjectType: "webhook_endpoint", subjectId: id, orgId, detail: { previous_expires_at: next.previousSecretExpiresAt } }),
  ]);
  return { secret: next.secret, previous_secret_expires_at: next.previousSecretExpiresAt! };
}

/** A `webhook.test` event to this endpoint alone, whatever its event types. */
export async function sendTestEvent(ctx: ServiceContext, orgId: string, id: string) {
  const e = await endpointOf(ctx, orgId, id);
  if (e.status !== "enabled") throw new AppError("CONFLICT", `Endpoint ${id} is disabled: enable it first`);
  const now = ctx.now();
  const message = webhookMessageInsert(ctx.db, id, "webhook.test", { type: "webhook_endpoint", id, version: 1 }, { message: "Test event from Chatière" }, now);
  await ctx.db.batch([message.query, auditInsert(ctx, { action: "webhook.endpoint.test", subjectType: "webhook_endpoint", subjectId: id, orgId, detail: { message_id: message.id } })]);
  enqueue(ctx, [message]);
  return message.id;
}

/** The organisation's messages that failed (newest first), with their last attempt. */
export async function failedMessages(ctx: ServiceContext, orgId: string, limit = 100) {
  const ids = (await listEndpoints(ctx, orgId)).map((e) => e.id);
  if (!ids.length) return [];
  const rows = await ctx.db
    .select({ id: outbox.id, endpointId: outbox.recipient, type: outbox.kind, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt, updatedAt: outbox.updatedAt })
    .from(outbox)
    .where(and(eq(outbox.channel, "webhook"), eq(outbox.status, "failed"), inArray(outbox.recipient, ids)))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
  return rows;
}

export const attemptsOf = (ctx: ServiceContext, messageId: string) =>
  ctx.db.select().from(webhookAttempts).where(eq(webhookAttempts.messageId, messageId)).orderBy(webhookAttempts.attemptedAt);

/** Replays one failed message, or every failed one created since an instant: pending again, queued. */
export async function replay(ctx: ServiceContext, orgId: string, which: { messageId: string } | { since: string }) {
  const ids = (await listEndpoints(ctx, orgId)).map((e) => e.id);
  if (!ids.length) return [];
  const scope = and(eq(outbox.channel, "webhook"), eq(outbox.status, "failed"), inArray(outbox.recipient, ids), "messageId" in which ? eq(outbox.id, which.messageId) : gte(outbox.createdAt, which.since));
  const targets = await ctx.db.select({ id: outbox.id }).from(outbox).where(scope);
  if ("messageId" in which && !targets.length) throw new AppError("NOT_FOUND", `No failed webhook message ${which.messageId} in organisation ${orgId}`);
  if (!targets.length) return [];
  const list = targets.map((t) => t.id);
  const [reset] = await ctx.db.batch([
    ctx.db.update(outbox).set({ status: "pending", attempts: 0, lastError: null, updatedAt: ctx.now().toISOString() }).where(and(inArray(outbox.id, list), eq(outbox.status, "failed"))).returning({ id: outbox.id }),
    auditInsert(ctx, { action: "webhook.replay", subjectType: "organisation", subjectId: orgId, orgId, detail: { messages: list.length, ...which } }),
  ]);
  enqueue(ctx, reset.map((r) => ({ id: r.id, channel: "webhook" })));
  return reset.map((r) => r.id);
}

/** The last `per` attempts of each endpoint (newest first), for the organisation's page. */
export async function recentAttempts(ctx: ServiceContext, endpointIds: string[], per = 5) {
  const out = new Map<string, (typeof webhookAttempts.$inferSelect)[]>();
  for (const id of endpointIds) {
    out.set(id, await ctx.db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, id)).orderBy(desc(webhookAttempts.attemptedAt), desc(webhookAttempts.id)).limit(per));
  }
  return out;
}
