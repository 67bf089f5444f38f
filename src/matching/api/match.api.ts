// POST /api/v1/match: needs in, ranked and explained bundles out. Public: it reads only the
// published catalogue and stores nothing.
import { createRoute, z } from "@hono/zod-openapi";
import { access, createRouter, problems } from "../../lib/openapi";
import { jsonOnly } from "../../lib/auth";
import { loadMatchCatalog } from "../catalog";
import { match } from "../engine";
import { matchRequestSchema } from "../needs";
import { matchResultSchema } from "./schemas";

const route = createRoute({
  method: "post",
  path: "/match",
  tags: ["Matching"],
  summary: "Rank the bundles of offers that cover a member's needs",
  description:
    "Access: public. Bundles are exact (best first); every excluded offer says why (`reasons=all` lists every failed constraint) and needs no offer can meet are listed in `unmet`. Messages follow `lang` or Accept-Language.",
  security: access.public,
  middleware: [jsonOnly],
  request: {
    query: z.object({
      reasons: z.enum(["first", "all"]).default("first"),
      lang: z.enum(["fr", "nl", "en"]).optional(),
      member_country: z.string().regex(/^[A-Z]{2}$/, "an ISO country code such as BE").optional().openapi({ description: "For proximity" }),
    }),
    body: { required: true, content: { "application/json": { schema: matchRequestSchema } } },
  },
  responses: {
    200: { description: "Bundles, exclusions and unmet needs", content: { "application/json": { schema: matchResultSchema } } },
    400: problems[400],
    415: problems[415],
  },
});

export const matchApi = createRouter().openapi(route, async (c) => {
  const request = c.req.valid("json");
  const query = c.req.valid("query");
  const { offers } = await loadMatchCatalog(c.var.db, request.needs.map((n) => n.service));
  const result = match(request, offers, { lang: c.var.lang, allReasons: query.reasons === "all", memberCountry: query.member_country });
  return c.json(result, 200);
});
