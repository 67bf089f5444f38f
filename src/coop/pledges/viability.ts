// The viability meter's arithmetic: what the confirmed pledges add up to, the break-even target the
// coop_admin's model gives for them, and the same figures week by week for the chart. Pure: pledges
// and settings in, figures out.
import { PLEDGE_SERVICES, type PledgeFacts, type PledgeService } from "./model";

export interface ViabilitySettings {
  fixedMonthlyCents: number;
  /** What one more unit of a service costs the cooperative each month (a mailbox, a website…). */
  costPerUnitCents: Partial<Record<PledgeService, number>>;
  targetCapitalCents: number;
  /** The planned opening day (YYYY-MM-DD), said on /coop. */
  opensOn: string | null;
  /** When a coop_admin opened the cooperative (ISO); null before. */
  openedAt: string | null;
}

export const DEFAULT_SETTINGS: ViabilitySettings = { fixedMonthlyCents: 0, costPerUnitCents: {}, targetCapitalCents: 0, opensOn: null, openedAt: null };

export type Units = Partial<Record<PledgeService, number>>;

/** Pledges that count at `at` (ISO): confirmed by then, not yet replaced. */
export function standingAt(pledges: readonly PledgeFacts[], at: string): PledgeFacts[] {
  return pledges.filter((p) => p.confirmedAt <= at && (p.replacedAt === null || p.replacedAt > at));
}

/** Units pledged per service kind. */
export function pledgedUnits(pledges: readonly PledgeFacts[]): Units {
  const units: Units = {};
  for (const p of pledges) for (const s of p.services) units[s.service] = (units[s.service] ?? 0) + s.quantity;
  return units;
}

/** Break-even monthly revenue: fixed costs + Σ cost per unit × units pledged (a kind without a cost costs nothing more). */
export function breakEvenMonthlyCents(settings: Pick<ViabilitySettings, "fixedMonthlyCents" | "costPerUnitCents">, units: Units): number {
  let total = settings.fixedMonthlyCents;
  for (const kind of PLEDGE_SERVICES) total += (settings.costPerUnitCents[kind] ?? 0) * (units[kind] ?? 0);
  return total;
}

/** "Les Amis du Parc" and "les amis  du parc " are one organisation; pledges without one are people. */
export const organisationKey = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("fr");

export function organisationCount(pledges: readonly PledgeFacts[]): number {
  return new Set(pledges.filter((p) => p.organisation).map((p) => organisationKey(p.organisation!))).size;
}

export interface Viability {
  pledgedMonthlyCents: number;
  targetMonthlyCents: number;
  pledgedCapitalCents: number;
  targetCapitalCents: number;
  pledges: number;
  organisations: number;
  units: Units;
}

/** The meter for the pledges standing now. */
export function viability(standing: readonly PledgeFacts[], settings: ViabilitySettings): Viability {
  const units = pledgedUnits(standing);
  return {
    pledgedMonthlyCents: standing.reduce((s, p) => s + p.monthlyCents, 0),
    targetMonthlyCents: breakEvenMonthlyCents(settings, units),
    pledgedCapitalCents: standing.reduce((s, p) => s + p.capitalCents, 0),
    targetCapitalCents: settings.targetCapitalCents,
    pledges: standing.length,
    organisations: organisationCount(standing),
    units,
  };
}

/** A share of a target in whole percent (0 when there is no target), for the meter's bars. */
export function percentOf(value: number, target: number): number {
  return target > 0 ? Math.floor((value * 100) / target) : 0;
}

export interface HistoryPoint {
  /** The Monday (YYYY-MM-DD, UTC) the week starts. */
  date: string;
  monthlyCents: number;
  capitalCents: number;
  pledges: number;
}

const DAY = 86_400_000;
/** The Monday 00:00 UTC of the week holding `t`. Weeks are counted in UTC: a pledge at midnight in Brussels may fall in the week before. */
export function mondayOf(t: number): number {
  const day = Math.floor(t / DAY);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return (day - ((day + 3) % 7)) * DAY;
}

/**
 * Cumulative standing pledges at the end of each week, from the week of the first confirmation to
 * the week of `now` (the last point is as of `now`); at most `maxWeeks` points, the latest ones.
 */
export function weeklyHistory(pledges: readonly PledgeFacts[], now: Date, maxWeeks = 52): HistoryPoint[] {
  const firsts = pledges.map((p) => Date.parse(p.confirmedAt)).filter((t) => Number.isFinite(t));
  if (!firsts.length) return [];
  const end = now.getTime();
  let week = mondayOf(Math.min(...firsts));
  const startLimit = mondayOf(end) - (maxWeeks - 1) * 7 * DAY;
  if (week < startLimit) week = startLimit;
  const points: HistoryPoint[] = [];
  for (; week <= end; week += 7 * DAY) {
    const at = new Date(Math.min(week + 7 * DAY - 1, end)).toISOString();
    const standing = standingAt(pledges, at);
    points.push({
      date: new Date(week).toISOString().slice(0, 10),
      monthlyCents: standing.reduce((s, p) => s + p.monthlyCents, 0),
      capitalCents: standing.reduce((s, p) => s + p.capitalCents, 0),
      pledges: standing.length,
    });
  }
  return points;
}

export interface ChartGeometry {
  /** `x,y x,y …` for an SVG polyline, left to right. */
  points: string;
  /** The target's height, when there is one. */
  targetY: number | null;
  /** The value at the top of the chart. */
  top: number;
}

/** Scales a series (and its target) into a width × height box, y growing downwards; the top leaves room for both. */
export function chartGeometry(values: readonly number[], target: number, width: number, height: number): ChartGeometry {
  const top = Math.max(target, ...values, 1);
  const y = (v: number) => Number((height - (v / top) * height).toFixed(2));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const coords = values.length === 1 ? [`0,${y(values[0]!)}`, `${width},${y(values[0]!)}`] : values.map((v, i) => `${Number((i * step).toFixed(2))},${y(v)}`);
  return { points: coords.join(" "), targetY: target > 0 ? y(target) : null, top };
}
