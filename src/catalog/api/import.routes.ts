// Steward-only imports. Parsing is pure (formats/); saving is one D1 batch (import.service).
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { allow } from "../../accounts/guard";
import { jsonOnly } from "../../lib/auth";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { importChatonsInfos } from "../formats/chatonsinfos";
import { importLibreHost } from "../formats/librehosters";
import { saveImport } from "../import.service";
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
  413: problems[413],
  415: problems[415],
};

const chatonsinfos = createRoute({
  method: "post",
  path: "/import/chatonsinfos",
  tags: ["Import"],
  summary: "Import a ChatonsInfos organisation and its services",
  description: "Access: steward (session, or API key with `catalog:import`). Re-importing the same organisation (same website host, else name) updates it; services absent from the import are archived.",
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

export const importApi = createRouter()
  .openapi(chatonsinfos, async (c) => {
    const body = c.req.valid("json");
    const result = await saveImport(c.var.db, importChatonsInfos(body), { format: "chatonsinfos", url: body.source_url ?? null });
    const { created, ...reply } = result;
    return c.json(reply, created ? 201 : 200);
  })
  .openapi(librehosters, async (c) => {
    const result = await saveImport(c.var.db, importLibreHost(c.req.valid("json")), { format: "librehosters" });
    const { created, ...reply } = result;
    return c.json(reply, created ? 201 : 200);
  });
