// The primal side's neighbourhood schedules (bnb.ts SearchOptions.primal): when the neighbourhoods
// of heuristics.ts run during a search, which ones, and on what share of its pivot budget. Each
// neighbourhood is solved exactly by the calling search's own sub-search (`sub`, bnb.ts
// subSearchWith); bnb.ts primalSchedule picks a schedule by size.
import { crossoverFree, hostSwapFree, rinsFree, rinsRowsFree, solveNeighbourhood, tightFree, totalCost, type SubLimits, type SubSearch, type Usable } from "./heuristics";
import type { Model } from "./lp";

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
  /** Choices not fixed out for good (bnb.ts's second root: reduced-cost fixing at the root; optional). */
  live?: Usable;
  /** Pivots the search has taken so far, its neighbourhoods' included (optional: LargeSettings.treePivots paces by it). */
  pivots?: number;
}
/** Better assignments found at a node (each better than the last) and the pivots they took. */
export type PrimalStep = (at: PrimalAt) => { picks: Int32Array[]; pivots: number };
/**
 * Makes a search's primal step (SearchOptions.primal: the bench passes the old schedule to compare).
 * `sub` solves its neighbourhoods: the calling search's own (bnb.ts subSearchWith its reSolveWith).
 */
export type PrimalFactory = (m: Model, usable: Usable, pivotLimit: number, hostOf: ArrayLike<number> | undefined, sub: SubSearch) => PrimalStep;

/*
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
 * itself (bnb.ts subSearchWith: the calling search's re-solve pinned). They run before any incumbent too: the start's banned choice stays banned in
 * the sub-problem, whose own LP drives it out.
 * What a perfect primal side is worth (measured: the cost search started from HiGHS's assignment, in
 * the default budget): at 1000 × 45 clustered (HiGHS's proved optimum) the tree ends 181 cents
 * short of a proof (156 with every pivot left to the tree), at 1000 × 45 random 315, 2000 × 60
 * random 155, clustered 200 (230): the incumbent is not what stops the proof at 1000+, the bound is.
 * (With the old large rules. With the 600–1,300 rules and the second root it is: handed the final
 * assignment at its root, the cost search proves 1000 × 45 clustered s0–s2 on 22.5k, 23.8k and 41.0k
 * pivots instead of 71.0k, 45.1k and open; the note above LargeSettings' opt-in fields.)
 * Below 600 units (bnb.ts MID_SCHEDULE_FROM) the tree proves the optimum within its budget (250 × 20, 500 × 30), and the
 * long root phase took the pivots the proof needed (250 × 20 random ended unproved): those keep
 * the small schedule (smallSchedule). From 600 units, where the second root and the small rules now
 * prove 1000 × 45 clustered, the same turns on smaller shares (midSchedule; from 1,300 too since
 * bnb.ts DUAL_BELOW's mid rules).
 */

/**
 * The part both schedules share: a call's neighbourhoods start from the incumbent and chain (each
 * better assignment is the next one's start); the first call is the root's (after its cuts), then
 * one call every `nodesBetween` nodes in the tree, told whether the incumbent fell since the last;
 * with `pivotsBetween` (LargeSettings.treePivots) one every that many pivots of the search's own
 * work instead (PrimalAt.pivots less the neighbourhoods'), so that pivots a rule saves per node
 * (TreeRules.carry) do not bring the neighbourhoods closer together in work.
 */
interface Step {
  /**
   * One neighbourhood on a node and pivot budget; its report (solveNeighbourhood), the better
   * assignment kept. `live`: its free units take no choice the root fixed out (PrimalAt.live).
   */
  run(free: Uint8Array, limits: SubLimits, maxChanges?: number, live?: Usable): ReturnType<typeof solveNeighbourhood>;
  /** The incumbent as the neighbourhoods of this call left it. */
  best: Int32Array;
  /** Pivots this call's neighbourhoods took. */
  pivots: number;
}

