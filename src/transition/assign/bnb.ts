// Exact branch and bound for "each unit takes one of its choices, within capacities, least total",
// with whole-number costs, on the exact LP relaxation (lp.ts):
//  - one LP serves the whole search: a node forbids columns, moving to another node allows them
//    again; only costs change, so the basis stays feasible: a plunged child re-optimises from its
//    parent's optimum, a node from the heap from its parent's basis stored with it (fromParent);
//  - nodes by best bound, with plunging: after a node its first child is solved at once (few
//    pivots, and it reaches whole assignments), the other waits in a heap with its parent's
//    basis, carried over node-cut restarts below SMALL_BELOW units (TreeRules; opt-in plunge
//    limits, best bound once the incumbent stalls, and best-estimate selection there too);
//  - bound: the node's LP optimum rounded up (totals are whole numbers); a node whose bound reaches
//    the best known total is closed, as is one whose LP must use a forbidden column;
//  - cuts: lifted GUB covers (cuts.ts) in rounds at the root until the bound stalls, and at a few
//    restarts deeper in the tree, as extra rows of a new LP (the cut loop: cutloop.ts);
//  - reduced-cost fixing: a nonbasic column whose reduced cost lifts the bound to the best known
//    total is forbidden below the node;
//  - branching on a fractional unit (at most R of them at an LP vertex): its largest column taken,
//    or forbidden; the unit by pseudo-costs (the bound's rise per unit of change seen so far when
//    a column was taken or forbidden, the product of both expected rises), the one whose LP
//    support spans the widest costs until some are known (branching.ts; reliability branching,
//    strong-branching probes for columns with few samples, and plunging by estimate are the
//    defaults, at every size since DUAL_BELOW's mid rules from 1,300 units; the GUB split stays opt-in);
//  - upper bounds: the LP solution rounded and repaired to fit (a unit that fits nowhere takes the
//    room of one placed unit that moves to another choice), at every node (from SMALL_BELOW units,
//    past the root only every ROUND_EVERY nodes and at nearly whole points); each better
//    assignment then goes through a local search (a unit to a cheaper choice, alone or with one
//    other unit moving to make room: heuristics.ts pairMoves) before it becomes the incumbent;
//    and neighbourhoods solved exactly by this same search (heuristics.ts; when: schedule.ts).
//    `heuristics: false` keeps the search as it was before them (the old local search included).
// A second root (`rootRestart`, HiGHS's restart; the default from SMALL_BELOW units):
// after the root's neighbourhoods, its reduced-cost fixing for good and its cut rounds again with
// the incumbent known (ROOT_RESTART); with `restartReduce` the search of the reduced model
// instead (presolve.ts; the default in the same range when the fixing forbids half the columns:
// MID_REDUCE, and from DUAL_BELOW units with a second reduction: LARGE_REDUCE).
// A dominated choice (another of the unit costs no more and takes no more of any capacity) is
// forbidden from the start: any assignment using it is matched by one using the other.
// When the search ends the incumbent is proven optimal; a node or pivot budget bounds the worst
// case and then says so (`proved: false`).
import { capacityFixes } from "./propagate";
import { gubSplit, plungeFirst, pseudoChoice, PseudoCosts, rcFixable, reliabilityChoice, RELIABILITY, type PlungeRule, type Split, type SplitRule, type Branching, type BranchRule, type ProbeStats, type ReliabilityOptions } from "./branching";
import { coverCuts, type Cut } from "./cuts";
import { cutRounds, FIRST_RESTART, MAX_RESTARTS, nodeCuts, rebuild, recoverLp, RESTART_GROWTH, STALL, withDualRebuild, type CutState, type PoolCut, type Separator } from "./cutloop";
import { rootGomory } from "./gomory";
import { mirCuts, rootMir } from "./mir";
import { costOrders, extraOf, pairMoves, type SubSearch, type Usable } from "./heuristics";
import { lagrangeAssign } from "./lagrange";
import { GubLp, type Basis, type LpStatus, type Model } from "./lp";
import { dominated, joinReduced, searchReduced, type RestartReduce } from "./presolve";
export { dominated } from "./presolve";
import type { RootSeparator } from "./root2";
import { midSchedule, smallSchedule, type PrimalFactory, type PrimalStep } from "./schedule";
import { extendTo, sample, stalled, type BoundTrace, type StopRule } from "./stop";

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
  /** Dual node re-solves stopped once their bound reached the incumbent (SearchOptions.dualCutoff): pruned. */
  nodeCutoffs?: number;
  /** Reliability branching's strong-branching probes (SearchOptions.branching): units probed, their pivots, children they closed. */
  strongProbes?: number;
  strongPivots?: number;
  strongClosed?: number;
  /** The second root (SearchOptions.rootRestart): columns it forbade for good, its LP bound after the cuts (NaN: none). */
  rootFixed?: number;
  rootCut2?: number;
  /** The reduced restart (SearchOptions.restartReduce): the reduced model's units, choices and rows, and the fixed units' cost. */
  reduced?: { units: number; cols: number; rows: number; constant: number };
  /** The adaptive stop (SearchOptions.stop): pivots granted beyond the cap, and whether the bound's stall stopped it before the cap. */
  extended?: number;
  stalled?: boolean;
}

