// Exact branch and bound for "each unit takes one of its choices, within capacities, least total",
// with whole-number costs, on the exact LP relaxation (lp.ts):
//  - one LP serves the whole search: a node forbids columns, moving to another node allows them
//    again; only costs change, so the basis stays feasible: a plunged child re-optimises from its
//    parent's optimum, a node from the heap from its parent's basis stored with it (fromParent);
//  - nodes by best bound, with plunging: after a node its first child is solved at once (few
//    pivots, and it reaches whole assignments), the other waits in a heap;
//  - bound: the node's LP optimum rounded up (totals are whole numbers); a node whose bound reaches
//    the best known total is closed, as is one whose LP must use a forbidden column;
//  - cuts: lifted GUB covers (cuts.ts) in rounds at the root until the bound stalls, and at a few
//    restarts deeper in the tree, as extra rows of a new LP (the cut loop, below the search);
//  - reduced-cost fixing: a nonbasic column whose reduced cost lifts the bound to the best known
//    total is forbidden below the node;
//  - branching on a fractional unit (at most R of them at an LP vertex): its largest column taken,
//    or forbidden; the unit by pseudo-costs (the bound's rise per unit of change seen so far when
//    a column was taken or forbidden, the product of both expected rises), the one whose LP
//    support spans the widest costs until some are known (branching.ts; below DUAL_BELOW units
//    reliability branching, strong-branching probes for columns with few samples, and plunging by
//    estimate are the defaults; the GUB split stays opt-in);
//  - upper bounds: the LP solution rounded and repaired to fit (a unit that fits nowhere takes the
//    room of one placed unit that moves to another choice), at every node (from SMALL_BELOW units,
//    past the root only every ROUND_EVERY nodes and at nearly whole points); each better
//    assignment then goes through a local search (a unit to a cheaper choice, alone or with one
//    other unit moving to make room: heuristics.ts pairMoves) before it becomes the incumbent;
//    and neighbourhoods solved exactly by this same search (heuristics.ts, `primalSchedule`).
//    `heuristics: false` keeps the search as it was before them (the old local search included).
// A second root (`rootRestart`, HiGHS's restart; the default from SMALL_BELOW to DUAL_BELOW units):
// after the root's neighbourhoods, its reduced-cost fixing for good and its cut rounds again with
// the incumbent known (ROOT_RESTART).
// A dominated choice (another of the unit costs no more and takes no more of any capacity) is
// forbidden from the start: any assignment using it is matched by one using the other.
// When the search ends the incumbent is proven optimal; a node or pivot budget bounds the worst
// case and then says so (`proved: false`).
import { gubSplit, plungeFirst, pseudoChoice, PseudoCosts, reliabilityChoice, type PlungeRule, type Split, type SplitRule, type Branching, type BranchRule, type ProbeStats, type ReliabilityOptions } from "./branching";
import { coverCuts, withCuts, type Cut } from "./cuts";
import { rootGomory } from "./gomory";
import { mirCuts, rootMir } from "./mir";
import { crossoverFree, extraOf, hostSwapFree, pairMoves, rinsFree, solveNeighbourhood, tightFree, totalCost, type SubLimits, type SubSearch, type Usable } from "./heuristics";
import { lagrangeAssign } from "./lagrange";
import { GubLp, type Basis, type LpStatus, type Model } from "./lp";

export type { Model } from "./lp";

export interface Searched {
  /** Per unit: the index of its choice. */
  pick: Int32Array;
  value: number;
  /** The root LP bound, rounded up (−∞ when the root was not solved). */
  rootBound: number;
  proved: boolean;
  nodes: number;
  /** The root LP optimum before cuts and after them (NaN when no cuts ran), the rounds, the cuts kept. */
  rootLp?: number;
  rootCut?: number;
  cutRounds?: number;
  cuts?: number;
  /** Simplex pivots over the whole search, the heuristics' sub-searches included. */
  pivots: number;
  /** Restarts with node cuts. */
  restarts?: number;
  /** The least bound of the nodes left open when the search stopped (its value when proved): how far from a proof. */
  treeBound?: number;
  /** Where the pivots went: the main search's node re-solves, the primal sub-searches (the rest: cut rounds). */
  nodePivots?: number;
  primalPivots?: number;
  /** Nodes re-solved from their parent's stored basis (SearchOptions.reSolve). */
  restores?: number;
  /** Nodes taken from the heap (not plunged into) and their re-solves' pivots. */
  pops?: number;
  popPivots?: number;
  /** Node LPs that failed numerically and were rebuilt without their tableau cuts (recoverLp). */
  recovered?: number;
  /** Of the node pivots, the dual simplex's, and the dual re-solves the primal took over from the start (SearchOptions.reSolveWith). */
  dualPivots?: number;
  dualFallbacks?: number;
  /** Reliability branching's strong-branching probes (SearchOptions.branching): units probed, their pivots, children they closed. */
  strongProbes?: number;
  strongPivots?: number;
  strongClosed?: number;
  /** The second root (SearchOptions.rootRestart): columns it forbade for good, its LP bound after the cuts (NaN: none). */
  rootFixed?: number;
  rootCut2?: number;
}

/**
 * Finds cuts (valid for every assignment that fits) violated at the LP point x[u][k] on the given
 * rows; `at`: the LP that point is the optimum of, on its model (m and the cuts in it so far), for
 * separators that read its tableau (gomory.ts), and whether it is the root's (the cut rounds) or a
 * node's deeper in the tree (a node-cut restart).
 */
export type Separator = (m: Model, rows: number[], x: Float64Array[], at?: Tableau) => Cut[];
export interface Tableau {
  lp: GubLp;
  model: Model;
  root?: boolean;
  /** The incumbent's value: separators may cut off every assignment not below it (costmir.ts). */
  ub?: number;
  /** Per column (units' choices in order): 1 when no assignment may take it (SearchOptions.banned). */
  banned?: Uint8Array;
}

export interface SearchOptions {
  nodeLimit?: number;
  /** Simplex pivots over the whole search (a safeguard on work: a Worker's clock stands still). */
  pivotLimit?: number;
  /** Cover cuts at the root (default true; a root-only search has no use for them). */
  cuts?: boolean;
  /** Choices ([unit, choice]) no assignment may take; the incumbent may, and then counts as none. */
  banned?: [number, number][];
  /** Node cuts: the node count of the first restart (default FIRST_RESTART; tests use 1). */
  firstRestart?: number;
  /**
   * The cut separator (default: mir.ts rootMir below SMALL_BELOW units, c-MIR cuts in the root's
   * rounds; rootMirGomory below DUAL_BELOW, c-MIR and GMI cuts there; cuts.ts's lifted covers alone
   * from there on: SMALL_BELOW, DUAL_BELOW and mir.ts say why;
   * the bench passes others to compare).
   */
  separate?: Separator;
  /** Primal heuristics (heuristics.ts: neighbourhoods, pair moves; default true). False: the search as it was without them. */
  heuristics?: boolean;
  /**
   * The dual-guided assignment (lagrange.ts) at the root and every few nodes. Default off: beside the
   * large instances' neighbourhood schedule it ended every 1000 × 45 and 2000 × 60 bench instance
   * worse (by 32–661 cents) and 4–6× slower in wall time (its chains are not counted in pivots).
   */
  lagrange?: boolean;
  /** The neighbourhoods' schedule (default primalSchedule; the bench passes the old one to compare). */
  primal?: PrimalFactory;
  /** Per capacity row its host (−1: none), for the host-swap neighbourhood; without it there is none. */
  hostOf?: ArrayLike<number>;
  /** Told of each better assignment as it becomes the incumbent, with the nodes so far. */
  onIncumbent?: (pick: Int32Array, value: number, nodes: number) => void;
  /**
   * Which basis a node taken from the heap re-solves from: its parent's optimal one, stored with it
   * ("parent", the default), or wherever the last node left the LP ("last", as before; for the bench).
   */
  reSolve?: "parent" | "last";
  /**
   * How a node below the root re-solves: by the dual simplex from its parent's optimum, or the
   * last node's (GubLp.solveDual), or by the primal with forbidden columns as a first-level cost
   * (GubLp.solve). The root and the cut rebuilds stay primal. Default: the dual below 1,300 units
   * (DUAL_BELOW says why), the primal from there on; neighbourhood sub-searches follow.
   */
  reSolveWith?: "dual" | "primal";
  /** The branching rule (branching.ts BranchRule; default "reliability" below DUAL_BELOW units, "pseudo" from there on). */
  branching?: BranchRule;
  /** Which child a node plunges into (branching.ts PlungeRule; default "estimate" below DUAL_BELOW units, "up" from there on: the child that takes the column). */
  plunge?: PlungeRule;
  /** How the chosen unit is split (branching.ts SplitRule; default "column"). */
  split?: SplitRule;
  /** Reliability branching's parameters (default branching.ts RELIABILITY; for tests and the bench). */
  reliability?: ReliabilityOptions;
  /** The root's cut rounds end at a round that moves the bound less than this share of the first gap (default STALL; for the bench). */
  cutStall?: number;
  /**
   * The node rounding (round and repair) at every node (1) or, past the root, only every this many
   * nodes and at nodes with at most ROUND_FEW fractional units. Default: 1 below SMALL_BELOW units
   * or without heuristics (sub-searches), ROUND_EVERY from there on (ROUND_EVERY says why).
   */
  roundEvery?: number;
  /**
   * How reliability branching's probes re-solve a child (branching.ts probe): by the dual simplex
   * (GubLp.probeDual) or the primal. Default: as the nodes re-solve (reSolveWith); "primal" under
   * the dual re-solve is the old behaviour, for the bench.
   */
  probeWith?: "dual" | "primal";
  /**
   * A second root (HiGHS's restart): once the root's neighbourhoods have an incumbent, the root's
   * nonbasic choices whose reduced cost lifts its bound to that incumbent are forbidden for the
   * whole search, and the root's cut rounds run again with the incumbent's value known to the
   * separator (costmir.ts's cuts need it); a Separator: that one for the second round's cuts (the
   * rest of the search keeps `separate`). Default on from SMALL_BELOW to DUAL_BELOW units, off
   * elsewhere and in neighbourhood sub-searches (ROOT_RESTART says why).
   */
  rootRestart?: boolean | Separator;
}

