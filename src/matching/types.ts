// The engine's input and output shapes. The engine never reads the database: an adapter turns
// offer and provider rows into `MatchOffer`s, so matching stays a pure function that tests can
// feed by hand.
import type { LegalForm, OFFER_STATUSES, Pricing, Quotas } from "../catalog/model";

type OfferStatus = (typeof OFFER_STATUSES)[number];
import type { ReasonCode } from "./reasons";

export type MatchLang = "fr" | "nl" | "en";

/** What the engine needs to know about the provider behind an offer (repeated on each of its offers). */
export interface MatchProvider {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** ISO 639-1 codes the provider supports its users in. */
  languages: string[];
  lat: number | null;
  lon: number | null;
  legal_form: LegalForm;
  /** Networks the provider is an active member of, lower case ("chatons", "librehosters"). */
  networks: string[];
  /** How many charters or commitments it has signed (more is better). */
  commitments: number;
  /** Whether it takes new members or clients at all. */
  accepting: boolean;
  /** Places left for new members; null when not stated, 0 when full. */
  capacity: number | null;
}

/**
 * One offer as the engine sees it. Quotas are per unit: `storage_gb` is the storage of one mailbox,
 * site or account; the count quota of the service (mailboxes, aliases, lists, domains) is how many
 * units one flat subscription includes, or the most one per-unit subscription may order.
 * A null quota means "not stated" and does not limit.
 */
export interface MatchOffer {
  offer_id: string;
  provider_id: string;
  service: string;
  features: string[];
  quotas: Quotas;
  pricing: Pricing;
  software: { name: string | null; license: string | null };
  hosting_country: string | null;
  registration: "None" | "Free" | "Member" | "Client";
  load: "OPEN" | "FULL";
  status: OfferStatus;
  provider: MatchProvider;
}

export interface MatchOptions {
  lang: MatchLang;
  /** List every constraint an excluded offer fails, not only the first. */
  allReasons?: boolean;
  /** The member's country, for the proximity criterion when no coordinates are known. */
  memberCountry?: string;
  /** The member's location, for the proximity criterion by distance. */
  memberLocation?: { lat: number; lon: number };
}

export interface BundleItem {
  offer_id: string;
  provider_id: string;
  /** Indexes into the request's needs. */
  needs: number[];
  /** Recurring cost of this offer for these needs, per month (a membership fee sits on one item of its provider). */
  monthly_cents: number;
}

export const CRITERIA = ["price", "providers", "commitments", "proximity", "language", "software"] as const;
export type Criterion = (typeof CRITERIA)[number];

/** One criterion's part of the score: value is normalised to 0..1 (1 is best); points = 100·weight·value/Σweights. */
export interface CriterionScore {
  weight: number;
  value: number;
  points: number;
}

export interface Bundle {
  items: BundleItem[];
  monthly_cents: number;
  yearly_cents: number;
  setup_cents: number;
  /** How many providers the bundle uses. */
  providers: number;
  /** 0..100, higher is better; the sum of the breakdown's points. */
  score: number;
  breakdown: Record<Criterion, CriterionScore>;
  /** Another returned bundle is at least as good on every weighted criterion and better on one. */
  dominated: boolean;
}

export interface Excluded {
  offer_id: string;
  reason: ReasonCode;
  message: string;
  /** Every failed constraint, when asked for with `allReasons`. */
  reasons?: ReasonCode[];
}

export interface Unmet {
  need: number;
  reason: ReasonCode;
  message: string;
}

export interface MatchResult {
  bundles: Bundle[];
  excluded: Excluded[];
  unmet: Unmet[];
}
