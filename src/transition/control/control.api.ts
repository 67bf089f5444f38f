// GET /api/v1/transition/progress: the control room's figures as JSON (or `format=csv`), the same
// service as the /transition page.
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../../accounts/guard";
import { access, createRouter, problems } from "../../lib/openapi";
import { INVENTORY_KINDS } from "../inventory";
import { ITEM_STATES } from "../states";
import { progressCsv, type Progress } from "./figures";
import { controlProgress, controlQuerySchema, filtersOf } from "./service";

const kindRow = z.object({ kind: z.enum(INVENTORY_KINDS), total: z.number().int(), moved: z.number().int() });
const itemRow = z.object({
  item_id: z.string(),
  migration_id: z.string(),
  org_id: z.string(),
  org_name: z.string(),
  provider_id: z.string(),
  provider_name: z.string(),
  kind: z.enum(INVENTORY_KINDS),
  state: z.enum(ITEM_STATES),
  scheduled_for: z.string().nullable(),
  last_event_at: z.string(),
});
export const progressSchema = z
  .object({
    generated_at: z.string(),
    deadline: z.string(),
    days_left: z.number().int(),
    filters: z.object({ kind: z.enum(INVENTORY_KINDS).optional(), host: z.string().optional(), state: z.enum(ITEM_STATES).optional() }),
    moved: z.object({ total: z.number().int(), moved: z.number().int(), left: z.number().int(), by_kind: z.array(kindRow) }),
    burn_down: z.array(z.object({ day: z.string(), left: z.number().int(), ideal: z.number().int() })).openapi({ description: "Services left each day since the first inventory, beside the ideal straight line to zero at the deadline" }),
    without_plan: z.array(z.object({ org_id: z.string(), name: z.string(), services: z.number().int() })).openapi({ description: "Member organisations with services and no migration item (at most 200)" }),
    stuck: z.array(itemRow).openapi({ description: "Items not done nor cancelled with no event for 14 days (at most 200, oldest first)" }),
    late: z.array(itemRow).openapi({ description: "Items not done scheduled on or after the deadline's day (at most 200)" }),
    load: z.array(z.object({ provider_id: z.string(), provider_name: z.string(), kind: z.enum(INVENTORY_KINDS), units: z.number().int(), done: z.number().int(), capacity: z.number().int().nullable(), over: z.boolean() })),
    migrations: z
      .array(
        z.object({
          provider_id: z.string(),
          provider_name: z.string(),
          started: z.number().int().openapi({ description: "Member migrations under way there: migrations with an item at this host neither done, cancelled, declined nor failed" }),
          per_week: z.number().int().openapi({ description: "Its stated migrations per week" }),
          weeks_left: z.number().int().openapi({ description: "Calendar weeks (Brussels) to the deadline, partial ones included" }),
          limit: z.number().int().openapi({ description: "per_week × weeks_left: member migrations it can run before the deadline" }),
          over: z.boolean(),
        }),
      )
      .openapi({ description: "Load per host that states a weekly rate, in member migrations against that rate × the weeks left; one with none under way is listed with 0 (unless `state` is given)" }),
  })
  .openapi("TransitionProgress");
export type ProgressResponse = z.infer<typeof progressSchema>;

const progressRoute = createRoute({
  method: "get",
  path: "/transition/progress",
  tags: ["Transition"],
  summary: "The transition's control room: services moved, burn-down, members without a plan, stuck and late items, load per host",
  description:
    "Access: steward (session, or API key with `transition:read`). The same figures as the /transition page, narrowed by `kind`, `host` (a provider id) and `state`; `format=csv` answers every figure as long CSV (`figure,subject,detail,value`). Each figure is one aggregate query.",
  security: access.steward("transition:read"),
  middleware: [allow("transition.progress")],
  request: { query: controlQuerySchema },
  responses: {
    200: { description: "The figures now", content: { "application/json": { schema: progressSchema }, "text/csv": { schema: { type: "string" } } } },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    429: problems[429],
  },
});

export const controlApi = createRouter().openapi(progressRoute, async (c) => {
  const q = c.req.valid("query");
  const p: Progress = await controlProgress(c.var.ctx, filtersOf(q));
  if (q.format === "csv") return c.body(progressCsv(p), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="transition-progress.csv"' }) as never;
  return c.json(p satisfies ProgressResponse, 200);
});
