// Frontier mode (a budget and preferred software): for one provider, every Pareto-optimal
// (units, cost) way of covering each subset, so that a cheaper offer with other software can still
// make a bundle fit the budget. Exactness under the budget rests on this (see covers.ts).
//
// Per set U of fixed-cost offers, the needs fall into atoms: each group (groups.ts) is one atom,
// every other need its own. An atom's ways are the products of its needs' alternatives (best
// offer with the preferred software, best without, and for the mailbox needs each offer whose
// included aliases the alias needs may ride on), kept to their Pareto front; a subset's front is
// the front of the sums of its atoms' fronts. Every point remembers which offer each need takes,
// so explaining a bundle reads its assignment back instead of guessing it.
import { allowed, chooseOffers, type Choice, fixedCost, fixedOffers, newChoice } from "./choice";
import { wholeGroups } from "./groups";
import { add, type Options, popcount } from "./options";
import type { Problem } from "./problem";

export interface Point {
  u: number;
  c: number;
  /** The set U used. */
  v: number;
  /** Offer index per problem need (−1 outside the subset). */
  asg: Int32Array;
}

/** Pareto front of points by (units, cost): ascending units, strictly descending cost; ties by U then assignment. */
function pareto(points: Point[]): Point[] {
  points.sort((x, y) => x.u - y.u || x.c - y.c || x.v - y.v || cmpAsg(x.asg, y.asg));
  const out: Point[] = [];
  for (const p of points) if (out.length === 0 || p.c < out[out.length - 1]!.c) out.push(p);
  return out;
}

