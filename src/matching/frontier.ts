// Frontier mode (a budget and preferred software): for one provider, every Pareto-optimal
// (units, cost) way of covering each subset, so that a cheaper offer with other software can still
// make a bundle fit the budget. Exactness under the budget rests on this (see covers.ts).
import { chooseOffers, fixedCost, fixedOffers } from "./choice";
import { add, type Options, popcount, type Scratch } from "./options";
import type { Problem } from "./problem";

type Point = { u: number; c: number; b: number; v: number };

/** Pareto front of points by (units, cost): ascending units, strictly descending cost. */
function pareto(points: Point[]): Point[] {
  points.sort((x, y) => x.u - y.u || x.c - y.c || x.v - y.v || x.b - y.b);
  const out: Point[] = [];
  for (const p of points) if (out.length === 0 || p.c < out[out.length - 1]!.c) out.push(p);
  return out;
}

/**
 * Frontier mode: every Pareto-optimal (units, cost) way for this provider to cover each subset.
 * Per need the best matching and best mismatching offers compete; the mismatching one is a real
 * alternative only when it is cheaper but worse by objective. Taking j alternatives costs least
 * with the j largest savings, so for a subset the front is among "base + the j best switches".
 */
export function frontPerSubset(problem: Problem, pi: number, s: Scratch, out: Options): void {
  const prov = problem.providers[pi]!;
  const fixed = fixedOffers(problem, pi);
  const Wp = problem.weights.price;
  const k = problem.k;
  const fronts: Point[][] = [];
  const touched: number[] = [];
  const baseU = new Float64Array(k);
  const baseC = new Float64Array(k);
  const saving = new Float64Array(k);
  const extra = new Float64Array(k);
  for (let u = 0; u < 1 << fixed.length; u++) {
    const match = chooseOffers(problem, pi, fixed, u, 0, s.choice);
    const miss = chooseOffers(problem, pi, fixed, u, 1, s.choice2);
    let M = 0;
    let baseMiss = 0;
    let used = 0;
    const choices: number[] = [];
    for (let n = 0; n < k; n++) {
      const a = match.offer[n]!;
      const b = miss.offer[n]!;
      if (a < 0 && b < 0) continue;
      M |= 1 << n;
      const useMiss = a < 0 || (b >= 0 && (miss.units[n]! < match.units[n]! || (miss.units[n] === match.units[n] && miss.cost[n]! < match.cost[n]!)));
      const ch = useMiss ? miss : match;
      baseU[n] = ch.units[n]!;
      baseC[n] = ch.cost[n]!;
      if (useMiss) baseMiss |= 1 << n;
      else if (b >= 0 && miss.cost[n]! < match.cost[n]!) {
        choices.push(n);
        saving[n] = match.cost[n]! - miss.cost[n]!;
        extra[n] = miss.units[n]! - match.units[n]!;
      }
      for (const oi of useMiss ? [b] : choices.at(-1) === n ? [a, b] : [a]) {
        const bit = fixed.indexOf(oi);
        if (bit >= 0) used |= 1 << bit;
      }
    }
    if (used !== u || M === 0) continue; // an offer of U that nothing picks: U without it is cheaper
    choices.sort((x, y) => saving[y]! - saving[x]! || x - y);
    const fc = fixedCost(problem, pi, fixed, u);
    const fu = Wp * fc;
    s.su[0] = 0;
    s.sc[0] = 0;
    for (let S = M & -M; S !== 0; S = (S - M) & M) {
      const low = S & -S;
      const n = 31 - Math.clz32(low);
      const su = (s.su[S] = s.su[S ^ low]! + baseU[n]!);
      const sc = (s.sc[S] = s.sc[S ^ low]! + baseC[n]!);
      let list = fronts[S];
      if (!list) {
        list = fronts[S] = [];
        touched.push(S);
      }
      let pu = fu + su;
      let pc = fc + sc;
      let b = baseMiss & S;
      list.push({ u: pu, c: pc, b, v: u });
      for (const c of choices) {
        if (!((S >> c) & 1)) continue;
        pu += extra[c]!;
        pc -= saving[c]!;
        b |= 1 << c;
        list.push({ u: pu, c: pc, b, v: u });
      }
    }
  }
  touched.sort((a, b) => a - b);
  for (const S of touched) {
    pareto(fronts[S]!).forEach((p, j) => add(out, S, pi, p.u + prov.penProvider + popcount(S) * prov.penNeed, p.c, p.v, p.b, j));
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