export interface SearchOptions {
  nodeLimit?: number;
  /** Simplex pivots over the whole search (a safeguard on work: a Worker's clock stands still). */
  pivotLimit?: number;
  /**
   * The budget the neighbourhood schedule's shares are of (default pivotLimit), here and in the
   * reduced restart: with a pivotLimit above it the search runs the same path and only its tree
   * goes on longer (optimal.ts CAP_FACTOR).
   */
  pivotBase?: number;
  /** Cover cuts at the root (default true; a root-only search has no use for them). */
  cuts?: boolean;
  /** Choices ([unit, choice]) no assignment may take; the incumbent may, and then counts as none. */
  banned?: [number, number][];
  /** Node cuts: the node count of the first restart (default FIRST_RESTART; tests use 1). */
  firstRestart?: number;
  /**
   * The cut separator (default: mir.ts rootMir below SMALL_BELOW units, c-MIR cuts in the root's
   * rounds; midSeparator from there on, c-MIR and GMI cuts there, the LP rebuilt by the dual from
   * the third round (cuts.ts's lifted covers alone from DUAL_BELOW units until its mid rules):
   * SMALL_BELOW, DUAL_BELOW and mir.ts say why;
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
   * (GubLp.solve). The root and the cut rebuilds stay primal. Default: the dual (the primal from
   * 1,300 units until DUAL_BELOW's mid rules: it says why); neighbourhood sub-searches follow.
   */
  reSolveWith?: "dual" | "primal";
  /** The branching rule (branching.ts BranchRule; default "reliability"; "pseudo" from DUAL_BELOW units until its mid rules). */
  branching?: BranchRule;
  /** Which child a node plunges into (branching.ts PlungeRule; default "estimate"; "up", the child that takes the column, from DUAL_BELOW units until its mid rules). */
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
   * Dual node re-solves and dual probes stop once their dual objective (an unshifted, dual feasible
   * basis: a lower bound on the child) reaches the incumbent: the node is pruned, the probe's child
   * closed, without solving it to optimality (GubLp.solveDual's `cutoff`). Default: DUAL_CUTOFF.
   */
  dualCutoff?: boolean;
  /**
   * A second root (HiGHS's restart): once the root's neighbourhoods have an incumbent, the root's
   * nonbasic choices whose reduced cost lifts its bound to that incumbent are forbidden for the
   * whole search, and the root's cut rounds run again with the incumbent's value known to the
   * separator (costmir.ts's cuts need it); a Separator: that one for the second round's cuts (the
   * rest of the search keeps `separate`), or on the reduced model (restartReduce) for the reduced
   * search's; root2.ts's also carry their rounds' stop share and which of the two they serve. Default on from SMALL_BELOW to DUAL_BELOW units, off
   * elsewhere and in neighbourhood sub-searches (ROOT_RESTART says why).
   */
  rootRestart?: boolean | Separator;
  /**
   * With the second root (rootRestart): instead of cutting again on the same LP, build the reduced
   * model (presolve.ts: the fixed columns out, units left with one choice fixed, rows nothing can
   * overfill dropped, dominated choices out) and search it on what is left of the budget, from the
   * incumbent; the answer is the better of the two, proved when the reduced search proves.
   * Default MID_REDUCE from SMALL_BELOW to DUAL_BELOW units, LARGE_REDUCE from there on, off below
   * (presolve.ts RESTART_REDUCE, DUAL_BELOW: figures).
   */
  restartReduce?: boolean | RestartReduce;
  /** The neighbourhood sub-searches' rules (SubRules; default "lean", SUB_RULES says why). */
  subRules?: SubRules;
  /** Cuts the root's LP starts with (valid for every assignment no dearer than the start): the reduced restart's, mapped over (RestartReduce.cuts). */
  cutPool?: Cut[];
  /** For benches: time (ms) and pivots per phase of the search, added to this record (SearchProfile). */
  profile?: SearchProfile;
  /** Node selection past the root (TreeRules; default TREE_RULES: plunge always). */
  tree?: TreeRules;
  /** The adaptive stop at the pivot cap (stop.ts StopRule; default none: the cap is final). The reduced restart keeps it, on its own trace. */
  stop?: StopRule;
  /** Capacity propagation of each node's fixings (propagate.ts capacityFixes): choices that fit in no assignment of the node forbidden there and below. Opt-in (default off). */
  propagate?: boolean;
  /** For benches: told of the tree's least open bound and the incumbent at each node (pivots so far; the reduced restart's offset by the pivots before it, its bound and incumbent less its constant: the gap is the same). */
  onBound?: (pivots: number, bound: number, ub: number) => void;
}

/**
 * Node selection (SearchOptions.tree). `plungeGap` q: once there is an incumbent, a node's first
 * child is plunged into only while the node's bound is at most lb + q·(ub − lb), lb the least
 * bound waiting in the heap (SCIP's maxplungequot); otherwise both children wait and the least
 * bound is taken (q = 0: best-bound, ties plunged). Undefined: always plunge.
 */
export interface TreeRules {
  plungeGap?: number;
  /**
   * A plunge stops after this many children in a row (both children of the node that reaches it
   * wait; the least bound is taken next). Undefined: no limit.
   */
  plungeDepth?: number;
  /**
   * Once this many nodes ran since the last better incumbent, best-bound (as plungeGap 0): an
   * incumbent that stopped falling is likely optimal, and only the least bound's rise proves it.
   */
  staleBest?: number;
  /**
   * Which waiting node is taken after a plunge: "bound" the least bound (the default), "estimate"
   * the least best estimate (its bound plus each fractional unit's cheaper pseudo-cost rise: SCIP's
   * estimate selection), the least bound every `boundEvery`-th time (0 or unset: never).
   */
  select?: "bound" | "estimate";
  boundEvery?: number;
  // All three opt-in: at 1000 × 45 seeds 0–5 both shapes, on the default base and cap (`BENCH_SIZES=
  // 1000x45 BENCH_SHAPES=random BENCH_SEEDS=6 BENCH_VARIANTS="default;depth8;stale100;est;est10"
  // npm run bench:assign-probes`, then clustered), default: random s1, s2, s5 proved on 164,056,
  // 80,045, 96,493 pivots, s0, s3, s4 open at 325701124 / 320929902 / 307791090 (gaps 354, 55, 76);
  // clustered s0, s1, s2, s5 on 36,088, 58,618, 47,486, 46,755, s3, s4 open (gaps 20, 50). Each
  // lost random s1's proof (found at the edge of the cap: any other path ends 5–83 cents above):
  // - plungeDepth 8: random totals −124, +32, +145, s2 127,813, s5 125,506; clustered 34,765,
  //   72,897, 47,299, 53,679, s3 +133, s4 +79;
  // - staleBest 100: random +12, 0, +51, s2 80,218, s5 123,852; clustered 36,088, 53,624, 48,011,
  //   53,148, s3 +51, s4 +13;
  // - select "estimate": random 0, −2, 0 (gaps 356, 56, 84), s2 open (+11), s5 147,478; clustered
  //   42,821, 45,864, 57,089, 70,717, s3 +2, s4 −11; boundEvery 10: random 0, −2, 0, s2 117,855,
  //   s5 162,937; clustered 42,327, 43,315, 64,235, 63,198, s3 −7, s4 −11 (gaps 15, 49).
  // The open random trees' least bound moved by under 10 cents with any of them.
  /**
   * At a node-cut restart the waiting nodes' parent bases are carried to the new LP (GubLp.carry;
   * a new cut row the parent's point violates starts on its surplus column, which the dual phase
   * drives out); without, such a node re-solves from the last node's optimum. Default: on below
   * SMALL_BELOW units, off from there on and in neighbourhood sub-searches (TREE_RULES says why).
   */
  carry?: boolean;
}

/** Per phase of a search (bench profiling, SearchOptions.profile): its wall time, pivots and calls. */
export type SearchProfile = Record<string, { ms: number; pivots: number; n: number }>;

const INT_TOL = 1e-6;

/**
 * ROOT_RESTART (SearchOptions.rootRestart): on from SMALL_BELOW units (from DUAL_BELOW since its mid rules), with that
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
  let pivotLimit = opts.pivotLimit ?? 100_000; // raised by the adaptive stop (SearchOptions.stop)
  const pivotBase = opts.pivotBase ?? pivotLimit; // the schedule's scale; pivotLimit is the cap
  const stopRule = opts.stop;
  const ceiling = pivotLimit + (stopRule?.extra ?? 0);
  const cap0 = pivotLimit;
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
  const orders = costOrders(cost);
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
  let betterAt = 0; // the node count at the last better incumbent (TreeRules.staleBest)
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
      betterAt = nodes;
      opts.onIncumbent?.(best, ub, nodes);
    }
  };
  // The neighbourhoods' sub-searches re-solve as this search does (a bench comparing the two
  // compares them all the way down): their own closure, so no two searches share the setting.
  const reSolveWith = opts.reSolveWith ?? "dual"; // at every size since the mid rules from DUAL_BELOW
  // The step's `at.root` tells the sub-search whether it serves the root (SubRules "ownRoot").
  let subAtRoot = true;
  const subRules = opts.subRules ?? SUB_RULES;
  const primalStep = withHeuristics ? (opts.primal ?? primalSchedule)(m, usable, pivotBase, opts.hostOf, subSearchWith(reSolveWith, subRules, () => subAtRoot)) : null;
  const primal: PrimalStep | null = primalStep && ((at) => ((subAtRoot = at.root), primalStep(at)));
  const live = (u: number, k: number) => !lp.dead[unitStart[u]! + k]; // not fixed out by the second root (schedule.ts PrimalAt.live)
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
  const byBound = (a: Open, b: Open) => a.bound - b.bound || b.fixes.length - a.fixes.length || a.seq - b.seq;
  const select = opts.tree ?? TREE_RULES;
  const open: OpenNodes = select.select === "estimate" ? new EstimateOpen(byBound, select.boundEvery ?? 0) : new Heap<Open>(byBound);
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
  const large = n >= DUAL_BELOW; // the mid rules with a second reduction (LARGE_REDUCE, DUAL_BELOW)
  const separate: Separator = opts.separate ?? (small ? rootMir : midSeparator);
  const branching: BranchRule = opts.branching ?? "reliability";
  const plunge: PlungeRule = opts.plunge ?? "estimate";
  const roundEvery = opts.roundEvery ?? (small || !withHeuristics ? 1 : ROUND_EVERY);
  const pool: PoolCut[] = [];
  const inLp: Cut[] = []; // the cuts that are rows of the current LP, in order
  let rootLp = NaN;
  let rootCut = NaN;
  let cutRoundsDone = 0;
  const restartRule = separate.restarts ?? {}; // node-cut restarts (Separator.restarts)
  let restartAt = opts.firstRestart ?? restartRule.first ?? FIRST_RESTART;
  let restarts = 0;
  let spent = 0; // pivots of the LPs replaced by tighter ones
  let noTableau = false; // a node LP failed numerically: no more tableau cuts (recoverLp)
  const restartReduce = opts.restartReduce ?? (mid ? MID_REDUCE : large ? LARGE_REDUCE : false); // the second root on the reduced model (MID_REDUCE)
  let restartDue = !!(opts.rootRestart ?? (mid || large || !!restartReduce)) && opts.cuts !== false; // the second root (SearchOptions.rootRestart)
  let rootFixed = 0;
  let rootCut2 = NaN;
  let recovered = 0;
  // The search's record as it stands (its tree bound is set where it ends).
  // The adaptive stop's record of the least open bound (stop.ts), sampled every STOP_EVERY pivots.
  const trace: BoundTrace | null = stopRule ? { pivots: [], bound: [] } : null;
  let stallStop = false;
  const report = (): Searched => ({ pick: best, value: ub, rootBound, proved: !aborted, nodes, extended: pivotLimit - cap0, stalled: stallStop, rootLp, rootCut, cutRounds: cutRoundsDone, cuts: pool.length, pivots: spent + lp.pivots, restarts, primalPivots, rootFixed, rootCut2, ...reSolved, recovered, strongProbes: strong.probes, strongPivots: strong.pivots, strongClosed: strong.closed });
  // The reduced restart's cuts mapped over (SearchOptions.cutPool): the root LP starts with them.
  if (opts.cutPool?.length) {
    const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [], noTableau, banned: bannedCol };
    if (rebuild(m, st, opts.cutPool.map((cut) => ({ cut, age: 0 })), best, pivotLimit, true)) ({ lp, model: lpModel, spent } = st);
    forbidden = lp.forbidden;
  }
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
    branching === "reliability" && nodes < nodeLimit ? reliabilityChoice(pc, { ...at, dual: dualProbe, cutoff: dualCutoff, depth: cur?.depth ?? 0 }, z, ub, budget, reSolved.nodePivots, strong, opts.reliability) : { unit: pseudoChoice(pc, at), up: true, down: true };
  // The node re-solve path: where the pivots go, and a heap node's start from its parent's basis.
  const parentBasis = opts.reSolve !== "last";
  const plungeGap = (opts.tree ?? TREE_RULES).plungeGap;
  const { plungeDepth, staleBest } = opts.tree ?? TREE_RULES;
  let plungeRun = 0; // children plunged into in a row (TreeRules.plungeDepth)
  const carryBases = (opts.tree ?? TREE_RULES).carry ?? (small && withHeuristics); // carry below SMALL_BELOW with heuristics (TREE_RULES says why)
  const reSolved: ReSolveStats = { nodePivots: 0, restores: 0, pops: 0, popPivots: 0, dualPivots: 0, dualFallbacks: 0, nodeCutoffs: 0 };
  const dualCutoff = opts.dualCutoff ?? opts.reliability?.cutoff ?? DUAL_CUTOFF;
  const cutoffLearn = (opts.reliability ?? RELIABILITY).cutoffLearn ?? "none";
  const dualReSolve = reSolveWith === "dual";
  const dualProbe = (opts.probeWith ?? reSolveWith) === "dual";
  let primalPivots = 0;
  let cur: Open | null = null; // the node being solved, open again when the budget stops it
  // Bench profiling only (SearchOptions.profile): nothing is timed without it.
  const prof = opts.profile;
  const clock = () => (prof ? performance.now() : 0);
  const work = () => spent + lp.pivots;
  const lap = (name: string, t0: number, w0: number) => {
    if (!prof) return;
    const e = (prof[name] ??= { ms: 0, pivots: 0, n: 0 });
    e.ms += performance.now() - t0;
    e.pivots += work() - w0;
    e.n++;
  };
  while (next || open.size > 0) {
    const popped = next === null;
    const nd: Open = next ?? open.pop()!;
    cur = nd;
    next = null;
    if (nd.bound >= ub) continue;
    if (trace || opts.onBound) {
      const lb = Math.min(ub, nd.bound, open.peek()?.bound ?? Infinity);
      if (Number.isFinite(lb)) {
        opts.onBound?.(work(), lb, ub);
        if (trace) {
          sample(trace, work(), lb, STOP_EVERY);
          if (stalled(trace, work(), lb, stopRule!)) {
            stallStop = aborted = true;
            break;
          }
        }
      }
    }
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
    // Past the root (whose fixes stay empty): what the fixings leave no room for, for the node and its children.
    if (opts.propagate && nd.fixes.length > 0 && !nd.propagated) {
      nd.propagated = true;
      for (const j of capacityFixes(m, unitStart, forbidden)) {
        forbidden[j]!++;
        applied.push(j);
        nd.fixes.push(j);
      }
    }
    const before = lp.pivots;
    const t0 = clock();
    const w0 = work();
    let status: LpStatus | "cutoff";
    try {
      status = reSolveNode(lp, nd, popped, Math.max(0, pivotLimit - lp.pivots - spent), reSolved, dualReSolve, dualCutoff ? ub : Infinity);
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
    lap(nodes === 1 ? "root.lp" : "node.lp", t0, w0);
    // Of them, the nodes taken from the heap, and those whose parent's basis is on an older LP (a cut restart since).
    if (prof && popped) lap(nd.from && nd.from.lp !== lp.id ? "node.lp.stale" : "node.lp.popped", t0, w0);
    if (status === "limit") {
      // The adaptive stop: a bound closing fast enough on the incumbent earns a step more (stop.ts).
      const more = trace ? extendTo(trace, work(), Math.min(ub, nd.bound, open.peek()?.bound ?? Infinity), ub, pivotLimit, ceiling, stopRule!) : pivotLimit;
      if (more > pivotLimit) {
        pivotLimit = more;
        next = nd; // this node again, on the longer budget
        nodes--;
        continue;
      }
      aborted = true;
      break;
    }
    // cutoff: its LP reaches ub, pruned; its dual bound may still teach (ReliabilityOptions.cutoffLearn).
    if (status === "cutoff" && nd.col !== undefined) pc.learnLower(nd.col, nd.up!, nd.frac!, lp.cutoffBound - nd.z!, cutoffLearn);
    if (status === "infeasible" || status === "cutoff") continue;
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
      const t1 = clock();
      let at = 0;
      for (let u = 0; u < n; u++) if (!fracMark[u]) roundOrder[at++] = u;
      for (let u = 0; u < n; u++) if (fracMark[u]) roundOrder[at++] = u;
      offer(round(roundOrder, first, notFrac(fracMark)));
      lap("round", t1, work());
    }
    if (!cutsDone) {
      cutsDone = true;
      const t1 = clock();
      const w1 = work();
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [z], noTableau, banned: bannedCol };
      cutRounds(m, cutRows, st, ub, best, pivotLimit, separate, opts.cutStall ?? STALL);
      ({ lp, model: lpModel, spent, aborted } = st);
      lap("root.cuts", t1, w1);
      forbidden = lp.forbidden;
      rootLp = z;
      rootCut = st.rounds[st.rounds.length - 1]!;
      cutRoundsDone = st.rounds.length - 1;
      if (aborted) break;
      next = nd; // the root again, on the tighter LP
      continue;
    }
    if (opts.cuts !== false && nodes >= restartAt && restarts < (restartRule.max ?? MAX_RESTARTS) && (!restartRule.least || bound <= (open.peek()?.bound ?? Infinity))) {
      restartAt = Math.max(restartAt + 1, restartAt * (restartRule.growth ?? RESTART_GROWTH));
      restarts++;
      const t1 = clock();
      const w1 = work();
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [z], noTableau, banned: bannedCol };
      const cut = nodeCuts(m, cutRows, st, best, ub, pivotLimit, separate);
      if (cut) ({ lp, model: lpModel, spent, aborted } = st);
      lap("node.cuts", t1, w1);
      if (cut) {
        forbidden = lp.forbidden;
        // The waiting nodes' parent bases follow to the new LP (TreeRules.carry).
        if (carryBases && parentBasis && st.replaced) {
          const { prev, rowMap } = st.replaced;
          open.forEach((w) => {
            if (w.from?.lp === prev.id) w.from = lp.carry(w.from, prev, rowMap) ?? w.from;
          });
        }
        if (aborted) break;
        next = nd; // this node again, on the tighter LP
        continue;
      }
    }
    // A root whose rounding reached its bound ends the search: no neighbourhood can do better
    // (small fewest-out searches ran their turns anyway; at 1000 × 45 a saving in the noise).
    if (primal && !(nd.fixes.length === 0 && bound >= ub)) {
      const t1 = clock();
      const w1 = work();
      const found = primal({ root: nd.fixes.length === 0, nodes, best, ub, bound, treeBound: Math.min(bound, open.peek()?.bound ?? Infinity), first, firstVal, live, pivots: spent + lp.pivots });
      spent += found.pivots;
      primalPivots += found.pivots;
      for (const pick of found.picks) offer(pick);
      if (found.pivots > 0) lap(nd.fixes.length === 0 ? "root.primal" : "node.primal", t1, w1);
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
      const t1 = clock();
      const w1 = work();
      const killed = rcFixable(lp, forbidden, ub, z);
      // The second root's cuts: rootRestart's own separator (root2.ts), else the search's; its stop share.
      const set: RestartReduce | null = !restartReduce ? null : restartReduce === true ? {} : restartReduce;
      // The reduced model only when the fixing removes enough (RestartReduce.minShare); else the plain second root.
      const reduce = !!set && killed.length >= (set.minShare ?? 0) * lp.N;
      const own: RootSeparator | null = typeof opts.rootRestart === "function" ? opts.rootRestart : null;
      const sep2: RootSeparator = own && own.only !== (reduce ? "plain" : "reduced") ? own : separate;
      const stall2 = sep2.stall ?? opts.cutStall ?? (mid && !reduce ? MID_ROOT2_STALL : STALL);
      if (set && reduce) {
        // The reduced model instead (presolve.ts), searched on the rest of the budget.
        const dead = new Uint8Array(lp.N);
        for (const j of killed) dead[j] = 1;
        const parentRules: SearchOptions = { separate, branching, plunge, reSolveWith, roundEvery, dualCutoff, probeWith: dualProbe ? "dual" : "primal" };
        // "parent": the original size's schedule on the reduced model; "own": the reduced size's.
        const base = opts.primal ?? (set.rules === "own" ? primalSchedule : scheduleFor(n));
        // The schedule's shares are of the original base (pivotBase), as the unreduced search's tree has them
        // (of the rest, its tree neighbourhoods got less); the original root's neighbourhoods just
        // ran, so the reduced root's see their gap as closed.
        const primal: PrimalFactory = (sm, usable, _limit, hostOf, sub) => {
          const step = base(sm, usable, pivotBase, hostOf, sub);
          return set.rootPrimal ? step : (at) => step(at.root ? { ...at, bound: at.ub } : at);
        };
        const again = set.again ?? 0;
        const { red, s } = searchReduced(search, m, (u, k) => dead[unitStart[u]! + k] === 1, best, ub, set.cuts === false ? [] : pool.map((p) => p.cut), {
          ...opts,
          ...(set.rules === "own" ? {} : parentRules),
          ...(sep2 !== separate ? { separate: sep2 } : {}),
          cutStall: stall2,
          primal,
          nodeLimit: nodeLimit - nodes,
          pivotLimit: Math.max(0, pivotLimit - spent - lp.pivots),
          // The rest of the ceiling beyond the rest of the cap stays `extra`; the stall's start is counted from here.
          stop: stopRule && { ...stopRule, stall: stopRule.stall && { ...stopRule.stall, after: stopRule.stall.after - work() } },
          onBound: opts.onBound && ((w0) => (p: number, b: number, u: number) => opts.onBound!(w0 + p, b, u))(work()),
          rootRestart: again > 0 && (opts.rootRestart ?? true),
          restartReduce: again > 0 && { ...set, again: again - 1 },
        }, nodes, set.perRow);
        return { ...joinReduced({ ...report(), rootFixed: killed.length }, red, s), extended: s.extended, stalled: s.stalled };
      }
      for (const j of killed) (lp.kill(j), rootFixed++); // forbidden and dead: never priced again
      const st: CutState = { lp, model: lpModel, spent, aborted: false, pool, inLp, rounds: [z], noTableau, banned: bannedCol };
      cutRounds(m, cutRows, st, ub, best, pivotLimit, sep2, stall2);
      ({ lp, model: lpModel, spent, aborted } = st);
      forbidden = lp.forbidden;
      rootCut2 = st.rounds[st.rounds.length - 1]!;
      lap("root2", t1, w1);
      cutRoundsDone += st.rounds.length - 1;
      if (aborted) break;
      next = nd; // the root again, on the smaller, tighter LP
      continue;
    }

    // Reduced-cost fixing: x_j = 1 would lift the bound to at least the best known total.
    const fixes = nd.fixes.slice();
    for (const j of rcFixable(lp, forbidden, ub, z)) fixes.push(j);

    // Branch on a fractional unit's largest LP column (branching.ts).
    const t2 = clock();
    const w2 = work();
    const p0 = prof && strong.probes;
    const pseudoUnit = prof ? pseudoChoice(pc, { lp, cost, frac, fracMark, first, firstVal, keyVal }) : -1;
    const br = chooseBranching({ lp, cost, frac, fracMark, first, firstVal, keyVal }, z, Math.max(0, pivotLimit - lp.pivots - spent));
    if (prof && strong.probes !== p0) {
      lap("node.probe", t2, w2);
      if (br.unit !== pseudoUnit || !br.up || !br.down) lap("probe.changed", t2, w2);
    }
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
    if (br.up) kids.push({ bound, fixes: take1, seq: 0, z, col: bj, up: true, frac: 1 - split.weight, from: br.upFrom, depth: (nd.depth ?? 0) + 1 });
    if (br.down) kids.push({ bound, fixes, seq: 0, z, col: bj, up: false, frac: split.weight, from: br.downFrom, depth: (nd.depth ?? 0) + 1 });
    if (select.select === "estimate") {
      // Best estimate (TreeRules.select): the node's bound plus each fractional unit's cheaper
      // expected rise, the branched unit's replaced by its child's side.
      let est = z;
      const side = (j: number, v: number) => Math.min(pc.downRate(j) * v, pc.upRate(j) * (1 - v));
      for (const u of frac) est += side(unitStart[u]! + first[u]!, firstVal[u]!);
      est -= side(bj, split.weight);
      for (const kid of kids) kid.estimate = Math.max(bound, est + (kid.up ? pc.upRate(bj) * (1 - split.weight) : pc.downRate(bj) * split.weight));
    }
    if (kids.length === 2 && plungeFirst(plunge, pc, bj, split.weight) === "down") kids.reverse();
    for (const kid of kids) kid.seq = seq++;
    if (!parentBasis) for (const kid of kids) kid.from = undefined;
    else if (kids[1]) kids[1].from ??= lp.snapshot();
    next = kids[0] ?? null;
    if (kids[1]) open.push(kids[1]);
    // A plunge far above the least waiting bound stops (TreeRules.plungeGap, staleBest: gap 0), as
    // does a long one (plungeDepth): both children wait.
    const gapNow = staleBest !== undefined && nodes - betterAt >= staleBest ? 0 : plungeGap;
    plungeRun = next ? (popped ? 1 : plungeRun + 1) : 0;
    if (next && plungeDepth !== undefined && plungeRun > plungeDepth) {
      if (parentBasis) next.from ??= kids[1]?.from ?? lp.snapshot();
      open.push(next);
      next = null;
    } else if (next && gapNow !== undefined && ub < Infinity && open.size > 0) {
      const lb = open.peek()!.bound;
      if (bound > lb + gapNow * (ub - lb)) {
        if (parentBasis) next.from ??= kids[1]?.from ?? lp.snapshot();
        open.push(next);
        next = null;
      }
    }
  }
  for (const j of applied) forbidden[j]!--;
  const treeBound = aborted ? Math.min(ub, cur?.bound ?? rootBound, open.peek()?.bound ?? Infinity) : ub;
  return { ...report(), treeBound };
}

// ---- Cut loop (assign-cuts): root rounds until the bound stalls, a pool of cuts that ages out the
// slack ones. The LP is rebuilt with the pool as rows (withCuts) each round: GubLp takes no new
// rows in place. Unit columns keep their indexes, so forbidden counts and node fixes carry over.

/**
 * A neighbourhood sub-search's rules. "lean": covers, pseudo-costs, plunge "up", no second root,
 * whatever the sub-model's size (SMALL_BELOW's defaults were measured on whole searches; a large
 * instance's neighbourhoods are small models). "own": the sub-model's own defaults for its size
 * (below SMALL_BELOW: reliability, plunge "estimate", rootMir cuts). "ownRoot": "own" for the
 * root's neighbourhoods (both roots), "lean" in the tree. `{ ownFrom }`: "own" on sub-models of at
 * least that many units, "lean" below. Either way no heuristics and the calling search's re-solves
 * (reSolveWith).
 */
export type SubRules = "lean" | "own" | "ownRoot" | { ownFrom: number };
/**
 * SearchOptions.subRules's default: "lean" everywhere. At 1000 × 45 (`BENCH_SHAPES=clustered
 * BENCH_SEEDS=6 BENCH_QUIET=1 BENCH_VARIANTS=default,subOwn,subOwnRoot,subOwn60,subOwn100,subOwn150 npm run
 * bench:assign-profile`, and random BENCH_SEEDS=3) "lean" proves clustered s0–1 (71.0k, 45.1k
 * pivots) and random s2 (84.8k). "own" proves clustered s0, s1, s2, s5 (68.0k, 86.3k, 99.5k,
 * 81.9k), totals s3 −19, s4 +22 cents, but loses random s2 (+72; s0 −154, s1 −3). "ownRoot": proves
 * s0, s2, s5 but not s1, s4 +13, random s2 lost, s1 +276. { ownFrom: 60 }: as "own". { ownFrom: 100 }:
 * proves clustered s0–2, s5 (70.9k, 45.1k, 110.1k, 85.1k), s3 −8, s4 +13, random s0 −110, s1 +87,
 * s2 lost (+72). { ownFrom: 150 } (subOwn150): random as "lean", clustered proves s0–1 only, s3 +14,
 * s4 +51. Every variant lost random s2's proof or a total: none is the default.
 */
const SUB_RULES: SubRules = "lean";

/**
 * A neighbourhood's sub-search: `search` itself, without heuristics (and its cuts: they found more),
 * re-solving its nodes as the calling search does (`reSolveWith`, pinned in this closure), on the
 * rules `rules` (SubRules; `atRoot`: whether the caller's step serves its root).
 */
export function subSearchWith(reSolveWith: NonNullable<SearchOptions["reSolveWith"]>, rules: SubRules = "lean", atRoot: () => boolean = () => true): SubSearch {
  return (sm, start, banned, limits) => {
    const own = rules === "own" || (rules === "ownRoot" && atRoot()) || (typeof rules === "object" && sm.cost.length >= rules.ownFrom);
    const lean: SearchOptions = { separate: (m, rows, x) => coverCuts(m, rows, x), branching: "pseudo", plunge: "up", rootRestart: false };
    const s = search(sm, start, { ...limits, banned, heuristics: false, reSolveWith, ...(own ? {} : lean) });
    return { pick: s.pick, value: s.value, pivots: s.pivots, proved: s.proved };
  };
}

/** The neighbourhoods' schedule by size (schedule.ts says what each does and why these sizes). */
const MID_SCHEDULE_FROM = 600; // units; not the `large` rules of `search` (DUAL_BELOW)
const scheduleFor = (units: number): PrimalFactory => (units < MID_SCHEDULE_FROM ? smallSchedule : midSchedule); // midSchedule from DUAL_BELOW too (DUAL_BELOW)
export const primalSchedule: PrimalFactory = (m, ...rest) => scheduleFor(m.cost.length)(m, ...rest);

/**
 * SearchOptions.reSolveWith's default: the dual below DUAL_BELOW units, the primal from there on
 * (until the mid rules from there on, the last paragraph).
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
 * Since MID_REDUCE and skipInside, at 2000 × 60 seeds 0–2 both shapes (bench:assign-profile
 * `midRules`, `midAgain`, `midAgain30`: this range's rules at any size; the same runs by a scratch
 * script per budget), the mid rules against the large ones, total (cents) and gap to a proof: on
 * the default budget (100k pivots) random −25, −322, −499 (gaps 123 → 43, 435 → 87, 651 → 69),
 * clustered +29, −124, +9 (208 → 156, 290 → 18, 243 → 179), none proved, ×1.7–3.1 the CPU time;
 * against the large rules on 4× the pivots (as much CPU or more) lower on all six totals and gaps.
 * On 2× none proved (random s1: a node re-solve took 136 dual pivots at ~1 ms over 14.5k columns,
 * on clustered s1's reduced model 44 at 0.12 ms over 3k); on 4× clustered s1 (453k pivots, 20 s CPU
 * on a loaded machine). A second reduction (MID_REDUCE with `again: 1`, midAgain) proves clustered
 * s1 on 2× (190k pivots, 10 s CPU) and changes only the searches that reduce (2× random s0 −19
 * cents, clustered s0 −30); reducing from 30 % fixed too (midAgain30; the first fixing's shares
 * there 21–65 %) proves random s0 on 4× (428k pivots, HiGHS's optimum, 30 s CPU loaded; HiGHS
 * 16.6 s), random s2 ends 4 cents short, clustered s0 9 above HiGHS's 60-s best (gap 29); on the
 * default budget −16, +41, −16, −7, −4, 0 against midRules. No proof gained on the default budget
 * and 1.7–3× the time a pivot: unchanged here, a matter of the budget (optimal.ts).
 * Since the 1.5× cap (optimal.ts CAP_FACTOR), the same rules with the second reduction (LARGE_REDUCE;
 * `midAgain`) are the defaults from here too: they prove 2000 × 60 clustered s1 on the default base
 * and cap (172,962 pivots, 2,713 nodes; 10.5–14.3 s CPU on a loaded machine, where HiGHS stops
 * unproved at 60 s) and end every one of seeds 0–2, both shapes, lower, with a smaller gap to a
 * proof (`BENCH_QUIET=1 BENCH_SIZES=2000x60 BENCH_SEEDS=3 BENCH_VARIANTS=default,midRules,midAgain,midAgain30
 * npm run bench:assign-profile`, totals against the large rules: random −39, −313, −555, clustered
 * −89, −131 (proved), −115 cents; gaps 120 → 27, 422 → 82, 646 → 9, 201 → 31, 265 → 0, 240 → 50),
 * for ×1.7–2.5 the CPU (random s0–s2 9.1 → 15.5, 7.6 → 17.3, 8.6 → 17.3 s; clustered s0, s2
 * 7.5 → 18.8, 9.0 → 22.1 s; loaded machine, the same run), no more than 1000 × 45 random s0's
 * (22.7 s in that run), still the worst case. midRules (one reduction) ends the same but on
 * clustered s1 (open, gap 12); midAgain30 proves nothing more and is +70 on clustered s0.
 */
const DUAL_BELOW = 1_300;
/**
 * SearchOptions.dualCutoff's default: off. On, it cut 49–73 % of the dual pivots of the children it
 * stopped (500 × 30 s0–2: 18,255 pivots), but the tree changes (a cut child teaches no pseudo-cost,
 * the next node starts elsewhere): same totals and proofs at s0–2, pivots −4 % at 100×10, −6 % at
 * 250×20, but +3.6 % at 500×30 (clustered s2 83.6k → 87.0k) and +3.5 % at 1000×45 s0–1 (clustered s1 45k → 68k);
 * 500×30 s3–5: clustered s3 (open at the budget) ended 26 cents higher, s4–5 +16 % and +7 % pivots.
 * Since lp.ts bounds a slack in the confirmation (minLoad; before, 1,026 of 1,747 confirmations at
 * 500×30 clustered s2 were refused) and a cut child may teach (ReliabilityOptions.cutoffLearn), in
 * one run (`BENCH_SIZES=100x10,250x20,500x30 BENCH_SEEDS=6 BENCH_CUTOFF=off,none,bound,count npm run
 * bench:assign-engine`, pivots off ÷ on, geometric mean of 36): "none" ×1.021 (7 better, 2 worse by
 * > 5 %; 250×20 random s3 proved, 500×30 clustered s3 −29 cents), "bound" ×1.005 (500×30 clustered s2
 * 83.6k → 157k, s3 +2 cents), "count" ×0.996 (+27 and −30 cents on the open ones). At 1000×45 s0–2
 * (BENCH_SIZES=1000x45 BENCH_SEEDS=3): "none" random s1 −78 cents, s2 84.8k → 105.8k, clustered s0
 * 71.0k → 76.4k; "bound" random s1 −69, s2 84.8k → 75.8k, clustered s0 → 65.6k, s1 45.1k → 43.0k,
 * s2 (open) +6 cents; "count" clustered s2 proved, random s2 → 105.8k. Seeds 6–11 of the small
 * sizes (BENCH_FIRST_SEED=6): "none" ×1.050 (9 better, 2 worse; two open totals −4, −24 cents),
 * "bound" ×1.067 (10 better, none worse, but 500×30 clustered s11 +148 cents). CPU (median of 3,
 * 250×20 and 500×30 s0–5 less the two open: a bench/.scratch script) off 12.4 s, "none" 13.2 s on
 * 1.2 % fewer pivots: the pivots it saves are a child's last ones, the per-node work stays. No mode
 * keeps every total and lowers pivots and time: each moves the path, which decides when the optimum turns up. Off.
 */
const DUAL_CUTOFF = false;
/*
 * Tree settings tried in this range (600 to DUAL_BELOW units), none a default: at 1000 × 45 the
 * time goes to finding the optimum, and each setting moves when it turns up both ways. `BENCH_SHAPES=
 * clustered BENCH_SEEDS=6 BENCH_QUIET=1 BENCH_VARIANTS=default,<name> npm run bench:assign-profile`;
 * pivots on the proved s0, s1, s2, s5 (default 76.0k, 42.6k, 88.7k, 76.7k), cents on the open s3, s4:
 * - no node-cut restarts (`norestart`, OptimalOptions.firstRestart): 62.7k, 42.3k, 108.4k, 74.4k,
 *   −23, 0; s6, s7, s8 (BENCH_FIRST_SEED=6): 0 cents, 77.2k → 80.1k, +319 cents; random s0–s2 −207,
 *   0, +38; nodes cheaper (1.5–1.7× as many on the pivots), time s0 ×0.80, s2 ×1.29;
 * - the first restart at node 300: s2 left open (gap 4);
 * - RELIABILITY with reliable 4: s0 86.3k, s1 50.8k, s2 open (+32); share 0.25: 69.0k, 42.7k, 93.5k,
 *   103.5k, −19, +12; share 1: 73.0k, 42.6k, 80.7k, 82.9k, +16, −17; maxProbes 4: 62.3k, 79.2k,
 *   76.6k, 81.3k, −23, +53; lookahead 2: 56.0k, 69.7k, 87.8k, s5 open, −6, −2;
 * - node rounding at every node (roundEvery 1): s0 70.8k, s1 the same, s2 108.5k; every 4th: 73.8k,
 *   the same, the same.
 * Profile (clustered s0–s2): the root's cut rounds 16–28 % of the time, its neighbourhoods 20–24 %,
 * the probes 21–25 %, node re-solves 3–12 %; the optimum is found at node 193 of 219, 43 of 112,
 * 243 of 431 (89–97 % of the time), and 143 of s0's 218 nodes had a bound at or above it.
 */
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
export const rootMirGomory: Separator = (m, rows, x, at) => [...(at?.root ? mirCuts(m, rows, x, { max: Math.max(5, Math.round(m.cap.length / 8)) }) : []), ...rootGomory(m, rows, x, at)];
/**
 * The default separator from SMALL_BELOW to DUAL_BELOW units: rootMirGomory, each cut loop's LP
 * rebuilt by the primal for its first two rounds and by the dual simplex from the third on, node-cut
 * restarts by the dual (cutloop.ts withDualRebuild with k = 2: the dual ends on other vertices,
 * so other cuts; dual from the first round, k = 0, lost clustered s0's proof).
 * 1000 × 45, seeds 0–11 both shapes, default budget, against rootMirGomory by the primal (scratch
 * script solveOptimal; seeds 0–5 in cutloop.ts withDualRebuild's figures, seeds 6–11 here): proved
 * 11 of 24 instead of 8 (clustered s2, s5, random s7 newly proved, none lost); totals −1,018 cents
 * in all, worse on 4 (random s0 +41, s5 +43, s10 +98, clustered s6 +9) and better on 10 (−14 …
 * −489); the root's cut-round pivots 107.6k → 73.2k (seeds 6–11); clustered s0 proved on 52.6k
 * pivots instead of 71.0k; s1 49.7k instead of 45.1k, s7 98.6k instead of 62.9k.
 */
export const midSeparator: Separator = withDualRebuild(rootMirGomory, 2);
/**
 * The plain second root's stop share from SMALL_BELOW to DUAL_BELOW units (not on the reduced
 * model): 0, its rounds go on while one gains half a cent (cutloop.ts cutRounds' floor), instead of
 * STALL (0.3 % of a gap of hundreds of cents: it stopped them after a round or two). 1000 × 45
 * seeds 0–11, both shapes, default budget (scratch script, solveOptimal with rootRestart:
 * root2.ts secondRoot({ stall: 0, only: "plain" }), which is this; the reduced instances run bit
 * for bit as before): on the 11 instances that take the plain second root the second root's
 * bound +0 to +9.6 cents (random s3 +6.2, s4 +6.3, clustered s8 +9.6, s11 +6.8), the tree's final
 * bound never lower (+0 to +10), no proof lost or gained (random s2, s7 the same pivots); open
 * totals on seeds 0–5 all lower or equal (random s0 −29, s3 −21, s4 −4, clustered s3 −5; gaps 386
 * → 355, 77 → 55, 90 → 78, 32 → 26), held out seeds 6–11 mixed (random s6 +19, s8 −64, clustered
 * s8 +55, s11 −6; gaps 22 → 40, 211 → 144, 355 → 401, 153 → 137).
 * The first root's rounds too (OptimalOptions.cutStall 0; without an incumbent its stall is 0.3 %
 * of 0.1 % of the bound, ~4.4 cents a round at 1000 × 45): its bound rises to about HiGHS's root
 * (random s0 763.0 → 771.8, HiGHS 773.8; s1 +12.7, s2 +13.7, s3 +25.4, clustered s2 +21.0, s3
 * +16.0; root2.ts has HiGHS's), but seeds 0–5 end worse: random s5's proof lost (gap 1), open
 * totals against this default random s0 +53, s1 +109, s3 +219, s4 +75, clustered s4 +137; clustered proofs on 102.6k, 77.5k,
 * 49.7k pivots (s1, s2, s5; 58.6k, 60.1k, 59.0k). Not kept.
 */
export const MID_ROOT2_STALL = 0;
/**
 * SearchOptions.restartReduce's default from SMALL_BELOW to DUAL_BELOW units: the second root on the
 * reduced model (presolve.ts) when the root's reduced-cost fixing forbids at least half the columns
 * (RestartReduce.minShare), the plain second root otherwise. Below that share the reduced model is
 * hardly smaller and its search mostly found worse incumbents. 1000 × 45 seeds 0–17 both shapes
 * (scratch script, solveOptimal default and restartReduce: true per instance; the rule picks one of
 * the two runs): 21 of 36 reduce (shares 50.4–72.8 %), none loses a proof, random s16 gains one;
 * open totals −306 cents in all (random s1 −78, s5 −60, s10 −113, s14 −27, clustered s6 +4, s12
 * −32); the 12 proved either way 722.8k → 625.1k pivots (clustered s0 52.6k → 43.8k, s2 102.2k →
 * 60.1k, s7 98.6k → 56.4k; worse: random s11 71.3k → 107.2k, clustered s1 49.7k → 58.6k).
 * Reducing always lost random s2's and s7's proofs (shares 30.4 and 49.5 %: the threshold sits
 * just above s7) and ended the open totals +497 cents (low shares: random s3 +509, clustered s11
 * +561, but clustered s14 −466). Threshold 0.4: one proof lost; 0.55: none gained, −201 cents.
 * perRow (the rest of the budget × original ÷ reduced rows, the same work) changes only the six
 * reduced searches the budget ends: random s5 and clustered s12 newly proved (gaps 1 and 3 cents:
 * 108.1k and 114.9k pivots instead of 106.9k and 105.3k), random s10 −41 cents, random s1, s14,
 * clustered s6 the same totals on ×1.03–1.11 the pivots (open totals −347 cents with both).
 * Held out, seeds 18–23 (after the choice; base = restartReduce false): none lost or gained, open
 * totals −26 (random s19 −61, s23 +6, clustered s20 +8, s21 +21), the proved 275.7k → 257.9k pivots.
 * Lower shares with perRow: reducing always keeps random s2's and s7's proofs (113.0k, 114.2k
 * pivots against 80.1k, 105.0k); from 0.2, seeds 0–17 open totals −1,346 cents, but seeds 18–23
 * +76 (clustered s23, share 38 %, +102), so 0.5 stays.
 */
export const MID_REDUCE: RestartReduce = { minShare: 0.5, perRow: true };
/** From DUAL_BELOW units: MID_REDUCE and a second reduction on the reduced model (DUAL_BELOW says why). */
export const LARGE_REDUCE: RestartReduce = { ...MID_REDUCE, again: 1 };
/**
 * SearchOptions.roundEvery's default from SMALL_BELOW units (with the neighbourhoods): the node
 * rounding past the root every ROUND_EVERY nodes, and at nodes with at most ROUND_FEW fractional
 * units. Measured at 1000 × 45 (both shapes, both re-solves): past the root's second solve it never
 * found a better assignment in 238–1,677 nodes (the neighbourhoods find them), yet took 10–15 % of
 * the main search's time (round + eject: 1.1 s of 10.7 s primal, 7.4 s of 51 s dual).
 */
const ROUND_EVERY = 16;
/** The adaptive stop's bound samples (stop.ts): one per this many pivots at most (a 300k-pivot search keeps ≤ 300). */
const STOP_EVERY = 1_000;
const ROUND_FEW = 3;

/** Where the node re-solves' pivots went (Searched). */
interface ReSolveStats {
  nodePivots: number;
  restores: number;
  pops: number;
  popPivots: number;
  dualPivots: number;
  dualFallbacks: number;
  nodeCutoffs: number;
}

/**
 * The node re-solve path: node nd (its fixes applied to `forbidden`) re-optimised within `limit`
 * pivots, from its parent's stored basis when it was taken from the heap (`popped`) and has one.
 */
function reSolveNode(lp: GubLp, nd: Open, popped: boolean, limit: number, stats: ReSolveStats, dual: boolean, cutoff: number): LpStatus | "cutoff" {
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
  let status: LpStatus | "cutoff";
  if (dual && child) {
    const d0 = lp.dualPivots;
    const f0 = lp.dualFallbacks;
    status = lp.solveDual(limit, cutoff);
    if (status === "cutoff") stats.nodeCutoffs++;
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
  /** Branchings below the root (ReliabilityOptions.deepFrom). */
  depth?: number;
  /** The best estimate of the node's whole assignments (TreeRules.select "estimate"). */
  estimate?: number;
  /** Its fixes hold their capacity propagation already (SearchOptions.propagate). */
  propagated?: boolean;
}

/** The waiting nodes: peek() the least bound, pop() the next to take. */
interface OpenNodes {
  readonly size: number;
  peek(): Open | undefined;
  pop(): Open | undefined;
  push(x: Open): void;
  forEach(f: (x: Open) => void): void;
}

/**
 * TreeRules.select "estimate": pop() takes the least estimate, every `boundEvery`-th pop (0: never)
 * the least bound; peek() is the least bound (the tree's bound, plungeGap's). Two heaps over the
 * same nodes, a node taken from one skipped in the other.
 */
class EstimateOpen implements OpenNodes {
  private readonly bound: Heap<Open>;
  private readonly est: Heap<Open>;
  private readonly taken = new Set<Open>();
  private pops = 0;
  constructor(byBound: (a: Open, b: Open) => number, private readonly boundEvery: number) {
    this.bound = new Heap(byBound);
    this.est = new Heap((a, b) => (a.estimate ?? a.bound) - (b.estimate ?? b.bound) || byBound(a, b));
  }
  get size() {
    // A live node is in both heaps, a taken one in one until cleaned out.
    return (this.bound.size + this.est.size - this.taken.size) / 2;
  }
  private clean(h: Heap<Open>) {
    for (let x = h.peek(); x && this.taken.has(x); x = h.peek()) {
      h.pop();
      if (this.taken.has(x)) this.taken.delete(x);
    }
  }
  peek() {
    this.clean(this.bound);
    return this.bound.peek();
  }
  pop() {
    const h = this.boundEvery > 0 && ++this.pops % this.boundEvery === 0 ? this.bound : this.est;
    this.clean(h);
    const x = h.pop();
    if (x) this.taken.add(x);
    return x;
  }
  push(x: Open) {
    this.bound.push(x);
    this.est.push(x);
  }
  forEach(f: (x: Open) => void) {
    this.bound.forEach((x) => this.taken.has(x) || f(x));
  }
}

/**
 * SearchOptions.tree's default: plunge always; carry below SMALL_BELOW units in a search with
 * heuristics (not in neighbourhood sub-searches), where it never cost pivots: 100 × 10, 250 × 20 and
 * 500 × 30 seeds 0–5 both shapes (`BENCH_SIZES=100x10,250x20,500x30 BENCH_SEEDS=6
 * BENCH_VARIANTS=nocarry,carry BENCH_QUIET=1 npm run bench:assign-profile`), 26 of 36 equal,
 * 250 × 20 random s3 proved on 185.6k pivots (open at 241.9k without), fewer pivots on 100 × 10
 * random s5 (8,782 → 8,648), 250 × 20 random s5 (32.6k → 26.3k), clustered s3 (17.1k → 15.8k),
 * s5 (13.6k → 13.3k), 500 × 30 random s1 (49.1k → 40.5k), s3 (15.5k → 13.2k), clustered s0
 * (12,798 → 12,732), s2 (83.6k → 49.7k), s5 (16.9k → 15.6k), clustered s3 open either way
 * (−14 cents). Not from 600 units on: measured at 1000 × 45 (`BENCH_SIZES=1000x45
 * BENCH_SEEDS=6 BENCH_VARIANTS=default,carry,carryq25 BENCH_QUIET=1 npm run bench:assign-profile`,
 * and BENCH_FIRST_SEED=6 for seeds 6–11; pivots deterministic):
 * - where the pivots went (profile "node.lp.stale"): a node popped after a node-cut restart
 *   re-solved from the last node's optimum on 786 pivots (random s1: 30 such pops, 23.6k of its
 *   112k pivots; s0: 3 pops, 4.9k), against ~35–110 for a popped node from its parent's basis;
 *   `carry` ends them (no stale pop left on any instance), and the nodes per pivot rise
 *   (random s1 405 → 795 nodes);
 * - `carry`: every proof kept, pivots random s2 80.0k → 83.5k, s5 107.2k → 96.5k, s7 105.0k →
 *   82.7k, s11 105.3k → 50.6k (s9 equal), clustered s0 equal, s1 58.6k → 53.9k, s2 60.1k → 47.5k,
 *   s5 59.0k → 46.8k, s7 75.5k → 52.7k (s9, s10 equal); but the least bound of the open random
 *   trees stays where it was (s0 767 → 768, s1 354 → 348, s3 846 → 845, s4 004 → 004 in the last
 *   three digits) and their totals move with the tree neighbourhoods' other path: s1 +83, s3
 *   +137, s4 +141, s6 +22, s8 −2, s10 +122 cents (clustered s3 −6, s4 −24, s6 +2, s8 −1, s11 0);
 * - with `plungeGap` 0.25 (carryq25) the least bound of every open 1000 × 45 tree is as high or
 *   higher (random s0 +2, s1 0, s3 0, s4 +8, s6 +7, s8 +6, s10 +8; clustered s3 +4, s4 +20
 *   cents), the proofs kept on fewer pivots but clustered s5's (random s2 73.8k, s5 71.5k, s7
 *   103.7k, s11 37.6k; clustered s0 34.6k, s1 47.4k, s2 56.0k, s7 29.8k, s9 21.1k, s10 equal,
 *   s5 59.0k → 88.8k), random totals s1 +18, s3 +230, s4 −31, s6 −3, s8 −131, s10 +1 cents;
 *   on twice the budget (pivotLimit 2 × defaultPivotLimit, as bench:assign-engine's
 *   BENCH_PIVOTS=2x) random s1 stays open with a gap of 20 (the default proves it on 177k pivots:
 *   its tree neighbourhoods find the optimum, these do not), s3 and s4 open either way (gaps 91,
 *   84 default; 122, 84 carry; 246, 86 carryq25; least bounds 843, 009 / 846, 009 / 847, 013:
 *   the open random trees' least bound hardly moves with the budget); q 0, 0.1, 0.5 no better
 *   (random s1, s3, s4 totals +83/+203/+141, +83/+489/0, +32/+113/−18 cents);
 * - 500 × 30 and 2000 × 60 s0–2 (the same bench, BENCH_SIZES=500x30,2000x60 BENCH_SEEDS=3,
 *   BENCH_VARIANTS=nocarry,carry,carryq25; below 600 units carry is now the default): carry equal but random s1 49.1k → 40.5k and clustered s0 12.8k → 12.7k pivots;
 *   carryq25 random s0 5.8k → 5.4k, s1 → 28.7k, clustered s0 → 11.7k, the rest equal; at 2000 × 60
 *   (primal re-solves, ~1 pop a search) carry equal but clustered s1 (+20 cents), carryq25
 *   random gaps −4, −2, −6 cents, clustered totals +194, −2, +25.
 * - the incumbent fixed (`BENCH_SIZES=1000x45 BENCH_SEEDS=… BENCH_FROM_BEST=k
 *   BENCH_TREE=parent,carry,carry+q25,carry+q0 npm run bench:assign-tree`: from the engine's
 *   assignment on k × its budget, no heuristics, 4 × the budget), pivots to a proof default /
 *   carry / carryq25 / carryq0: random s1 (k 2) 122.8k / 91.3k / 112.9k / 85.9k, s2 (k 1) 26.6k /
 *   26.6k / 27.4k / 27.8k, s5 (k 1) 74.0k / 45.2k / 39.8k / 43.6k, s10 (k 1) open at 574k /
 *   225.6k / 199.2k / 271.7k, clustered s3 (k 2) open at 546k / 259.6k / 387.3k / 300.3k, s4 (k
 *   1) 229.1k / 128.7k / 195.5k / 175.6k: the stale pops were where the tree's pivots went
 *   (default s10: 1,464 pops on 329k pivots, carry 1,705 on 93k). So carry raises the least bound
 *   on far fewer pivots; in the engine that gain is spent on more nodes, whose node-paced tree
 *   neighbourhoods (schedule.ts) take another path and mostly other totals (engine, twice the
 *   budget, default → carry: random s6 gap 10 → 3, s10 33 → 36, least bounds +3 both).
 * There the rule (random gaps smaller or proofs gained on seeds 0–5) is not met: carry is off from
 * SMALL_BELOW units on (at 2000 × 60 equal, but clustered s1 +20 cents), plungeGap opt-in.
 * Again on the 1.5× cap, with the tree neighbourhoods paced by work instead of nodes (schedule.ts
 * LargeSettings.treePivots, which holds the figures): carry alone seeds 0–5 totals −128 cents in
 * all, gaps 555 → 408, but random s1's proof lost; 6–11 +135, gaps 618 → 751; with work pacing
 * worse (+368 / +225). Still off from 600 units.
 */
const TREE_RULES: TreeRules = {};

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
  /** Each item, in heap order (to change fields the order does not depend on). */
  forEach(f: (x: T) => void) {
    this.items.forEach(f);
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
