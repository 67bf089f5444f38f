// The migrations' JSON API (issue 11): a member's plan, its requests to the providers, each item's
// moves through the state machine (src/transition/states.ts), checklists, the data copy, the events.
// Thin: parse, ask the policy (allow), call ./service.ts, shape the reply.
import { createRoute, z } from "@hono/zod-openapi";
import { allow, caller, type ResourceOf } from "../../accounts/guard";
import { access, createRouter, problems } from "../../lib/openapi";
import { DATA_COPY_METHODS, ITEM_STATES, moveSchema, ROLES, WARNINGS } from "../states";
import { INVENTORY_KINDS } from "../inventory";
import { MIGRATION_EVENT_KINDS } from "../../db/schema";
import {
  assignItem,
  cancelMigration,
  confirmItemDataCopy,
  getMigration,
  listOrgItems,
  migrationEventsFor,
  migrationResource,
  moveItem,
  planMigration,
  requestMigration,
  setChecklistStep,
} from "./service";

const security = [{ session: [] }, { apiKey: ["migrations:write"] }] as Record<string, string[]>[];
const byMigration: ResourceOf = (c) => migrationResource(c.var.db, c.req.param("id") ?? "");
const byOrg: ResourceOf = (c) => ({ orgId: c.req.param("id") });

const id = (example: string, name = "id") => z.string().min(1).max(64).openapi({ param: { name, in: "path" }, example });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 429: problems[429] };
const note = z.string().trim().min(1).max(2000).optional();

