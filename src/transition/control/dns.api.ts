// An item's DNS cut-over targets and checks: PUT by the receiving host (or a steward), GET by the
// item's member, its host and stewards. The quarter-hour job (dns-job.ts) does the checking.
import { createRoute, z } from "@hono/zod-openapi";
import { allow, type ResourceOf } from "../../accounts/guard";
import { createRouter, problems } from "../../lib/openapi";
import { migrationResource } from "../migrations/service";
import { DNS_TYPES, dnsTargetsSchema } from "./dns";
import { getDns, setDnsTargets } from "./dns.service";

const security = [{ session: [] }, { apiKey: ["migrations:write"] }] as Record<string, string[]>[];
const byMigration: ResourceOf = (c) => migrationResource(c.var.db, c.req.param("id") ?? "");
const params = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "mig_0123456789abcdef" }),
  itemId: z.string().min(1).max(64).openapi({ param: { name: "itemId", in: "path" }, example: "mit_0123456789abcdef" }),
});
const records = z.object(Object.fromEntries(DNS_TYPES.map((t) => [t, z.array(z.string())])) as Record<(typeof DNS_TYPES)[number], z.ZodArray<z.ZodString>>);
const partialRecords = z.object(Object.fromEntries(DNS_TYPES.map((t) => [t, z.array(z.string()).optional()])) as Record<(typeof DNS_TYPES)[number], z.ZodOptional<z.ZodArray<z.ZodString>>>);
export const dnsViewSchema = z
  .object({
    item_id: z.string(),
    dns_targets: partialRecords.nullable(),
    dns_verified_at: z.string().nullable().openapi({ description: "Set when two checks in a row found every target; the member still confirms `verified`" }),
    checks: z.array(z.object({ checked_at: z.string(), domain: z.string(), matched: z.boolean(), found: records, mismatches: z.array(z.object({ type: z.enum(DNS_TYPES), expected: z.array(z.string()), found: z.array(z.string()) })) })),
  })
  .openapi("DnsChecks");
const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 429: problems[429] };

const putRoute = createRoute({
  method: "put",
  path: "/migrations/{id}/items/{itemId}/dns-targets",
  tags: ["Migrations"],
  summary: "Declare where the domain's DNS must point after the cut-over",
  description:
    'Access: provider (the receiving provider\'s owners/admins, or its key with `migrations:write`) or steward. `{"mx": ["mail.new-host.org"], "a": ["203.0.113.7"], "aaaa": [...], "cname": "web.new-host.org", "ns": [...]}` (at least one). While the item is in `cutover`, its domain is checked hourly through DNS over HTTPS; two matching checks in a row set `dns_verified_at`. New targets start the checks over.',
  security,
  middleware: [allow("migrations.move", byMigration)] as const,
  request: { params, body: { content: { "application/json": { schema: dnsTargetsSchema } }, required: true } },
  responses: { 200: { description: "The targets and the checks so far", content: { "application/json": { schema: dnsViewSchema } } }, ...errors },
});

const getRoute = createRoute({
  method: "get",
  path: "/migrations/{id}/items/{itemId}/dns-checks",
  tags: ["Migrations"],
  summary: "An item's DNS targets and its last checks, with what was found",
  description: "Access: signed-in people of the member organisation, provider (the assigned provider's people, or its key with `migrations:write`), steward. The 20 last checks, newest first.",
  security,
  middleware: [allow("migrations.read", byMigration)] as const,
  request: { params },
  responses: { 200: { description: "The targets and the checks", content: { "application/json": { schema: dnsViewSchema } } }, ...errors },
});

export const dnsApi = createRouter()
  .openapi(putRoute, async (c) => {
    const p = c.req.valid("param");
    return c.json(await setDnsTargets(c.var.ctx, p.id, p.itemId, c.req.valid("json")), 200);
  })
  .openapi(getRoute, async (c) => {
    const p = c.req.valid("param");
    return c.json(await getDns(c.var.ctx, p.id, p.itemId), 200);
  });
