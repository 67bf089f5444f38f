// The share register's arithmetic: running totals after each entry (per class and of capital), a
// holder's position per class, and how many shares a holder holds. Pure: entries in, totals out.
import type { EntryKind } from "./model";

export interface Entry {
  id: string;
  holderId: string;
  classId: string;
  kind: EntryKind;
  shares: number;
  amountCents: number;
  on: string;
  createdAt: string;
}

export interface ClassNominal {
  id: string;
  code: string;
  nominalCents: number;
}

export interface RunningEntry<E extends Entry = Entry> {
  entry: E;
  /** Shares of the entry's class in the register after it. */
  classShares: number;
  /** Subscribed capital (shares × nominal, every class) after it. */
  capitalCents: number;
  /** Capital paid in (payments − redemptions, every class) after it. */
  paidInCents: number;
}

/** The register's order: by day, then by when written (a subscription before its payment the same day), then id. */
export function registerOrder(a: Entry, b: Entry): number {
  return a.on.localeCompare(b.on) || a.createdAt.localeCompare(b.createdAt) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id);
}
const KIND_ORDER: Record<EntryKind, number> = { subscription: 0, payment: 1, transfer: 2, redemption: 3 };

/**
 * Paid-in money an entry moves: payments add, redemptions take back (their amount is negative), and a
 * transfer moves the paid-in part of its shares from one holder (−) to the other (+), so the
 * cooperative's paid-in total is unchanged by a transfer.
 */
export function paidInOf(e: Pick<Entry, "kind" | "amountCents">): number {
  return e.kind === "subscription" ? 0 : e.amountCents;
}

/** Running totals after each entry, in register order. */
export function runningTotals<E extends Entry>(entries: readonly E[], classes: readonly ClassNominal[]): RunningEntry<E>[] {
  const nominal = new Map(classes.map((c) => [c.id, c.nominalCents]));
  const byClass = new Map<string, number>();
  let capital = 0;
  let paidIn = 0;
  return [...entries].sort(registerOrder).map((entry) => {
    const n = nominal.get(entry.classId);
    if (n === undefined) throw new Error(`register entry ${entry.id}: unknown class ${entry.classId}`);
    const classShares = (byClass.get(entry.classId) ?? 0) + entry.shares;
    byClass.set(entry.classId, classShares);
    capital += entry.shares * n;
    paidIn += paidInOf(entry);
    return { entry, classShares, capitalCents: capital, paidInCents: paidIn };
  });
}

export interface Position {
  classId: string;
  shares: number;
  /** shares × nominal. */
  nominalCents: number;
  /** What the holder paid in on this class and was not paid back. */
  paidInCents: number;
}

/** One holder's shares and paid-in capital per class (classes it never held are left out). */
export function positions(entries: readonly Entry[], classes: readonly ClassNominal[]): Position[] {
  const out = new Map<string, Position>();
  const nominal = new Map(classes.map((c) => [c.id, c.nominalCents]));
  for (const e of entries) {
    const p = out.get(e.classId) ?? { classId: e.classId, shares: 0, nominalCents: 0, paidInCents: 0 };
    p.shares += e.shares;
    p.nominalCents = p.shares * (nominal.get(e.classId) ?? 0);
    p.paidInCents += paidInOf(e);
    out.set(e.classId, p);
  }
  const order = new Map(classes.map((c, i) => [c.id, i]));
  return [...out.values()].sort((a, b) => (order.get(a.classId) ?? 0) - (order.get(b.classId) ?? 0));
}

export interface ClassTotal {
  classId: string;
  code: string;
  holders: number;
  shares: number;
  capitalCents: number;
  paidInCents: number;
}

/** Per class: holders with shares, shares, subscribed and paid-in capital. */
export function classTotals(entries: readonly Entry[], classes: readonly ClassNominal[]): ClassTotal[] {
  return classes.map((c) => {
    const mine = entries.filter((e) => e.classId === c.id);
    const perHolder = new Map<string, number>();
    for (const e of mine) perHolder.set(e.holderId, (perHolder.get(e.holderId) ?? 0) + e.shares);
    const shares = mine.reduce((s, e) => s + e.shares, 0);
    return { classId: c.id, code: c.code, holders: [...perHolder.values()].filter((n) => n > 0).length, shares, capitalCents: shares * c.nominalCents, paidInCents: mine.reduce((s, e) => s + paidInOf(e), 0) };
  });
}
