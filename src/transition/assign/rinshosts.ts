// A late, larger neighbourhood for the tree (opt-in; bench:assign-profile `rinsHosts…` variants):
// RINS plus every unit on the few hosts where RINS's LP choices collide with the incumbent, on a
// larger budget than the tree's RINS. Why: against the oracle's optima (bench:assign-profile
// BENCH_DIFF) the engine's final pick at 1000 × 45 random s3/s4 differs on ~40 units over ~20
// hosts, mostly on full capacity rows; its last tree RINS freed 30–33 of them and ran out of its
// 4.4k pivots. Not imported by the default path: a PrimalFactory wrapping another schedule.
// Measured (RINS_HOSTS, seeds 0–5 both shapes; ARCHITECTURE.md has the figures): random totals
// −125 cents at 1000 × 45 and −11 at 2000 × 60, clustered +7 and +246, and random s1's (1000 × 45)
// and clustered s1's (2000 × 60) proofs lost: opt-in.
import { rinsFree, roomLeft, solveNeighbourhood, totalCost, type Usable } from "./heuristics";
import type { Model } from "./lp";
import type { PrimalFactory } from "./schedule";

/**
 * The RINS set (heuristics.ts rinsFree) and, on the `hosts` hosts (`hostOf`: per row its host, −1
 * none) with the most rows where some RINS unit's LP choice needs more room than the incumbent
 * leaves, every unit whose incumbent or a cheaper usable choice takes one of their rows: where the
 * LP's moves must be made room for by units RINS keeps fixed (the ejection chains across hosts).
 */
export function rinsHostsFree(m: Model, pick: ArrayLike<number>, lpChoice: ArrayLike<number>, lpValue: ArrayLike<number>, usable: Usable, hostOf: ArrayLike<number>, hosts: number): Uint8Array {
  const n = m.cost.length;
  const free = rinsFree(pick, lpChoice, lpValue);
  const room = roomLeft(m, pick);
  const H = Math.max(0, ...Array.from(hostOf, (h) => h + 1));
  const hits = new Float64Array(H);
  for (let u = 0; u < n; u++) {
    const k = lpChoice[u]!;
    if (!free[u] || k === pick[u]) continue;
    m.res[u]![k]!.forEach((r, i) => {
      const h = hostOf[r] ?? -1;
      if (h >= 0 && room[r]! < m.amt[u]![k]![i]! - 1e-9) hits[h]! += 1;
    });
  }
  const top = Array.from({ length: H }, (_, h) => h)
    .filter((h) => hits[h]! > 0)
    .sort((a, b) => hits[b]! - hits[a]! || a - b)
    .slice(0, hosts);
  if (top.length === 0) return free;
  const chosen = new Uint8Array(H);
  for (const h of top) chosen[h] = 1;
  const onChosen = (u: number, k: number) => m.res[u]![k]!.some((r) => (hostOf[r] ?? -1) >= 0 && chosen[hostOf[r]!] === 1);
  for (let u = 0; u < n; u++) {
    if (free[u]) continue;
    const ku = pick[u]!;
    if (onChosen(u, ku) || m.cost[u]!.some((c, k) => c < m.cost[u]![ku]! && usable(u, k) && onChosen(u, k))) free[u] = 1;
  }
  return free;
}

export interface RinsHostsSettings {
  /** Hosts added to the RINS set. */
  hosts: number;
  /** Nodes without a better incumbent before the first call, and between two calls. */
  every: number;
  /** Share of the pivot budget per call, and for all calls. */
  sub: number;
  share: number;
}

export const RINS_HOSTS: RinsHostsSettings = { hosts: 3, every: 80, sub: 0.08, share: 0.24 };

/**
 * `base`'s schedule, and in the tree, once the incumbent has not fallen for `every` nodes (and
 * again `every` nodes after each call), one rinsHostsFree neighbourhood on `sub` of the budget,
 * within `share`. Its pivots are the search's, as the base schedule's are.
 */
export function withRinsHosts(base: PrimalFactory, set: RinsHostsSettings = RINS_HOSTS): PrimalFactory {
  return (m, usable, pivotLimit, hostOf, sub) => {
    const inner = base(m, usable, pivotLimit, hostOf, sub);
    if (!hostOf) return inner;
    let used = 0;
    let lastUb = Infinity;
    let since = 0; // the node the incumbent last fell at, or the last call
    return (at) => {
      const r = inner(at);
      if (at.root) return r;
      const best = r.picks.length > 0 ? r.picks[r.picks.length - 1]! : at.best;
      const ub = r.picks.length > 0 ? totalCost(m, best) : at.ub;
      if (ub < lastUb) (lastUb = ub), (since = at.nodes);
      const budget = Math.min(Math.floor(set.sub * pivotLimit), Math.floor(set.share * pivotLimit) - used);
      if (at.nodes - since < set.every || budget <= 0 || (at.treeBound !== undefined && ub <= at.treeBound)) return r;
      since = at.nodes;
      const free = rinsHostsFree(m, best, at.first, at.firstVal, usable, hostOf, set.hosts);
      const s = solveNeighbourhood(m, best, free, usable, sub, { nodeLimit: 20_000, pivotLimit: budget });
      used += s.pivots;
      if (!s.pick) return { picks: r.picks, pivots: r.pivots + s.pivots };
      lastUb = totalCost(m, s.pick);
      return { picks: [...r.picks, s.pick], pivots: r.pivots + s.pivots };
    };
  };
}
