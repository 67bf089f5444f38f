// Inside one provider: which offers carry fixed costs (setup fee, membership fee), what a set U of
// them costs, and which offer each need takes once U is chosen.
import type { POffer, Problem } from "./problem";

/** Which offers carry fixed costs (the U in the header), by index: worked out once per provider. */
export function fixedOfferIndexes(offers: readonly POffer[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < offers.length; i++) if (offers[i]!.setup > 0 || offers[i]!.memb > 0) out.push(i);
  return out;
}

/** Per provider: which of its offers carry fixed costs. */
export function fixedOffers(problem: Problem, pi: number): readonly number[] {
  return problem.providers[pi]!.fixed;
}

/** Fixed cost (cents) of using the offers of U: their setup fees and the highest membership fee. */
export function fixedCost(problem: Problem, pi: number, fixed: readonly number[], u: number): number {
  const offers = problem.providers[pi]!.offers;
  let setup = 0;
  let memb = 0;
  for (let b = 0; b < fixed.length; b++) {
    if ((u >> b) & 1) {
      const o = offers[fixed[b]!]!;
      setup += o.setup;
      if (o.memb > memb) memb = o.memb;
    }
  }
  return setup + memb;
}

/** Per need: the chosen offer (index into the provider's offers, −1 if none), its units and cost. */
export interface Choice {
  offer: Int32Array;
  units: Float64Array;
  cost: Float64Array;
}

export const newChoice = (k: number): Choice => ({ offer: new Int32Array(k), units: new Float64Array(k), cost: new Float64Array(k) });

/**
 * For one provider and one U, each need's best offer by units, then cost, then offer id.
 * `mism` restricts to offers with (0) or without (1) the need's preferred software; −1: any.
 */
export function chooseOffers(problem: Problem, pi: number, fixed: readonly number[], u: number, mism: 0 | 1 | -1, out: Choice = newChoice(problem.k)): Choice {
  const { offer, units, cost } = out;
  offer.fill(-1);
  units.fill(Infinity);
  cost.fill(Infinity);
  const offers = problem.providers[pi]!.offers;
  const Wp = problem.weights.price;
  for (let oi = 0; oi < offers.length; oi++) {
    const o = offers[oi]!;
    if (o.setup > 0 || o.memb > 0) {
      const b = fixed.indexOf(oi);
      if (!((u >> b) & 1)) continue;
    }
    for (const pr of o.pairs) {
      if (mism !== -1 && pr.mismatch !== mism) continue;
      const un = Wp * pr.yearly + problem.swPen * pr.mismatch;
      const n = pr.need;
      if (un < units[n]! || (un === units[n]! && pr.yearly < cost[n]!)) {
        units[n] = un;
        cost[n] = pr.yearly;
        offer[n] = oi;
      }
    }
  }
  return out;
}

