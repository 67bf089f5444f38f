// The proposals' JSON API (issue 15): stewards send a collective assignment as proposals and list
// them; a member organisation's owners/admins read theirs, accept (→ its migration plan) or decline.
import { createRoute, z } from "@hono/zod-openapi";
import { allow, type ResourceOf } from "../../accounts/guard";
import { PROPOSAL_STATUSES } from "../../db/schema";
import { jsonOnly } from "../../lib/auth";
import { access, createRouter, problems } from "../../lib/openapi";
import { assignBodySchema, assignReplySchema } from "../assign/assign.api";
import { INVENTORY_KINDS } from "../inventory";
import { acceptProposal, declineProposal, listProposals, orgProposals, sendProposals } from "./service";

const byOrg: ResourceOf = (c) => ({ orgId: c.req.param("id") });
const pathId = (example: string, name = "id") => z.string().min(1).max(64).openapi({ param: { name, in: "path" }, example });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

const proposalSchema = z
  .object({
    id: z.string().openapi({ example: "prp_…" }),
    organisation_id: z.string(),
    organisation_name: z.string(),
    mode: z.enum(["optimal", "stable"]),
    proved: z.boolean().openapi({ description: "The run proved what its mode promises: the least total (`optimal`: false when the search stopped at its budget), no blocking pair (`stable`: false when members' sizes leave none)" }),
    status: z.enum(PROPOSAL_STATUSES).openapi({ description: "`sent` (open) → `accepted` | `declined` | `expired` (not answered in time) | `superseded` (a newer proposal replaced it)" }),
    monthly_cents: z.number().int(),
    sent_at: z.string(),
    expires_at: z.string(),
    decided_at: z.string().nullable(),
    decline_reason: z.string().nullable(),
    migration_id: z.string().nullable().openapi({ description: "The migration plan an accepted proposal became" }),
    superseded_by: z.string().nullable(),
    items: z.array(z.object({ inventory_id: z.string(), kind: z.enum(INVENTORY_KINDS), label: z.string(), offer_id: z.string(), offer_name: z.string(), provider_id: z.string(), provider_name: z.string() })),
  })
  .openapi("AssignmentProposal");
const listSchema = z.object({ items: z.array(proposalSchema) }).openapi("AssignmentProposalList");
const sendBody = assignBodySchema.safeExtend({
  review_token: z.string().regex(/^[0-9a-f]{16}$/, "16 hex digits from a previous reply").optional().openapi({ description: "The `review_token` of the result reviewed: when the assignment run now differs, nothing is sent (409)" }),
});
const sendReply = assignReplySchema.extend({ proposals: z.array(proposalSchema), superseded: z.array(z.string()), review_token: z.string() }).openapi("AssignmentProposalsSent");
export type ProposalBody = z.infer<typeof proposalSchema>;
export type SendReplyBody = z.infer<typeof sendReply>;

const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 429: problems[429] };

const send = createRoute({
  method: "post",
  path: "/transition/proposals",
  tags: ["Transition"],
  summary: "Send a collective assignment to the members as proposals",
  description:
    "Access: steward (session, or a steward's API key with `migrations:write`). The body is the assignment's (`POST /transition/assignments`); the assignment runs again here — offers are never taken from the caller — and each assigned member gets a proposal (its open one, if any, becomes `superseded`) and one mail to its owners and admins, in their language, written in the same batch. " +
    "With `review_token` (from a previous reply), a result that differs from the reviewed one is a 409 and nothing is sent. No member assigned: 409.",
  security: access.steward("migrations:write"),
  middleware: [allow("transition.assign"), jsonOnly],
  request: { body: { required: true, content: { "application/json": { schema: sendBody } } } },
  responses: { 201: json(sendReply, "The assignment and the proposals sent"), 415: problems[415], ...errors },
});

const list = createRoute({
  method: "get",
  path: "/transition/proposals",
  tags: ["Transition"],
  summary: "Every proposal, newest first",
  description: "Access: steward (session, or a steward's API key with `migrations:write`). `status=sent` lists the open ones not yet expired; `status=expired` also the open ones past their expiry.",
  security: access.steward("migrations:write"),
  middleware: [allow("transition.assign")],
  request: { query: z.object({ status: z.enum(PROPOSAL_STATUSES).optional() }) },
  responses: { 200: json(listSchema, "The proposals (at most 500)"), ...errors },
});

const memberSecurity = [{ session: [] }, { apiKey: ["migrations:write"] }] as Record<string, string[]>[];
const MEMBER_ACCESS = "Access: signed-in owner or admin of the member organisation, or a steward (session, or a steward's key with `migrations:write`).";

const orgList = createRoute({
  method: "get",
  path: "/orgs/{id}/proposals",
  tags: ["Migrations"],
  summary: "A member organisation's hosting proposals",
  description: `${MEMBER_ACCESS} Newest first.`,
  security: memberSecurity,
  middleware: [allow("migrations.plan", byOrg)] as const,
  request: { params: z.object({ id: pathId("org_0123456789abcdef") }) },
  responses: { 200: json(listSchema, "The proposals"), ...errors },
});

const params = z.object({ id: pathId("org_0123456789abcdef"), pid: pathId("prp_0123456789abcdef", "pid") });

const accept = createRoute({
  method: "post",
  path: "/orgs/{id}/proposals/{pid}/accept",
  tags: ["Migrations"],
  summary: "Accept a proposal: it becomes the organisation's migration plan",
  description:
    `${MEMBER_ACCESS} The plan is written as \`POST /orgs/{id}/migrations\` would (items \`planned\`), with the proposal's status, in one batch. ` +
    "409 when the proposal is not open (`errors: status`), the inventory changed since (`inventory.<id>`: gone, updated or planned), a proposed host is now full (`capacity.<provider>.<kind>`), or an offer can no longer take its service.",
  security: memberSecurity,
  middleware: [allow("migrations.plan", byOrg)] as const,
  request: { params },
  responses: { 200: json(proposalSchema, "The proposal, accepted, with its migration_id"), ...errors },
});

const decline = createRoute({
  method: "post",
  path: "/orgs/{id}/proposals/{pid}/decline",
  tags: ["Migrations"],
  summary: "Decline a proposal",
  description: `${MEMBER_ACCESS} With an optional \`reason\`; no plan is written. 409 when the proposal is not open.`,
  security: memberSecurity,
  middleware: [allow("migrations.plan", byOrg)] as const,
  request: { params, body: { required: false, content: { "application/json": { schema: z.object({ reason: z.string().trim().min(1).max(2000).optional() }) } } } },
  responses: { 200: json(proposalSchema, "The proposal, declined"), ...errors },
});

export const proposalsApi = createRouter()
  .openapi(send, async (c) => {
    const body = c.req.valid("json");
    return c.json(await sendProposals(c.var.ctx, { organisation_ids: body.organisation_ids, mode: body.mode, groups: body.groups ?? [] }, body.review_token), 201);
  })
  .openapi(list, async (c) => c.json({ items: await listProposals(c.var.ctx, c.req.valid("query").status) }, 200))
  .openapi(orgList, async (c) => c.json({ items: await orgProposals(c.var.ctx, c.req.valid("param").id) }, 200))
  .openapi(accept, async (c) => {
    const { id, pid } = c.req.valid("param");
    return c.json(await acceptProposal(c.var.ctx, id, pid), 200);
  })
  .openapi(decline, async (c) => {
    const { id, pid } = c.req.valid("param");
    const body = c.req.header("content-type")?.includes("application/json") ? c.req.valid("json") : {};
    return c.json(await declineProposal(c.var.ctx, id, pid, body.reason), 200);
  });