const allowedMove = z.object({ to: z.enum(ITEM_STATES), needs: z.array(z.enum(["note", "scheduled_for", "data_copy"])), resume: z.literal(true).optional() });
const dataCopy = z.object({ method: z.enum(DATA_COPY_METHODS), detail: z.string().nullable(), confirmed_at: z.string() }).openapi("DataCopy");
const eventSchema = z
  .object({
    id: z.string().openapi({ example: "mev_…" }),
    item_id: z.string().nullable(),
    item_version: z.number().int().nullable().openapi({ description: "The item's version after this change" }),
    kind: z.enum(MIGRATION_EVENT_KINDS),
    from: z.enum(ITEM_STATES).nullable(),
    to: z.enum(ITEM_STATES).nullable(),
    role: z.enum(ROLES),
    note: z.string().nullable(),
    scheduled_for: z.string().nullable(),
    occurred_at: z.string(),
    recorded_at: z.string(),
    warnings: z.array(z.enum(WARNINGS)),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi("MigrationEvent");
const itemBase = {
  id: z.string().openapi({ example: "mit_…" }),
  migration_id: z.string(),
  inventory_id: z.string(),
  kind: z.enum(INVENTORY_KINDS),
  label: z.string(),
  offer_id: z.string(),
  offer_name: z.string(),
  provider_id: z.string(),
  provider_name: z.string(),
  state: z.enum(ITEM_STATES),
  blocked_from: z.enum(ITEM_STATES).nullable(),
  scheduled_for: z.string().nullable(),
  data_copy: dataCopy.nullable(),
  last_move_at: z.string(),
  version: z.number().int(),
  checklist_progress: z.object({ ticked: z.number().int(), total: z.number().int() }),
  allowed_moves: z.array(allowedMove).openapi({ description: "The moves the caller may make from here, with what each needs" }),
  viewer_role: z.enum(ROLES).nullable(),
};
const itemSchema = z
  .object({
    ...itemBase,
    checklist: z.array(z.object({ code: z.string(), by: z.enum(["member", "provider", "both"]), label: z.string(), done: z.object({ by: z.enum(ROLES), at: z.string() }).nullable(), editable: z.boolean() })),
    history: z.array(eventSchema),
  })
  .openapi("MigrationItem");
const migrationSchema = z
  .object({
    id: z.string().openapi({ example: "mig_…" }),
    org_id: z.string(),
    org_name: z.string(),
    created_at: z.string(),
    requested_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    version: z.number().int(),
    deadline: z.string(),
    progress: z.object({ moved: z.number().int(), total: z.number().int() }),
    items: z.array(itemSchema),
    history: z.array(eventSchema),
  })
  .openapi("Migration");
const planWarning = z.object({ code: z.literal("quota_smaller"), service: z.enum(INVENTORY_KINDS), needed: z.number().optional(), included: z.number().optional(), item_index: z.number().int(), message: z.string() });
export const capacityWarning = z
  .object({
    provider_id: z.string(),
    kind: z.enum([...INVENTORY_KINDS, "migrations"]).openapi({ description: "A kind of service, or `migrations`: member migrations under way at the host against its weekly rate × the weeks left to the deadline" }),
    planned: z.number().int().openapi({ description: "Units planned at this host for this kind (for `migrations`: member migrations under way there), this plan included" }),
    limit: z.number().int().openapi({ description: "The host's declared capacity for this kind (for `migrations`: migrations per week × weeks left, partial weeks included)" }),
  })
  .openapi("CapacityWarning");
const planReply = migrationSchema
  .extend({ warnings: z.array(planWarning), capacity_warnings: z.array(capacityWarning).openapi({ description: "Hosts this plan puts beyond their declared capacity (PUT /api/v1/providers/{id}/capacity): the plan is stored all the same" }) })
  .openapi("MigrationPlanResult");
const moveReply = z.object({ item: itemSchema, warnings: z.array(z.enum(WARNINGS)).openapi({ description: "`after_deadline`: the day scheduled is on or after the transition's deadline; `week_full`: the host already has as many member migrations scheduled that week (ISO, Brussels) as its stated migrations per week. Both accepted" }) }).openapi("MigrationMoveResult");
const orgItems = z.object({ organisation_id: z.string(), kind: z.enum(["member", "provider"]), items: z.array(z.object({ ...itemBase, org_id: z.string() })) }).openapi("OrganisationMigrationItems");

export type MigrationBody = z.infer<typeof migrationSchema>;
export type PlanReplyBody = z.infer<typeof planReply>;
export type MoveReplyBody = z.infer<typeof moveReply>;
export type OrgItemsBody = z.infer<typeof orgItems>;
export type EventsBody = { items: z.infer<typeof eventSchema>[] };

const MOVE_ACCESS = "Access: signed-in owner or admin of the member organisation, owner or admin of the item's provider organisation or its API key with `migrations:write`, or a steward (session or key with `migrations:write`).";
const READ_ACCESS = "Access: signed-in people of the member organisation, of an assigned provider organisation (its items only) or its API key with `migrations:write`, or a steward.";

const plan = createRoute({
  method: "post",
  path: "/orgs/{id}/migrations",
  tags: ["Migrations"],
  summary: "Plan a migration: each inventory service to an offer",
  description:
    "Access: signed-in owner or admin of the member organisation, or a steward (session, or a steward's key with `migrations:write`). " +
    "Each live inventory service goes to an offer that can take it; an offer that cannot (wrong kind, archived, not published, provider or offer full, a quota too small) is refused with its reason in `errors` (`items.N.offer_id`, the message starting with the reason's code). " +
    "A service already in a live item (not cancelled or done) is a 409. Items start `planned`; `warnings` lists quotas smaller than the current ones.",
  security,
  middleware: [allow("migrations.plan", byOrg)] as const,
  request: { params: z.object({ id: id("org_0123456789abcdef") }), ...body(z.object({ items: z.array(z.object({ inventory_id: z.string().min(1).max(64), offer_id: z.string().min(1).max(64) })).min(1).max(200) })) },
  responses: { 201: json(planReply, "The migration, its items planned"), ...errors },
});

const listForOrg = createRoute({
  method: "get",
  path: "/orgs/{id}/migrations",
  tags: ["Migrations"],
  summary: "An organisation's migration items: a member's, or a provider's incoming ones",
  description: "Access: signed-in people of the organisation, its API key with `migrations:write`, or a steward. A member organisation sees every item of its migrations; a provider organisation the items assigned to it once requested.",
  security,
  middleware: [allow("migrations.read", byOrg)] as const,
  request: { params: z.object({ id: id("org_0123456789abcdef") }) },
  responses: { 200: json(orgItems, "The items, oldest first"), ...errors },
});

const read = createRoute({
  method: "get",
  path: "/migrations/{id}",
  tags: ["Migrations"],
  summary: "A migration: items, states, checklists and history",
  description: `${READ_ACCESS} Each item lists the moves the caller may make from its state.`,
  security,
  middleware: [allow("migrations.read", byMigration)] as const,
  request: { params: z.object({ id: id("mig_0123456789abcdef") }) },
  responses: { 200: json(migrationSchema, "The migration"), ...errors },
});

const events = createRoute({
  method: "get",
  path: "/migrations/{id}/events",
  tags: ["Migrations"],
  summary: "A migration's events, oldest first",
  description: `${READ_ACCESS} Every plan, request, move, re-assignment, tick and data copy, with who (role) and when (occurred and recorded).`,
  security,
  middleware: [allow("migrations.read", byMigration)] as const,
  request: { params: z.object({ id: id("mig_0123456789abcdef") }) },
  responses: { 200: json(z.object({ items: z.array(eventSchema) }), "The events"), ...errors },
});

const request = createRoute({
  method: "post",
  path: "/migrations/{id}/request",
  tags: ["Migrations"],
  summary: "Send each provider its request",
  description:
    "Access: signed-in owner or admin of the member organisation, or a steward (with a `note`: their reason). Every planned item moves to `requested`; each provider gets one mail (its organisation's owners and admins, each in their language) and one `migration.requested` webhook event, and both sides `migration.item.requested`, written in the same batch.",
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params: z.object({ id: id("mig_0123456789abcdef") }), ...body(z.object({ note })) },
  responses: { 200: json(migrationSchema, "The migration"), ...errors },
});

const cancel = createRoute({
  method: "post",
  path: "/migrations/{id}/cancel",
  tags: ["Migrations"],
  summary: "Cancel a whole migration",
  description: "Access: signed-in owner or admin of the member organisation, or a steward (with a `note`). Every item not done is cancelled; `migration.cancelled` goes to both sides' endpoints.",
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params: z.object({ id: id("mig_0123456789abcdef") }), ...body(z.object({ note })) },
  responses: { 200: json(migrationSchema, "The migration"), ...errors },
});

