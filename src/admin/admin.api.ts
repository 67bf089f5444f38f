// Steward API: the audit log. Owner: admin
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../accounts/guard";
import { access, createRouter, problems } from "../lib/openapi";
import { auditFiltersSchema } from "./audit.filters";
import { listAudit } from "./audit.repository";

const auditItemSchema = z
  .object({
    id: z.string().openapi({ example: "aud_0123456789abcdef" }),
    at: z.string().openapi({ description: "When (ISO-8601 UTC)" }),
    action: z.string().openapi({ example: "role.grant" }),
    subject_type: z.string().openapi({ example: "user" }),
    subject_id: z.string(),
    org_id: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    actor: z.object({
      user_id: z.string().nullable().openapi({ description: "The person (for a key: its creator); null for the command line" }),
      email: z.string().nullable(),
      key_id: z.string().nullable().openapi({ description: "Set when the action was done with an API key" }),
      key_start: z.string().nullable().openapi({ description: "The key's first characters, as key lists show them" }),
      system: z.string().nullable().openapi({ description: "Set when the system acted on its own, with the reason: `cron`, `queue`, `stripe`, `provider-webhook`, `import`", example: "cron" }),
    }),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
  })
  .openapi("AuditEntry");

const auditRoute = createRoute({
  method: "get",
  path: "/audit",
  tags: ["Audit"],
  summary: "Read the audit log of privileged actions",
  description:
    "Access: steward (session, or API key with `audit:read`). Newest first; filters combine; follow `next_cursor` (null on the last page). Dates are Brussels calendar days, both ends included.",
  security: access.steward("audit:read"),
  middleware: [allow("audit.read")],
  request: { query: auditFiltersSchema },
  responses: {
    200: { description: "A page of entries", content: { "application/json": { schema: z.object({ items: z.array(auditItemSchema), next_cursor: z.string().nullable() }).openapi("AuditPage") } } },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    429: problems[429],
  },
});

export const adminApi = createRouter().openapi(auditRoute, async (c) => c.json(await listAudit(c.var.db, c.req.valid("query")), 200));
