// An offer's price as text: per month or per year (from src/catalog/pricing.ts), with the unit for
// per-unit prices ("per mailbox") and "≈" when a yearly price spread over months was rounded.
import { monthlyCents, suggestedCents, yearlyCents } from "../../src/catalog/pricing";
import type { OfferRow } from "../../src/db/schema";
import type { Lang, T } from "../i18n";
import { formatMoney } from "./format";
import { unitLabel } from "./labels";

type Priced = Pick<OfferRow, "pricingModel" | "amountCents" | "period" | "unit" | "service">;

const pricing = (o: Priced) => ({
  model: o.pricingModel as "free" | "donation" | "membership" | "paid",
  amount_cents: o.amountCents,
  period: o.period as "month" | "year",
});

export function priceText(t: T, lang: Lang, o: Priced, per: "month" | "year"): string {
  if (o.pricingModel === "free") return t("price.free");
  if (o.pricingModel === "donation") return t("price.donation");
  // Included in a membership the member pays anyway: said plainly, and ranked at 0 like free.
  if (o.pricingModel === "membership" && o.amountCents === 0) return t("price.free_with_membership");
  const p = pricing(o);
  const cents = per === "month" ? monthlyCents(p) : yearlyCents(p);
  const rounded = per === "month" && p.period === "year" && p.amount_cents % 12 !== 0;
  const amount = `${rounded ? "≈ " : ""}${formatMoney(cents, lang)}`;
  const text = t(per === "month" ? "price.per_month" : "price.per_year", { price: amount });
  return o.unit === "per_unit" ? `${text} ${unitLabel(t, o.service)}` : text;
}

/**
 * The price as text, and for pay what you want the provider's suggested or minimum amount when it
 * gives one: "Pay what you want (suggested: €5.00 per month)".
 */
export function priceWithSuggestion(t: T, lang: Lang, o: Priced, per: "month" | "year"): string {
  const text = priceText(t, lang, o, per);
  const suggested = suggestedCents({ model: o.pricingModel as "donation", amount_cents: o.amountCents });
  if (suggested === null) return text;
  const amount = priceText(t, lang, { ...o, pricingModel: "paid" }, per);
  return t("price.suggested", { price: text, suggested: amount });
}

export function setupFeeText(t: T, lang: Lang, cents: number): string {
  return cents > 0 ? formatMoney(cents, lang) : t("price.no_setup_fee");
}

/** The cheapest of some offers per month, for the directory's "from …" line. */
export function cheapest<O extends Pick<OfferRow, "monthlyCents">>(offers: O[]): O | undefined {
  return offers.reduce<O | undefined>((best, o) => (!best || o.monthlyCents < best.monthlyCents ? o : best), undefined);
}