const itemParams = z.object({ id: id("mig_0123456789abcdef"), itemId: id("mit_0123456789abcdef", "itemId") });

const transition = createRoute({
  method: "post",
  path: "/migrations/{id}/items/{itemId}/transitions",
  tags: ["Migrations"],
  summary: "Move an item through its states",
  description:
    `${MOVE_ACCESS} planned → requested → accepted → scheduled → copying → cutover → verified → done; declined (provider, with a note), blocked (either side, with a note; resumes to the state it left), cancelled (member), failed (provider, with a note). ` +
    "The member requests, cancels and confirms `verified` and `done` (which needs `data_copy` unless confirmed earlier); the provider accepts, declines, schedules (`scheduled_for`), copies and cuts over; a steward may make any move with a `note`. " +
    "A move the machine does not allow is a 409 whose `errors` list the allowed ones (`field: allowed`); the other side's move is a 403. A report whose `occurred_at` is older than the item's last move is refused (409, `stale`). " +
    "A day scheduled on or after the transition's deadline is accepted with `warnings: [\"after_deadline\"]`; a day in a week where the host already has as many member migrations scheduled as its migrations per week, with `week_full`. Each move writes its event, audit row, `migration.item.<state>` webhooks to both sides and, where someone must act, mail, in one batch.",
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params: itemParams, ...body(moveSchema as unknown as z.ZodType<z.output<typeof moveSchema>>) },
  responses: { 200: json(moveReply, "The item after the move"), ...errors },
});

