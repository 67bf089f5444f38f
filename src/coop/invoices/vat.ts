// Which VAT applies to a line, and the legal basis printed when none is charged. Pure.
// Belgium: 21 % standard, 12 % and 6 % reduced (all UNCL5305 category S); the small-enterprise
// franchise scheme (art. 56bis CTVA) issues everything under E with its mention; services to a
// VAT-registered customer in another member state are reverse charged (AE, art. 196 of Directive
// 2006/112/EC); O is outside the scope of VAT (e.g. membership fees, shares).
import type { Lang } from "../../lib/lang";
import type { Issuer, Party, VatCategory } from "./model";

export const STANDARD_RATE = 21;
/** Rates category S may carry in Belgium. */
export const S_RATES = [21, 12, 6] as const;

/** EU member states (ISO 3166-1 alpha-2) for the reverse charge. */
export const EU_COUNTRIES = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"] as const;

/** The country of a VAT number ("FR…" → "FR"; Greece writes "EL"). */
export function vatCountry(vatNumber: string | undefined): string | undefined {
  if (!vatNumber || !/^[A-Z]{2}/.test(vatNumber)) return undefined;
  const cc = vatNumber.slice(0, 2);
  return cc === "EL" ? "GR" : cc;
}

/** A VAT-registered customer established in another member state than Belgium. */
export function isEuReverseChargeCustomer(customer: Pick<Party, "vatNumber">): boolean {
  const cc = vatCountry(customer.vatNumber);
  return !!cc && cc !== "BE" && (EU_COUNTRIES as readonly string[]).includes(cc);
}

/** The category and rate a line gets when the caller names none. */
export function defaultVat(issuer: Pick<Issuer, "vatStatus">, customer: Pick<Party, "vatNumber">): { category: VatCategory; ratePercent: number } {
  if (issuer.vatStatus === "franchise") return { category: "E", ratePercent: 0 };
  if (isEuReverseChargeCustomer(customer)) return { category: "AE", ratePercent: 0 };
  return { category: "S", ratePercent: STANDARD_RATE };
}

export type VatProblem = "rate_not_allowed" | "franchise_only_exempt" | "reverse_charge_needs_eu_customer" | "registered_cannot_exempt";

/**
 * The category and rate of a line, or what is wrong with them. A franchise issuer charges no VAT
 * (E, or O for what is outside VAT anyway); a registered one never writes E (the franchise mention
 * would be false); AE needs an EU customer outside Belgium with a VAT number.
 */
export function resolveLineVat(
  issuer: Pick<Issuer, "vatStatus">,
  customer: Pick<Party, "vatNumber">,
  requested: { category?: VatCategory; ratePercent?: number },
): { ok: true; category: VatCategory; ratePercent: number } | { ok: false; problem: VatProblem; field: "vat_category" | "vat_rate" } {
  const fallback = defaultVat(issuer, customer);
  const category = requested.category ?? fallback.category;
  const rate = requested.ratePercent ?? (category === "S" ? STANDARD_RATE : 0);
  if (issuer.vatStatus === "franchise" && category !== "E" && category !== "O") return { ok: false, problem: "franchise_only_exempt", field: "vat_category" };
  if (issuer.vatStatus === "registered" && category === "E") return { ok: false, problem: "registered_cannot_exempt", field: "vat_category" };
  if (category === "AE" && !isEuReverseChargeCustomer(customer)) return { ok: false, problem: "reverse_charge_needs_eu_customer", field: "vat_category" };
  if (category === "S" ? !(S_RATES as readonly number[]).includes(rate) : rate !== 0) return { ok: false, problem: "rate_not_allowed", field: "vat_rate" };
  return { ok: true, category, ratePercent: rate };
}

const REASONS: Record<"E" | "AE" | "O", Record<Lang, string>> = {
  E: {
    fr: "Régime particulier de franchise des petites entreprises",
    nl: "Bijzondere vrijstellingsregeling kleine ondernemingen",
    en: "Special exemption scheme for small enterprises",
  },
  AE: {
    fr: "Autoliquidation — TVA due par le preneur (article 196 de la directive 2006/112/CE)",
    nl: "Verlegging van heffing — btw verschuldigd door de afnemer (artikel 196 van richtlijn 2006/112/EG)",
    en: "Reverse charge — VAT due by the customer (Article 196 of Directive 2006/112/EC)",
  },
  O: {
    fr: "Hors du champ d'application de la TVA",
    nl: "Buiten het toepassingsgebied van de btw",
    en: "Outside the scope of VAT",
  },
};

/** BT-120: the legal basis of a category that charges no VAT, in the document's language (none for S and Z). */
export function exemptionReason(category: VatCategory, lang: Lang): string | undefined {
  return category === "E" || category === "AE" || category === "O" ? REASONS[category][lang] : undefined;
}

/** UNCL5305 categories whose rate is always zero. */
export const zeroRated = (category: VatCategory) => category !== "S";
