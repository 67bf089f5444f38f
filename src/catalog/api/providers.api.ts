// Public provider endpoints: directory, detail, and exports in the ChatonsInfos and LibreHosters formats.
import { createRoute, z } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { settings } from "../../env";
import { access, createRouter, problems } from "../../lib/openapi";
import { cachedPage } from "../directory-cache";
import { offerDto, offerInputFromRow, providerDto, providerInputFromRow } from "../dto";
import { catalogFilterSchema } from "../filters";
import { writeOrganizationProperties } from "../formats/chatonsinfos";
import { writeLibreHost } from "../formats/librehosters";
import { getProvider, listProviders, providerOffers } from "../repository";
import { idParam, pageOf, providerDetailSchema, providerSchema } from "./schemas";

const encoder = new TextEncoder();
const providerPage = pageOf(providerSchema, "ProviderPage");

const list = createRoute({
  method: "get",
  path: "/providers",
  tags: ["Catalogue"],
  summary: "List providers, filtered",
  description: "Access: public. Filters combine; offer filters (software, pricing, price) must hold for one same published offer of each requested service.",
  security: access.public,
  request: { query: catalogFilterSchema },
  responses: { 200: { description: "A page of providers", content: { "application/json": { schema: providerPage } } }, 400: problems[400] },
});

const get = createRoute({
  method: "get",
  path: "/providers/{id}",
  tags: ["Catalogue"],
  summary: "One provider with its published offers",
  description: "Access: public.",
  security: access.public,
  request: { params: idParam("prv") },
  responses: { 200: { description: "The provider", content: { "application/json": { schema: providerDetailSchema } } }, 404: problems[404] },
});

const organizationProperties = createRoute({
  method: "get",
  path: "/providers/{id}/organization.properties",
  tags: ["Export"],
  summary: "The provider as a ChatonsInfos organization file",
  description: "Access: public. Its `subs.*` lines point at each published offer's service.properties.",
  security: access.public,
  request: { params: idParam("prv") },
  responses: { 200: { description: "ChatonsInfos properties (UTF-8)", content: { "text/plain": { schema: z.string() } } }, 404: problems[404] },
});

const librehost = createRoute({
  method: "get",
  path: "/providers/{id}/librehost.json",
  tags: ["Export"],
  summary: "The provider as a LibreHosters librehost.json",
  description: "Access: public.",
  security: access.public,
  request: { params: idParam("prv") },
  responses: { 200: { description: "librehost.json", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } }, 404: problems[404] },
});

export const providersApi = createRouter()
  .openapi(list, async (c) => {
    // The same page for every caller (public data only): kept per isolate for a catalogue version,
    // as the JSON bytes sent, so a hit costs neither the query nor the serialisation.
    const query = c.req.valid("query");
    const body = await cachedPage(c.env.DB, JSON.stringify(query), settings(c.env).CATALOG_RECHECK_MS, async () => {
      const page = await listProviders(c.var.db, query);
      return encoder.encode(JSON.stringify({ data: page.data.map(providerDto), next_cursor: page.next_cursor } satisfies z.input<typeof providerPage>));
    });
    // The bytes are the JSON of a ProviderPage (checked by `satisfies` above), typed as such for the route.
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { "content-type": "application/json" }) as unknown as TypedResponse<z.output<typeof providerPage>, 200, "json">;
  })
  .openapi(get, async (c) => {
    const provider = await getProvider(c.var.db, c.req.valid("param").id);
    const offers = await providerOffers(c.var.db, provider.id, { publishedOnly: true });
    return c.json({ ...providerDto(provider), offers: offers.map((o) => offerDto(o, provider)) }, 200);
  })
  .openapi(organizationProperties, async (c) => {
    const provider = await getProvider(c.var.db, c.req.valid("param").id);
    const offers = await providerOffers(c.var.db, provider.id, { publishedOnly: true });
    const origin = new URL(c.req.url).origin;
    const text = writeOrganizationProperties(providerInputFromRow(provider), {
      services: offers.map((o) => ({ key: o.externalKey, url: `${origin}/api/v1/offers/${o.id}/service.properties` })),
      generatedAt: new Date().toISOString(),
    });
    return c.text(text, 200, { "content-type": "text/plain; charset=utf-8" });
  })
  .openapi(librehost, async (c) => {
    const provider = await getProvider(c.var.db, c.req.valid("param").id);
    const offers = await providerOffers(c.var.db, provider.id, { publishedOnly: true });
    return c.json(writeLibreHost(providerInputFromRow(provider), offers.map(offerInputFromRow)) as Record<string, unknown>, 200);
  });