/** Per unit: 1 for each choice dominated by another (equal ones: the later is dropped). */
export function dominated(m: Model, banned: (u: number, k: number) => boolean = () => false): Int32Array[] {
  // Each choice's amounts spread on a row-indexed scratch while compared (a Map per choice was
  // built for every search and sub-search), cleared after; a later duplicate row wins, as in a Map.
  const useI = new Float64Array(m.cap.length);
  const useJ = new Float64Array(m.cap.length);
  const spread = (use: Float64Array, u: number, k: number, on: boolean) => {
    const rs = m.res[u]![k]!;
    for (let t = 0; t < rs.length; t++) use[rs[t]!] = on ? m.amt[u]![k]![t]! : 0;
  };
  return m.cost.map((costs, u) => {
    const out = new Int32Array(costs.length);
    const res = m.res[u]!;
    // i takes no more than j of every capacity (useI, useJ: their amounts).
    const covers = (i: number, j: number, ui: Float64Array, uj: Float64Array) => {
      for (const r of res[i]!) if (ui[r]! > 0 && ui[r]! > uj[r]!) return false;
      for (const r of res[j]!) if (uj[r]! < 0 && uj[r]! < ui[r]!) return false;
      return true;
    };
    for (let j = 0; j < costs.length; j++) {
      for (let i = 0; i < costs.length && !out[j]; i++) {
        if (i === j || out[i] || costs[i]! > costs[j]! || banned(u, i)) continue;
        spread(useI, u, i, true);
        spread(useJ, u, j, true);
        if (covers(i, j, useI, useJ) && (costs[i]! < costs[j]! || i < j || !covers(j, i, useJ, useI))) out[j] = 1;
        spread(useI, u, i, false);
        spread(useJ, u, j, false);
      }
    }
    return out;
  });
}

const INT_TOL = 1e-6;

/**
 * ROOT_RESTART (SearchOptions.rootRestart): on from SMALL_BELOW to DUAL_BELOW units, with that
 * range's rules (rootMirGomory, dual re-solves, reliability): measured at the default budget on
 * 1000×45 seeds 0–1 (`BENCH_SIZES=1000x45 BENCH_SEEDS=2 BENCH_RESTART=0,1 npm run
 * bench:assign-engine`), random s0, s1, clustered s0, s1: the same totals, the gap to a proof
 * 468 → 464, 116 → 104, 3 → 0 (proved: 100,928 pivots, 5.7 s) and proved either way on 71,399
 * pivots instead of 105,489 (3.2 s against 5.1 s); time ×0.95, ×1.14, ×0.94, ×0.63.
 * Off elsewhere, as measured before that range's rules, at the default pivot budget, seeds 0–1 (`BENCH_SIZES=1000x45,2000x60 BENCH_SEEDS=2 BENCH_SEPARATORS=
 * default,+mir.cost BENCH_RESTART=0,1 npm run bench:assign-engine`; instances 1000×45 random s0 s1,
 * clustered s0 s1, 2000×60 the same; cents against the default, none proved by any variant):
 * - it fixes 5–49 % of the columns with covers, 17–62 % with +mir.cost (HiGHS: 48–76 %); they stay
 *   in the LP, forbidden (every child's reduced-cost fixing forbade them anyway), so no pivot is
 *   cheaper: the gain can only come from the second round's cuts;
 * - with the covers the second round moves the root bound 0–25 cents; totals +261, 0, +136, −25,
 *   +8, +360, +476, +7 (the paths change: without the fixing 3 of the 4 seed-0 totals are the same);
 * - with +mir.cost everywhere, restart against none: totals 0, 0, 0, −27, 0, −455, −7, −41 and the
 *   open tree's least bound higher on all 8 (+3 … +46); against the default: totals −69, −158,
 *   +124, −48, +45, −354, −20, −84, tree bound +24 … +112 on all 8, but 1.3–2.3× the wall time
 *   (dense rows; a noisy machine);
 * - covers, the cutoff c-MIR cuts in the second round only (`BENCH_RESTART=0,+mir.cost`): totals
 *   −79, −457, +24, −42, +30, +370, +476, −98, tree bound +23 … +111 on all 8;
 * - below 600 units (250×20, 500×30, seeds 0–1, same command) all proved either way; pivots
 *   default 69,349 → 90,189 with the restart (500×30 random s1 29,011 → 50,242).
 * - on 600k pivots, seed 0, +mir.cost (`BENCH_PIVOTS=600000 BENCH_SIZES=1000x45,2000x60
 *   BENCH_SEPARATORS=+mir.cost BENCH_RESTART=0,1`): 1000×45 clustered PROVED with the restart
 *   (HiGHS's optimum 394812839, 303 nodes, 496,854 pivots, 32 s; without it open, 115 cents above,
 *   858 nodes), 1000×45 random +2 cents, 2000×60 random −25, clustered −142 (all open; tree bound
 *   +3, +14, +1). The default there (covers) ended 1000×45 clustered 60 above, open; covers with
 *   the cutoff cuts in the second round only 74 above. Seed 1 clustered: −12 cents, open (25 above
 *   its tree bound, 33 without the restart).
 * Better bounds everywhere, but no variant better end to end on both shapes at the default budget.
 */

