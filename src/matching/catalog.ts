// The only place matching meets the database: published offers of the needed kinds, with their
// providers, turned into the engine's pure `MatchOffer`s.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { offers, providers, type OfferRow, type ProviderRow } from "../db/schema";
import { offerInputFromRow } from "../catalog/dto";
import { monthlyCents, suggestedCents } from "../catalog/pricing";
import type { LegalForm } from "../catalog/model";
import type { MatchOffer } from "./types";

export function toMatchOffer(offer: OfferRow, provider: ProviderRow): MatchOffer {
  const input = offerInputFromRow(offer);
  return {
    offer_id: offer.id,
    provider_id: provider.id,
    service: offer.service,
    features: offer.features,
    quotas: offer.quotas,
    pricing: input.pricing,
    software: { name: offer.softwareName, license: offer.softwareLicense },
    hosting_country: offer.hostingCountry ?? provider.countryCode,
    registration: input.registration,
    load: input.load,
    status: input.status,
    provider: {
      country: provider.countryCode,
      languages: provider.languages,
      lat: provider.latitude,
      lon: provider.longitude,
      legal_form: provider.legalForm as LegalForm,
      networks: provider.memberships.filter((m) => m.status === "ACTIVE").map((m) => m.network),
      commitments: provider.commitments.length,
      accepting: provider.acceptingMembers,
      capacity: provider.capacity,
    },
  };
}

/** What the match pages show of an offer besides the engine's view: names and where to link. */
export interface OfferLabel {
  offer_name: string;
  provider_id: string;
  provider_name: string;
  service: string;
  /** Set for pay-what-you-want offers: the provider's suggested amount per month (null: none given). */
  pwyw?: { suggested_monthly_cents: number | null };
}

function pwywOf(o: OfferRow): OfferLabel["pwyw"] {
  if (o.pricingModel !== "donation") return undefined;
  const suggested = suggestedCents({ model: "donation", amount_cents: o.amountCents });
  return { suggested_monthly_cents: suggested === null ? null : monthlyCents({ model: "paid", amount_cents: suggested, period: o.period as "month" | "year" }) };
}

/** Published offers of the needed kinds as the engine sees them, and, from the same query, the names
 *  the pages display. */
export async function loadMatchCatalog(db: Db, services: string[]): Promise<{ offers: MatchOffer[]; labels: Map<string, OfferLabel> }> {
  if (services.length === 0) return { offers: [], labels: new Map() };
  const rows = await db
    .select({ offer: offers, provider: providers })
    .from(offers)
    .innerJoin(providers, eq(offers.providerId, providers.id))
    // Providers still waiting for a steward (visibility pending) are not in the public catalogue.
    .where(and(eq(offers.status, "published"), eq(providers.visibility, "public"), inArray(offers.service, [...new Set(services)])));
  const labels = new Map(rows.map((r) => [r.offer.id, { offer_name: r.offer.name, provider_id: r.provider.id, provider_name: r.provider.name, service: r.offer.service, pwyw: pwywOf(r.offer) }]));
  return { offers: rows.map((r) => toMatchOffer(r.offer, r.provider)), labels };
}