const assign = createRoute({
  method: "post",
  path: "/migrations/{id}/items/{itemId}/assign",
  tags: ["Migrations"],
  summary: "Re-assign an item to another offer",
  description: `Access: signed-in owner or admin of the member organisation, or a steward (with a \`note\`). A planned item changes offer; a declined or failed one is planned again with the new offer (then requested again). The offer must be able to take the service (400 with the reason).`,
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params: itemParams, ...body(z.object({ offer_id: z.string().min(1).max(64), note })) },
  responses: { 200: json(moveReply, "The item"), ...errors },
});

const checklist = createRoute({
  method: "post",
  path: "/migrations/{id}/items/{itemId}/checklist",
  tags: ["Migrations"],
  summary: "Tick or untick a checklist step",
  description: `${MOVE_ACCESS} Each step says who ticks it (member, provider or both; a steward always may); the other side's step is a 403, an unknown step a 400. Ticking a ticked step changes nothing (\`changed: false\`).`,
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params: itemParams, ...body(z.object({ step: z.string().min(1).max(80), done: z.boolean() })) },
  responses: { 200: json(z.object({ item: itemSchema, changed: z.boolean() }), "The item"), ...errors },
});

const dataCopyRoute = createRoute({
  method: "post",
  path: "/migrations/{id}/items/{itemId}/data-copy",
  tags: ["Migrations"],
  summary: "Confirm the member holds a full copy of the service's data",
  description:
    "Access: signed-in owner or admin of the member organisation, or a steward. Records when and how (`method`; `detail` required for `other`), once the new host has the data (cutover or verified); `done` then needs no `data_copy`. Providers may not (403).",
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params: itemParams, ...body(z.object({ method: z.enum(DATA_COPY_METHODS), detail: note })) },
  responses: { 200: json(moveReply, "The item"), ...errors },
});

export const migrationsApi = createRouter()
  .openapi(plan, async (c) => {
    const r = await planMigration(c.var.ctx, c.req.valid("param").id, c.req.valid("json").items);
    return c.json({ ...r.migration, warnings: r.warnings, capacity_warnings: r.capacity_warnings } satisfies PlanReplyBody, 201);
  })
  .openapi(listForOrg, async (c) => c.json((await listOrgItems(c.var.ctx, c.req.valid("param").id, caller(c))) satisfies OrgItemsBody, 200))
  .openapi(read, async (c) => c.json((await getMigration(c.var.ctx, c.req.valid("param").id, caller(c))) satisfies MigrationBody, 200))
  .openapi(events, async (c) => c.json({ items: await migrationEventsFor(c.var.ctx, c.req.valid("param").id, caller(c)) } satisfies EventsBody, 200))
  .openapi(request, async (c) => c.json((await requestMigration(c.var.ctx, c.req.valid("param").id, c.req.valid("json").note)) satisfies MigrationBody, 200))
  .openapi(cancel, async (c) => c.json((await cancelMigration(c.var.ctx, c.req.valid("param").id, c.req.valid("json").note)) satisfies MigrationBody, 200))
  .openapi(transition, async (c) => {
    const { id: migrationId, itemId } = c.req.valid("param");
    return c.json((await moveItem(c.var.ctx, migrationId, itemId, c.req.valid("json"))) satisfies MoveReplyBody, 200);
  })
  .openapi(assign, async (c) => {
    const { id: migrationId, itemId } = c.req.valid("param");
    const b = c.req.valid("json");
    return c.json((await assignItem(c.var.ctx, migrationId, itemId, b.offer_id, b.note)) satisfies MoveReplyBody, 200);
  })
  .openapi(checklist, async (c) => {
    const { id: migrationId, itemId } = c.req.valid("param");
    const b = c.req.valid("json");
    return c.json(await setChecklistStep(c.var.ctx, migrationId, itemId, b.step, b.done), 200);
  })
  .openapi(dataCopyRoute, async (c) => {
    const { id: migrationId, itemId } = c.req.valid("param");
    const b = c.req.valid("json");
    return c.json((await confirmItemDataCopy(c.var.ctx, migrationId, itemId, { method: b.method, detail: b.detail ?? null })) satisfies MoveReplyBody, 200);
  });
