// Public offer versions: what an offer looked like each time it was published or changed.
import { createRoute, z } from "@hono/zod-openapi";
import { access, createRouter, problems } from "../../lib/openapi";
import { offerSchema } from "./schemas";
import { getVersion, listVersions } from "../versions";

const offerParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "off_0a1b2c3d4e5f6g7h" }) });
const versionParam = offerParam.extend({
  version: z.coerce.number().int().min(1).max(1_000_000).openapi({ param: { name: "version", in: "path" }, example: 1 }),
});

const versionSummary = z.object({ version: z.number().int(), created_at: z.string(), source: z.enum(["import", "provider", "steward"]) }).openapi("OfferVersionSummary");

const list = createRoute({
  method: "get",
  path: "/offers/{id}/versions",
  tags: ["Catalogue"],
  summary: "The versions of an offer, newest first",
  description: "Access: public. Offers of providers that are not public answer 404.",
  security: access.public,
  request: { params: offerParam },
  responses: { 200: { description: "Versions", content: { "application/json": { schema: z.object({ offer_id: z.string(), current: z.number().int(), data: z.array(versionSummary) }) } } }, 404: problems[404] },
});

const get = createRoute({
  method: "get",
  path: "/offers/{id}/versions/{version}",
  tags: ["Catalogue"],
  summary: "One version of an offer as it was published",
  description: "Access: public. `snapshot` is the offer's public JSON at the time.",
  security: access.public,
  request: { params: versionParam },
  responses: {
    200: {
      description: "The version",
      content: { "application/json": { schema: versionSummary.extend({ offer_id: z.string(), latest: z.number().int(), snapshot: offerSchema }).openapi("OfferVersion") } },
    },
    400: problems[400],
    404: problems[404],
  },
});

export const versionsApi = createRouter()
  .openapi(list, async (c) => {
    const { offer, versions } = await listVersions(c.var.db, c.req.valid("param").id);
    return c.json({ offer_id: offer.id, current: offer.version, data: versions }, 200);
  })
  .openapi(get, async (c) => {
    const { id, version } = c.req.valid("param");
    const found = await getVersion(c.var.db, id, version);
    return c.json(
      {
        offer_id: found.offer.id,
        version: found.version.version,
        created_at: found.version.createdAt,
        source: found.version.source,
        latest: found.latest,
        snapshot: found.version.snapshot as z.infer<typeof offerSchema>,
      },
      200,
    );
  });
