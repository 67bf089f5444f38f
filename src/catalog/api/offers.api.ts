// Public offer endpoints: filtered list, detail, and the ChatonsInfos service file.
import { createRoute, z } from "@hono/zod-openapi";
import { access, createRouter, problems } from "../../lib/openapi";
import { notFound } from "../../lib/problem";
import { offerDto, offerInputFromRow, providerInputFromRow } from "../dto";
import { catalogFilterSchema } from "../filters";
import { writeServiceProperties } from "../formats/chatonsinfos";
import { getOffer, listOffers } from "../repository";
import { idParam, offerSchema, pageOf } from "./schemas";

const list = createRoute({
  method: "get",
  path: "/offers",
  tags: ["Catalogue"],
  summary: "List published offers, cheapest first",
  description: "Access: public. `country` matches the offer's hosting country, else its provider's.",
  security: access.public,
  request: { query: catalogFilterSchema },
  responses: { 200: { description: "A page of offers", content: { "application/json": { schema: pageOf(offerSchema, "OfferPage") } } }, 400: problems[400] },
});

const get = createRoute({
  method: "get",
  path: "/offers/{id}",
  tags: ["Catalogue"],
  summary: "One published offer",
  description: "Access: public. Drafts are not public.",
  security: access.public,
  request: { params: idParam("off") },
  responses: { 200: { description: "The offer", content: { "application/json": { schema: offerSchema } } }, 404: problems[404] },
});

const serviceProperties = createRoute({
  method: "get",
  path: "/offers/{id}/service.properties",
  tags: ["Export"],
  summary: "The offer as a ChatonsInfos service file",
  description: "Access: public.",
  security: access.public,
  request: { params: idParam("off") },
  responses: { 200: { description: "ChatonsInfos properties (UTF-8)", content: { "text/plain": { schema: z.string() } } }, 404: problems[404] },
});

/** Drafts and offers waiting for a steward are nobody's business but their provider's: they answer
 *  404 like unknown ids (getOffer already hides the offers of providers that are not public). */
async function publicOffer(db: Parameters<typeof getOffer>[0], id: string) {
  const row = await getOffer(db, id);
  if (row.offer.status === "draft" || row.offer.status === "pending") throw notFound("Offer", id);
  return row;
}

export const offersApi = createRouter()
  .openapi(list, async (c) => {
    const page = await listOffers(c.var.db, c.req.valid("query"));
    return c.json({ data: page.data.map((r) => offerDto(r.offer, r.provider)), next_cursor: page.next_cursor }, 200);
  })
  .openapi(get, async (c) => {
    const { offer, provider } = await publicOffer(c.var.db, c.req.valid("param").id);
    return c.json(offerDto(offer, provider), 200);
  })
  .openapi(serviceProperties, async (c) => {
    const { offer, provider } = await publicOffer(c.var.db, c.req.valid("param").id);
    const text = writeServiceProperties(offerInputFromRow(offer), providerInputFromRow(provider));
    return c.text(text, 200, { "content-type": "text/plain; charset=utf-8" });
  });
