// The catalogue's API shapes for OpenAPI, built from the domain schemas.
import { z } from "@hono/zod-openapi";
import { httpUrl } from "../../lib/http-url";
import { offerInputSchema, providerInputSchema } from "../model";

export const providerSchema = providerInputSchema
  .omit({ is_demo: true })
  .extend({
    id: z.string().openapi({ example: "prv_0a1b2c3d4e5f6g7h" }),
    chatons: z.boolean().openapi({ description: "An active member of the CHATONS collective" }),
    demo: z.boolean().openapi({ description: "Fictional demo data" }),
    source: z.object({ format: z.string(), url: z.string().nullable(), imported_at: z.string().nullable() }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Provider");

export const offerSchema = offerInputSchema
  .omit({ key: true })
  .extend({
    id: z.string().openapi({ example: "off_0a1b2c3d4e5f6g7h" }),
    provider_id: z.string(),
    provider_name: z.string(),
    provider_country: z.string().nullable(),
    monthly_cents: z.number().int().openapi({ description: "Price of one unit (or the flat offer) per month, in cents" }),
    yearly_cents: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Offer");

export const providerDetailSchema = providerSchema.extend({ offers: z.array(offerSchema) }).openapi("ProviderDetail");

export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);

export const idParam = (prefix: "prv" | "off") =>
  z.object({
    id: z
      .string()
      .max(64)
      .openapi({ param: { name: "id", in: "path" }, example: `${prefix}_0a1b2c3d4e5f6g7h` }),
  });

export const importResultSchema = z
  .object({ provider_id: z.string(), offer_ids: z.array(z.string()), warnings: z.array(z.string()) })
  .openapi("ImportResult");

export const chatonsInfosImportSchema = z
  .object({
    organization: z.string().min(1).max(200_000).openapi({ description: "The organization .properties file's text" }),
    services: z.array(z.string().min(1).max(200_000)).max(200).default([]).openapi({ description: "Each service .properties file's text" }),
    source_url: httpUrl().optional(),
  })
  .openapi("ChatonsInfosImport");
