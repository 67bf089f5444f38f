// POST /api/v1/transition/assignments: a steward places many members at once within the hosts'
// capacities (src/transition/assign). Reads only; nothing is stored.
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../../accounts/guard";
import { jsonOnly } from "../../lib/auth";
import { access, createRouter, problems } from "../../lib/openapi";
import { INVENTORY_KINDS } from "../inventory";
import { runAssignment } from "./service";
import { UNASSIGNED_REASONS } from "./types";

const orgId = z.string().min(1).max(64);
export const assignBodySchema = z
  .strictObject({
    organisation_ids: z.array(orgId).min(1, "pick at least one member").max(2000),
    mode: z.enum(["optimal", "stable"]).openapi({ description: "`optimal`: least total cost plus a penalty per provider per member; `stable`: deferred acceptance, no blocking pair" }),
    groups: z.array(z.array(orgId).min(2, "a group has at least two members").max(50)).max(1000).optional().openapi({ description: "Members that must share one host for their mail, domains and DNS" }),
  })
  .superRefine((b, ctx) => {
    const chosen = new Set(b.organisation_ids);
    const seen = new Set<string>();
    (b.groups ?? []).forEach((g, i) =>
      g.forEach((id, j) => {
        if (!chosen.has(id)) ctx.addIssue({ code: "custom", path: ["groups", i, j], message: "not among organisation_ids" });
        else if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["groups", i, j], message: "already in another group" });
        seen.add(id);
      }),
    );
  })
  .openapi("AssignmentRequest");

const kindStrings = z.object({
  ...(Object.fromEntries(INVENTORY_KINDS.map((k) => [k, z.string().optional()])) as Record<(typeof INVENTORY_KINDS)[number], z.ZodOptional<z.ZodString>>),
  migrations: z.string().optional().openapi({ description: "A host with a weekly rate: member migrations under way plus this assignment's members, over rate × weeks left to the deadline (partial weeks included)" }),
});
export const assignReplySchema = z
  .object({
    mode: z.enum(["optimal", "stable"]),
    assignments: z.array(z.object({ organisation_id: z.string(), items: z.array(z.object({ inventory_id: z.string(), offer_id: z.string() })), monthly_cents: z.number().int() })),
    unassigned: z.array(z.object({ organisation_id: z.string(), reason: z.enum(UNASSIGNED_REASONS), message: z.string() })),
    objective_cents: z.number().int().openapi({ description: "Σ monthly cost plus the penalty per provider per member, over the assigned members" }),
    proved_optimal: z.boolean(),
    lower_bound_cents: z.number().int().nullable().openapi({ description: "`optimal` mode: no assignment placing as many members costs less (same sum as `objective_cents`). Equal to `objective_cents` when `proved_optimal`; below it when the search stopped at its budget, so the difference is the most this answer can cost above the best. null in `stable` mode, or when the search stopped before any bound" }),
    stable: z.boolean().nullable().openapi({ description: "`stable` mode: true when no member and host would both rather be matched together; false when no such assignment exists (members' sizes can make it impossible) — the answer is then deferred acceptance's. null in `optimal` mode" }),
    capacity_used: z.record(z.string(), kindStrings).openapi({ description: "Per provider and limited kind: `used/limit`, units planned before included; `migrations` for a host with a weekly rate" }),
  })
  .openapi("AssignmentReply");
export type AssignReplyBody = z.infer<typeof assignReplySchema>;

const run = createRoute({
  method: "post",
  path: "/transition/assignments",
  tags: ["Transition"],
  summary: "Assign many members to hosts at once",
  description: "Access: steward (session, or a steward's API key with `migrations:write`). Loads the members' live inventories not yet planned, their saved constraints and weights, the catalogue and the capacities less the units planned, and answers the assignment; stores nothing.",
  security: access.steward("migrations:write"),
  middleware: [allow("transition.assign"), jsonOnly],
  request: { body: { required: true, content: { "application/json": { schema: assignBodySchema } } } },
  responses: {
    200: { description: "The assignment", content: { "application/json": { schema: assignReplySchema } } },
    400: problems[400], 401: problems[401], 403: problems[403], 415: problems[415], 429: problems[429],
  },
});

export const assignApi = createRouter().openapi(run, async (c) => {
  const body = c.req.valid("json");
  return c.json(await runAssignment(c.var.ctx, { organisation_ids: body.organisation_ids, mode: body.mode, groups: body.groups ?? [] }), 200);
});
