// Webhook endpoints by API: an organisation's owners/admins (session), its key with
// `webhooks:manage`, or stewards. Plus the provider's inbound secret and, for stewards, the events
// received. The event types themselves are documented in the OpenAPI document's `webhooks`.
import { createRoute, z } from "@hono/zod-openapi";
import { allow, orgParam } from "../accounts/guard";
import { access, createRouter, problems } from "../lib/openapi";
import { AppError } from "../lib/problem";
import { listReceived, issueInboundSecret } from "./inbound/receive";
import { createEndpoint, deleteEndpoint, endpointDto, endpointInputSchema, endpointPatchSchema, failedMessages, listEndpoints, replay, rotateEndpointSecret, sendTestEvent, updateEndpoint } from "./outbound/endpoints.service";
import { organisations } from "../db/schema";
import { eq } from "drizzle-orm";

const ACCESS = "Access: signed-in owner or admin of the organisation (session), its API key with `webhooks:manage`, or a steward.";
const security = [{ session: [] }, { apiKey: ["webhooks:manage"] }] as Record<string, string[]>[];
const guard = allow("webhooks.manage", orgParam);
const orgId = z.string().min(1).max(64).openapi({ param: { name: "orgId", in: "path" }, example: "org_0123456789abcdef" });
const endpointId = z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "whe_0123456789abcdef" });

