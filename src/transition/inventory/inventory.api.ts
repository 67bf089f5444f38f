// The inventory's JSON API: stewards load it in bulk (JSON or CSV), members and stewards read an
// organisation's. The import body is parsed by the pure parsers (../inventory.ts, ../inventory-csv.ts),
// not by the route's validator, so both forms name the same fields and the CSV its lines and columns.
import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import { z as plainZ } from "zod";
import { allow } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import type { AppEnv } from "../../env";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { INVENTORY_KINDS, inventoryImportSchema, parseInventory, serviceLabel } from "../inventory";
import { parseInventoryCsv } from "../inventory-csv";
import { wizardHref, wizardQuery } from "../wizard";
import { importInventory, listInventory } from "./service";

const MAX_BYTES = 5 * 1024 * 1024;

/** JSON or CSV; anything else is a 415 before the body is read. */
const jsonOrCsv = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type) && !/^text\/csv\b/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the inventory as application/json or text/csv");
  await next();
});

const countsSchema = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), gone: z.number().int() });
export const importReplySchema = z
  .object({
    organisations: z.array(
      z.object({
        external_ref: z.string(),
        organisation_id: z.string().openapi({ example: "org_…" }),
        created: z.boolean().openapi({ description: "The organisation did not exist: it was created and its contact invited as owner" }),
        services: countsSchema,
      }),
    ),
  })
  .openapi("InventoryImportResult");
export type ImportReplyBody = z.infer<typeof importReplySchema>;

/** The body's JSON Schema, from the very zod schema that parses it (documentation only). */
function bodyJsonSchema() {
  const { $schema: _drop, ...schema } = plainZ.toJSONSchema(inventoryImportSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return schema;
}

const CSV_EXAMPLE = [
  "external_ref,name,contact_email,language,kind,address,quota_mb,host,software,domain",
  "cass-042,Les Amis du Parc,bureau@amisduparc.be,fr,mailbox,info@amisduparc.be,2048,,,",
  "cass-042,,,,web_hosting,,,amisduparc.be,WordPress,",
  "cass-042,,,,domain_registration,,,,,amisduparc.be",
].join("\n");

const importRoute = createRoute({
  method: "post",
  path: "/transition/inventory",
  tags: ["Transition"],
  summary: "Load the members' inventories in bulk (JSON or CSV)",
  description:
    "Access: steward (session, or API key with `transition:import`). " +
    "Organisations are matched by `external_ref`; one that does not exist is created as a member organisation and its `contact_email` invited as owner, by mail in its `language` (the link is valid 30 days). " +
    "An existing organisation keeps its profile. Services are matched by natural key (kind and address, host or domain name): added, updated when their details changed, " +
    "marked gone (never deleted) when missing from the file, and back when they return. Organisations absent from the file are left alone. Re-sending the same file changes nothing. " +
    "A refused file stores nothing: `errors` name `organisations.i.services.j.field`, or for CSV `lines.N.column` with `line` and `column`. " +
    "CSV: one line per service, the organisation's columns repeated or left blank on its later lines; see src/transition/inventory-csv.ts for the columns.",
  security: access.steward("transition:import"),
  middleware: [
    allow("transition.import"),
    jsonOrCsv,
    bodyLimit({
      maxSize: MAX_BYTES,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", "An inventory file is limited to 5 MiB");
      },
    }),
  ] as const,
  request: {
    body: {
      required: true,
      content: {
        // Plain JSON Schema objects: documented, but parsed by the handler (parseInventory) rather than the route's validator.
        "application/json": { schema: bodyJsonSchema() },
        "text/csv": { schema: { type: "string", example: CSV_EXAMPLE } },
      },
    },
  },
  responses: {
    200: { description: "What the import did, per organisation of the file, in its order", content: { "application/json": { schema: importReplySchema } } },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    409: problems[409],
    413: problems[413],
    415: problems[415],
  },
});

const serviceSchema = z
  .object({
    id: z.string().openapi({ example: "svc_…" }),
    kind: z.enum(INVENTORY_KINDS),
    label: z.string().openapi({ description: "Its address, host or domain name" }),
    natural_key: z.string(),
    service: z.record(z.string(), z.unknown()).openapi({ description: "The service as the import body describes it" }),
    source: z.enum(["import", "member"]),
    gone_at: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi("InventoryService");

export const inventorySchema = z
  .object({
    organisation_id: z.string(),
    external_ref: z.string().nullable(),
    confirmed_at: z.string().nullable(),
    confirmed_by: z.string().nullable().openapi({ description: "The user id of the owner or admin who confirmed it" }),
    services: z.array(serviceSchema),
    find_hosts: z.string().openapi({ description: "The matching wizard filled from the live services (a path on this site)" }),
  })
  .openapi("Inventory");
export type InventoryBody = z.infer<typeof inventorySchema>;

const readRoute = createRoute({
  method: "get",
  path: "/orgs/{id}/inventory",
  tags: ["Transition"],
  summary: "An organisation's inventory of services at the old host",
  description: "Access: signed-in members of the organisation (any role), stewards and coop_admins (session; org.read). Gone services are listed with their `gone_at`. Not a member organisation: 404.",
  security: access.session,
  middleware: [allow("org.read", (c) => ({ orgId: c.req.param("id") }))] as const,
  request: { params: z.object({ id: z.string().max(60) }) },
  responses: {
    200: { description: "The inventory", content: { "application/json": { schema: inventorySchema } } },
    401: problems[401],
    403: problems[403],
    404: problems[404],
  },
});

export const inventoryApi = createRouter()
  .openapi(importRoute, async (c) => {
    const isCsv = /^text\/csv\b/i.test(c.req.header("content-type") ?? "");
    let parsed;
    if (isCsv) {
      const r = parseInventoryCsv(await c.req.text());
      parsed = r.ok ? r : { ok: false as const, errors: r.errors };
    } else {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new AppError("VALIDATION_FAILED", "The body is not valid JSON", [{ field: "(body)", message: "not valid JSON" }]);
      }
      parsed = parseInventory(body);
    }
    if (!parsed.ok) {
      const fields = [...new Set(parsed.errors.map((e) => e.field))];
      throw new AppError("VALIDATION_FAILED", `The file was refused, nothing was stored: ${fields.slice(0, 10).join(", ")}${fields.length > 10 ? ` and ${fields.length - 10} more` : ""}`, parsed.errors.slice(0, 500));
    }
    const reply = await importInventory(c.var.ctx, parsed.value, isCsv ? "csv" : "json");
    return c.json(reply, 200);
  })
  .openapi(readRoute, async (c) => {
    const org = await findOrg(c.var.db, c.req.valid("param").id);
    if (!org || org.kind !== "member") throw new AppError("NOT_FOUND", `No member organisation ${c.req.valid("param").id}`);
    const rows = await listInventory(c.var.db, org.id);
    const body: InventoryBody = {
      organisation_id: org.id,
      external_ref: org.externalRef,
      confirmed_at: org.inventoryConfirmedAt,
      confirmed_by: org.inventoryConfirmedBy,
      services: rows.map((r) => ({ id: r.id, kind: r.kind, label: serviceLabel(r.service), natural_key: r.naturalKey, service: r.service, source: r.source, gone_at: r.goneAt, updated_at: r.updatedAt })),
      find_hosts: wizardHref(wizardQuery(rows.filter((r) => !r.goneAt).map((r) => r.service), { language: org.language })),
    };
    return c.json(body, 200);
  });
