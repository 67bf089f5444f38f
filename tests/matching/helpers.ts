// Builders and fast-check arbitraries for the matching tests.
import fc from "fast-check";
import type { Pricing, Quotas } from "../../src/catalog/model";
import { featuresOf } from "../../src/catalog/features";
import { matchRequestSchema, type MatchRequest, type MatchRequestInput } from "../../src/matching/needs";
import type { MatchOffer, MatchProvider } from "../../src/matching/types";

export const NO_QUOTAS: Quotas = { storage_gb: null, mailboxes: null, aliases: null, lists: null, subscribers: null, domains: null };

export function provider(over: Partial<MatchProvider> = {}): MatchProvider {
  return { country: "BE", languages: ["fr"], lat: null, lon: null, legal_form: "ASSOCIATION", networks: ["chatons"], commitments: 1, accepting: true, capacity: null, ...over };
}

export function pricing(over: Partial<Pricing> = {}): Pricing {
  return { model: "paid", amount_cents: 0, currency: "EUR", period: "month", unit: "flat", setup_fee_cents: 0, ...over };
}

export interface OfferSpec {
  id: string;
  provider_id: string;
  service: string;
  pricing?: Partial<Pricing>;
  quotas?: Partial<Quotas>;
  features?: string[];
  software?: { name: string | null; license: string | null };
  hosting_country?: string | null;
  load?: "OPEN" | "FULL";
  status?: "draft" | "published" | "archived";
  provider?: MatchProvider;
}

export function offer(s: OfferSpec): MatchOffer {
  return {
    offer_id: s.id,
    provider_id: s.provider_id,
    service: s.service,
    features: s.features ?? [],
    quotas: { ...NO_QUOTAS, ...s.quotas },
    pricing: pricing(s.pricing),
    software: s.software ?? { name: null, license: "AGPL-3.0" },
    hosting_country: s.hosting_country === undefined ? "BE" : s.hosting_country,
    registration: "Free",
    load: s.load ?? "OPEN",
    status: s.status ?? "published",
    provider: s.provider ?? provider(),
  };
}

export const request = (input: MatchRequestInput): MatchRequest => matchRequestSchema.parse(input);

// ——— Random instances ———

const SERVICES = ["mailbox", "web_hosting", "mailing_list"] as const;
type Service = (typeof SERVICES)[number] | (typeof COUPLED)[number];
/** The kinds the couplings (groups.ts, included aliases) bind together, mail twice as often, and one free kind. */
export const COUPLED = ["mailbox", "mail_alias", "mailbox", "mail_alias", "dns_hosting", "domain_registration", "web_hosting"] as const;

/** Narrower instances: fewer kinds, a budget always set, preferred software always stated. */
export interface Focus {
  services?: readonly Service[];
  budget?: boolean;
  software?: boolean;
  /** Draw keep_dns_with too (use with COUPLED services). */
  couplings?: boolean;
}
const SOFTWARE = ["SOGo", "Roundcube", "SPIP", "Sympa"] as const;

const providerArb = fc.record({
  country: fc.constantFrom("BE", "FR", "NL", null),
  languages: fc.constantFrom(["fr"], ["fr", "nl"], ["nl"], ["en"], ["fr", "nl", "en"]),
  lat: fc.constant(null),
  lon: fc.constant(null),
  legal_form: fc.constantFrom("ASSOCIATION", "COOPERATIVE", "COMPANY" as const),
  networks: fc.constantFrom(["chatons"], ["chatons"], ["librehosters"], ["chatons", "librehosters"], []),
  commitments: fc.integer({ min: 0, max: 4 }),
  accepting: fc.constantFrom(true, true, true, true, false),
  capacity: fc.constantFrom(null, null, null, null, 0, 5),
}) as fc.Arbitrary<MatchProvider>;

const pricingArb: fc.Arbitrary<Pricing> = fc.record({
  model: fc.constantFrom("free", "donation", "membership", "paid", "paid", "paid"),
  amount_cents: fc.integer({ min: 0, max: 3000 }),
  currency: fc.constant("EUR"),
  period: fc.constantFrom("month", "year"),
  unit: fc.constantFrom("flat", "per_unit"),
  setup_fee_cents: fc.constantFrom(0, 0, 0, 500, 1500),
});

