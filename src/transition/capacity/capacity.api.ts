// A provider's capacity for the transition: how many new units per kind it can take before the
// deadline (a kind left out is unlimited) and how many migrations per week. The PUT replaces it
// whole; the GET is public (the directory shows it) with the units already planned there.
import { createRoute, z } from "@hono/zod-openapi";
import { allow, type ResourceOf } from "../../accounts/guard";
import { jsonOnly } from "../../lib/auth";
import { access, createRouter, problems } from "../../lib/openapi";
import { notFound } from "../../lib/problem";
import { providerById } from "../../catalog/manage/store";
import { providerIdParam } from "../../catalog/manage/api.schemas";
import { INVENTORY_KINDS } from "../inventory";
import { capacityView, saveCapacity } from "./service";

const count = z.number().int("a whole number").min(0).max(1_000_000);
const kindCounts = z.strictObject(Object.fromEntries(INVENTORY_KINDS.map((k) => [k, count.optional()])) as Record<(typeof INVENTORY_KINDS)[number], z.ZodOptional<typeof count>>);

export const capacityBodySchema = z
  .strictObject({
    units: kindCounts.openapi({ description: "New units it can take before the deadline, per kind; a kind left out is unlimited", example: { mailbox: 40, web_hosting: 3 } }),
    migrations_per_week: z.number().int("a whole number").min(0).max(10_000).nullable().optional().openapi({ description: "How many migrations it can run per week (null: not stated)", example: 5 }),
  })
  .openapi("CapacityInput");

export const capacitySchema = z
  .object({
    provider_id: z.string(),
    units: kindCounts,
    migrations_per_week: z.number().int().nullable(),
    planned: kindCounts.openapi({ description: "Units already planned there (live migration items)" }),
    remaining: kindCounts.openapi({ description: "Per limited kind: declared minus planned (never below zero)" }),
    updated_at: z.string().nullable(),
  })
  .openapi("Capacity");
export type CapacityBody = z.infer<typeof capacitySchema>;

const byProvider: ResourceOf = (c) => ({ providerId: c.req.param("providerId") });

async function publicProvider(db: Parameters<typeof providerById>[0], id: string) {
  const p = await providerById(db, id);
  if (!p || p.visibility !== "public") throw notFound("Provider", id);
  return p;
}

const get = createRoute({
  method: "get",
  path: "/providers/{providerId}/capacity",
  tags: ["Transition"],
  summary: "A provider's capacity for the transition",
  description: "Access: public. The declared units per kind (a kind absent is unlimited), the units already planned there, and what is left.",
  security: access.public,
  request: { params: providerIdParam },
  responses: { 200: { description: "The capacity", content: { "application/json": { schema: capacitySchema } } }, 404: problems[404] },
});

const put = createRoute({
  method: "put",
  path: "/providers/{providerId}/capacity",
  tags: ["Transition"],
  summary: "Declare a provider's capacity",
  description: "Access: provider (an owner or admin of the organisation that manages it, by session, or its API key with `offers:write`) or steward. Replaces the declaration whole: kinds left out become unlimited.",
  security: access.provider,
  middleware: [allow("capacity.manage", byProvider), jsonOnly],
  request: { params: providerIdParam, body: { required: true, content: { "application/json": { schema: capacityBodySchema } } } },
  responses: {
    200: { description: "Stored", content: { "application/json": { schema: capacitySchema } } },
    400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 415: problems[415], 429: problems[429],
  },
});

export const capacityApi = createRouter()
  .openapi(get, async (c) => {
    const p = await publicProvider(c.var.db, c.req.valid("param").providerId);
    return c.json(await capacityView(c.var.db, p.id), 200);
  })
  .openapi(put, async (c) => {
    const { providerId } = c.req.valid("param");
    const p = await providerById(c.var.db, providerId);
    if (!p) throw notFound("Provider", providerId);
    const body = c.req.valid("json");
    const units = Object.fromEntries(Object.entries(body.units).filter(([, v]) => v !== undefined));
    return c.json(await saveCapacity(c.var.ctx, p.id, { units, migrations_per_week: body.migrations_per_week ?? null }), 200);
  });
