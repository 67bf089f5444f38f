// Pure price arithmetic for offers. Money is integer cents; a yearly price is spread over twelve
// months and rounded to the nearest cent so that sorting and filtering by monthly price are fair.
import type { Pricing } from "./model";

/** What one unit (or the flat offer) costs per month, without the setup fee. */
export function monthlyCents(p: Pick<Pricing, "model" | "amount_cents" | "period">): number {
  if (p.model === "free" || p.model === "donation") return 0;
  return p.period === "year" ? Math.round(p.amount_cents / 12) : p.amount_cents;
}

/** What one unit (or the flat offer) costs per year, without the setup fee. */
export function yearlyCents(p: Pick<Pricing, "model" | "amount_cents" | "period">): number {
  if (p.model === "free" || p.model === "donation") return 0;
  return p.period === "year" ? p.amount_cents : p.amount_cents * 12;
}

/**
 * Pay what you want: a donation offer. Its `amount_cents`, when above 0, is the provider's
 * suggested or minimum amount per period (ChatonsInfos `chatiere.pricing.amount_cents`,
 * LibreHosters `pricing.amount_cents`); it is never charged, so monthly/yearly prices stay 0.
 */
export function suggestedCents(p: Pick<Pricing, "model" | "amount_cents">): number | null {
  return p.model === "donation" && p.amount_cents > 0 ? p.amount_cents : null;
}

/**
 * What matching ranks one unit (or the flat offer) at per year: the yearly price, and for pay what
 * you want the suggested amount, unless the member chose to rank such offers as free.
 */
export function rankedYearlyCents(p: Pick<Pricing, "model" | "amount_cents" | "period">, pwywAsFree: boolean): number {
  const suggested = pwywAsFree ? null : suggestedCents(p);
  return suggested === null ? yearlyCents(p) : yearlyCents({ model: "paid", amount_cents: suggested, period: p.period });
}