function cmpAsg(a: Int32Array, b: Int32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

type Alt = { oi: number; u: number; c: number };

/** One need's ordinary alternatives under U: its best offer with and without its preferred software. */
function alternatives(match: Choice, miss: Choice, n: number): Alt[] {
  const out: Alt[] = [];
  if (match.offer[n]! >= 0) out.push({ oi: match.offer[n]!, u: match.units[n]!, c: match.cost[n]! });
  if (miss.offer[n]! >= 0) out.push({ oi: miss.offer[n]!, u: miss.units[n]!, c: miss.cost[n]! });
  return out;
}

/** The Pareto front of one atom (a mask of needs) under U. */
function atomFront(problem: Problem, pi: number, fixed: readonly number[], u: number, atom: number, match: Choice, miss: Choice): Point[] {
  const prov = problem.providers[pi]!;
  const Wp = problem.weights.price;
  const k = problem.k;
  const riders = prov.riders.filter((r) => (atom >> r.pair.need) & 1 && allowed(problem, pi, fixed, u, r.oi));
  let aliasNeeds = 0;
  for (const r of riders) aliasNeeds |= 1 << r.pair.need;
  // Needs others may ride on come first, so that an alias need sees their offers when it is reached.
  const needs: number[] = [];
  for (let n = 0; n < k; n++) if ((atom >> n) & 1 && !((aliasNeeds >> n) & 1)) needs.push(n);
  for (let n = 0; n < k; n++) if ((aliasNeeds >> n) & 1) needs.push(n);
  const alts = needs.map((n) => {
    const list = alternatives(match, miss, n);
    // A mailbox need may also take any offer some alias need of the atom could ride on.
    for (const r of riders) {
      if (!((r.pair.rides >> n) & 1) || list.some((a) => a.oi === r.oi)) continue;
      const pr = prov.offers[r.oi]!.pairs.find((p) => p.need === n && p.rides === 0)!;
      list.push({ oi: r.oi, u: Wp * pr.yearly + problem.swPen * pr.mismatch, c: pr.yearly });
    }
    return list;
  });
  const out: Point[] = [];
  const asg = new Int32Array(k).fill(-1);
  const walk = (i: number, tu: number, tc: number) => {
    if (i === needs.length) {
      out.push({ u: tu, c: tc, v: u, asg: asg.slice() });
      return;
    }
    const n = needs[i]!;
    for (const a of alts[i]!) {
      asg[n] = a.oi;
      walk(i + 1, tu + a.u, tc + a.c);
    }
    if ((aliasNeeds >> n) & 1) {
      for (const r of riders) {
        if (r.pair.need !== n) continue;
        let carried = false;
        for (let m = 0; m < k; m++) if ((r.pair.rides >> m) & 1 && asg[m] === r.oi) carried = true;
        if (!carried) continue;
        asg[n] = r.oi;
        walk(i + 1, tu + problem.swPen * r.pair.mismatch, tc);
      }
    }
    asg[n] = -1;
  };
  walk(0, 0, 0);
  return pareto(out);
}

/** Every subset's Pareto front for provider pi, over every set U (points' units without the provider and per-need penalties). */
export function providerFronts(problem: Problem, pi: number): Map<number, Point[]> {
  const fixed = fixedOffers(problem, pi);
  const Wp = problem.weights.price;
  const k = problem.k;
  const all = new Map<number, Point[]>();
  const match = newChoice(k);
  const miss = newChoice(k);
  for (let u = 0; u < 1 << fixed.length; u++) {
    chooseOffers(problem, pi, fixed, u, 0, match);
    chooseOffers(problem, pi, fixed, u, 1, miss);
    let M = 0;
    for (let n = 0; n < k; n++) if (match.offer[n]! >= 0 || miss.offer[n]! >= 0) M |= 1 << n;
    for (const r of problem.providers[pi]!.riders) if (allowed(problem, pi, fixed, u, r.oi)) M |= 1 << r.pair.need;
    M = wholeGroups(problem, M);
    if (M === 0) continue;
    // Atoms: the groups inside M, then each remaining need.
    const atomOf = new Int32Array(k);
    let grouped = 0;
    for (const g of problem.groups) if ((M & g) === g) {
      grouped |= g;
      for (let n = 0; n < k; n++) if ((g >> n) & 1) atomOf[n] = g;
    }
    for (let n = 0; n < k; n++) if ((M >> n) & 1 && !((grouped >> n) & 1)) atomOf[n] = 1 << n;
    const atomFronts = new Map<number, Point[]>();
    for (let n = 0; n < k; n++) {
      if (!((M >> n) & 1) || atomFronts.has(atomOf[n]!)) continue;
      atomFronts.set(atomOf[n]!, atomFront(problem, pi, fixed, u, atomOf[n]!, match, miss));
    }
    const fc = fixedCost(problem, pi, fixed, u);
    const fronts = new Map<number, Point[]>([[0, [{ u: Wp * fc, c: fc, v: u, asg: new Int32Array(k).fill(-1) }]]]);
    // Submasks of M in increasing order: S minus its lowest need's atom is always done before S.
    for (let S = M & -M; S !== 0; S = (S - M) & M) {
      if (!problem.whole[S]) continue;
      const low = 31 - Math.clz32(S & -S);
      const atom = atomOf[low]!;
      const prev = fronts.get(S ^ atom);
      const add = atomFronts.get(atom)!;
      if (!prev || add.length === 0) continue;
      const sums: Point[] = [];
      for (const p of prev) {
        for (const q of add) {
          const asg = p.asg.slice();
          for (let n = 0; n < k; n++) if ((atom >> n) & 1) asg[n] = q.asg[n]!;
          sums.push({ u: p.u + q.u, c: p.c + q.c, v: u, asg });
        }
      }
      const front = pareto(sums);
      fronts.set(S, front);
      // A point leaving an offer of U unused on S: U without it gives the same point for less.
      const list = all.get(S) ?? [];
      for (const p of front) if (usesAll(p, fixed, u, S)) list.push(p);
      if (list.length > 0) all.set(S, list);
    }
  }
  for (const [S, list] of all) all.set(S, pareto(list));
  return all;
}

/** Whether the point uses every offer of U on the needs of S. */
function usesAll(p: Point, fixed: readonly number[], u: number, S: number): boolean {
  let used = 0;
  for (let n = 0; n < p.asg.length; n++) if ((S >> n) & 1) {
    const b = fixed.indexOf(p.asg[n]!);
    if (b >= 0) used |= 1 << b;
  }
  return used === u;
}

/** Frontier mode: every Pareto-optimal (units, cost) way for this provider to cover each subset, as options. */
export function frontPerSubset(problem: Problem, pi: number, out: Options): void {
  const prov = problem.providers[pi]!;
  const fronts = providerFronts(problem, pi);
  const subsets = [...fronts.keys()].sort((a, b) => a - b);
  for (const S of subsets) {
    fronts.get(S)!.forEach((p, j) => add(out, S, pi, p.u + prov.penProvider + popcount(S) * prov.penNeed, p.c, p.v, 1, j));
  }
}

/**
 * Whether some need has both an offer with its preferred software and one without at this provider.
 * If not, every way of covering a subset has the same number of mismatches, the cheapest way is the
 * best by objective too, and one option per subset is enough even under a budget.
 */
export function hasSoftwareChoice(problem: Problem, pi: number): boolean {
  let match = 0;
  let miss = 0;
  for (const o of problem.providers[pi]!.offers) for (const p of o.pairs) (p.mismatch ? (miss |= 1 << p.need) : (match |= 1 << p.need));
  return (match & miss) !== 0;
}
