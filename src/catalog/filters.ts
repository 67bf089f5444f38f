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

/** What the directory's offer filters read of an offer. */
export type FilterableOffer = { service: string; softwareName: string | null; pricingModel: string; monthlyCents: number; load: string; status: string };

/**
 * Whether one offer answers the visitor's offer filters (kind, software, pricing model, highest
 * monthly price, open offers), as the directory's SQL (repository.ts offerConditions) reads them:
 * a card's "from" price is the cheapest of these, not of everything the provider lists.
 */
export function offerFitsFilter(o: FilterableOffer, f: Pick<CatalogFilter, "service" | "software" | "pricing" | "max_monthly_cents" | "accepting">): boolean {
  if (o.status !== "published") return false;
  if (f.service?.length && !f.service.includes(o.service)) return false;
  if (f.software && !(o.softwareName ?? "").toLowerCase().includes(f.software.toLowerCase())) return false;
  if (f.pricing && o.pricingModel !== f.pricing) return false;
  if (f.max_monthly_cents !== undefined && o.monthlyCents > f.max_monthly_cents) return false;
  if (f.accepting && o.load !== "OPEN") return false;
  return true;
}
