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
