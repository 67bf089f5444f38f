// Steward API for the outbox: failed outgoing messages of every channel, and their retry.
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../accounts/guard";
import { access, createRouter, problems } from "../lib/openapi";
import { listOutbox, outboxFiltersSchema, retryError, retryOutbox } from "./steward";

const outboxItemSchema = z
  .object({
    id: z.string().openapi({ example: "msg_0123456789abcdef" }),
    channel: z.string().openapi({ example: "mail" }),
    kind: z.string().openapi({ example: "sign_in_link" }),
    recipient: z.string(),
    status: z.enum(["pending", "sent", "failed"]),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    sent_at: z.string().nullable(),
  })
  .openapi("OutboxMessage");

const listRoute = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["Outbox"],
  summary: "List outgoing messages by status (failed by default), per channel",
  description:
    "Access: steward (session, or API key with `outbox:manage`). Most recently touched first; follow `next_cursor` (null on the last page). Message bodies are not listed.",
  security: access.steward("outbox:manage"),
  middleware: [allow("outbox.manage")],
  request: { query: outboxFiltersSchema },
  responses: {
    200: { description: "A page of messages", content: { "application/json": { schema: z.object({ items: z.array(outboxItemSchema), next_cursor: z.string().nullable() }).openapi("OutboxPage") } } },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    429: problems[429],
  },
});

const retryRoute = createRoute({
  method: "post",
  path: "/outbox/{id}/retry",
  tags: ["Outbox"],
  summary: "Queue a failed message again",
  description:
    "Access: steward (session, or API key with `outbox:manage`). Only a failed message is retried: it becomes pending with a fresh attempt count and goes back on its channel's queue. Audited as `outbox.retry`.",
  security: access.steward("outbox:manage"),
  middleware: [allow("outbox.manage")],
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "msg_0123456789abcdef" }) }) },
  responses: {
    202: { description: "Queued again", content: { "application/json": { schema: z.object({ id: z.string(), channel: z.string(), status: z.literal("pending") }).openapi("OutboxRetry") } } },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    409: problems[409],
    429: problems[429],
  },
});

export const outboxApi = createRouter()
  .openapi(listRoute, async (c) => c.json(await listOutbox(c.var.db, c.req.valid("query")), 200))
  .openapi(retryRoute, async (c) => {
    const { id } = c.req.valid("param");
    const outcome = await retryOutbox(c.var.ctx, id);
    if (!outcome.ok) throw retryError(id, outcome);
    return c.json({ id, channel: outcome.channel, status: "pending" as const }, 202);
  });