function paced(
  m: Model,
  usable: Usable,
  sub: SubSearch,
  nodesBetween: number,
  root: (at: PrimalAt, step: Step) => void,
  tree: (at: PrimalAt, step: Step, fell: boolean) => void,
  root2?: (at: PrimalAt, step: Step) => void,
  afterFall = Infinity,
  between?: (at: PrimalAt, step: Step) => void,
  pivotsBetween?: number,
): PrimalStep {
  let lastNode = -Infinity;
  let lastUb = Infinity;
  let lastPivots = 0; // the search's pivots after the last call, its neighbourhoods' included
  const due = (at: PrimalAt) => (pivotsBetween !== undefined && at.pivots !== undefined ? at.pivots - lastPivots >= pivotsBetween : at.nodes - lastNode >= nodesBetween);
  let rootDone = false;
  let root2Done = !root2;
  return (at) => {
    const picks: Int32Array[] = [];
    const step: Step = {
      best: at.best,
      pivots: 0,
      run(free, limits, maxChanges, live) {
        const r = solveNeighbourhood(m, step.best, free, usable, sub, limits, maxChanges, live);
        step.pivots += r.pivots;
        if (r.pick) (picks.push(r.pick), (step.best = r.pick));
        return r;
      },
    };
    if (!rootDone) {
      rootDone = true;
      root(at, step);
    } else if (at.root && !root2Done) {
      // The root again (bnb.ts's second root: its LP after reduced-cost fixing and more cuts). The
      // first tree call still sees whether the incumbent fell since the first root call (its RINS
      // on a node LP found the next incumbent on 1000 × 45 clustered s1, s3, s4).
      root2Done = true;
      root2!(at, step);
      lastPivots = (at.pivots ?? 0) + step.pivots;
      return { picks, pivots: step.pivots };
    } else if (!at.root && (due(at) || (at.ub < lastUb && at.nodes - lastNode >= afterFall))) tree(at, step, at.ub < lastUb);
    else {
      // Between the paced calls (LargeSettings.smallRins): the regular pace stays as it was.
      if (between && !at.root) between(at, step);
      return { picks, pivots: step.pivots };
    }
    lastNode = at.nodes;
    lastUb = at.ub;
    lastPivots = (at.pivots ?? 0) + step.pivots;
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
export const smallSchedule: PrimalFactory = (m, usable, pivotLimit, _hostOf, sub) => {
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
  /**
   * Nodes between two tree neighbourhoods (default 40). 20 with MID_DEFAULTS at 1000 × 45
   * clustered s0–s5 (`BENCH_SHAPES=clustered BENCH_SEEDS=6 BENCH_QUIET=1 BENCH_VARIANTS=default,tree20
   * npm run bench:assign-profile`; pivots, or cents on the open s3, s4): s0 76.0k → 60.1k, s1 42.6k →
   * 82.2k, s2 88.7k → 108.4k, s5 76.7k → 93.9k, s3 −23, s4 −17: when the optimum turns up moves
   * both ways, so not the default.
   */
  nodesBetween?: number;
  /**
   * Tree work between two tree neighbourhoods, a share of the pivot limit (the search's pivots
   * outside its neighbourhoods, PrimalAt.pivots), instead of nodesBetween nodes (default none).
   * Meant to keep the tree neighbourhoods where they were in work when a rule (bnb.ts
   * TreeRules.carry) makes nodes cheaper; 40 nodes are roughly 1.2k–25k pivots (a run's pivots ÷ nodes) at 1000 × 45.
   * Measured there with MID_DEFAULTS on the default base and cap (`BENCH_SIZES=1000x45 BENCH_SEEDS=6
   * BENCH_QUIET=1 BENCH_VARIANTS=default,carry,work5,carryWork5 npm run bench:assign-profile`,
   * BENCH_FIRST_SEED=6 held out; cents against the default, summed over both shapes): seeds 0–5, 7
   * proved by the default, 6 by each other; totals / gaps to a proof default 0 / 555, carry −128 /
   * 408, 0.05 +157 / 725, 0.05 + carry +368 / 915 (random s0 +371); seeds 6–11 (6 proved; 0.05
   * alone 5) +135 / 751, +498 / 1,126, +225 / 827 against 618; random s1's proof (164k pivots, at
   * the cap's end) is lost by all three; 0.03 / 0.08 with carry (random s0–s3) regain no proof (s0
   * +3 / +32, s1 +35 / +4 cents). So opt-in: the open totals move with where the neighbourhoods
   * run, node or work paced alike.
   */
  treePivots?: number;
  /*
   * Opt-in, measured on 1000 × 45 (MID_DEFAULTS plus the setting; `BENCH_SEEDS=6 BENCH_SHAPES=clustered
   * BENCH_SCHEDULES=mid,mid-live,mid-root2,mid-fall5 npm run bench:assign-schedule`, BENCH_SEEDS=3
   * BENCH_SHAPES=random; pivots and totals are deterministic). Against MID_DEFAULTS, clustered s0–s5
   * (s0, s1 proved on 70,955 / 45,072 pivots; s2–s5 open, gap to a proof 5, 36, 34, 3 cents) and random
   * s0–s2 (open, open, proved on 84,758): each won some and lost some, so none is the default.
   *  - live: s0, s1 the same path on 70,112 / 44,425; s2 6 cents higher; s3, s4 the same totals; s5
   *    proved (110,540); random −1 cent, the same, proved on 99,825.
   *  - root2Share 0.1, root2Kinds rins + cross, live ("mid-root2"): s0 80,305, s1 58,026 pivots; s2 +6
   *    cents; s3 −15; s4 the same; s5 proved (92,446); random +41 cents, the same, proved on 92,412.
   *    (0.06 and RINS alone: s0 76,247, s1 53,908, s2–s5 as 0.1.)
   *  - afterFall 5: s0 76,344 pivots (optimum at node 145 instead of 163), s1 53,656; s2 the same
   *    total; s3 +37 cents, s4 +70; s5 proved (111,368); random +65 cents, the same, s2 open.
   * What a better root primal is worth there (scratch: the cost search handed the final assignment at
   * its root for nothing): clustered s0 35 nodes and 22.5k pivots instead of 195 and 71.0k, s1 102
   * and 23.8k (145, 45.1k), s2 proved on 41.0k (open at 112k, 2 cents above) — the root's incumbent
   * ends 244, 35, 86 cents above the optimum, 29–32 units away from it across ~20 hosts, and a RINS
   * at the root never frees all of them (the rest sit on their root LP's whole choice).
   */
  /**
   * Turns again at the root's second solve (bnb.ts rootRestart: the root LP after reduced-cost
   * fixing and the cutoff cuts, whose RINS sets differ), each on rootSub within this share of the
   * pivot limit, taken from the tree's (default none).
   */
  root2Share?: number;
  /** The kinds of those turns (default `kinds`). */
  root2Kinds?: readonly NeighbourhoodKind[];
  /**
   * Neighbourhoods leave out the choices the second root fixed out for good (PrimalAt.live; default
   * false): the same neighbourhoods, smaller sub-problems with tighter LPs.
   */
  live?: boolean;
  /** A tree neighbourhood (RINS) as soon as this many nodes after the last one once the incumbent fell (default: wait nodesBetween). */
  afterFall?: number;
  /** "rinsRows" neighbourhoods: at most this many units on the rows where RINS's LP choices collide join its set (default 30). */
  rowsMore?: number;
  /**
   * At the root, skip a neighbourhood that is a restriction of one already searched there: its free
   * units within that one's, and the incumbent changed since only within them (default false; on in
   * MID_DEFAULTS, which holds the figures). With LARGE_DEFAULTS at 2000 × 60 s0 both shapes the same
   * nodes and totals (`BENCH_SIZES=2000x60 BENCH_SEEDS=1 BENCH_SCHEDULES=large,large-skip`): left off.
   */
  skipInside?: boolean;
  /**
   * At a tree node between the paced ones, RINS on that node's LP when it frees at most this many
   * units (a nearly whole LP: a small neighbourhood) and is no restriction of one of the last ones
   * searched (default none); on treeSub within the tree's share. Measured with skipInside at
   * 1000 × 45 clustered s0–s2 (`BENCH_SCHEDULES=mid,mid-small35`), 35 units: s0 finds its optimum at
   * node 111 instead of 123 but takes 44,971 pivots instead of 44,893; s1 51,026 (49,684), s2 107,225
   * (102,110): small node RINS sets change little from one node to the next, and rarely hold better.
   */
  smallRins?: number;
  /** Told of every neighbourhood run (benches: which kind found each incumbent, and where). */
  trace?: (run: NeighbourhoodRun) => void;
}
/** One neighbourhood run as LargeSettings.trace sees it. */
export interface NeighbourhoodRun {
  kind: NeighbourhoodKind;
  root: boolean;
  nodes: number;
  /** The free units asked for, and the incumbent the run started from. */
  free: Uint8Array;
  from: Int32Array;
  /** Units of the sub-problem, its pivots, whether its search ended, and the total it left (lower: found). */
  units: number;
  pivots: number;
  proved?: boolean;
  before: number;
  after: number;
}
export type NeighbourhoodKind = "rins" | "rinsRows" | "tight" | "host" | "cross" | "local";

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

/** The old large instances' schedule (600 units and more before MID_DEFAULTS, 1,300 and more until bnb.ts DUAL_BELOW's mid rules): benches compare with it. */
export const largeSchedule: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) => largeScheduleWith(LARGE_DEFAULTS)(m, usable, pivotLimit, hostOf, sub);

/**
 * From 600 units (1000 × 45; from 1,300 too since bnb.ts DUAL_BELOW's mid rules), where the second
 * root and the small rules prove the clustered instances: the same turns, each on 6 % of the budget within 20 % (LARGE_DEFAULTS: 18 %
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
/*
 * skipInside (since): the root's second RINS and its crossover after a RINS are restrictions of the
 * first RINS (their free units within its set, the incumbent changed only there), and at 1000 × 45
 * (clustered and random s0–s2, LargeSettings.trace of every run) none of the six second RINS
 * (2.2k–6.7k pivots each) nor any crossover found anything. Skipping them, seeds 0–11 both shapes
 * (`BENCH_SEEDS=12 BENCH_SCHEDULES=mid-noskip,mid npm run bench:assign-schedule`): every proof kept,
 * clustered s0 52,557 → 44,893 pivots, s5 69,578 → 62,526, s7 98,605 → 73,191, s10 18,788 → 16,238,
 * s9 72,349 → 72,853 (530 → 772 nodes), the others ±50; totals the same but clustered s4 +24
 * cents, s8 −220 (open: the tree's path moved); random all totals the same, proofs 0–2.9k fewer
 * pivots. Same node, probe and re-solve pivots where proved: the pivots saved are the sub-searches'.
 */
export const MID_DEFAULTS: LargeSettings = { ...LARGE_DEFAULTS, rootSub: 0.06, rootShare: 0.2, rootMax: 0.2, treeShare: 0.4, treeNear: 1e-5, skipInside: true };
export const midSchedule: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) => largeScheduleWith(MID_DEFAULTS)(m, usable, pivotLimit, hostOf, sub);