export function search(m: Model, incumbent: Int32Array, opts: SearchOptions = {}): Searched {
  const nodeLimit = opts.nodeLimit ?? 20_000;
  const pivotLimit = opts.pivotLimit ?? 100_000;
  const { cost, res, amt, cap } = m;
  const n = cost.length;
  const R = cap.length;
  // Banned choices by column (unit u's choice k is column colOf[u] + k): a lookup per call, no
  // key strings (usable() runs in the heuristics' inner loops).
  const colOf = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) colOf[u + 1] = colOf[u]! + cost[u]!.length;
  const bannedCol = new Uint8Array(colOf[n]!);
  for (const [u, k] of opts.banned ?? []) bannedCol[colOf[u]! + k] = 1;
  const anyBanned = (opts.banned ?? []).length > 0;
  const isBanned = (u: number, k: number) => bannedCol[colOf[u]! + k] === 1;
  const valueOf = (pick: ArrayLike<number>) => {
    let t = 0;
    for (let u = 0; u < n; u++) t += anyBanned && isBanned(u, pick[u]!) ? Infinity : cost[u]![pick[u]!]!;
    return t;
  };
  let ub = valueOf(incumbent);
  let best: Int32Array = incumbent.slice();
  let nodes = 0;
  let rootBound = -Infinity;
  if (nodeLimit <= 0 || n === 0) return { pick: best, value: ub, rootBound: n === 0 ? 0 : rootBound, proved: n === 0, nodes, pivots: 0 };

  let lp = new GubLp(m);
  let lpModel = m;
  let forbidden = lp.forbidden;
  const unitStart = lp.unitStart;
  // Rows a cover cut may tighten: those without negative amounts (the cost model's relief). One
  // pass over the entries: per row it was R × entries, 4 % of a small search's time (every sub-search pays it).
  const negRow = new Uint8Array(R);
  for (let u = 0; u < n; u++) for (let k = 0; k < amt[u]!.length; k++) for (let i = 0; i < amt[u]![k]!.length; i++) if (amt[u]![k]![i]! < 0) negRow[res[u]![k]![i]!] = 1;
  const cutRows = Array.from({ length: R }, (_, r) => r).filter((r) => !negRow[r]);
  const dom = dominated(m, isBanned);
  for (let u = 0; u < n; u++) for (let k = 0; k < dom[u]!.length; k++) if (dom[u]![k]) forbidden[unitStart[u]! + k]!++;
  for (const [u, k] of opts.banned ?? []) forbidden[unitStart[u]! + k]!++;

  const left = new Float64Array(R);
  const fits = (u: number, k: number) => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) if (left[rs[i]!]! < amt[u]![k]![i]!) return false;
    return true;
  };
  const take = (u: number, k: number, sign: number) => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) left[rs[i]!]! -= sign * amt[u]![k]![i]!;
  };
  const allowed = (u: number, k: number) => forbidden[unitStart[u]! + k]! === 0;

  /**
   * An assignment that fits: the units in the given order take the first allowed choice that still
   * fits among their preferred one (`first[u]`, if given) then, unless `onlyFirst[u]`, all of them
   * by cost; then cheaper moves that still fit. Null if a unit cannot.
   */
  const placed: number[] = [];
  const round = (units: ArrayLike<number>, first: Int32Array | null, onlyFirst: Uint8Array | null): Int32Array | null => {
    left.set(cap);
    const pick = new Int32Array(n);
    placed.length = 0;
    for (let i = 0; i < n; i++) {
      const u = units[i]!;
      let k: number | undefined;
      if (first && allowed(u, first[u]!) && fits(u, first[u]!)) k = first[u]!;
      else if (!onlyFirst?.[u]) {
        for (const c of orders[u]!) {
          if (allowed(u, c) && fits(u, c)) {
            k = c;
            break;
          }
        }
      }
      // None fits: one unit already placed moves to another choice to make room.
      if (k === undefined) k = eject(u, pick, placed);
      if (k === undefined) return null;
      pick[u] = k;
      take(u, k, 1);
      placed.push(u);
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (let u = 0; u < n; u++) {
        const k0 = pick[u]!;
        take(u, k0, -1);
        let kb = k0;
        for (let k = 0; k < cost[u]!.length; k++) if (allowed(u, k) && cost[u]![k]! < cost[u]![kb]! && fits(u, k)) kb = k;
        if (kb !== k0) changed = true;
        pick[u] = kb;
        take(u, kb, 1);
      }
    }
    return pick;
  };
  /** A choice for u after one placed unit v moves to another allowed choice that fits; pick[v] is updated. */
  const eject = (u: number, pick: Int32Array, placed: number[]): number | undefined => {
    for (const k of orders[u]!) {
      if (!allowed(u, k)) continue;
      let bestV = -1;
      let bestK = -1;
      let bestD = Infinity;
      // Only a unit on the first row that blocks k can make room for it: the others are passed over.
      const r0 = blockedOn(u, k);
      for (const v of placed) {
        const kv = pick[v]!;
        if (r0 >= 0 && !res[v]![kv]!.includes(r0)) continue;
        take(v, kv, -1);
        if (fits(u, k)) {
          take(u, k, 1);
          for (const k2 of orders[v]!) {
            const d = cost[v]![k2]! - cost[v]![kv]!;
            if (d >= bestD) break;
            if (k2 !== kv && allowed(v, k2) && fits(v, k2)) {
              bestV = v;
              bestK = k2;
              bestD = d;
              break;
            }
          }
          take(u, k, -1);
        }
        take(v, kv, 1);
      }
      if (bestV >= 0) {
        take(bestV, pick[bestV]!, -1);
        pick[bestV] = bestK;
        take(bestV, bestK, 1);
        return k;
      }
    }
    return undefined;
  };
  const orders = cost.map((cs) => cs.map((_, k) => k).sort((a, b) => cs[a]! - cs[b]! || a - b));
  const feasible = (pick: Int32Array) => {
    left.set(cap);
    for (let u = 0; u < n; u++) {
      if (!fits(u, pick[u]!)) return false;
      take(u, pick[u]!, 1);
    }
    return true;
  };
  // Local search on an assignment that fits (`left` holds its room): a unit moves to a cheaper
  // choice, alone or with another unit moving to make room, while the total falls.
  const usable = (u: number, k: number) => !dom[u]![k] && !isBanned(u, k);
  const improve = (pick: Int32Array) => {
    for (let pass = 0, better = true; better && pass < 50; pass++) {
      better = false;
      for (let u = 0; u < n; u++) {
        const ku = pick[u]!;
        take(u, ku, -1);
        let done = false;
        for (const k of orders[u]!) {
          if (cost[u]![k]! >= cost[u]![ku]!) break;
          if (!usable(u, k)) continue;
          if (fits(u, k)) {
            pick[u] = k;
            done = true;
            break;
          }
          // Room for k by moving one other unit v at a smaller extra cost. Only a unit on the
          // first row that blocks k can make room, and only with a usable other choice dearer by
          // less than the gain: the others are passed over unmoved (the same moves; this loop was
          // most of a sub-search's time at 250 × 20).
          const gain = cost[u]![ku]! - cost[u]![k]!;
          const r0 = blockedOn(u, k);
          for (let v = 0; v < n && !done; v++) {
            if (v === u) continue;
            const kv = pick[v]!;
            if (!res[v]![kv]!.includes(r0) || extraOf(cost, orders, v, kv, usable) >= gain) continue;
            take(v, kv, -1);
            if (fits(u, k)) {
              take(u, k, 1);
              for (const k2 of orders[v]!) {
                if (cost[v]![k2]! - cost[v]![kv]! >= gain) break;
                if (k2 !== kv && usable(v, k2) && fits(v, k2)) {
                  pick[u] = k;
                  pick[v] = k2;
                  done = true;
                  break;
                }
              }
              take(u, k, -1);
            }
            take(v, done ? pick[v]! : kv, 1);
          }
          if (done) break;
        }
        take(u, pick[u]!, 1);
        if (done) better = true;
      }
    }
  };
  /** The first row on which u's choice k does not fit (`left`). */
  const blockedOn = (u: number, k: number): number => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) if (left[rs[i]!]! < amt[u]![k]![i]!) return rs[i]!;
    return -1;
  };
  const withHeuristics = opts.heuristics !== false;
  const offer = (pick: Int32Array | null) => {
    if (!pick || !feasible(pick)) return;
    if (valueOf(pick) < ub) {
      if (withHeuristics) pick = pairMoves(m, pick, usable);
      else improve(pick);
    }
    const t = valueOf(pick);
    if (t < ub) {
      ub = t;
      best = pick.slice();
      opts.onIncumbent?.(best, ub, nodes);
    }
  };
  // The neighbourhoods' sub-searches re-solve as this search does (a bench comparing the two
  // compares them all the way down): their own closure, so no two searches share the setting.
  const reSolveWith = opts.reSolveWith ?? (n < DUAL_BELOW ? "dual" : "primal");
  const primal = withHeuristics ? (opts.primal ?? primalSchedule)(m, usable, pivotLimit, opts.hostOf, subSearchWith(reSolveWith)) : null;
  const dualGuided = opts.lagrange ? lagrangeSchedule(usable) : null;
  if (ub < Infinity) opts.onIncumbent?.(best, ub, 0);

  // A first assignment: the given one, or a greedy one (cheapest choice that fits, units with the
  // largest spread between their cheapest and dearest choice first) when it is better.
  const spread = cost.map((cs) => Math.max(...cs) - Math.min(...cs));
  offer(round(Array.from({ length: n }, (_, u) => u).sort((a, b) => spread[b]! - spread[a]! || a - b), null, null));
  lp.start(best);

  // Open nodes, best bound first (deeper first among equal bounds). A node is the list
  // of columns it forbids beyond the root's; moving to it undoes the last node's and applies its
  // own, which only changes costs, so the LP's basis stays feasible.
  const open = new Heap<Open>((a, b) => a.bound - b.bound || b.fixes.length - a.fixes.length || a.seq - b.seq);
  let seq = 0;
  open.push({ bound: -Infinity, fixes: [], seq: seq++ });
  const applied: number[] = [];
  let aborted = false;
  // After a node, its first child is taken at once (a plunge: few pivots, and it reaches whole
  // assignments); the other waits in the heap.
  let next: Open | null = null;
  let cutsDone = opts.cuts === false;
  const small = n < SMALL_BELOW;
  const mid = !small && n < DUAL_BELOW; // the small rules, c-MIR and GMI cuts at the root (DUAL_BELOW)
  const separate: Separator = opts.separate ?? (small ? rootMir : mid ? rootMirGomory : (sm, rows, x) => coverCuts(sm, rows, x));
  const branching: BranchRule = opts.branching ?? (small || mid ? "reliability" : "pseudo");
  const plunge: PlungeRule = opts.plunge ?? (small || mid ? "estimate" : "up");
  const roundEvery = opts.roundEvery ?? (small || !withHeuristics ? 1 : ROUND_EVERY);
  const pool: PoolCut[] = [];
  const inLp: Cut[] = []; // the cuts that are rows of the current LP, in order
  let rootLp = NaN;
  let rootCut = NaN;
  let cutRoundsDone = 0;
  let restartAt = opts.firstRestart ?? FIRST_RESTART;
  let restarts = 0;
  let spent = 0; // pivots of the LPs replaced by tighter ones
  let noTableau = false; // a node LP failed numerically: no more tableau cuts (recoverLp)
  let restartDue = !!(opts.rootRestart ?? mid) && opts.cuts !== false; // the second root (SearchOptions.rootRestart)
  let rootFixed = 0;
  let rootCut2 = NaN;
  let recovered = 0;
  // Per-node scratch, reused (a node allocates little).
  const first = new Int32Array(n);
  const firstVal = new Float64Array(n);
  const fracMark = new Uint8Array(n);
  const notFracMark = new Uint8Array(n);
  const notFrac = (mark: Uint8Array) => {
    for (let u = 0; u < n; u++) notFracMark[u] = mark[u] ? 0 : 1;
    return notFracMark;
  };
  const roundOrder = new Int32Array(n);
  let lastFrac: number[] = [];
  // Branching (branching.ts): pseudo-costs per column, and the probes of reliability branching.
  const pc = new PseudoCosts(lp.N);
  const strong: ProbeStats = { probes: 0, pivots: 0, closed: 0 };
  const chooseBranching = (at: Parameters<typeof pseudoChoice>[1], z: number, budget: number): Branching =>
    // No probes when no child will be solved (the node limit reached: optimal.ts's root-only fewest search).
    branching === "reliability" && nodes < nodeLimit ? reliabilityChoice(pc, { ...at, dual: dualProbe }, z, ub, budget, reSolved.nodePivots, strong, opts.reliability) : { unit: pseudoChoice(pc, at), up: true, down: true };
  // The node re-solve path: where the pivots go, and a heap node's start from its parent's basis.
  const parentBasis = opts.reSolve !== "last";
  const reSolved: ReSolveStats = { nodePivots: 0, restores: 0, pops: 0, popPivots: 0, dualPivots: 0, dualFallbacks: 0 };
  const dualReSolve = reSolveWith === "dual";
  const dualProbe = (opts.probeWith ?? reSolveWith) === "dual";
  let primalPivots = 0;
  let cur: Open | null = null; // the node being solved, open again when the budget stops it
  while (next || open.size > 0) {
    const popped = next === null;
    const nd: Open = next ?? open.pop()!;
    cur = nd;
    next = null;
    if (nd.bound >= ub) continue;
    if (++nodes > nodeLimit) {
      aborted = true;
      break;
    }
    for (const j of applied) forbidden[j]!--;
    applied.length = 0;
    for (const j of nd.fixes) {
      forbidden[j]!++;
      applied.push(j);
    }
    const before = lp.pivots;
    let status: LpStatus;
    try {
      status = reSolveNode(lp, nd, popped, Math.max(0, pivotLimit - lp.pivots - spent), reSolved, dualReSolve);
    } catch {
      // A singular basis at a refactorisation (cut rows, gomory.ts): the cut loop's recoverLp.
      reSolved.nodePivots += lp.pivots - before;
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [], noTableau };
      const ok = recoverLp(m, st, best, pivotLimit);
      ({ lp, model: lpModel, spent, aborted, noTableau } = st);
      forbidden = lp.forbidden;
      recovered++;
      if (!ok) aborted = true;
      if (aborted) break;
      next = nd; // this node again, on the rebuilt LP
      continue;
    }
    if (status === "limit") {
      aborted = true;
      break;
    }
    if (status === "infeasible") continue;
    const z = lp.objective().cost;
    if (nd.col !== undefined) pc.learn(nd.col, nd.up!, nd.frac!, z - nd.z!);
    const bound = Math.ceil(z - 1e-7 * Math.max(1, Math.abs(z)));
    if (nd.fixes.length === 0) rootBound = bound;
    if (bound >= ub) continue;

    // Per unit: its largest LP column (`first`); fractional units have a working column strictly
    // between 0 and 1 (at most R of them).
    const keyVal = lp.keyValues();
    for (let u = 0; u < n; u++) {
      first[u] = lp.key[u]! - unitStart[u]!;
      firstVal[u] = keyVal[u]!;
    }
    const frac: number[] = [];
    for (const u of lastFrac) fracMark[u] = 0;
    lastFrac = frac;
    for (let p = 0; p < lp.R; p++) {
      const j = lp.basis[p]!;
      const u = lp.colUnit[j]!;
      if (u < 0) continue;
      const x = lp.xw[p]!;
      if (x > firstVal[u]!) {
        firstVal[u] = x;
        first[u] = j - unitStart[u]!;
      }
      if (x > INT_TOL && x < 1 - INT_TOL && !fracMark[u]) {
        fracMark[u] = 1;
        frac.push(u);
      }
    }
    if (frac.length === 0) {
      // An integral LP optimum: every unit at its largest column, which fits by the LP's rows.
      offer(first);
      continue;
    }
    // Rounding: the whole units keep their LP column, then the fractional ones take their largest
    // or any by cost. (Skipping it while the largest columns and fractional units repeat was tried:
    // on the bench instances they never repeat from one node to the next.) Large searches round
    // only now and then past the root (roundEvery).
    if (nd.fixes.length === 0 || roundEvery <= 1 || frac.length <= ROUND_FEW || nodes % roundEvery === 0) {
      let at = 0;
      for (let u = 0; u < n; u++) if (!fracMark[u]) roundOrder[at++] = u;
      for (let u = 0; u < n; u++) if (fracMark[u]) roundOrder[at++] = u;
      offer(round(roundOrder, first, notFrac(fracMark)));
    }
    if (!cutsDone) {
      cutsDone = true;
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [z], noTableau, banned: bannedCol };
      cutRounds(m, cutRows, st, ub, best, pivotLimit, separate, opts.cutStall ?? STALL);
      ({ lp, model: lpModel, spent, aborted } = st);
      forbidden = lp.forbidden;
      rootLp = z;
      rootCut = st.rounds[st.rounds.length - 1]!;
      cutRoundsDone = st.rounds.length - 1;
      if (aborted) break;
      next = nd; // the root again, on the tighter LP
      continue;
    }
    if (opts.cuts !== false && nodes >= restartAt && restarts < MAX_RESTARTS) {
      restartAt = Math.max(restartAt + 1, restartAt * RESTART_GROWTH);
      restarts++;
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [z], noTableau, banned: bannedCol };
      if (nodeCuts(m, cutRows, st, best, ub, pivotLimit, separate)) {
        ({ lp, model: lpModel, spent, aborted } = st);
        forbidden = lp.forbidden;
        if (aborted) break;
        next = nd; // this node again, on the tighter LP
        continue;
      }
    }
    if (primal) {
      const found = primal({ root: nd.fixes.length === 0, nodes, best, ub, bound, treeBound: Math.min(bound, open.peek()?.bound ?? Infinity), first, firstVal });
      spent += found.pivots;
      primalPivots += found.pivots;
      for (const pick of found.picks) offer(pick);
    }
    // After the neighbourhoods: its chains polish what they reached (before them, it only changed
    // their path: 2000 × 60 random ended its root 1,279 cents worse).
    if (dualGuided) offer(dualGuided({ root: nd.fixes.length === 0, nodes, lp, model: lpModel, first, best: ub < Infinity ? best : null }));
    if (bound >= ub) continue;

    // The second root: reduced-cost fixing at the root with the neighbourhoods' incumbent, for every
    // node (an assignment taking such a choice costs at least ub; a proof needs only those below),
    // then the cut rounds again with the incumbent's value known to the separator.
    if (restartDue && nd.fixes.length === 0 && ub < Infinity) {
      restartDue = false;
      for (const j of rcFixable(lp, forbidden, ub, z)) (lp.kill(j), rootFixed++); // forbidden and dead: never priced again
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [z], noTableau, banned: bannedCol };
      cutRounds(m, cutRows, st, ub, best, pivotLimit, typeof opts.rootRestart === "function" ? opts.rootRestart : separate, opts.cutStall ?? STALL);
      ({ lp, model: lpModel, spent, aborted } = st);
      forbidden = lp.forbidden;
      rootCut2 = st.rounds[st.rounds.length - 1]!;
      cutRoundsDone += st.rounds.length - 1;
      if (aborted) break;
      next = nd; // the root again, on the smaller, tighter LP
      continue;
    }

    // Reduced-cost fixing: x_j = 1 would lift the bound to at least the best known total.
    const fixes = nd.fixes.slice();
    for (const j of rcFixable(lp, forbidden, ub, z)) fixes.push(j);

    // Branch on a fractional unit's largest LP column (branching.ts).
    const br = chooseBranching({ lp, cost, frac, fracMark, first, firstVal, keyVal }, z, Math.max(0, pivotLimit - lp.pivots - spent));
    const bu = br.unit;
    const bk = first[bu]!;
    const bj = unitStart[bu]! + bk;
    // Child "up": the unit takes that choice (or keeps its set: branching.ts gubSplit); child
    // "down": it may not. A child a probe closed is not made (then the column split: the probe's).
    let split: Split;
    if (opts.split === "gub" && br.up && br.down) split = gubSplit(lp, cost[bu]!, bu, bj);
    else {
      split = { up: [], down: [bj], weight: firstVal[bu]!, gub: false };
      for (let k = 0; k < cost[bu]!.length; k++) if (k !== bk && allowed(bu, k)) split.up.push(unitStart[bu]! + k);
    }
    const take1 = [...fixes, ...split.up];
    fixes.push(...split.down);
    // The plunge takes the first (branching.ts plungeFirst), the other waits in the heap with the
    // node's basis; a probed child re-solves from where its probe stopped (Branching.upFrom).
    const kids: Open[] = [];
    if (br.up) kids.push({ bound, fixes: take1, seq: 0, z, col: bj, up: true, frac: 1 - split.weight, from: br.upFrom });
    if (br.down) kids.push({ bound, fixes, seq: 0, z, col: bj, up: false, frac: split.weight, from: br.downFrom });
    if (kids.length === 2 && plungeFirst(plunge, pc, bj, split.weight) === "down") kids.reverse();
    for (const kid of kids) kid.seq = seq++;
    if (!parentBasis) for (const kid of kids) kid.from = undefined;
    else if (kids[1]) kids[1].from ??= lp.snapshot();
    next = kids[0] ?? null;
    if (kids[1]) open.push(kids[1]);
  }
  for (const j of applied) forbidden[j]!--;
  const treeBound = aborted ? Math.min(ub, cur?.bound ?? rootBound, open.peek()?.bound ?? Infinity) : ub;
  return { pick: best, value: ub, rootBound, proved: !aborted, nodes, rootLp, rootCut, cutRounds: cutRoundsDone, cuts: pool.length, pivots: spent + lp.pivots, restarts, primalPivots, rootFixed, rootCut2, ...reSolved, recovered, treeBound, strongProbes: strong.probes, strongPivots: strong.pivots, strongClosed: strong.closed };
}

