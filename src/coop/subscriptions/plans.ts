// A plan is one of the cooperative's own offers in the catalogue: its price per unit and period is
// the offer's, as the directory shows it. Pure.
import { monthlyCents, yearlyCents } from "../../catalog/pricing";
import type { Pricing } from "../../catalog/model";
import type { Interval } from "./periods";

export interface PlanOffer {
  pricingModel: Pricing["model"];
  amountCents: number;
  period: Pricing["period"];
  unit: "flat" | "per_unit";
}

/** The price of one unit (or of the flat plan) for one period of the interval, in cents. */
export function planUnitPrice(offer: PlanOffer, interval: Interval): number {
  const p = { model: offer.pricingModel, amount_cents: offer.amountCents, period: offer.period };
  return interval === "year" ? yearlyCents(p) : monthlyCents(p);
}

export type QuantityProblem = "range" | "flat";

/** What each problem says in the API (pages say it in the visitor's language). */
export const QUANTITY_MESSAGES: Record<QuantityProblem, string> = { range: "a whole number from 1 to 10000", flat: "1: this plan is a flat fee" };

/** A flat plan is taken once; a per-unit plan by the number of units (mailboxes, sites…). */
export function quantityProblem(offer: Pick<PlanOffer, "unit">, quantity: number): QuantityProblem | null {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000) return "range";
  if (offer.unit === "flat" && quantity !== 1) return "flat";
  return null;
}
