// The cooperative's monthly recurring revenue against its break-even, as the coop_admin's home shows
// it. The break-even is the pledges' viability model (fixed monthly costs + cost per unit × units)
// applied to the units actually subscribed instead of the units pledged. Pure: terms in, figures out.
import type { PledgeService } from "../pledges/model";
import { PLEDGE_SERVICES } from "../pledges/model";
import { breakEvenMonthlyCents, percentOf, type Units, type ViabilitySettings } from "../pledges/viability";
import type { Interval } from "./periods";

/** A subscription's terms in force today. */
export interface RecurringTerms {
  interval: Interval;
  quantity: number;
  /** Per unit and interval, VAT excluded. */
  unitPriceCents: number;
  /** The plan's service kind (mailbox, web_hosting…). */
  service: string;
}

/**
 * Monthly recurring revenue in integer cents, VAT excluded: monthly subscriptions count their amount,
 * yearly ones a twelfth of theirs. The yearly amounts are added first and their twelfth rounded once,
 * half up, to the cent — so the figure is never more than half a cent from the exact one, however
 * many yearly subscriptions there are.
 */
export function monthlyRecurringCents(terms: readonly RecurringTerms[]): number {
  let monthly = 0;
  let yearly = 0;
  for (const s of terms) {
    const amount = s.quantity * s.unitPriceCents;
    if (s.interval === "year") yearly += amount;
    else monthly += amount;
  }
  return monthly + Math.floor((yearly + 6) / 12);
}

const isPledgeService = (s: string): s is PledgeService => (PLEDGE_SERVICES as readonly string[]).includes(s);

/** Units subscribed per service kind (a flat plan is one unit; the catch-all kind "other" costs nothing more). */
export function subscribedUnits(terms: readonly RecurringTerms[]): Units {
  const units: Units = {};
  for (const s of terms) if (isPledgeService(s.service)) units[s.service] = (units[s.service] ?? 0) + s.quantity;
  return units;
}

export interface Revenue {
  mrrCents: number;
  breakEvenCents: number;
  /** What is still missing to break even (0 once reached). */
  shortfallCents: number;
  /** MRR as a whole percent of the break-even (0 without a break-even). */
  percent: number;
  subscriptions: number;
  units: Units;
}

export function revenue(terms: readonly RecurringTerms[], settings: Pick<ViabilitySettings, "fixedMonthlyCents" | "costPerUnitCents">): Revenue {
  const units = subscribedUnits(terms);
  const mrrCents = monthlyRecurringCents(terms);
  const breakEvenCents = breakEvenMonthlyCents(settings, units);
  return { mrrCents, breakEvenCents, shortfallCents: Math.max(0, breakEvenCents - mrrCents), percent: percentOf(mrrCents, breakEvenCents), subscriptions: terms.length, units };
}

/** The gauge's two bars in a box `width` wide: the larger of MRR and break-even fills it. */
export function gaugeWidths(r: Pick<Revenue, "mrrCents" | "breakEvenCents">, width: number): { mrr: number; breakEven: number } {
  const top = Math.max(r.mrrCents, r.breakEvenCents, 1);
  const w = (v: number) => Number(((v / top) * width).toFixed(2));
  return { mrr: w(r.mrrCents), breakEven: w(r.breakEvenCents) };
}