// ---- Cut loop (assign-cuts): root rounds until the bound stalls, a pool of cuts that ages out the
// slack ones. The LP is rebuilt with the pool as rows (withCuts) each round: GubLp takes no new
// rows in place. Unit columns keep their indexes, so forbidden counts and node fixes carry over.

/** A cut of the pool and the rounds it has been slack in a row. */
interface PoolCut {
  cut: Cut;
  age: number;
}

interface CutState {
  lp: GubLp;
  model: Model;
  /** Pivots of the LPs replaced so far. */
  spent: number;
  aborted: boolean;
  pool: PoolCut[];
  /** The cuts that are the current LP's rows after the model's, in order (updated by rebuild). */
  inLp: Cut[];
  /** The LP optimum after each round (the first: before any cut). */
  rounds: number[];
  /** The separator gets no tableau (no GMI cuts): set once a node LP failed numerically (recoverLp). */
  noTableau: boolean;
  /** Per column: banned (SearchOptions.banned), for separators' Tableau. */
  banned?: Uint8Array;
}

/**
 * Root rounds at most; a round that moves the bound less than STALL of the first gap ends them.
 * SearchOptions.cutStall measured other shares on 30 small instances (100×10 seeds 0–2, 250×20 and
 * 500×30 seeds 0–5, both shapes; pivots, 752,820 at 0.003): 0.01 970,521 and two more unproved,
 * 0.03 ×1.72 on the first 20; 0.001 740,115 but 5 instances 5–144 % dearer (500×30 random s1
 * 29,011 → 70,687). Rounds cost separation time more than pivots, yet the bound they buy pays.
 */
