// Each provider's best way of covering each subset of needs, including its once-only costs (setup
// fees per offer used, one membership fee per provider). The result is a list of "options"
// (subset T, provider, units, cost), bucketed by T, which the search combines.
//
// Within a provider, needs are coupled by the fixed costs and by included aliases. We enumerate the
// sets U of fixed-cost offers it could use (offers free of setup and membership are always
// available); given U every need takes its best offer, except that the mailbox needs may move to
// an offer whose included aliases then serve the alias needs for free (choice.ts includeAliases,
// best for the mail group as a whole), and every subset of needs is priced by one incremental pass
// over the submasks. Only subsets that keep each group whole (groups.ts) become options. Offers in U that no need would pick are pruned: dropping them
// costs less. Providers list a handful of offers, so 2^|U| stays tiny.
//
// With a budget and preferred software, the best option by objective may be over budget while a
// cheaper one (other software) fits, so such a provider then keeps its Pareto front of
// (units, cost) for each T (frontier.ts): the search stays exact under the budget.
import { chooseOffers, fixedCost, fixedOffers, includeAliases, newChoice } from "./choice";
import { frontPerSubset, hasSoftwareChoice } from "./frontier";
import { wholeGroups } from "./groups";
import { add, type Options, popcount, type Scratch } from "./options";
import type { Problem } from "./problem";

export { bucket, type Options } from "./options";

/** One option per subset T the provider can cover: the least units (then cost) over every U. */
function bestPerSubset(problem: Problem, pi: number, s: Scratch, out: Options): void {
  const prov = problem.providers[pi]!;
  const fixed = fixedOffers(problem, pi);
  const Wp = problem.weights.price;
  const k = problem.k;
  // Locals: the loops below run 2^|needs reached| times per set U.
  const { bu, bc, bv, su, sc, choice } = s;
  const whole = problem.whole;
  const { offer, units: cu, cost: cc } = choice;
  let reach = 0;
  for (const o of prov.offers) for (const p of o.pairs) reach |= 1 << p.need;
  for (let S = reach; ; S = (S - 1) & reach) {
    bu[S] = Infinity;
    if (S === 0) break;
  }
  su[0] = 0;
  sc[0] = 0;
  const nU = 1 << fixed.length;
  for (let u = 0; u < nU; u++) {
    chooseOffers(problem, pi, fixed, u, -1, choice);
    includeAliases(problem, pi, fixed, u, choice);
    let M = 0;
    for (let n = 0; n < k; n++) if (offer[n]! >= 0) M |= 1 << n;
    M = wholeGroups(problem, M);
    let used = 0;
    for (let n = 0; n < k; n++) {
      if (!((M >> n) & 1)) continue;
      const b = fixed.indexOf(offer[n]!);
      if (b >= 0) used |= 1 << b;
    }
    if (used !== u || M === 0) continue; // an offer of U that no need picks: U without it is cheaper
    const fc = fixedCost(problem, pi, fixed, u);
    const fu = Wp * fc;
    // Submasks of M in increasing order, so S & (S − 1) is always done before S.
    for (let S = M & -M; S !== 0; S = (S - M) & M) {
      const low = S & -S;
      const n = 31 - Math.clz32(low);
      const rest = S ^ low;
      const u1 = (su[S] = su[rest]! + cu[n]!);
      const c1 = (sc[S] = sc[rest]! + cc[n]!);
      if (!whole[S]) continue; // a block splitting a group (mail, DNS) is no bundle's
      const tu = fu + u1;
      const tc = fc + c1;
      const best = bu[S]!;
      if (tu < best || (tu === best && tc < bc[S]!)) {
        bu[S] = tu;
        bc[S] = tc;
        bv[S] = u;
      }
    }
  }
  const { penProvider, penNeed } = prov;
  for (let S = reach; S !== 0; S = (S - 1) & reach) {
    if (bu[S] === Infinity) continue;
    add(out, S, pi, bu[S]! + penProvider + popcount(S) * penNeed, bc[S]!, bv[S]!, -1, 0);
  }
}

export function buildOptions(problem: Problem): Options {
  const size = 1 << problem.k;
  // Without the frontier, a provider adds at most one option per non-empty subset of the needs it reaches.
  let capacity = 0;
  for (const prov of problem.providers) {
    let reach = 0;
    for (const o of prov.offers) for (const p of o.pairs) reach |= 1 << p.need;
    capacity += (1 << popcount(reach)) - 1;
  }
  const out: Options = {
    n: 0,
    T: new Int32Array(capacity), P: new Int32Array(capacity), units: new Float64Array(capacity), cost: new Float64Array(capacity),
    V: new Int32Array(capacity), B: new Int32Array(capacity), J: new Int32Array(capacity),
    start: new Int32Array(size + 1),
    order: new Int32Array(0),
    sorted: new Uint8Array(size),
    bestU: new Float64Array(size).fill(Infinity),
    bestC: new Float64Array(size).fill(Infinity),
  };
  const frontier = problem.budgetCap !== Infinity && problem.nPref > 0;
  const scratch: Scratch = {
    bu: new Float64Array(size), bc: new Float64Array(size), bv: new Int32Array(size),
    su: new Float64Array(size), sc: new Float64Array(size), choice: newChoice(problem.k),
  };
  for (let pi = 0; pi < problem.providers.length; pi++) {
    if (frontier && hasSoftwareChoice(problem, pi)) frontPerSubset(problem, pi, out);
    else bestPerSubset(problem, pi, scratch, out);
  }
  // Bucket the options by T (counting sort; providers were visited by rank, so buckets start in rank order).
  const { n, T, units, cost, start, bestU, bestC } = out;
  for (let i = 0; i < n; i++) start[T[i]! + 1]! += 1;
  for (let t = 0; t < size; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, size);
  const order = (out.order = new Int32Array(n));
  for (let i = 0; i < n; i++) {
    const t = T[i]!;
    order[fill[t]!++] = i;
    if (units[i]! < bestU[t]!) bestU[t] = units[i]!;
    if (cost[i]! < bestC[t]!) bestC[t] = cost[i]!;
  }
  return out;
}

