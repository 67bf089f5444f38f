// Billing periods of a subscription, as calendar days (`YYYY-MM-DD`, Brussels days; the cron turns
// "now" into today's day before calling). A monthly plan is billed per calendar month; a yearly plan
// per twelve months starting on the first day of the month it began in, so that every period starts
// on a first of the month and the monthly run (on each month's first day) is the only trigger. Pure.

export const INTERVALS = ["month", "year"] as const;
export type Interval = (typeof INTERVALS)[number];

const DAY_MS = 86_400_000;

function parts(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

function format(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** The first day of the month `months` after (or before) the month of `day`. */
export function addMonths(day: string, months: number): string {
  const { y, m } = parts(day);
  return format(y, m + months, 1);
}

export function firstOfMonth(day: string): string {
  return addMonths(day, 0);
}

/** Days from `from` (included) to `to` (excluded); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Period {
  /** First day, included. */
  start: string;
  /** The next period's first day (excluded). */
  end: string;
}

/** The period of a subscription that contains `day`. `anchor` is the day the subscription began. */
export function periodContaining(day: string, interval: Interval, anchor: string): Period {
  if (interval === "month") {
    const start = firstOfMonth(day);
    return { start, end: addMonths(start, 1) };
  }
  const a = parts(anchor);
  const d = parts(day);
  // Months since the anchor month, floored to whole years.
  const monthsSince = (d.y - a.y) * 12 + (d.m - a.m);
  const years = Math.floor(monthsSince / 12);
  const start = addMonths(anchor, years * 12);
  return { start, end: addMonths(start, 12) };
}

/** Whether the run of `day` opens a new period of this subscription. */
export function isPeriodStart(day: string, interval: Interval, anchor: string): boolean {
  return periodContaining(day, interval, anchor).start === day;
}

/** Cancelling on `day` takes effect when the period being used ends (it was paid for in advance). */
export function cancellationTakesEffect(day: string, interval: Interval, anchor: string): string {
  return periodContaining(day, interval, anchor).end;
}