const CUT_ROUNDS = 30;
const STALL = 0.003;
/** A cut slack this many rounds in a row leaves the pool. */
const CUT_AGE = 3;

/** The LP point per unit (x[u][k]) and its cut rows' slacks. */
function lpPoint(lp: GubLp, m: Model): { x: Float64Array[]; slack: Float64Array } {
  const xv = lp.values();
  const x = m.cost.map((_, u) => xv.subarray(lp.unitStart[u]!, lp.unitStart[u + 1]!));
  return { x, slack: xv.subarray(lp.N + m.cap.length) };
}

/**
 * A new LP on m plus the cuts of `pool` (which becomes the state's pool), with the old one's
 * forbidden columns, solved from the old LP's basis (its point stays; a cut it violates starts on
 * its surplus column, which the first level drives out), or from `start` when that basis cannot
 * carry over (a tight cut was dropped). False, and the state as it was (the old LP, solved, and
 * its pool), when the new LP fails numerically (a singular basis: dense cut rows, gomory.ts, can
 * be nearly parallel); the pivots spent on it still count.
 */
function rebuild(m: Model, st: CutState, pool: PoolCut[], start: Int32Array, pivotLimit: number, fresh = false): boolean {
  const cuts = pool.map((p) => p.cut);
  const model = withCuts(m, cuts);
  const R0 = m.cap.length;
  let lp: GubLp | null = null;
  try {
    lp = new GubLp(model, { surplusFrom: R0 });
    lp.forbidden.set(st.lp.forbidden.subarray(0, st.lp.N));
    lp.inheritDead(st.lp);
    const at = new Map(cuts.map((c, i) => [c, R0 + i]));
    const rowMap = Int32Array.from({ length: st.lp.R }, (_, r) => (r < R0 ? r : (at.get(st.inLp[r - R0]!) ?? -1)));
    if (fresh || !lp.startFrom(st.lp, rowMap)) lp.start(start);
    const status = lp.solve(Math.max(0, pivotLimit - st.spent - st.lp.pivots));
    st.spent += st.lp.pivots;
    st.lp = lp;
    st.model = model;
    st.inLp.length = 0;
    st.inLp.push(...cuts);
    if (pool !== st.pool) (st.pool.length = 0), st.pool.push(...pool);
    if (status === "limit") st.aborted = true;
    return true;
  } catch {
    st.spent += lp?.pivots ?? 0;
    return false;
  }
}

/** What a separator may read of the LP: its tableau, unless a node LP failed numerically. */
const tableauOf = (st: CutState, root: boolean, ub: number): Tableau | undefined => (st.noTableau ? undefined : { lp: st.lp, model: st.model, root, ub, banned: st.banned });

/**
 * A node LP failed numerically (a singular basis at a refactorisation: the updated inverse drifted
 * on the fractional, nearly dependent rows of GMI cuts, gomory.ts). The LP is rebuilt without the
 * pool's tableau cuts, from `start` (the incumbent: all slacks basic, so a well-conditioned basis;
 * not from the failed LP's), solved with the node's fixes, and no tableau cuts are separated for
 * the rest of the search. Failing that, without any cut. False when even that fails (the caller
 * then stops unproved: never a thrown error, never a bound from a broken basis).
 */
function recoverLp(m: Model, st: CutState, start: Int32Array, pivotLimit: number): boolean {
  st.noTableau = true;
  if (rebuild(m, st, st.pool.filter((p) => !p.cut.tableau), start, pivotLimit, true)) return true;
  return rebuild(m, st, [], start, pivotLimit, true);
}

/** Ages the pool's cuts at the current LP point; true when some cut is slack. */
function age(st: CutState, slack: Float64Array): boolean {
  let any = false;
  st.pool.forEach((p, i) => {
    if (slack[i]! > 1e-6) (p.age++, (any = true));
    else p.age = 0;
  });
  return any;
}

/**
 * Separate, re-solve, separate again while the bound moves (by at least STALL of the gap between
 * the first LP bound and `ub`) and cuts are found. At most max(10, R/2) new cuts a round and 2R in
 * the pool (each row makes every pivot dearer); cuts slack CUT_AGE rounds in a row are dropped, and
 * at the end every slack one (a slack row does not hold the optimum up: the bound stays).
 */
function cutRounds(m: Model, rows: number[], st: CutState, ub: number, start: Int32Array, pivotLimit: number, separate: Separator, stallShare: number) {
  const R = m.cap.length;
  const perRound = Math.max(10, R >> 1);
  const maxPool = Math.max(30, 2 * R);
  const z0 = st.rounds[0]!;
  // Without an incumbent yet, the gap is taken as 0.1% of the bound.
  const stall = Math.max(0.5, stallShare * (Math.min(ub, z0 + 1e-3 * Math.abs(z0)) - z0));
  for (let round = 0; round < CUT_ROUNDS; round++) {
    const { x, slack } = lpPoint(st.lp, m);
    age(st, slack);
    const fresh = separate(m, rows, x, tableauOf(st, true, ub)).slice(0, perRound);
    if (fresh.length === 0) break;
    const kept = st.pool.filter((p) => p.age < CUT_AGE);
    const pool = [...kept.slice(Math.max(0, kept.length + fresh.length - maxPool)), ...fresh.map((cut) => ({ cut, age: 0 }))];
    if (!rebuild(m, st, pool, start, pivotLimit)) break;
    if (st.aborted) return;
    const z = st.lp.objective().cost;
    const prev = st.rounds[st.rounds.length - 1]!;
    st.rounds.push(z);
    if (Math.ceil(z - 1e-7 * Math.max(1, Math.abs(z))) >= ub) break;
    if (z - prev < stall) break;
  }
  const { slack } = lpPoint(st.lp, m);
  if (age(st, slack)) {
    rebuild(m, st, st.pool.filter((p) => p.age === 0), start, pivotLimit);
  }
}

/** Node cuts: at the first node past FIRST_RESTART nodes, then past ×RESTART_GROWTH as many, at most MAX_RESTARTS times. */
const FIRST_RESTART = 100;
const RESTART_GROWTH = 3;
const MAX_RESTARTS = 4;

/**
 * Cuts at a node deep in the tree: covers are valid for every assignment, so the ones the node's
 * LP violates join the pool for every node. GubLp takes no rows in place, so this is a restart: a
 * new LP with the pool (the node's fixes carried in `forbidden`), solved from the incumbent. Hence
 * only now and then. False when the node's LP violates no cut (nothing rebuilt).
 */
function nodeCuts(m: Model, rows: number[], st: CutState, start: Int32Array, ub: number, pivotLimit: number, separate: Separator): boolean {
  const R = m.cap.length;
  const { x } = lpPoint(st.lp, m);
  const fresh = separate(m, rows, x, tableauOf(st, false, ub)).slice(0, Math.max(10, R >> 1));
  if (fresh.length === 0) return false;
  const maxPool = Math.max(30, 2 * R);
  const kept = st.pool.slice(Math.max(0, st.pool.length + fresh.length - maxPool));
  return rebuild(m, st, [...kept, ...fresh.map((cut) => ({ cut, age: 0 }))], start, pivotLimit);
}

/** What a primal step sees at a node: the incumbent, and per unit its largest LP column and value. */
export interface PrimalAt {
  root: boolean;
  nodes: number;
  best: Int32Array;
  ub: number;
  /** The node's LP bound, rounded up (optional: tests may leave it out). */
  bound?: number;
  /** The least bound of every open node, this one's included: no assignment is below it (optional, as `bound`). */
  treeBound?: number;
  first: Int32Array;
  firstVal: Float64Array;
}
/** Better assignments found at a node (each better than the last) and the pivots they took. */
export type PrimalStep = (at: PrimalAt) => { picks: Int32Array[]; pivots: number };
/**
 * Makes a search's primal step (SearchOptions.primal: the bench passes the old schedule to compare).
 * `sub` solves its neighbourhoods: the calling search's own (subSearchWith its reSolveWith);
 * without it (tests calling a schedule alone), by dual re-solves.
 */
export type PrimalFactory = (m: Model, usable: Usable, pivotLimit: number, hostOf?: ArrayLike<number>, sub?: SubSearch) => PrimalStep;

/**
 * A neighbourhood's sub-search: `search` itself, without heuristics (and its cuts: they found more),
 * re-solving its nodes as the calling search does (`reSolveWith`, pinned in this closure).
 * Its separator, branching and plunge stay the old ones whatever the sub-model's size (SMALL_BELOW's
 * defaults were measured on whole searches; a large instance's neighbourhoods are small models).
 */