const quotasArb: fc.Arbitrary<Quotas> = fc.record({
  storage_gb: fc.constantFrom(null, null, 2, 5, 10),
  mailboxes: fc.constantFrom(null, 5, 10, 20),
  aliases: fc.constantFrom(null, 1, 2, 10, 50),
  lists: fc.constantFrom(null, 2, 5),
  subscribers: fc.constantFrom(null, 100, 1000),
  domains: fc.constantFrom(null, 1, 3),
});

/** A provider with 1–maxOffers offers; ids are made unique by the caller's index. */
const providerOffersArb = (maxOffers: number, focus: Focus) =>
  fc.tuple(
    providerArb,
    fc.array(
      fc.record({
        service: fc.constantFrom(...(focus.services ?? SERVICES)),
        pricing: pricingArb,
        quotas: quotasArb,
        features: fc.constantFrom<string[]>(["imap", "sieve", "https"], ["imap", "https"], []),
        software: fc.record({ name: fc.constantFrom(null, ...SOFTWARE), license: fc.constantFrom("AGPL-3.0", "GPLv2", "MIT", "AGPL-3.0", "proprietary", null) }),
        hosting_country: fc.constantFrom("BE", "BE", "FR", "DE", null),
        load: fc.constantFrom("OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "FULL" as const),
        status: fc.constantFrom("published", "published", "published", "published", "published", "draft" as const),
      }),
      { minLength: 1, maxLength: maxOffers },
    ),
  );

export const catalogueArb = (maxProviders: number, maxOffers: number, focus: Focus = {}): fc.Arbitrary<MatchOffer[]> =>
  fc.array(providerOffersArb(maxOffers, focus), { minLength: 1, maxLength: maxProviders }).map((ps) =>
    ps.flatMap(([prov, offers], pi) =>
      offers.map((o, oi) => offer({ ...o, id: `off_${pi}_${oi}`, provider_id: `prv_${String(pi).padStart(2, "0")}`, provider: prov })),
    ),
  );

/** The features a need may ask for: codes of its kind's vocabulary (imap and sieve for mailboxes, which offers above carry). */
const needFeatures = (service: string, pick: number): string[] => {
  const codes = service === "mailbox" ? ["imap", "sieve"] : featuresOf(service).slice(0, 2);
  return pick < 0 || pick >= codes.length ? [] : [codes[pick]!];
};

const needArb = (focus: Focus) =>
  fc
    .record({
      service: fc.constantFrom(...(focus.services ?? SERVICES)),
      quantity: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 15 })),
      storage_gb: fc.constantFrom(null, null, 1, 2, 5),
      subscribers: fc.constantFrom(null, null, 50, 500),
      featurePick: fc.constantFrom(-1, -1, -1, 0, 1),
      software: focus.software ? fc.constantFrom(...SOFTWARE) : fc.constantFrom(null, null, ...SOFTWARE),
    })
    .map(({ featurePick, ...need }) => ({ ...need, features: needFeatures(need.service, featurePick) }));

export const requestArb = (maxNeeds: number, focus: Focus = {}): fc.Arbitrary<MatchRequest> =>
  fc
    .record({
      needs: fc.array(needArb(focus), { minLength: 1, maxLength: maxNeeds }),
      constraints: fc.record({
        budget_monthly_cents: focus.budget ? fc.integer({ min: 0, max: 80 }).map((x) => x * 100) : fc.constantFrom(null, null, 1000, 3000, 8000),
        hosting_countries: fc.constantFrom([], [], [], ["BE", "FR"]),
        support_languages: fc.constantFrom([], [], ["fr"], ["nl", "fr"]),
        free_software_only: fc.constantFrom(false, false, false, true),
        networks: fc.constantFrom([], [], [], ["chatons"], ["chatons", "librehosters"] as never[]),
        accepting_only: fc.boolean(),
        legal_forms: fc.constantFrom([], [], [], ["ASSOCIATION", "COOPERATIVE"] as never[]),
        keep_dns_with: focus.couplings ? fc.constantFrom(null, "mail", "domain") : fc.constant(null),
      }),
      weights: fc.record({
        price: fc.integer({ min: 0, max: 5 }),
        providers: fc.integer({ min: 0, max: 5 }),
        commitments: fc.integer({ min: 0, max: 3 }),
        proximity: fc.integer({ min: 0, max: 3 }),
        language: fc.integer({ min: 0, max: 3 }),
        software: fc.integer({ min: 0, max: 3 }),
      }).filter((w) => Object.values(w).some((v) => v > 0)),
      limit: fc.integer({ min: 1, max: 6 }),
    })
    .map((r) => matchRequestSchema.parse(r));
