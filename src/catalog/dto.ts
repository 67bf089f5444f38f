// Rows ⇄ the API's snake_case shapes, and rows → the domain inputs the exporters write. A stored URL
// that is not http(s) (written before URLs were checked) reads as null: never served, exported or linked.
import type { OfferRow, ProviderRow } from "../db/schema";
import { servedUrl } from "../lib/http-url";
import { isChatonsMember, type OfferInput, type ProviderInput } from "./model";
import { yearlyCents } from "./pricing";

export function providerInputFromRow(p: ProviderRow): ProviderInput {
  return {
    name: p.name,
    description: p.description,
    legal_form: p.legalForm as ProviderInput["legal_form"],
    status: p.status as ProviderInput["status"],
    founded_on: p.foundedOn,
    website: servedUrl(p.website),
    logo_url: servedUrl(p.logoUrl),
    contact_url: servedUrl(p.contactUrl),
    contact_email: p.contactEmail,
    legal_url: servedUrl(p.legalUrl),
    user_guide_url: servedUrl(p.userGuideUrl),
    technical_guide_url: servedUrl(p.technicalGuideUrl),
    country_code: p.countryCode,
    address: p.address,
    latitude: p.latitude,
    longitude: p.longitude,
    languages: p.languages,
    memberships: p.memberships as ProviderInput["memberships"],
    commitments: p.commitments.map((c) => ({ ...c, evidence_url: servedUrl(c.evidence_url) })),
    hardware_hosting: p.hardwareHosting as ProviderInput["hardware_hosting"],
    accepting_members: p.acceptingMembers,
    capacity: p.capacity,
    funding: p.funding,
    social: p.social,
    is_demo: p.isDemo,
  };
}

export function offerInputFromRow(o: OfferRow): OfferInput {
  return {
    key: o.externalKey,
    service: o.service,
    name: o.name,
    description: o.description,
    website: servedUrl(o.website),
    software: {
      name: o.softwareName,
      website: servedUrl(o.softwareWebsite),
      license: o.softwareLicense,
      license_url: servedUrl(o.softwareLicenseUrl),
      version: o.softwareVersion,
      source_url: servedUrl(o.softwareSourceUrl),
      modules: o.softwareModules,
    },
    features: o.features,
    tags: o.tags,
    quotas: o.quotas,
    registration: o.registration as OfferInput["registration"],
    load: o.load as OfferInput["load"],
    pricing: {
      model: o.pricingModel as OfferInput["pricing"]["model"],
      amount_cents: o.amountCents,
      currency: "EUR",
      period: o.period as OfferInput["pricing"]["period"],
      unit: o.unit as OfferInput["pricing"]["unit"],
      setup_fee_cents: o.setupFeeCents,
    },
    hosting_country: o.hostingCountry,
    hardware_hosting: o.hardwareHosting as OfferInput["hardware_hosting"],
    status: o.status as OfferInput["status"],
    started_on: o.startedOn,
  };
}

export function providerDto(p: ProviderRow) {
  const { is_demo, ...rest } = providerInputFromRow(p);
  return {
    id: p.id,
    ...rest,
    chatons: isChatonsMember(p),
    demo: is_demo,
    source: { format: p.sourceFormat, url: p.sourceUrl, imported_at: p.importedAt },
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}
export type ProviderDto = ReturnType<typeof providerDto>;

export function offerDto(o: OfferRow, provider: Pick<ProviderRow, "name" | "countryCode">) {
  const { key: _key, ...rest } = offerInputFromRow(o);
  return {
    id: o.id,
    provider_id: o.providerId,
    provider_name: provider.name,
    provider_country: provider.countryCode,
    ...rest,
    monthly_cents: o.monthlyCents,
    yearly_cents: yearlyCents({ model: rest.pricing.model, amount_cents: o.amountCents, period: rest.pricing.period }),
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}
export type OfferDto = ReturnType<typeof offerDto>;