export function subSearchWith(reSolveWith: NonNullable<SearchOptions["reSolveWith"]>): SubSearch {
  return (sm, start, banned, limits) => {
    const s = search(sm, start, { ...limits, banned, heuristics: false, reSolveWith, separate: (m, rows, x) => coverCuts(m, rows, x), branching: "pseudo", plunge: "up", rootRestart: false });
    return { pick: s.pick, value: s.value, pivots: s.pivots, proved: s.proved };
  };
}
const dualSubSearch = subSearchWith("dual");

/**
 * When the neighbourhoods of heuristics.ts run, and on what budget. Measured on 1000 × 45: a
 * neighbourhood of a quarter of the units spends ~1,500 pivots on its own root LP and cut rounds,
 * so the old 2,000-pivot sub-searches reached 1–7 nodes and never improved; with ~18 % of the
 * pivot limit the root's RINS neighbourhood alone took 480 cents off the incumbent. So:
 *  - at the root (after its cuts), before the tree: RINS, then tight-row neighbourhoods, each with
 *    ROOT_SUB of the pivot limit, in turns while one of the last two found a better assignment (the
 *    tree cannot prove anything while the incumbent is far from the optimum), within ROOT_SHARE;
 *  - then every NODES_BETWEEN nodes, RINS on that node's LP when the incumbent changed since the
 *    last one, else the next tight-row neighbourhood, each with TREE_SUB, within TREE_SHARE more.
 * (Since: host swaps and the crossover of the best two incumbents take turns with them,
 * LARGE_DEFAULTS and largeScheduleWith.)
 * A tight-row neighbourhood's size adapts: it grows by half when its search ended without a better
 * assignment (the neighbourhood was too small to hold one), and shrinks by a third when it ran out
 * of pivots without one (too large to search). Each neighbourhood is re-solved exactly by `search`
 * itself (subSearchWith: the calling search's re-solve pinned). They run before any incumbent too: the start's banned choice stays banned in
 * the sub-problem, whose own LP drives it out.
 * What a perfect primal side is worth (measured: the cost search started from HiGHS's assignment, in
 * the default budget): at 1000 × 45 clustered (HiGHS's proved optimum) the tree ends 181 cents
 * short of a proof (156 with every pivot left to the tree), at 1000 × 45 random 315, 2000 × 60
 * random 155, clustered 200 (230): the incumbent is not what stops the proof at 1000+, the bound is.
 * Below LARGE units the tree proves the optimum within its budget (250 × 20, 500 × 30), and the
 * long root phase took the pivots the proof needed (250 × 20 random ended unproved): those keep
 * the small schedule (smallSchedule). From LARGE to DUAL_BELOW units, where the second root and the
 * small rules now prove 1000 × 45 clustered, the same turns on smaller shares (midSchedule).
 */
const LARGE = 600;
export const primalSchedule: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) =>
  m.cost.length < LARGE ? smallSchedule(m, usable, pivotLimit, hostOf, sub) : m.cost.length < DUAL_BELOW ? midSchedule(m, usable, pivotLimit, hostOf, sub) : largeSchedule(m, usable, pivotLimit, hostOf, sub);

/**
 * The part both schedules share: a call's neighbourhoods start from the incumbent and chain (each
 * better assignment is the next one's start); the first call is the root's (after its cuts), then
 * one call every `nodesBetween` nodes in the tree, told whether the incumbent fell since the last.
 */
interface Step {
  /** One neighbourhood on a node and pivot budget; its report (solveNeighbourhood), the better assignment kept. */
  run(free: Uint8Array, limits: SubLimits, maxChanges?: number): ReturnType<typeof solveNeighbourhood>;
  /** The incumbent as the neighbourhoods of this call left it. */
  best: Int32Array;
  /** Pivots this call's neighbourhoods took. */
  pivots: number;
}

function paced(m: Model, usable: Usable, sub: SubSearch, nodesBetween: number, root: (at: PrimalAt, step: Step) => void, tree: (at: PrimalAt, step: Step, fell: boolean) => void): PrimalStep {
  let lastNode = -Infinity;
  let lastUb = Infinity;
  let rootDone = false;
  return (at) => {
    const picks: Int32Array[] = [];
    const step: Step = {
      best: at.best,
      pivots: 0,
      run(free, limits, maxChanges) {
        const r = solveNeighbourhood(m, step.best, free, usable, sub, limits, maxChanges);
        step.pivots += r.pivots;
        if (r.pick) (picks.push(r.pick), (step.best = r.pick));
        return r;
      },
    };
    if (!rootDone) {
      rootDone = true;
      root(at, step);
    } else if (!at.root && at.nodes - lastNode >= nodesBetween) tree(at, step, at.ub < lastUb);
    else return { picks, pivots: 0 };
    lastNode = at.nodes;
    lastUb = at.ub;
    return { picks, pivots: step.pivots };
  };
}

/**
 * The small instances' schedule (none at a node whose gap is already within GAP): at the first
 * node (the root, after its cuts), RINS and a tight-row neighbourhood of a quarter of the units
 * (up to three turns while they find better assignments); then every NODES_BETWEEN nodes, RINS on that node's LP when the incumbent changed since the last one,
 * else the next tight-row neighbourhood; each sub-search on a small node and pivot budget, all of
 * them within SHARE of the search's pivots (more starved the proof at 250 × 20 clustered).
 */
export const smallSchedule: PrimalFactory = (m, usable, pivotLimit, _hostOf, sub = dualSubSearch) => {
  const NODES_BETWEEN = 40;
  const SHARE = 0.15;
  // One tight-row turn at the root (three while they find better ones): against 4, equal or fewer
  // pivots on all 18 small bench instances (seeds 0–2), 125.6k → 114.7k without 500×30 clustered
  // s2, which it proved (163k) where 4 ran out (167k); 0 and 2 did worse (137k, 118k).
  const ROOT_TURNS = 1;
  // No neighbourhood when the incumbent is within this share of the node's bound (the tree closes
  // such gaps). At the root, on the 18 small bench instances (seeds 0–2): 277k → 238k pivots
  // (without 500×30 clustered s2, 163k → 134k: 115k → 103k), equal or fewer on all but 250×20
  // random s1 (+291); 0.001: 272k; 0.01: 240k (500×30 clustered s0 +4.7k); always: 267k. In the
  // tree too: 238k → 219k (103k → 99k; the same nodes but s2's), 0.0003: 254k.
  const GAP = 0.003;
  const near = (at: PrimalAt) => at.bound !== undefined && at.ub - at.bound <= GAP * Math.abs(at.bound);
  const SUB_NODES = 300;
  const SUB_PIVOTS = 2_000;
  const n = m.cost.length;
  const size = Math.min(n, Math.max(60, Math.round(n / 4)));
  let used = 0;
  let turn = 0;
  /** One neighbourhood if the share has room; true when it found a better assignment. */
  const run = (step: Step, free: Uint8Array): boolean => {
    const budget = Math.floor(SHARE * pivotLimit) - used;
    if (budget <= 0) return false;
    const r = step.run(free, { nodeLimit: SUB_NODES, pivotLimit: Math.min(budget, SUB_PIVOTS) });
    used += r.pivots;
    return r.pick !== null;
  };
  return paced(
    m,
    usable,
    sub,
    NODES_BETWEEN,
    (at, step) => {
      if (near(at)) return;
      run(step, rinsFree(step.best, at.first, at.firstVal));
      for (let i = 0, found = false; i < ROOT_TURNS || (found && i < 3 * ROOT_TURNS); i++) found = run(step, tightFree(m, step.best, usable, size, turn++));
    },
    (at, step, fell) => void (near(at) || (fell ? run(step, rinsFree(step.best, at.first, at.firstVal)) : run(step, tightFree(m, step.best, usable, size, turn++)))),
  );
};

/** The large schedule's settings (largeScheduleWith); LARGE_DEFAULTS are the measured ones. */
export interface LargeSettings {
  /**
   * Share of the pivot limit per root neighbourhood, the root's share, and the most it may take
   * while they improve (taken from the tree's share: root and tree stay within totalShare).
   */
  rootSub: number;
  rootShare: number;
  rootMax: number;
  treeSub: number;
  treeShare: number;
  /** Root and tree together (default rootShare + treeShare). */
  totalShare?: number;
  /** Neighbourhoods in turn, at the root and in the tree ("rins" in the tree only after the incumbent fell). */
  kinds: readonly NeighbourhoodKind[];
  /** Local branching: at most this many units change (adapts like the tight rows' size). */
  localK: number;
  /** No tree neighbourhood once the incumbent is within this share of the tree's least bound (PrimalAt.treeBound; default none). */
  treeNear?: number;
}
export type NeighbourhoodKind = "rins" | "tight" | "host" | "cross" | "local";

/**
 * Measured on the bench's 1000 × 45 and 2000 × 60 instances (random, clustered; bench:assign-primal):
 * adding host swaps and the crossover to RINS and tight rows ended all four lower (by 49, 4, 33 and
 * 1 cents) on the same pivots. Off by default, each worse or no better: local branching ("local":
 * 1000 × 45 random ended 73 cents higher, 2000 × 60 clustered 35), and a root past rootShare while
 * the neighbourhoods improve (rootMax 0.6: the same totals; taken from the tree's share, 1000 × 45
 * clustered ended 310 cents higher, the tree's neighbourhoods found those).
 */
export const LARGE_DEFAULTS: LargeSettings = {
  rootSub: 0.18,
  rootShare: 0.45,
  rootMax: 0.45,
  treeSub: 0.04,
  treeShare: 0.15,
  kinds: ["rins", "host", "tight", "cross"],
  localK: 20,
};

