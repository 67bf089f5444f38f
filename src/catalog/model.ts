// The catalogue's domain vocabulary: one zod source for the enums and the shapes that the
// importers produce, the database stores and the API returns.
import { z } from "@hono/zod-openapi";
import { httpUrl } from "../lib/http-url";
import { MAX_TAG_LENGTH, MAX_TAGS, refineFeatures } from "./features";

export const LEGAL_FORMS = ["ASSOCIATION", "INFORMAL", "COOPERATIVE", "MICROCOMPANY", "COMPANY", "INDIVIDUAL", "OTHER"] as const;
export const PROVIDER_STATUSES = ["ACTIVE", "IDLE", "AWAY"] as const;
export const HARDWARE_HOSTING = ["HOME", "HOSTEDBAY", "HOSTEDSERVER", "OUTSOURCED"] as const;
/** The kinds Cassiopea's members must move first; the list is open (any lowercase slug is accepted). */
export const SERVICE_KINDS = [
  "web_hosting", "mailbox", "mail_alias", "mailing_list", "domain_registration", "dns_hosting", "cloud_storage",
  "collaborative_editing", "video_conferencing", "chat", "other",
] as const;
export const REGISTRATIONS = ["None", "Free", "Member", "Client"] as const;
export const LOADS = ["OPEN", "FULL"] as const;
export const PRICING_MODELS = ["free", "donation", "membership", "paid"] as const;
export const PRICE_PERIODS = ["month", "year"] as const;
export const PRICE_UNITS = ["flat", "per_unit"] as const;
/** `pending`: a provider's new offer waiting for a steward (never listed). */
export const OFFER_STATUSES = ["draft", "published", "archived", "pending"] as const;
export const SOURCE_FORMATS = ["chatonsinfos", "librehosters", "manual"] as const;
/** `pending` while a self-created profile waits for a steward; only `public` ones are listed. */
export const PROVIDER_VISIBILITIES = ["public", "pending"] as const;
/** Who published a version of an offer (offer_versions.source). */
export const VERSION_SOURCES = ["import", "provider", "steward"] as const;

export type LegalForm = (typeof LEGAL_FORMS)[number];
export type ServiceKind = string;
export type PricingModel = (typeof PRICING_MODELS)[number];

export const serviceKindSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "a lowercase service kind such as mailbox");
/** Every URL of the catalogue: http(s) only (src/lib/http-url.ts). */
const url = httpUrl();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const membershipSchema = z.object({
  network: z.string().min(1).max(80), // "chatons", "librehosters", …
  status: z.enum(PROVIDER_STATUSES).default("ACTIVE"),
  since: isoDate.nullable().default(null),
  until: isoDate.nullable().default(null),
});
export const commitmentSchema = z.object({
  charter: z.string().min(1).max(200),
  evidence_url: url.nullable().default(null),
});

/** CHATONS counts a provider in while its chatons membership is ACTIVE (the directory's SQL filter
 *  in repository.ts applies the same rule). */
export function isChatonsMember<M extends { network: string; status: string }>(p: { memberships: readonly M[] }): boolean {
  return p.memberships.some((m) => m.network === "chatons" && m.status === "ACTIVE");
}

/** A provider as importers produce it and the API returns it (minus ids and timestamps). */
export const providerInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(""),
  legal_form: z.enum(LEGAL_FORMS).default("OTHER"),
  status: z.enum(PROVIDER_STATUSES).default("ACTIVE"),
  founded_on: isoDate.nullable().default(null),
  website: url.nullable().default(null),
  logo_url: url.nullable().default(null),
  contact_url: url.nullable().default(null),
  contact_email: z.string().email().max(320).nullable().default(null),
  legal_url: url.nullable().default(null),
  user_guide_url: url.nullable().default(null),
  technical_guide_url: url.nullable().default(null),
  country_code: z.string().regex(/^[A-Z]{2}$/).nullable().default(null),
  address: z.string().max(500).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).default([]),
  memberships: z.array(membershipSchema).default([]),
  commitments: z.array(commitmentSchema).default([]),
  hardware_hosting: z.enum(HARDWARE_HOSTING).nullable().default(null),
  accepting_members: z.boolean().default(true),
  capacity: z.number().int().min(0).nullable().default(null),
  funding: z.record(z.string(), z.string().max(2000)).default({}),
  social: z.record(z.string(), z.string().max(2000)).default({}),
  is_demo: z.boolean().default(false),
});
export type ProviderInput = z.infer<typeof providerInputSchema>;

