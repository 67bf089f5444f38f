// The only place matching meets the database: published offers of the needed kinds, with their
// providers, turned into the engine's pure `MatchOffer`s.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { offers, providers, type OfferRow, type ProviderRow } from "../db/schema";
import { offerInputFromRow } from "../catalog/dto";
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

export async function loadMatchOffers(db: Db, services: string[]): Promise<MatchOffer[]> {
  if (services.length === 0) return [];
  const rows = await db
    .select({ offer: offers, provider: providers })
    .from(offers)
    .innerJoin(providers, eq(offers.providerId, providers.id))
    .where(and(eq(offers.status, "published"), inArray(offers.service, [...new Set(services)])));
  return rows.map((r) => toMatchOffer(r.offer, r.provider));
}
