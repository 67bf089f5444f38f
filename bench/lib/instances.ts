// Seeded random instances for the matching bench: k needs, P providers of 2–6 offers each, with the
// mix of pricing models, fees, quotas and constraints seen in the CHATONS catalogue.
import type { Pricing } from "../../src/catalog/model";
import { matchRequestSchema, type MatchRequest } from "../../src/matching/needs";
import type { MatchOffer, MatchProvider } from "../../src/matching/types";

/** mulberry32: small, fast and good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ["web_hosting", "mailbox", "mail_alias", "mailing_list", "domain_registration", "dns_hosting"] as const;
const SOFTWARE: Record<string, string[]> = {
  web_hosting: ["SPIP", "WordPress", "Grav"],
  mailbox: ["SOGo", "Roundcube", "Rainloop"],
  mail_alias: ["Postfix"],
  mailing_list: ["Sympa", "Mailman"],
  domain_registration: ["Gandi"],
  dns_hosting: ["PowerDNS", "Knot"],
};

export interface Instance {
  request: MatchRequest;
  offers: MatchOffer[];
}

export function instance(seed: number, k: number, P: number): Instance {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;

  const offers: MatchOffer[] = [];
  for (let p = 0; p < P; p++) {
    const provider: MatchProvider = {
      country: pick(["BE", "BE", "FR", "FR", "NL", "DE", "CH"]),
      languages: pick([["fr"], ["fr", "nl"], ["nl"], ["fr", "en"], ["nl", "en"], ["fr", "nl", "en"]]),
      lat: 45 + r() * 8,
      lon: 0 + r() * 10,
      legal_form: pick(["ASSOCIATION", "ASSOCIATION", "COOPERATIVE", "INFORMAL", "MICROCOMPANY"] as const),
      networks: pick([["chatons"], ["chatons"], ["librehosters"], ["chatons", "librehosters"], []]),
      commitments: int(0, 4),
      accepting: chance(0.92),
      capacity: chance(0.05) ? 0 : null,
    };
    const membershipFee = int(10, 60) * 100; // one yearly fee per provider
    const nOffers = int(2, 6);
    for (let o = 0; o < nOffers; o++) {
      const service = pick(KINDS);
      const model = pick(["free", "free", "donation", "membership", "paid", "paid", "paid"] as const);
      const pricing: Pricing = {
        model,
        amount_cents: model === "membership" ? membershipFee : model === "paid" ? int(1, 40) * 50 : 0,
        currency: "EUR",
        period: model === "membership" || chance(0.3) ? "year" : "month",
        unit: model === "paid" && chance(0.5) ? "per_unit" : "flat",
        setup_fee_cents: chance(0.15) ? int(1, 10) * 500 : 0,
      };
      if (pricing.period === "year" && model === "paid") pricing.amount_cents *= 10;
      offers.push({
        offer_id: `off_${String(p).padStart(3, "0")}_${o}`,
        provider_id: `prv_${String(p).padStart(3, "0")}`,
        service,
        features: pick([["imap", "sieve"], ["imap"], ["https"], ["imap", "https", "sieve"], []]),
        quotas: {
          storage_gb: pick([null, 1, 2, 5, 10, 50]),
          mailboxes: pick([null, 5, 10, 25, 100]),
          aliases: pick([null, 20, 50, 200]),
          lists: pick([null, 2, 5, 20]),
          subscribers: pick([null, 500, 5000]),
          domains: pick([null, 1, 3, 10]),
        },
        pricing,
        software: { name: pick(SOFTWARE[service]!), license: pick(["AGPL-3.0", "GPL-2.0", "MIT", "GPLv3", "proprietary"]) },
        hosting_country: provider.country,
        registration: model === "membership" ? "Member" : "Free",
        load: chance(0.07) ? "FULL" : "OPEN",
        status: chance(0.04) ? "draft" : "published",
        provider,
      });
    }
  }

  const needs = Array.from({ length: k }, (_, i) => {
    const service = KINDS[i % KINDS.length]!;
    return {
      service,
      quantity: service === "mailbox" ? int(1, 15) : service === "mail_alias" ? int(5, 40) : int(1, 3),
      storage_gb: service === "mailbox" || service === "web_hosting" ? pick([null, 1, 2, 5]) : null,
      subscribers: service === "mailing_list" ? pick([null, 200, 1000]) : null,
      features: service === "mailbox" ? pick([[], ["imap"]]) : [],
      software: chance(0.4) ? pick(SOFTWARE[service]!) : null,
    };
  });
  const request = matchRequestSchema.parse({
    needs,
    constraints: {
      budget_monthly_cents: chance(0.3) ? int(20, 150) * 100 : null,
      hosting_countries: chance(0.2) ? ["BE", "FR", "NL"] : [],
      support_languages: chance(0.5) ? ["fr"] : [],
      free_software_only: chance(0.5),
      networks: chance(0.3) ? ["chatons", "librehosters"] : [],
      accepting_only: true,
      legal_forms: [],
    },
    limit: 5,
  });
  return { request, offers };
}