export const quotasSchema = z.object({
  storage_gb: z.number().min(0).nullable().default(null),
  mailboxes: z.number().int().min(0).nullable().default(null),
  aliases: z.number().int().min(0).nullable().default(null),
  lists: z.number().int().min(0).nullable().default(null),
  subscribers: z.number().int().min(0).nullable().default(null),
  domains: z.number().int().min(0).nullable().default(null),
});
export type Quotas = z.infer<typeof quotasSchema>;

export const pricingSchema = z.object({
  model: z.enum(PRICING_MODELS).default("free"),
  /** The price; for "donation" (pay what you want) the provider's suggested or minimum amount, 0 if none (never charged). */
  amount_cents: z.number().int().min(0).default(0),
  currency: z.literal("EUR").default("EUR"),
  period: z.enum(PRICE_PERIODS).default("month"),
  unit: z.enum(PRICE_UNITS).default("flat"),
  setup_fee_cents: z.number().int().min(0).default(0),
});
export type Pricing = z.infer<typeof pricingSchema>;

export const softwareSchema = z.object({
  name: z.string().max(200).nullable().default(null),
  website: url.nullable().default(null),
  license: z.string().max(200).nullable().default(null),
  license_url: url.nullable().default(null),
  version: z.string().max(100).nullable().default(null),
  source_url: url.nullable().default(null),
  modules: z.array(z.string().max(200)).default([]),
});

/** An offer as importers produce it (the provider is given apart). `key` identifies it within its provider. */
export const offerInputSchema = z.object({
  key: z.string().min(1).max(200),
  service: serviceKindSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(""),
  website: url.nullable().default(null),
  software: softwareSchema.default({ name: null, website: null, license: null, license_url: null, version: null, source_url: null, modules: [] }),
  /** Codes of the shared vocabulary (src/catalog/features.ts) for the offer's kind; matching requires them. */
  features: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/, "a feature code such as imap")).max(60).default([]),
  /** Free words (an import's words the vocabulary does not know): shown, never used to exclude an offer. */
  tags: z.array(z.string().trim().min(1).max(MAX_TAG_LENGTH).regex(/^[^,\r\n]+$/, "a word or phrase without commas")).max(MAX_TAGS).default([]),
  quotas: quotasSchema.default({ storage_gb: null, mailboxes: null, aliases: null, lists: null, subscribers: null, domains: null }),
  registration: z.enum(REGISTRATIONS).default("Free"),
  load: z.enum(LOADS).default("OPEN"),
  pricing: pricingSchema.default({ model: "free", amount_cents: 0, currency: "EUR", period: "month", unit: "flat", setup_fee_cents: 0 }),
  hosting_country: z.string().regex(/^[A-Z]{2}$/).nullable().default(null),
  hardware_hosting: z.enum(HARDWARE_HOSTING).nullable().default(null),
  status: z.enum(OFFER_STATUSES).default("published"),
  started_on: isoDate.nullable().default(null),
});
export type OfferInput = z.infer<typeof offerInputSchema>;
/** An offer whose features are checked against its kind's vocabulary (a refined schema cannot be
 *  omitted from or extended, so the check is added where a whole offer is parsed). */
export const checkedOfferInputSchema = offerInputSchema.superRefine(refineFeatures);

/** What an import yields before it touches the database. */
export interface ImportedProvider {
  provider: ProviderInput;
  /** Stable identity across re-imports (normalised website host, else a slug of the name). */
  key: string;
  offers: OfferInput[];
  warnings: string[];
}
