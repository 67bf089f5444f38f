// Hard constraints. Each returns the codes an offer fails as a bitmask over EXCLUSION_CODES (bit i
// for code i, so the lowest bit is the first failure), stopping at the first unless every reason is
// asked for: no allocation on the hot path.
import { isFreeLicense } from "./licenses";
import type { MatchConstraints, Need } from "./needs";
import { membershipYearlyCents, type NeedPrice, setupCents } from "./price";
import { EXCLUSION_CODES, type ExclusionCode, type ReasonParams } from "./reasons";
import type { MatchOffer } from "./types";

const BIT = Object.fromEntries(EXCLUSION_CODES.map((code, i) => [code, 1 << i])) as Record<ExclusionCode, number>;

/** The first code of a mask (−1 if empty). */
export const firstCode = (mask: number): number => (mask === 0 ? -1 : 31 - Math.clz32(mask & -mask));
/** The codes of a mask, in order. */
export const codesOf = (mask: number): ExclusionCode[] => EXCLUSION_CODES.filter((_, i) => (mask >> i) & 1);

// Plain loops: these run for every offer and need, and closures would be allocated each time.
function intersects(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}
function includesAll(have: readonly string[], want: readonly string[]): boolean {
  for (const x of want) if (!have.includes(x)) return false;
  return true;
}

/** Constraints that depend on the offer and its provider only. */
export function offerFailures(o: MatchOffer, c: MatchConstraints, all: boolean): number {
  let m = 0;
  const p = o.provider;
  if (o.status !== "published" && ((m |= BIT.not_published), !all)) return m;
  if (c.accepting_only) {
    if (!p.accepting && ((m |= BIT.not_accepting), !all)) return m;
    if (p.capacity !== null && p.capacity <= 0 && ((m |= BIT.provider_full), !all)) return m;
    if (o.load === "FULL" && ((m |= BIT.offer_full), !all)) return m;
  }
  if (c.networks.length > 0 && !intersects(c.networks, p.networks) && ((m |= BIT.not_network_member), !all)) return m;
  if (c.legal_forms.length > 0 && !c.legal_forms.includes(p.legal_form) && ((m |= BIT.legal_form_not_allowed), !all)) return m;
  if (c.hosting_countries.length > 0 && (o.hosting_country === null || !c.hosting_countries.includes(o.hosting_country)) && ((m |= BIT.country_not_allowed), !all)) return m;
  if (c.support_languages.length > 0 && !intersects(c.support_languages, p.languages) && ((m |= BIT.language_not_supported), !all)) return m;
  if (c.free_software_only && !isFreeLicense(o.software.license)) m |= BIT.not_free_software;
  return m;
}

/** First-year cost of serving one need alone with this offer: recurring + setup + the provider's membership fee. */
export function firstYearAlone(o: MatchOffer, price: NeedPrice & { ok: true }): number {
  return price.yearly_cents + setupCents(o.pricing) + membershipYearlyCents(o.pricing);
}

/** Constraints that depend on the need too. `price` is priceForNeed(o, need). */
export function needFailures(o: MatchOffer, need: Need, price: NeedPrice, c: MatchConstraints, all: boolean): number {
  let m = 0;
  if (need.features.length > 0 && !includesAll(o.features, need.features) && ((m |= BIT.missing_feature), !all)) return m;
  if (!price.ok) return m | BIT.quota_too_small; // no price, so the budget cannot be judged
  if (c.budget_monthly_cents !== null && firstYearAlone(o, price) > 12 * c.budget_monthly_cents) m |= BIT.over_budget;
  return m;
}

/** The details a reason's sentence shows. */
export function reasonParams(code: ExclusionCode, o: MatchOffer, need: Need | null, price: NeedPrice | null, c: MatchConstraints): ReasonParams {
  switch (code) {
    case "not_network_member":
      return { networks: c.networks };
    case "legal_form_not_allowed":
      return { legal_form: o.provider.legal_form };
    case "country_not_allowed":
      return { country: o.hosting_country, countries: c.hosting_countries };
    case "language_not_supported":
      return { languages: c.support_languages };
    case "not_free_software":
      return { license: o.software.license };
    case "missing_feature":
      return { features: need ? need.features.filter((f) => !o.features.includes(f)) : [] };
    case "quota_too_small":
      // The service says what "per unit" is: storage per mailbox, per website…
      return price && !price.ok ? { service: o.service, quota: price.quota, needed: price.needed, included: price.included } : {};
    case "over_budget":
      return price && price.ok ? { cost_cents: Math.round(firstYearAlone(o, price) / 12), budget_cents: c.budget_monthly_cents ?? 0 } : {};
    default:
      return {};
  }
}