const endpointSchema = z
  .object({
    id: z.string(),
    org_id: z.string(),
    url: z.string(),
    description: z.string(),
    event_types: z.array(z.string()),
    status: z.enum(["enabled", "disabled"]),
    disabled_reason: z.string().nullable(),
    disabled_at: z.string().nullable(),
    failing_since: z.string().nullable(),
    previous_secret_expires_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("WebhookEndpoint");
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 429: problems[429] };

const create = createRoute({
  method: "post", path: "/orgs/{orgId}/webhook-endpoints", tags: ["Webhooks"], summary: "Register a webhook endpoint",
  description: `${ACCESS} https only, never a private, loopback or link-local address nor Chatière's own host. Answers the signing secret (\`whsec_…\`) this once.`,
  security, middleware: [guard], request: { params: z.object({ orgId }), ...body(endpointInputSchema) },
  responses: { 201: json(endpointSchema.extend({ secret: z.string() }).openapi("WebhookEndpointCreated"), "Registered; `secret` is never shown again"), ...errors },
});
const list = createRoute({
  method: "get", path: "/orgs/{orgId}/webhook-endpoints", tags: ["Webhooks"], summary: "List the organisation's webhook endpoints",
  description: `${ACCESS} Secrets are never listed.`, security, middleware: [guard], request: { params: z.object({ orgId }) },
  responses: { 200: json(z.object({ items: z.array(endpointSchema) }), "The endpoints"), ...errors },
});
const update = createRoute({
  method: "patch", path: "/orgs/{orgId}/webhook-endpoints/{id}", tags: ["Webhooks"], summary: "Change, enable or disable an endpoint",
  description: `${ACCESS} \`enabled: false\` disables it (reason \`manual\`); \`enabled: true\` enables it again and forgets its failures.`,
  security, middleware: [guard], request: { params: z.object({ orgId, id: endpointId }), ...body(endpointPatchSchema) },
  responses: { 200: json(endpointSchema, "The endpoint"), ...errors },
});
const remove = createRoute({
  method: "delete", path: "/orgs/{orgId}/webhook-endpoints/{id}", tags: ["Webhooks"], summary: "Delete an endpoint",
  description: `${ACCESS} Its pending messages end failed.`, security, middleware: [guard], request: { params: z.object({ orgId, id: endpointId }) },
  responses: { 204: { description: "Deleted" }, ...errors },
});
const rotate = createRoute({
  method: "post", path: "/orgs/{orgId}/webhook-endpoints/{id}/rotate", tags: ["Webhooks"], summary: "Rotate the signing secret",
  description: `${ACCESS} Answers the new secret once; for 24 hours every message carries two signatures in \`webhook-signature\`, the new secret's and the old one's.`,
  security, middleware: [guard], request: { params: z.object({ orgId, id: endpointId }) },
  responses: { 200: json(z.object({ secret: z.string(), previous_secret_expires_at: z.string() }), "The new secret"), ...errors },
});
const test = createRoute({
  method: "post", path: "/orgs/{orgId}/webhook-endpoints/{id}/test", tags: ["Webhooks"], summary: "Send a `webhook.test` event",
  description: `${ACCESS}`, security, middleware: [guard], request: { params: z.object({ orgId, id: endpointId }) },
  responses: { 202: json(z.object({ message_id: z.string() }), "Queued"), 409: problems[409], ...errors },
});
const failed = createRoute({
  method: "get", path: "/orgs/{orgId}/webhook-messages", tags: ["Webhooks"], summary: "Failed messages of the organisation's endpoints",
  description: `${ACCESS} Newest first, at most 100.`, security, middleware: [guard], request: { params: z.object({ orgId }) },
  responses: {
    200: json(z.object({ items: z.array(z.object({ id: z.string(), endpoint_id: z.string(), type: z.string(), attempts: z.number().int(), last_error: z.string().nullable(), created_at: z.string() })) }), "Failed messages"),
    ...errors,
  },
});
const replaySchema = z.union([z.object({ message_id: z.string().min(1).max(64) }).strict(), z.object({ since: z.iso.datetime() }).strict()]);
const replayRoute = createRoute({
  method: "post", path: "/orgs/{orgId}/webhook-messages/replay", tags: ["Webhooks"], summary: "Replay one failed message, or all since an instant",
  description: `${ACCESS} Body \`{"message_id"}\` or \`{"since": "2026-11-28T00:00:00Z"}\`. The message keeps its \`webhook-id\`.`,
  security, middleware: [guard], request: { params: z.object({ orgId }), ...body(replaySchema) },
  responses: { 202: json(z.object({ replayed: z.array(z.string()) }), "Queued again"), ...errors },
});
const inboundSecret = createRoute({
  method: "post", path: "/orgs/{orgId}/inbound-webhook-secret", tags: ["Webhooks"], summary: "Get (or rotate) the secret that signs the provider's events to Chatière",
  description: `${ACCESS} Provider organisations only. Answers \`{"secret"}\` once; calling again rotates it, the old one still verifying for 24 hours.`,
  security, middleware: [guard], request: { params: z.object({ orgId }) },
  responses: { 200: json(z.object({ secret: z.string() }), "The secret"), 409: problems[409], ...errors },
});
const received = createRoute({
  method: "get", path: "/webhook-events/received", tags: ["Webhooks"], summary: "Events received from Stripe and providers",
  description: "Access: steward (session, or API key with `outbox:manage`). Newest first; raw bodies are not listed.",
  security: access.steward("outbox:manage"), middleware: [allow("outbox.manage")],
  request: { query: z.object({ source: z.enum(["stripe", "provider"]).optional(), before: z.iso.datetime().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: json(z.object({ items: z.array(z.object({ id: z.string(), source: z.string(), sender: z.string(), event_id: z.string(), type: z.string(), received_at: z.string(), applied: z.boolean(), reason: z.string().nullable() })) }), "Received events"),
    400: problems[400], 401: problems[401], 403: problems[403], 429: problems[429],
  },
});

export const webhooksApi = createRouter()
  .openapi(create, async (c) => {
    const { orgId } = c.req.valid("param");
    const { endpoint, secret } = await createEndpoint(c.var.ctx, orgId, c.req.valid("json"));
    return c.json({ ...endpointDto(endpoint, c.var.ctx.now()), secret }, 201);
  })
  .openapi(list, async (c) => {
    const now = c.var.ctx.now();
    return c.json({ items: (await listEndpoints(c.var.ctx, c.req.valid("param").orgId)).map((e) => endpointDto(e, now)) }, 200);
  })
  .openapi(update, async (c) => {
    const { orgId, id } = c.req.valid("param");
    return c.json(endpointDto(await updateEndpoint(c.var.ctx, orgId, id, c.req.valid("json")), c.var.ctx.now()), 200);
  })
  .openapi(remove, async (c) => {
    const { orgId, id } = c.req.valid("param");
    await deleteEndpoint(c.var.ctx, orgId, id);
    return c.body(null, 204);
  })
  .openapi(rotate, async (c) => {
    const { orgId, id } = c.req.valid("param");
    return c.json(await rotateEndpointSecret(c.var.ctx, orgId, id), 200);
  })
  .openapi(test, async (c) => {
    const { orgId, id } = c.req.valid("param");
    return c.json({ message_id: await sendTestEvent(c.var.ctx, orgId, id) }, 202);
  })
  .openapi(failed, async (c) => {
    const rows = await failedMessages(c.var.ctx, c.req.valid("param").orgId);
    return c.json({ items: rows.map((r) => ({ id: r.id, endpoint_id: r.endpointId, type: r.type, attempts: r.attempts, last_error: r.lastError, created_at: r.createdAt })) }, 200);
  })
  .openapi(replayRoute, async (c) => {
    const { orgId } = c.req.valid("param");
    const b = c.req.valid("json");
    return c.json({ replayed: await replay(c.var.ctx, orgId, "message_id" in b ? { messageId: b.message_id } : { since: new Date(b.since).toISOString() }) }, 202);
  })
  .openapi(inboundSecret, async (c) => {
    const { orgId } = c.req.valid("param");
    const org = await c.var.db.query.organisations.findFirst({ where: eq(organisations.id, orgId) });
    if (!org) throw new AppError("NOT_FOUND", `No organisation ${orgId}`);
    if (org.kind !== "provider") throw new AppError("CONFLICT", "Only provider organisations send events to Chatière");
    return c.json({ secret: await issueInboundSecret(c.var.ctx, orgId) }, 200);
  })
  .openapi(received, async (c) => {
    const rows = await listReceived(c.var.ctx, c.req.valid("query"));
    return c.json({ items: rows.map((r) => ({ id: r.id, source: r.source, sender: r.sender, event_id: r.eventId, type: r.type, received_at: r.receivedAt, applied: r.applied, reason: r.reason })) }, 200);
  });
