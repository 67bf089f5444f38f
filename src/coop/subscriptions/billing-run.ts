// What one subscription adds to the invoice of a monthly billing run (each first of the month).
// Subscriptions are billed in advance on the first day of each period; whatever changed since the
// previous run (a quantity or price change, a start in mid-period, an end brought forward) is
// settled on this run's invoice by day, up to the end of the period it fell in: a credit for what
// was billed but is no longer used, a charge for what is used instead. The storage layer records
// what each run leaves billed (`billed`) so that the next run settles against it. Pure.
import { lineNetCents } from "../invoices/totals";
import { daysBetween, firstOfMonth, isPeriodStart, periodContaining, type Interval, type Period } from "./periods";

/** The terms in force from a day on: how many units, at what price per unit and period. */
export interface TermsVersion {
  from: string;
  quantity: number;
  unitPriceCents: number;
}

/** What has been billed, in advance or by a settlement, for the rest of one period. */
export interface BilledTerms {
  periodStart: string;
  quantity: number;
  unitPriceCents: number;
}

export interface SubscriptionTerms {
  id: string;
  interval: Interval;
  /** The first day of the subscription; yearly periods are anchored on the first of its month. */
  startedOn: string;
  /** Ascending by `from`; the first starts on `startedOn`. */
  versions: readonly TermsVersion[];
  /** First day without service (excluded), once cancelled. */
  endsOn?: string | null;
  billed?: BilledTerms | null;
  /** The previous run that included this subscription: changes since then are settled now. */
  lastRunOn?: string | null;
}

export type RunLine =
  | { kind: "period"; subscriptionId: string; period: Period; quantity: number; unitPriceCents: number; amountCents: number }
  | {
      kind: "credit" | "charge";
      subscriptionId: string;
      from: string;
      /** Excluded. */
      to: string;
      days: number;
      periodDays: number;
      quantity: number;
      unitPriceCents: number;
      /** Negative for a credit. */
      amountCents: number;
    };

export interface SubscriptionRun {
  lines: RunLine[];
  /** What is billed after this run, to record with it for the next one. */
  billed: BilledTerms | null;
}

/** `a × b / c` rounded half away from zero, in integer arithmetic (c > 0). */
function mulDivRound(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const abs = n < 0n ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return Number(n < 0n ? -q : q);
}

/** `amount × days / periodDays`, rounded half away from zero to the cent. */
export function prorate(amountCents: number, days: number, periodDays: number): number {
  if (periodDays <= 0 || days < 0 || days > periodDays) throw new RangeError("days must lie within the period");
  return mulDivRound(amountCents, days, periodDays);
}

/** The version in force on `day`, if the subscription had begun. */
export function versionOn(terms: Pick<SubscriptionTerms, "versions">, day: string): TermsVersion | undefined {
  let found: TermsVersion | undefined;
  for (const v of terms.versions) if (v.from <= day) found = v;
  return found;
}

const same = (a: { quantity: number; unitPriceCents: number } | null | undefined, b: { quantity: number; unitPriceCents: number } | null | undefined) =>
  a?.quantity === b?.quantity && a?.unitPriceCents === b?.unitPriceCents;

interface Segment {
  from: string;
  to: string;
  used?: TermsVersion;
}

/**
 * Splits [from, period end) where the terms changed before `runDay`. Changes dated on or after the
 * run are the next run's business, so the last segment carries the terms in force at the run.
 */
function segments(terms: SubscriptionTerms, from: string, period: Period, runDay: string): Segment[] {
  const cutBefore = runDay < period.end ? runDay : period.end;
  const cuts = new Set([from, period.end]);
  const inside = (day: string | null | undefined): day is string => day != null && day > from && day < cutBefore;
  for (const v of terms.versions) if (inside(v.from)) cuts.add(v.from);
  if (inside(terms.endsOn)) cuts.add(terms.endsOn);
  const days = [...cuts].sort();
  const out: Segment[] = [];
  for (let i = 0; i + 1 < days.length; i++) {
    const start = days[i]!;
    const ended = terms.endsOn != null && terms.endsOn <= start;
    const used = ended ? undefined : versionOn(terms, start);
    const last = out[out.length - 1];
    if (last && same(last.used, used)) last.to = days[i + 1]!;
    else out.push({ from: start, to: days[i + 1]!, used });
  }
  return out;
}