/**
 * The large schedule on given settings. At the root the neighbourhoods take turns while one of the
 * last `kinds` found a better assignment, within rootShare of the pivot limit, or rootMax while
 * the last turn found one and the gap to the root bound is still above GAP_SMALL of the bound.
 */
export function largeScheduleWith(set: LargeSettings): PrimalFactory {
  return (m, usable, pivotLimit, hostOf, sub) => {
    const NODES_BETWEEN = set.nodesBetween ?? 40;
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
    // The last neighbourhoods searched: free units and the incumbent they started from (skipInside, smallRins).
    type Searched = { free: Uint8Array; from: Int32Array };
    const searched: Searched[] = [];
    const inside = (sets: Searched[], free: Uint8Array, best: Int32Array) =>
      sets.some((s) => free.every((f, u) => (!f || s.free[u]) && (best[u] === s.from[u] || s.free[u])));
    /** One neighbourhood of a kind within `budget` pivots; true when it found a better assignment. */
    const run = (step: Step, at: PrimalAt, kind: NeighbourhoodKind, budget: number): boolean => {
      if (budget <= 0) return false;
      const was = step.best;
      const limits = { nodeLimit: SUB_NODES, pivotLimit: budget };
      const live = set.live ? at.live : undefined;
      if (kind === "cross" && !second) return false;
      const free =
        kind === "rins" ? rinsFree(was, at.first, at.firstVal)
        : kind === "rinsRows" ? rinsRowsFree(m, was, at.first, at.firstVal, usable, set.rowsMore ?? 30)
        : kind === "tight" ? tightFree(m, was, usable, size, turn++)
        : kind === "host" ? hostSwapFree(m, was, usable, hostOf!, hostSize, hostTurn++)
        : kind === "cross" ? crossoverFree(was, second!)
        : new Uint8Array(n).fill(1);
      if (set.skipInside && at.root && inside(searched, free, was)) return false;
      if (kind !== "local") (searched.push({ free, from: was }), searched.length > 16 && searched.shift());
      const r = step.run(free, limits, kind === "local" ? k : undefined, live);
      set.trace?.({ kind, root: at.root, nodes: at.nodes, free, from: was, units: r.units, pivots: r.pivots, proved: r.proved, before: totalCost(m, was), after: totalCost(m, step.best) });
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
    /** Turns of `ks` while one of the last ks.length found a better assignment and `left` has pivots. */
    const turns = (step: Step, at: PrimalAt, ks: readonly NeighbourhoodKind[], left: () => number, told?: (found: boolean) => void) => {
      // Once the incumbent reaches the root's bound the search is over: no more turns.
      const done = () => at.bound !== undefined && totalCost(m, step.best) <= at.bound;
      for (let i = 0, miss = 0; miss < ks.length && left() > 0 && !done(); i++) {
        const found = run(step, at, ks[i % ks.length]!, left());
        told?.(found);
        miss = found ? 0 : miss + 1;
      }
    };
    const track = (at: PrimalAt) => {
      if (seen && at.best !== seen && totalCost(m, at.best) < totalCost(m, seen)) second = seen;
    };
    const treeNear = (at: PrimalAt) => set.treeNear !== undefined && at.treeBound !== undefined && at.ub - at.treeBound <= set.treeNear * Math.abs(at.treeBound);
    // A root that ran past rootShare took it from the tree's share: both within totalShare.
    const treeBudget = () => {
      const total = set.totalShare ?? set.rootShare + set.treeShare;
      return Math.min(Math.floor(set.treeSub * pivotLimit), Math.floor(total * pivotLimit) - rootUsed - treeUsed, Math.floor(set.treeShare * pivotLimit) - treeUsed);
    };
    const small =
      set.smallRins === undefined
        ? undefined
        : (at: PrimalAt, step: Step) => {
            if (treeNear(at)) return;
            const free = rinsFree(step.best, at.first, at.firstVal);
            let count = 0;
            for (let u = 0; u < n && count <= set.smallRins!; u++) count += free[u]!;
            if (count === 0 || count > set.smallRins! || inside(searched, free, step.best)) return;
            track(at);
            run(step, at, "rins", treeBudget());
            treeUsed += step.pivots;
            seen = step.best;
          };
    return paced(
      m,
      usable,
      sub,
      NODES_BETWEEN,
      (at, step) => {
        track(at);
        const each = Math.floor(set.rootSub * pivotLimit);
        let lastFound = false;
        const cap = () => {
          const gap = totalCost(m, step.best) - (at.bound ?? -Infinity);
          return Math.floor((lastFound && gap > GAP_SMALL * Math.abs(at.bound ?? 0) ? set.rootMax : set.rootShare) * pivotLimit);
        };
        turns(step, at, kinds, () => Math.min(each, cap() - rootUsed - step.pivots), (found) => (lastFound = found));
        rootUsed += step.pivots;
        seen = step.best;
      },
      (at, step, fell) => {
        track(at);
        if (treeNear(at)) return;
        const budget = treeBudget();
        const others = kinds.filter((x) => x !== "rins");
        if (fell && kinds.includes("rins")) run(step, at, "rins", budget);
        else if (others.length > 0) run(step, at, others[treeTurn++ % others.length]!, budget);
        treeUsed += step.pivots;
        seen = step.best;
      },
      set.root2Share === undefined
        ? undefined
        : (at, step) => {
            track(at);
            const each = Math.floor(set.rootSub * pivotLimit);
            const share = Math.floor(set.root2Share! * pivotLimit);
            const ks = (set.root2Kinds ?? set.kinds).filter((x) => x !== "host" || hostOf);
            turns(step, at, ks, () => Math.min(each, share - step.pivots));
            rootUsed += step.pivots;
            seen = step.best;
          },
      set.afterFall,
      small,
      set.treePivots === undefined ? undefined : Math.max(1, Math.floor(set.treePivots * pivotLimit)),
    );
  };
}
