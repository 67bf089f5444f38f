// The directory's filters: one zod schema for the API's query string and the pages' forms.
import { z } from "@hono/zod-openapi";
import { LEGAL_FORMS, PRICING_MODELS, serviceKindSchema } from "./model";

/** A query parameter that may be repeated (`?service=a&service=b`) or comma-separated. */
const repeatable = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

const flag = z
  .enum(["true", "false", "1", "0", "on", ""])
  .transform((v) => v === "true" || v === "1" || v === "on");

export const catalogFilterSchema = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: "Words to find in names, descriptions and software" }),
  service: repeatable(serviceKindSchema).optional().openapi({
    description: "Service kind; repeat for several. Providers must offer every kind given; offers may be of any.",
    example: ["mailbox"],
  }),
  software: z.string().trim().max(100).optional().openapi({ description: "Software name (part of it, any case)", example: "Sympa" }),
  pricing: z.enum(PRICING_MODELS).optional(),
  max_monthly_cents: z.coerce.number().int().min(0).max(100_000_000).optional().openapi({ description: "Highest price per month, in cents" }),
  country: repeatable(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "a two-letter country code")).optional(),
  language: repeatable(z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, "a two-letter language code")).optional(),
  legal_form: z.enum(LEGAL_FORMS).optional(),
  accepting: flag.optional().openapi({ description: "Only providers accepting new members (and open offers)" }),
  chatons: flag.optional().openapi({ description: "Only active CHATONS members" }),
  cursor: z.string().max(500).optional().openapi({ description: "The next_cursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CatalogFilter = z.infer<typeof catalogFilterSchema>;
