// GET /api/v1/health: the same report as /admin/health, as JSON, measured on each request (a
// handful of indexed queries).
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../../accounts/guard";
import { translator } from "../../../web/i18n";
import { access, createRouter, problems } from "../../lib/openapi";
import { healthReport } from "./incidents";

const figureSchema = z
  .object({
    id: z.string().openapi({ example: "outbox.mail.backlog" }),
    label: z.string().openapi({ description: "The figure in the caller's language" }),
    value: z.number().nullable().openapi({ description: "null until there is data (a job that never ran)" }),
    unit: z.enum(["count", "minutes", "hours", "percent", "cents"]),
    threshold: z.number().openapi({ description: "Crossed when value > threshold" }),
    crossed: z.boolean(),
    last_run: z.object({ status: z.enum(["ok", "failed", "running"]), at: z.string(), error: z.string().nullable() }).nullable(),
  })
  .openapi("HealthFigure");

const incidentSchema = z
  .object({
    id: z.string(),
    check: z.string().openapi({ description: "The figure's id" }),
    opened_at: z.string(),
    closed_at: z.string().nullable(),
    value: z.number().openapi({ description: "The figure when the incident opened" }),
    threshold: z.number(),
    worst: z.number(),
  })
  .openapi("HealthIncident");

export const healthResponseSchema = z
  .object({ ok: z.boolean(), checked_at: z.string(), figures: z.array(figureSchema), incidents: z.array(incidentSchema) })
  .openapi("Health");
export type HealthResponse = z.infer<typeof healthResponseSchema>;

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Operations"],
  summary: "The platform's health: cron jobs, outbox queues, backups, database size, incidents",
  description:
    "Access: steward (session, or API key with `health:read`). Each figure has a threshold; `ok` is false when any is crossed. Incidents: the open ones, then the ten last closed.",
  security: access.steward("health:read"),
  middleware: [allow("health.read")],
  responses: {
    200: { description: "The figures measured now", content: { "application/json": { schema: healthResponseSchema } } },
    401: problems[401],
    403: problems[403],
    429: problems[429],
  },
});

export const healthApi = createRouter().openapi(healthRoute, async (c) => {
  const report = await healthReport(c.env, new Date());
  const t = translator(c.var.lang);
  const body: HealthResponse = {
    ok: report.ok,
    checked_at: report.checkedAt,
    figures: report.figures.map((f) => ({
      id: f.id,
      label: t(f.label, f.params),
      value: f.value,
      unit: f.unit,
      threshold: f.threshold,
      crossed: f.crossed,
      last_run: f.note ? { status: f.note.status, at: f.note.at, error: f.note.error ?? null } : null,
    })),
    incidents: report.incidents.map((i) => ({ id: i.id, check: i.check, opened_at: i.openedAt, closed_at: i.closedAt, value: i.value, threshold: i.threshold, worst: i.worst })),
  };
  return c.json(body, 200);
});