/** The large instances' schedule (DUAL_BELOW units and more; LARGE and more before MID_DEFAULTS): see primalSchedule. */
export const largeSchedule: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) => largeScheduleWith(LARGE_DEFAULTS)(m, usable, pivotLimit, hostOf, sub);

/**
 * From LARGE to DUAL_BELOW units (1000 × 45), where the second root and the small rules prove the
 * clustered instances: the same turns, each on 6 % of the budget within 20 % (LARGE_DEFAULTS: 18 %
 * within 45 %). After the first turns the root's neighbourhoods mostly spent pivots the tree then
 * lacked (1000 × 45 clustered s0: the second RINS took 18k pivots for 168 cents; its tree proved
 * on the budget's last pivots). Tried (rootSub / rootShare, both searches, seeds 0–2): 0.10 / 0.45
 * clustered s0 93.5k pivots; 0.10 / 0.25 s2 open; 0.05 / 0.15 s1 70.3k (531 nodes).
 * treeNear 1e-5 (~13 cents there): no tree neighbourhood once the incumbent is that close to the
 * tree's least bound (they found nothing that late; 3e-5 took clustered s1 to 461 nodes, none at
 * all s0 to 453). treeShare 0.4 (root and tree within 60 %, as LARGE_DEFAULTS): only the budget-
 * bound runs reach 15 %; there it bought fewer, dearer-in-time tree nodes (random s0 930 → 644).
 * Measured, `BENCH_SEEDS=3 npm run bench:assign-schedule` (its header; these against largeSchedule, one run, both
 * searches), pivots, nodes, total: clustered s0 100,928 → 76,042 (194 → 219 nodes), s1 71,399 →
 * 42,576 (112 both), both proved either way, same totals; s2 open at 112,000 (gap 17) → proved on
 * 88,650 (8 cents lower); random (the budget ends each) totals −48, 0, −3 cents, gap to a proof
 * 464 → 416, 104 → 100, 7 → 4. Time, new ÷ old (medians of 3, BENCH_REPEAT=3 BENCH_SHAPES=
 * clustered, a shared machine): clustered s0 ×1.05 (×0.99 in a busier run), s1 ×0.87, s2 ×0.86;
 * random (one run) ×1.20, ×1.23, ×1.38: the pivots the root no longer takes go to tree nodes
 * there, whose dual re-solves and probes take more time per pivot than the sub-searches'.
 */
export const MID_DEFAULTS: LargeSettings = { ...LARGE_DEFAULTS, rootSub: 0.06, rootShare: 0.2, rootMax: 0.2, treeShare: 0.4, treeNear: 1e-5 };
export const midSchedule: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) => largeScheduleWith(MID_DEFAULTS)(m, usable, pivotLimit, hostOf, sub);

/**
 * The large schedule on given settings. At the root the neighbourhoods take turns while one of the
 * last `kinds` found a better assignment, within rootShare of the pivot limit, or rootMax while
 * the last turn found one and the gap to the root bound is still above GAP_SMALL of the bound.
 */
export function largeScheduleWith(set: LargeSettings): PrimalFactory {
  return (m, usable, pivotLimit, hostOf, sub = dualSubSearch) => {
    const NODES_BETWEEN = 40;
    const SUB_NODES = 20_000; // the pivots are the budget
    const MIN_SIZE = 30;
    const GAP_SMALL = 2e-7;
    const n = m.cost.length;
    const kinds = set.kinds.filter((k) => k !== "host" || hostOf);
    let size = Math.min(n, Math.max(60, Math.round(n / 4)));
    let hostSize = size;
    let k = set.localK;
    let rootUsed = 0;
    let treeUsed = 0;
    let turn = 0;
    let hostTurn = 0;
    let treeTurn = 0;
    // The incumbent before the best one (for the crossover), and the best one last seen.
    let second: Int32Array | null = null;
    let seen: Int32Array | null = null;
    const adapt = (was: number, proved: boolean | undefined, grow: number) => (proved ? Math.min(grow, Math.round(was * 1.5)) : Math.max(MIN_SIZE, Math.round((was * 2) / 3)));
    /** One neighbourhood of a kind within `budget` pivots; true when it found a better assignment. */
    const run = (step: Step, at: PrimalAt, kind: NeighbourhoodKind, budget: number): boolean => {
      if (budget <= 0) return false;
      const was = step.best;
      const limits = { nodeLimit: SUB_NODES, pivotLimit: budget };
      let r: ReturnType<Step["run"]>;
      if (kind === "rins") r = step.run(rinsFree(was, at.first, at.firstVal), limits);
      else if (kind === "tight") r = step.run(tightFree(m, was, usable, size, turn++), limits);
      else if (kind === "host") r = step.run(hostSwapFree(m, was, usable, hostOf!, hostSize, hostTurn++), limits);
      else if (kind === "cross") {
        if (!second) return false;
        r = step.run(crossoverFree(was, second), limits);
      } else r = step.run(new Uint8Array(n).fill(1), limits, k);
      if (r.pick) {
        second = was;
        return true;
      }
      if (r.units > 0) {
        if (kind === "tight") size = adapt(size, r.proved, n);
        if (kind === "host") hostSize = adapt(hostSize, r.proved, n);
        if (kind === "local") k = adapt(k, r.proved, n);
      }
      return false;
    };
    const track = (at: PrimalAt) => {
      if (seen && at.best !== seen && totalCost(m, at.best) < totalCost(m, seen)) second = seen;
    };
    return paced(
      m,
      usable,
      sub,
      NODES_BETWEEN,
      (at, step) => {
        track(at);
        const each = Math.floor(set.rootSub * pivotLimit);
        let miss = 0;
        let lastFound = false;
        const cap = () => {
          const gap = totalCost(m, step.best) - (at.bound ?? -Infinity);
          return Math.floor((lastFound && gap > GAP_SMALL * Math.abs(at.bound ?? 0) ? set.rootMax : set.rootShare) * pivotLimit);
        };
        const left = () => Math.min(each, cap() - rootUsed - step.pivots);
        for (let i = 0; miss < kinds.length && left() > 0; i++) {
          lastFound = run(step, at, kinds[i % kinds.length]!, left());
          miss = lastFound ? 0 : miss + 1;
        }
        rootUsed += step.pivots;
        seen = step.best;
      },
      (at, step, fell) => {
        track(at);
        if (set.treeNear !== undefined && at.treeBound !== undefined && at.ub - at.treeBound <= set.treeNear * Math.abs(at.treeBound)) return;
        // A root that ran past rootShare took it from the tree's share: both within totalShare.
        const total = set.totalShare ?? set.rootShare + set.treeShare;
        const budget = Math.min(Math.floor(set.treeSub * pivotLimit), Math.floor(total * pivotLimit) - rootUsed - treeUsed, Math.floor(set.treeShare * pivotLimit) - treeUsed);
        const others = kinds.filter((x) => x !== "rins");
        if (fell && kinds.includes("rins")) run(step, at, "rins", budget);
        else if (others.length > 0) run(step, at, others[treeTurn++ % others.length]!, budget);
        treeUsed += step.pivots;
        seen = step.best;
      },
    );
  };
}

/**
 * SearchOptions.reSolveWith's default: the dual below DUAL_BELOW units, the primal from there on.
 * bench:assign-engine (BENCH_RESOLVE=primal,dual, one run): the instances proved within the budget
 * (100 × 10 … 500 × 30 random, 250 × 20 clustered) take 1.9–2.9× fewer pivots and 1.2–2.3× less
 * time; the budget-bound 500 × 30 clustered ends 6 cents lower (HiGHS's optimum) but spends its
 * pivots on 3× the nodes, 1.75× the time. At 1,000 × 45 and 2,000 × 60 (866–1,734 units) the
 * budget ends every search: the cheaper re-solves spend it on 5–9× more nodes, so the runs took
 * 1.8–3.6× longer, and 2,000 × 60 random ended 39 cents higher (the three others 19–202 cents lower).
 * Profiled at 1000 × 45 (`node --cpu-prof`, both shapes): a node's re-solve takes about the
 * primal's time (11 vs 13 ms) on a seventh of its pivots (27 vs 180 at 1000 × 45 random): a dual
 * pivot computes its whole tableau row and each call every reduced cost (lp.ts dualPhase: half
 * the run), the primal prices by segments; the node rounding was the
 * next cost (10 %, since sparse: ROUND_EVERY). Since, in one run (`BENCH_SIZES=1000x45,2000x60
 * BENCH_RESOLVE=primal,dual BENCH_BRANCHING=engine,small npm run bench:assign-engine`), dual ÷
 * primal totals: 1000 × 45 random +77 cents, clustered −87, 2000 × 60 random +100, clustered −120
 * (and with every small rule, SMALL_BELOW): better on the clustered, worse on the random, so unchanged.
 * Raised from 600 to 1,300 units (1000 × 45 has 864–873, 2000 × 60 1,730–1,734) with every small
 * rule, c-MIR and GMI cuts at the root (rootMirGomory) instead of rootMir: `BENCH_SIZES=1000x45
 * BENCH_PIVOTS=1x,4x BENCH_BRANCHING=engine,small BENCH_SEPARATORS=default,+mir,+mir+gom.root npm run
 * bench:assign-engine` (seeds 0–1), total and gap (total − tree bound) against the old defaults on
 * the default budget: random s0 −4 (gap 468 vs 513), s1 −567 (125 vs 751), clustered s0 −222
 * (3 vs 421), s1 −52 and proved (105k pivots; gap 136); on 4×: random −277 (164 vs 483), −261 (41
 * vs 377), clustered s0 proved in 178k pivots (open, 213); on 1.5× it proves s0 in 125k pivots and 146
 * nodes, s1 in 131k (BENCH_PIVOTS=1.5x,2x). The small rules with rootMir were worse on
 * random s0 (+52, gap 526); c-MIR at every round or covers alone at the root weaker. At 2000 × 60
 * (seeds 0–1, default budget) rootMirGomory with the small rules ended random 2 and 12 cents higher
 * (clustered s0 16 lower), the small rules with rootMir equal on clustered s0: unchanged there. The
 * cost: ~1.3–2× the time per pivot at 1000 × 45 (dual pivots, probes; contended machine).
 */
