// fast-check generators for providers and offers, built from the zod schemas' constraints and
// then parsed by those schemas, so every generated value is one the API could hold.
import fc from "fast-check";
import {
  HARDWARE_HOSTING, LEGAL_FORMS, LOADS, OFFER_STATUSES, PRICE_PERIODS, PRICE_UNITS, PRICING_MODELS, PROVIDER_STATUSES, REGISTRATIONS,
  SERVICE_KINDS, checkedOfferInputSchema, providerInputSchema,
  type OfferInput, type ProviderInput,
} from "../../../src/catalog/model";
import { allowsFeature, FEATURE_CODES } from "../../../src/catalog/features";

/** Any UTF-16 unit (lone surrogates included) mixed with the characters that matter to the formats. */
export const nastyChar = fc.oneof(
  fc.constantFrom(" ", "\t", "\n", "\r", "\f", "\\", "=", ":", "#", "!", ",", "'", '"', "\u0000", "\uFEFF", "\u2028", "é", "🐱"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);
export const nastyString = (maxLength = 40) => fc.string({ unit: nastyChar, maxLength });

/** Text as the importers keep it: trimmed, as their readers trim values. */
const text = (maxLength: number) => fc.string({ unit: nastyChar, maxLength }).map((s) => s.trim());
const someText = (maxLength: number) => text(maxLength).filter((s) => s !== "");
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const url = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 2000);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom("org", "be", "coop", "net"))
  .map(([l, d, t]) => `${l}@${d}.${t}`);
const isoDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const country = fc.stringMatching(/^[A-Z]{2}$/);
const noNegZero = (x: number) => (Object.is(x, -0) ? 0 : x);
const segmentName = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);

export const providerArb: fc.Arbitrary<ProviderInput> = fc
  .record({
    name: someText(200),
    description: text(400),
    legal_form: fc.constantFrom(...LEGAL_FORMS),
    status: fc.constantFrom(...PROVIDER_STATUSES),
    founded_on: opt(isoDate),
    website: opt(url),
    logo_url: opt(url),
    contact_url: opt(url),
    contact_email: opt(email),
    legal_url: opt(url),
    user_guide_url: opt(url),
    technical_guide_url: opt(url),
    country_code: opt(country),
    address: opt(someText(500)),
    latitude: opt(fc.double({ min: -90, max: 90, noNaN: true }).map(noNegZero)),
    longitude: opt(fc.double({ min: -180, max: 180, noNaN: true }).map(noNegZero)),
    languages: fc.uniqueArray(fc.stringMatching(/^[a-z]{2}$/), { maxLength: 4 }),
    memberships: fc.uniqueArray(
      fc.record({
        network: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/),
        status: fc.constantFrom(...PROVIDER_STATUSES),
        since: opt(isoDate),
        until: opt(isoDate),
      }),
      { selector: (m) => m.network, maxLength: 3 },
    ),
    commitments: fc.array(fc.record({ charter: someText(200), evidence_url: opt(url) }), { maxLength: 3 }),
    hardware_hosting: opt(fc.constantFrom(...HARDWARE_HOSTING)),
    accepting_members: fc.boolean(),
    capacity: opt(fc.nat()),
    funding: fc.dictionary(segmentName, someText(100), { maxKeys: 3 }),
    social: fc.dictionary(segmentName, someText(100), { maxKeys: 3 }),
    is_demo: fc.boolean(),
  })
  .map((p) => providerInputSchema.parse(p));

/** `key` is left as "?" here: each test decides how keys are made. */
export const offerArb: fc.Arbitrary<OfferInput> = fc
  .record({
    key: fc.constant("?"),
    service: fc.oneof(fc.constantFrom(...SERVICE_KINDS), fc.stringMatching(/^[a-z][a-z0-9_]{1,39}$/)),
    name: someText(200),
    description: text(400),
    website: opt(url),
    software: fc.record({
      name: opt(someText(200)),
      website: opt(url),
      license: opt(someText(200)),
      license_url: opt(url),
      version: opt(someText(100)),
      source_url: opt(url),
      // A module list is written comma-separated: names cannot hold a comma.
      modules: fc.array(someText(40).filter((m) => !m.includes(",")), { maxLength: 3 }),
    }),
    // Codes of the vocabulary (those the kind lacks are dropped below) and free tags as people write them.
    features: fc.uniqueArray(fc.constantFrom(...FEATURE_CODES), { maxLength: 4 }),
    tags: fc.uniqueArray(fc.stringMatching(/^[A-Za-zé0-9]+( [A-Za-zé0-9.+-]+){0,2}$/).filter((t) => t.length <= 60), { maxLength: 3, selector: (t) => t.toLowerCase() }),
    quotas: fc.record({
      storage_gb: opt(fc.double({ min: 0, max: 1e6, noNaN: true }).map(noNegZero)),
      mailboxes: opt(fc.nat()),
      aliases: opt(fc.nat()),
      lists: opt(fc.nat()),
      subscribers: opt(fc.nat()),
      domains: opt(fc.nat()),
    }),
    registration: fc.constantFrom(...REGISTRATIONS),
    load: fc.constantFrom(...LOADS),
    pricing: fc.record({
      model: fc.constantFrom(...PRICING_MODELS),
      amount_cents: fc.nat(),
      currency: fc.constant("EUR" as const),
      period: fc.constantFrom(...PRICE_PERIODS),
      unit: fc.constantFrom(...PRICE_UNITS),
      setup_fee_cents: fc.nat(),
    }),
    hosting_country: opt(country),
    hardware_hosting: opt(fc.constantFrom(...HARDWARE_HOSTING)),
    status: fc.constantFrom(...OFFER_STATUSES),
    started_on: opt(isoDate),
  })
  .map((o) => checkedOfferInputSchema.parse({ ...o, features: o.features.filter((f) => allowsFeature(o.service, f)) }));

/** The provider-level hardware an importer derives when the provider states none. */
export function derivedHardware(provider: ProviderInput, offers: OfferInput[]): ProviderInput["hardware_hosting"] {
  if (provider.hardware_hosting) return provider.hardware_hosting;
  const stated = new Set(offers.flatMap((o) => o.hardware_hosting ?? []));
  return stated.size === 1 ? ([...stated][0] ?? null) : null;
}
