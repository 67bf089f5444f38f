// Inside one provider: which offers carry fixed costs (setup fee, membership fee), what a set U of
// them costs, and which offer each need takes once U is chosen.
import type { POffer, PPair, Problem } from "./problem";

/** A pair of included aliases and the offer it belongs to. */
export interface Rider {
  oi: number;
  pair: PPair;
}

/** The provider's included-alias pairs, found once. */
export function ridersOf(offers: readonly POffer[]): Rider[] {
  const out: Rider[] = [];
  offers.forEach((o, oi) => {
    for (const pair of o.pairs) if (pair.rides !== 0) out.push({ oi, pair });
  });
  return out;
}

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
      if (pr.rides !== 0) continue; // included aliases: see includedAliases
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


/** Whether offer oi may be used under U (offers without fixed costs always may). */
export function allowed(problem: Problem, pi: number, fixed: readonly number[], u: number, oi: number): boolean {
  const o = problem.providers[pi]!.offers[oi]!;
  return !(o.setup > 0 || o.memb > 0) || ((u >> fixed.indexOf(oi)) & 1) === 1;
}

/**
 * Included aliases (pairs that ride on mailbox needs), given each need's best ordinary offer in
 * `out`: the mailbox needs they ride on may take another offer so that the aliases come free.
 * Tries every such move (a provider has a handful of mailbox offers) and keeps the best for the
 * whole group, by units then cost; `out` then says which offer each need takes (an alias riding
 * on offer o is served by o, at no cost).
 */
export function includeAliases(problem: Problem, pi: number, fixed: readonly number[], u: number, out: Choice): void {
  const prov = problem.providers[pi]!;
  const riders = prov.riders;
  if (riders.length === 0) return;
  const Wp = problem.weights.price;
  const swPen = problem.swPen;
  const { offer, units, cost } = out;
  // Candidates per mailbox need: its best offer, then each host it may ride on.
  let hostNeeds = 0;
  for (const r of riders) if (allowed(problem, pi, fixed, u, r.oi)) hostNeeds |= r.pair.rides;
  if (hostNeeds === 0) return;
  const ms: number[] = [];
  const cands: { oi: number; u: number; c: number }[][] = [];
  for (let m = 0; m < problem.k; m++) {
    if (!((hostNeeds >> m) & 1)) continue;
    const list = offer[m]! >= 0 ? [{ oi: offer[m]!, u: units[m]!, c: cost[m]! }] : [];
    for (const r of riders) {
      if (!((r.pair.rides >> m) & 1) || r.oi === offer[m] || list.some((x) => x.oi === r.oi) || !allowed(problem, pi, fixed, u, r.oi)) continue;
      const pr = prov.offers[r.oi]!.pairs.find((p) => p.need === m && p.rides === 0)!;
      list.push({ oi: r.oi, u: Wp * pr.yearly + swPen * pr.mismatch, c: pr.yearly });
    }
    ms.push(m);
    cands.push(list);
  }
  let aliasNeeds = 0;
  for (const r of riders) aliasNeeds |= 1 << r.pair.need;
  const pick = new Int32Array(ms.length);
  const best = { u: Infinity, c: Infinity, pick: new Int32Array(ms.length), alias: new Int32Array(problem.k) };
  const alias = new Int32Array(problem.k);
  for (;;) {
    if (cands.every((l) => l.length > 0)) {
      alias.fill(-1);
      let tu = 0;
      let tc = 0;
      ms.forEach((m, i) => {
        tu += cands[i]![pick[i]!]!.u;
        tc += cands[i]![pick[i]!]!.c;
      });
      for (let a = 0; a < problem.k; a++) {
        if (!((aliasNeeds >> a) & 1)) continue;
        // −1: its own best ordinary offer; else the rider index.
        let au = units[a]!;
        let ac = cost[a]!;
        alias[a] = -1;
        riders.forEach((r, ri) => {
          if (r.pair.need !== a) return;
          const carried = ms.some((m, i) => (r.pair.rides >> m) & 1 && cands[i]![pick[i]!]!.oi === r.oi);
          const ru = swPen * r.pair.mismatch;
          if (carried && (ru < au || (ru === au && 0 < ac))) (au = ru), (ac = 0), (alias[a] = ri);
        });
        tu += au;
        tc += ac;
      }
      if (tu < best.u || (tu === best.u && tc < best.c)) {
        best.u = tu;
        best.c = tc;
        best.pick.set(pick);
        best.alias.set(alias);
      }
    }
    // Next combination (odometer).
    let i = 0;
    while (i < ms.length && ++pick[i]! >= cands[i]!.length) pick[i++] = 0;
    if (i === ms.length) break;
  }
  if (best.u === Infinity) return;
  ms.forEach((m, i) => {
    const cnd = cands[i]![best.pick[i]!]!;
    offer[m] = cnd.oi;
    units[m] = cnd.u;
    cost[m] = cnd.c;
  });
  for (let a = 0; a < problem.k; a++) {
    const ri = best.alias[a]!;
    if (ri < 0) continue;
    offer[a] = riders[ri]!.oi;
    units[a] = swPen * riders[ri]!.pair.mismatch;
    cost[a] = 0;
  }
}