/** Settles one period from `from` on: what is used against what was billed for it. */
function settle(terms: SubscriptionTerms, from: string, period: Period, runDay: string, billed: BilledTerms | undefined): { lines: RunLine[]; after: BilledTerms | null } {
  const periodDays = daysBetween(period.start, period.end);
  const lines: RunLine[] = [];
  const segs = segments(terms, from, period, runDay);
  for (const seg of segs) {
    if (same(seg.used, billed)) continue;
    const days = daysBetween(seg.from, seg.to);
    const base = { subscriptionId: terms.id, from: seg.from, to: seg.to, days, periodDays };
    if (billed) {
      const amount = prorate(lineNetCents(billed.quantity, billed.unitPriceCents), days, periodDays);
      if (amount !== 0) lines.push({ kind: "credit", ...base, quantity: billed.quantity, unitPriceCents: billed.unitPriceCents, amountCents: -amount });
    }
    if (seg.used) {
      const amount = prorate(lineNetCents(seg.used.quantity, seg.used.unitPriceCents), days, periodDays);
      if (amount !== 0) lines.push({ kind: "charge", ...base, quantity: seg.used.quantity, unitPriceCents: seg.used.unitPriceCents, amountCents: amount });
    }
  }
  const used = segs[segs.length - 1]?.used;
  return { lines, after: used ? { periodStart: period.start, quantity: used.quantity, unitPriceCents: used.unitPriceCents } : null };
}

/**
 * The lines one subscription adds to the run of `runDay` (a first of the month): the settlement of
 * every period touched since its previous run, then the advance charge of the period opening on
 * `runDay`, if one does. Null when the subscription begins after the run.
 */
export function runSubscription(terms: SubscriptionTerms, runDay: string): SubscriptionRun | null {
  if (firstOfMonth(runDay) !== runDay) throw new RangeError("billing runs happen on a first of the month");
  if (terms.startedOn > runDay) return null;
  const lines: RunLine[] = [];
  let billed = terms.billed ?? null;
  const since = terms.lastRunOn && terms.lastRunOn > terms.startedOn ? terms.lastRunOn : terms.startedOn;
  for (let p = periodContaining(since, terms.interval, terms.startedOn); p.start < runDay; p = periodContaining(p.end, terms.interval, terms.startedOn)) {
    const from = since > p.start ? since : p.start;
    const settled = settle(terms, from, p, runDay, billed?.periodStart === p.start ? billed : undefined);
    lines.push(...settled.lines);
    billed = settled.after;
  }
  const opening = isPeriodStart(runDay, terms.interval, terms.startedOn) ? periodContaining(runDay, terms.interval, terms.startedOn) : null;
  const active = opening && (terms.endsOn == null || terms.endsOn > runDay) ? versionOn(terms, runDay) : undefined;
  if (opening && active) {
    billed = { periodStart: runDay, quantity: active.quantity, unitPriceCents: active.unitPriceCents };
    lines.push({ kind: "period", subscriptionId: terms.id, period: opening, quantity: active.quantity, unitPriceCents: active.unitPriceCents, amountCents: lineNetCents(active.quantity, active.unitPriceCents) });
  } else if (opening) {
    billed = null;
  }
  return { lines, billed };
}

/** The surcharge for organisations that hold no share, as a percent of what the run bills them. */
export function nonShareholderSurcharge(lines: readonly RunLine[], percent: number): { baseCents: number; amountCents: number } | null {
  if (!(percent > 0)) return null;
  const baseCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  if (baseCents <= 0) return null;
  // Percent with up to two decimals, as hundredths, so no float touches money.
  return { baseCents, amountCents: mulDivRound(baseCents, Math.round(percent * 100), 10_000) };
}
