// Steward-only imports. Parsing is pure (formats/); saving is one D1 batch (import.service).
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { Context } from "hono";
import { auditInsert } from "../../accounts/audit";
import { allow } from "../../accounts/guard";
import type { AppEnv } from "../../env";
import { jsonOnly } from "../../lib/auth";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { importChatonsInfos } from "../formats/chatonsinfos";
import { importLibreHost } from "../formats/librehosters";
import type { ImportedProvider } from "../model";
import { saveImport, type SourceFormat } from "../import.service";
import { chatonsInfosImportSchema, importResultSchema } from "./schemas";

// Who is asking comes first (401), then what they send (415, 413).
const guards = [
  allow("catalog.import"),
  jsonOnly,
  bodyLimit({
    maxSize: 2 * 1024 * 1024,
    onError: () => {
      throw new AppError("PAYLOAD_TOO_LARGE", "Imports are limited to 2 MiB");
    },
  }),
];

const responses = {
  200: { description: "Updated an organisation imported before", content: { "application/json": { schema: importResultSchema } } },
  201: { description: "Created a new provider", content: { "application/json": { schema: importResultSchema } } },
  400: problems[400],
  401: problems[401],
  403: problems[403],
  409: problems[409],
  413: problems[413],
  415: problems[415],
};

const chatonsinfos = createRoute({
  method: "post",
  path: "/import/chatonsinfos",
  tags: ["Import"],
  summary: "Import a ChatonsInfos organisation and its services",
  description: "Access: steward (session, or API key with `catalog:import`). Re-importing the same organisation (same website host, else name) updates it; services absent from the import are archived. A profile that a provider organisation manages is refused (409).",
  security: access.steward("catalog:import"),
  middleware: guards,
  request: { body: { required: true, content: { "application/json": { schema: chatonsInfosImportSchema } } } },
  responses,
});

const librehosters = createRoute({
  method: "post",
  path: "/import/librehosters",
  tags: ["Import"],
  summary: "Import a LibreHosters librehost.json",
  description: "Access: steward (session, or API key with `catalog:import`).",
  security: access.steward("catalog:import"),
  middleware: guards,
  request: { body: { required: true, content: { "application/json": { schema: z.record(z.string(), z.unknown()).openapi("LibreHost") } } } },
  responses,
});

/** Saves the import with its audit row (who imported what) in the same batch. */
function save(c: Context<AppEnv>, imported: ImportedProvider, format: SourceFormat, url: string | null) {
  const alongside = (providerId: string) => [
    auditInsert(c.var.ctx, { action: "catalog.import", subjectType: "provider", subjectId: providerId, detail: { format, key: imported.key, url, offers: imported.offers.length } }),
  ];
  return saveImport(c.var.db, imported, { format, url }, { alongside });
}

export const importApi = createRouter()
  .openapi(chatonsinfos, async (c) => {
    const body = c.req.valid("json");
    const result = await save(c, importChatonsInfos(body), "chatonsinfos", body.source_url ?? null);
    const { created, ...reply } = result;
    return c.json(reply, created ? 201 : 200);
  })
  .openapi(librehosters, async (c) => {
    const result = await save(c, importLibreHost(c.req.valid("json")), "librehosters", null);
    const { created, ...reply } = result;
    return c.json(reply, created ? 201 : 200);
  });