const DUAL_BELOW = 1_300;
/**
 * Below this many units (where the nodes and the probes re-solve by the dual simplex: DUAL_BELOW)
 * a search's defaults are c-MIR cuts in the root's rounds (mir.ts rootMir; before them GMI cuts,
 * gomory.ts rootGomory, in the figures below, which mir.ts compares with), reliability
 * branching (its probes by the dual: branching.ts probe) and the plunge into the child of best
 * estimate; from there on the lifted covers, pseudo-costs and the "up" plunge, as before.
 * Measured in one run, `BENCH_SIZES=100x10,250x20,500x30 BENCH_SEPARATORS=default,+gom.root
 * BENCH_BRANCHING=engine,reliability,reliability+estimate npm run bench:assign-engine` (pivots,
 * old defaults → these; nodes): 100×10 random 4,633 → 4,675 (59 → 7 nodes), clustered 613 → 301
 * (7 → 3), 250×20 random 85,451 → 21,724 (2,048 → 264), clustered 13,184 → 6,130 (491 → 67),
 * 500×30 random 20,909 → 7,890 (546 → 49), clustered 157,303 unproved → 38,372 proved (3,790 →
 * 404); the same totals everywhere. Each part alone was worse somewhere: rootGomory alone 500×30
 * clustered 144,104 pivots; reliability (+estimate) without it 250×20 random 29,621 (47,001),
 * 100×10 clustered 612 (not 301). At 1000 × 45 and 2000 × 60, every rule together (the dual
 * probes too; `BENCH_SIZES=1000x45 BENCH_SEEDS=3 BENCH_BRANCHING=engine,small`, and 2000x60 with
 * BENCH_SEEDS=2), totals against these defaults on the same pivots: 1000 × 45 random s0–s2 +49,
 * −367, −134, clustered −127, −29, −78; 2000 × 60 random s0–s1 +51, −606, clustered −105, −209;
 * but 1.5–2.3× the time. Against these defaults on twice the pivots (about the same time,
 * BENCH_PIVOTS=222222) at 1000 × 45: random +53, −196, −144, clustered +14, −12, −129. With primal
 * re-solves and probes (seed 0) +447, +86, +1, +29. The budget ends all of them with the tree's
 * least bound 0–32 cents above the root's and 134–811 below the incumbent: at that size node
 * throughput does not reach a proof, the bound does. Since, from here to DUAL_BELOW units (1000 × 45)
 * these rules are the defaults with c-MIR and GMI cuts at the root (rootMirGomory; DUAL_BELOW has
 * the figures); the round at every node stays below this size only (ROUND_EVERY).
 */
const SMALL_BELOW = 600;
/** The cut separator from SMALL_BELOW to DUAL_BELOW units: c-MIR (as mir.ts coversAndMir) and GMI cuts in the root's rounds, covers at node-cut restarts. */
/**
 * Reduced-cost fixing at an LP optimum of value z: the allowed nonbasic columns whose x_j = 1 would
 * lift the bound to at least the incumbent's ub (whole cents: ub − 1 is the best still wanted).
 */
function rcFixable(lp: GubLp, forbidden: ArrayLike<number>, ub: number, z: number): number[] {
  const budget = ub - 1 - z + 1e-7 * Math.max(1, Math.abs(z));
  const out: number[] = [];
  for (let j = 0; j < lp.N; j++) {
    if (forbidden[j]! > 0 || lp.isBasic(j)) continue;
    if (Math.abs(lp.reducedForbidden(j)) > 1e-9) continue;
    if (lp.reducedCost(j) > budget) out.push(j);
  }
  return out;
}

export const rootMirGomory: Separator = (m, rows, x, at) => [...(at?.root ? mirCuts(m, rows, x, { max: Math.max(5, Math.round(m.cap.length / 8)) }) : []), ...rootGomory(m, rows, x, at)];
/**
 * SearchOptions.roundEvery's default from SMALL_BELOW units (with the neighbourhoods): the node
 * rounding past the root every ROUND_EVERY nodes, and at nodes with at most ROUND_FEW fractional
 * units. Measured at 1000 × 45 (both shapes, both re-solves): past the root's second solve it never
 * found a better assignment in 238–1,677 nodes (the neighbourhoods find them), yet took 10–15 % of
 * the main search's time (round + eject: 1.1 s of 10.7 s primal, 7.4 s of 51 s dual).
 */
const ROUND_EVERY = 16;
const ROUND_FEW = 3;

/** Where the node re-solves' pivots went (Searched). */
interface ReSolveStats {
  nodePivots: number;
  restores: number;
  pops: number;
  popPivots: number;
  dualPivots: number;
  dualFallbacks: number;
}

/**
 * The node re-solve path: node nd (its fixes applied to `forbidden`) re-optimised within `limit`
 * pivots, from its parent's stored basis when it was taken from the heap (`popped`) and has one.
 */
function reSolveNode(lp: GubLp, nd: Open, popped: boolean, limit: number, stats: ReSolveStats, dual: boolean): LpStatus {
  const restored = fromParent(lp, nd);
  if (restored) stats.restores++;
  const before = lp.pivots;
  // A child starts from its parent's optimum (plunged: the LP is still there; popped: restored),
  // which stays dual feasible when columns are forbidden: the dual simplex's case. A popped node
  // whose parent's basis is gone (stored before a cut restart: another LP) starts from the last
  // node's optimum; the columns that node forbade and this one allows get cost shifts in the dual
  // phase, which the primal then undoes (measured: at 500 × 30 random 42k → 21k pivots, at 250 × 20
  // clustered 28k → 12k, against the dual for plunged and restored children only).
  const child = nd.col !== undefined;
  let status: LpStatus;
  if (dual && child) {
    const d0 = lp.dualPivots;
    const f0 = lp.dualFallbacks;
    status = lp.solveDual(limit);
    stats.dualPivots += lp.dualPivots - d0;
    stats.dualFallbacks += lp.dualFallbacks - f0;
  } else status = lp.solve(limit);
  stats.nodePivots += lp.pivots - before;
  if (popped) (stats.pops++, (stats.popPivots += lp.pivots - before));
  return status;
}

/**
 * A node from the heap starts from its parent's optimal basis (stored when the node was pushed):
 * the parent's optimum stays primal feasible and is one branching away, where the last node solved
 * may be anywhere in the tree. Not across a cut restart (another LP, other rows). True if restored.
 */
function fromParent(lp: GubLp, nd: Open): boolean {
  if (!nd.from || nd.from.lp !== lp.id) return false;
  return lp.restore(nd.from);
}

// ---- Dual-guided assignments (lagrange.ts): from the node LP's duals, at the first node that asks
// (the root, after its cuts), then every LAGRANGE_EVERY nodes; the incumbent is polished by the
// same ejection chains (at 1000 × 45 that polish is what beats the incumbent, by ~360 cents).

// No perturbed rounds (lagrange.ts ROUNDS says why). Work: ~1–3 s at the root at 1000 × 45 on the
// shared bench machine; at nodes the chains found a few cents each, so less.
const LAGRANGE_EVERY = 200;
const LAGRANGE_ROOT_WORK = 20_000_000;
const LAGRANGE_NODE_WORK = 5_000_000;

function lagrangeSchedule(usable: Usable) {
  let lastNode = -Infinity;
  return (at: { root: boolean; nodes: number; lp: GubLp; model: Model; first: Int32Array; best: Int32Array | null }): Int32Array | null => {
    const first = lastNode === -Infinity;
    if (!first && (at.root || at.nodes - lastNode < LAGRANGE_EVERY)) return null;
    lastNode = at.nodes;
    // Every row's dual (a slack's reduced cost is −y_r), the cuts' too: they hold much of the price
    // (without them the first assignment was 1.2% above the LP at 1000 × 45). A cut is valid for
    // every assignment that fits, so the LP's model (with its cuts) has the same assignments.
    const m = at.model;
    const y = new Float64Array(m.cap.length);
    for (let r = 0; r < y.length; r++) y[r] = -at.lp.reducedCost(at.lp.N + r);
    return lagrangeAssign(m, y, { usable, start: at.best, prefer: at.first, rounds: 0, work: first ? LAGRANGE_ROOT_WORK : LAGRANGE_NODE_WORK }).pick;
  };
}

interface Open {
  bound: number;
  /** The parent's optimal basis (naming its LP, not holding it), to re-solve from (SearchOptions.reSolve). */
  from?: Basis;
  fixes: number[];
  seq: number;
  /** The parent's LP optimum and its branching: column, taken or forbidden, by how much it moved. */
  z?: number;
  col?: number;
  up?: boolean;
  frac?: number;
}

/** A binary heap, least first by `cmp`. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly cmp: (a: T, b: T) => number) {}
  get size() {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(x: T) {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.cmp(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.cmp(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
