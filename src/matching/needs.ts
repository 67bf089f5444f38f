// What a member asks for: needs, hard constraints and the weights of the soft criteria. Written in
// zod from @hono/zod-openapi so the matching route can publish it in the OpenAPI document as is.
import { z } from "@hono/zod-openapi";
import { refineFeatures } from "../catalog/features";
import { LEGAL_FORMS, SERVICE_KINDS } from "../catalog/model";

/** Networks a member may require its providers to belong to. */
export const NETWORKS = ["chatons", "librehosters"] as const;
/**
 * Where a domain's DNS must live, when the member says so. A request describes one domain: its
 * mailbox and alias needs always share one provider (one MX), and "mail" / "domain" adds its DNS
 * needs to that group / to its registration's group (groups.ts).
 */
export const KEEP_DNS_WITH = ["domain", "mail"] as const;
/** At most 12 needs: the engine's subset dynamic programme is exponential in their number. */
export const MAX_NEEDS = 12;

const weight = z.number().min(0).max(10);

export const needSchema = z
  .strictObject({
    service: z.enum(SERVICE_KINDS).openapi({ example: "mailbox" }),
    quantity: z.number().int().min(1).max(100_000).default(1).openapi({ description: "How many mailboxes, aliases, lists, domains, sites…" }),
    storage_gb: z.number().min(0).max(100_000).nullable().default(null).openapi({ description: "Storage each unit needs, in GB" }),
    subscribers: z.number().int().min(0).max(10_000_000).nullable().default(null).openapi({ description: "Subscribers each mailing list needs" }),
    features: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/, "a lowercase feature such as imap")).max(20).default([]).openapi({ description: "Feature codes of the need's kind every matching offer must have", example: ["imap"] }),
    software: z.string().trim().min(1).max(200).nullable().default(null).openapi({ description: "Preferred software (a soft criterion)", example: "SOGo" }),
  })
  // Features are codes of the need's kind (src/catalog/features.ts): an unknown one is a 400 naming it, with the allowed ones.
  .superRefine(refineFeatures)
  .openapi("Need");

export const constraintsSchema = z
  .strictObject({
    budget_monthly_cents: z.number().int().min(0).max(100_000_000).nullable().default(null).openapi({
      description: "Highest cost per month for the whole bundle, in cents; setup fees count for a twelfth",
    }),
    hosting_countries: z.array(z.string().regex(/^[A-Z]{2}$/, "an ISO country code such as BE")).max(50).default([]).openapi({ description: "Countries where data may be hosted (empty: any)", example: ["BE", "FR"] }),
    support_languages: z.array(z.string().regex(/^[a-z]{2}$/, "an ISO language code such as fr")).max(10).default([]).openapi({ description: "The provider must support one of these languages; the first is preferred", example: ["fr", "nl"] }),
    free_software_only: z.boolean().default(false),
    networks: z.array(z.enum(NETWORKS)).max(NETWORKS.length).default([]).openapi({ description: "The provider must belong to one of these networks (empty: any)" }),
    accepting_only: z.boolean().default(true).openapi({ description: "Only providers accepting new members, with room left and open offers" }),
    legal_forms: z.array(z.enum(LEGAL_FORMS)).max(LEGAL_FORMS.length).default([]).openapi({ description: "Allowed legal forms of the provider (empty: any)" }),
    keep_dns_with: z.enum(KEEP_DNS_WITH).nullable().default(null).openapi({
      description: "Host the DNS where the domain is registered (\"domain\") or where its mail is (\"mail\"); null: anywhere",
    }),
    pwyw_as_free: z.boolean().default(false).openapi({
      description: "Rank pay-what-you-want offers as free; by default they rank at the provider's suggested (or minimum) amount",
    }),
  })
  .openapi("MatchConstraints");

export const weightsSchema = z
  .strictObject({
    price: weight.default(4),
    providers: weight.default(2).openapi({ description: "Prefer fewer providers" }),
    commitments: weight.default(1),
    proximity: weight.default(1),
    language: weight.default(1),
    software: weight.default(1).openapi({ description: "Prefer the needs' preferred software" }),
  })
  .refine((w) => Object.values(w).some((v) => v > 0), { message: "at least one weight must be positive" })
  .openapi("MatchWeights");

export const matchRequestSchema = z
  .strictObject({
    needs: z.array(needSchema).min(1, "describe at least one need").max(MAX_NEEDS),
    constraints: constraintsSchema.prefault({}),
    weights: weightsSchema.prefault({}),
    limit: z.number().int().min(1).max(20).default(5).openapi({ description: "How many bundles to return" }),
  })
  .openapi("MatchRequest", {
    example: {
      needs: [
        { service: "web_hosting", quantity: 1, storage_gb: null, subscribers: null, features: [], software: "SPIP" },
        { service: "mailbox", quantity: 12, storage_gb: 2, subscribers: null, features: ["imap"], software: "SOGo" },
      ],
      constraints: { budget_monthly_cents: 5000, hosting_countries: [], support_languages: ["fr"], free_software_only: true, networks: ["chatons"], accepting_only: true, legal_forms: [], keep_dns_with: null, pwyw_as_free: false },
      weights: { price: 4, providers: 2, commitments: 1, proximity: 1, language: 1, software: 1 },
      limit: 5,
    },
  });

export type Need = z.output<typeof needSchema>;
export type MatchConstraints = z.output<typeof constraintsSchema>;
export type MatchWeights = z.output<typeof weightsSchema>;
/** A request after parsing (defaults filled in): what `match` takes. */
export type MatchRequest = z.output<typeof matchRequestSchema>;
/** A request as a client may send it. */
export type MatchRequestInput = z.input<typeof matchRequestSchema>;
