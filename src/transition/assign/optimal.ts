// Mode `optimal`: the least total of monthly costs plus the penalty per provider per member, with
// the most members placed first, within every capacity and keeping groups whole. Exact.
// The objective (cost + M per member left out, M above any total of costs) is lexicographic, and
// one search on it has a weak bound: the LP leaves out fractions of members at M each. So it is
// solved as two exact branch-and-bound searches on the LP relaxation (bnb.ts, lp.ts), each on
// whole-number costs:
//  1. the fewest members left out, D: costs 0 for a placement, |unit| for leaving it out. Its root
//     LP bound, rounded up, is a floor L for D;
//  2. the least cost with at most D members left out: leaving a unit out costs 0 but takes |unit|
//     of one more capacity. It is first tried with D = L: any assignment it finds leaves out
//     exactly L, the fewest possible. Its search starts from an assignment that may leave out more,
//     made to fit by a banned "relief" column that adds room to that capacity (the LP's first level
//     drives it out). When the search proves no assignment leaves out L, it runs again with L + 1,
//     and so on (the root's own assignment bounds it).
// The total is then cost + M·D, the optimum of the single programme; HiGHS's reference for tests
// and benches solves it the same two-stage way (bench/lib/assign-ref.ts).
import { search, type Model, type Searched, type SearchOptions, type SearchProfile } from "./bnb";
import type { Separator } from "./cutloop";
import type { PrimalFactory } from "./schedule";
import type { BranchRule, PlungeRule, SplitRule } from "./branching";
import { capacityUse, type UnitProblem } from "./units";
import { stopPivots, type StopRule } from "./stop";
import { dominated } from "./presolve";

export interface Solved {
  /** Per unit: the index of its choice, or -1 when it stays unassigned. */
  pick: number[];
  /** The objective with unassigned members at `unassignedCost` each. */
  total: number;
  /** A lower bound on the total, from the roots of the searches. */
  lowerBound: number;
  proved: boolean;
  nodes: number;
  /** Simplex pivots of every search (sub-searches included): the work done, for benches. */
  pivots?: number;
  /** For benches: the cost search's report. */
  search?: Searched;
  /** The cost search's open nodes' least bound on the total when it stopped (the total when proved): how far from a proof, for benches. */
  treeBound?: number;
}

/**
 * The cost search's default budget is work, not a pivot count: WORK pivots × capacity rows, kept
 * between MIN_PIVOTS (the old fixed limit, so no instance gets less) and MAX_PIVOTS. A pivot's
 * time grows about linearly with the rows (bench:assign-engine: ~35–45 µs at R = 57–89,
 * ~90 µs at R = 138), so every size gets about the same seconds: 250 × 20 (R = 57) ~245k pivots,
 * which proves its random instance (it stopped unproved at 100k), 1,000 × 45 (R = 138) 100k.
 */
const WORK = 14_000_000;
const MIN_PIVOTS = 100_000;
const MAX_PIVOTS = 1_000_000;

export function defaultPivotLimit(rows: number): number {
  return Math.min(MAX_PIVOTS, Math.max(MIN_PIVOTS, Math.round(WORK / Math.max(1, rows))));
}

/**
 * The cost search's cap as a multiple of that base. The base stays the scale of the neighbourhood
 * schedule's shares (bnb.ts SearchOptions.pivotBase), so a search that proves within the base runs
 * the same path to the same result; the rest only lengthens the tree of those that ran out.
 * Measured at 1000 × 45 seeds 0–11 both shapes (`BENCH_SIZES=1000x45 BENCH_SEEDS=12
 * BENCH_CAP=1.5,2,3 npm run bench:assign-engine`): the 12 proved within the base give
 * the same pivots and totals at 3×; random s1 is newly proved (164,056 pivots, from 1.5×: 7.5 s
 * against HiGHS's 33.1 s), clustered s6 only at 3× (360k); the open totals at 2× are 0–75 cents
 * lower; 2000 × 60 seeds 0–2 stay open at 3×. 1.5×, not 2×: on a quiet machine
 * (`BENCH_SIZES=1000x45,2000x60 BENCH_CAP=1,1.5,2`) the worst case, 1000 × 45 random s0, takes
 * 10.2 / 14.7 / 21.8 s (the whole `assign` in bench:assign: 18.3–19.1 s at 1.5×, 25.6 s at 2×;
 * 2000 × 60 at most 4.0 / 6.0 / 8.8 s, with the large rules of then; under the mid rules since bnb.ts
 * DUAL_BELOW, 13.3 and 16.7 s for the whole `assign` at 1.5×, bench:assign seed 0, as much as
 * 1000 × 45 random s0's 17.5 s in the same run) for no other proof, and a Worker has
 * 30 s of CPU (Workers Standard; wrangler.toml sets no cpu_ms) with members of up to 20 options
 * (candidates.ts): 0.9–1.7× the time a pivot takes with the benches' 8 (one run, scratch script).
 */
export const CAP_FACTOR = 1.5;

/*
 * What a proof of 2000 × 60 would take (`BENCH_TRACE=1 BENCH_SIZES=2000x60 BENCH_SEEDS=3
 * BENCH_VARIANTS=cap3 npm run bench:assign-profile`; base 100k pivots there, the cost search's
 * gap — incumbent − least open bound, cents — at 1 / 1.5 / 2 / 3 bases): random s0 43/27/25/21,
 * s1 87/82/80/80, s2 69/9/7/4; clustered s0 156/31/26/21, s2 179/50/48/46, s1 proved (on 173k
 * pivots on that cap's path). The gap closes fast up to ~1.25 bases and then by 0–3 cents a quarter
 * base: three bases (about twice today's CPU) prove none more, and at that pace random s0 would need
 * ~6–8 bases (its tree bound at 3 bases is 6 cents below HiGHS's optimum, its incumbent 15 above)
 * against HiGHS's 16.8 s — out of reach by budget alone, as is clustered s0 within 20 s. 1000 × 45
 * on 2 bases: random s0 355/354/352 from 1 base, s3 55 flat from 0.75 base (265 nodes on 224k
 * pivots), s4 79/76/74, clustered s3 27/20/18, s4 78/50/45; s1 proved on 164k; 2 bases prove none more.
 * The adaptive stop (stop.ts, `stop`; bench variant `adapt`: extra 0.5 base, window 0.25, slack 1.5,
 * step 0.1) extends none of 2000 × 60 random s0, s2, clustered s0, s2 (same pivots and totals as the
 * default; random s1's bound is flat), so it gains no proof; 500 × 30 seeds 0–2 both shapes run bit
 * for bit the same (all proved within the cap), as does 2000 × 60 clustered s1 under `adaptStall`.
 * `adaptStall` (stop from 1 base once the bound rose ≤ 2 cents over half a base) did not fire on
 * 1000 × 45 random s3 either (its bound moved within the window; 158 nodes): no CPU saved. Opt-in.
 */

/** The cost search's pivot budget: its cap, and the base the schedule's shares are of. */
export function pivotBudget(rows: number, opts: Pick<OptimalOptions, "pivotLimit" | "pivotBase" | "capFactor"> = {}): { cap: number; base: number } {
  const base = opts.pivotBase ?? opts.pivotLimit ?? defaultPivotLimit(rows);
  return { cap: opts.pivotLimit ?? Math.round(base * (opts.capFactor ?? CAP_FACTOR)), base };
}

export interface OptimalOptions {
  nodeLimit?: number;
  /** Simplex pivots per search, the cap (default: pivotBudget, the base × capFactor). */
  pivotLimit?: number;
  /** The base the schedule's shares are of (default: pivotLimit when given, else defaultPivotLimit of the capacity rows). */
  pivotBase?: number;
  /** The cap as a multiple of the base when no pivotLimit is given (default CAP_FACTOR). */
  capFactor?: number;
  /** Primal heuristics in the searches (default true; bnb.ts SearchOptions). */
  heuristics?: boolean;
  /** The cost search's dual-guided assignments (lagrange.ts; default off, bnb.ts SearchOptions.lagrange says why). */
  lagrange?: boolean;
  /** The neighbourhoods' schedule in both searches (default bnb.ts primalSchedule; benches compare the old one). */
  primal?: PrimalFactory;
  /** The cost search's cut separator (default bnb.ts's: the lifted covers; benches compare gomory.ts's). */
  separate?: Separator;
  /** How the searches' nodes below the root re-solve (bnb.ts SearchOptions.reSolveWith; benches compare both). */
  reSolveWith?: SearchOptions["reSolveWith"];
  /** The cost search's branching rule (bnb.ts SearchOptions.branching; its default there). */
  branching?: BranchRule;
  /** The cost search's plunge (bnb.ts SearchOptions.plunge; its default there). */
  plunge?: PlungeRule;
  /** How the cost search splits a unit (bnb.ts SearchOptions.split; its default there). */
  split?: SplitRule;
  /** The cost search's node rounding (bnb.ts SearchOptions.roundEvery; its default there). */
  roundEvery?: number;
  /** The cost search's reliability-branching parameters (bnb.ts SearchOptions.reliability; for the bench). */
  reliability?: SearchOptions["reliability"];
  /** The cost search's cut-round stop share (bnb.ts SearchOptions.cutStall; for the bench). */
  cutStall?: number;
  /** The cost search's second root after its neighbourhoods (bnb.ts SearchOptions.rootRestart; its default there). */
  rootRestart?: SearchOptions["rootRestart"];
  /** The cost search's second root on the reduced model (bnb.ts SearchOptions.restartReduce; on, it turns the second root on at every size). */
  restartReduce?: SearchOptions["restartReduce"];
  /** The cost search's neighbourhood sub-searches' rules (bnb.ts SearchOptions.subRules; its default there). */
  subRules?: SearchOptions["subRules"];
  /** Told of each better assignment of the cost search: its total (as `Solved.total`) and the nodes so far. */
  onIncumbent?: (total: number, nodes: number) => void;
  /** The cost search's first node-cut restart (bnb.ts SearchOptions.firstRestart; its default there; bnb.ts after DUAL_BELOW: none at 1000 × 45, mixed). */
  firstRestart?: number;
  /** The cost search's node selection (bnb.ts SearchOptions.tree; its default there). */
  tree?: SearchOptions["tree"];
  /** The cost search's capacity propagation at nodes (bnb.ts SearchOptions.propagate; off by default). */
  propagate?: boolean;
  /**
   * The cost search's adaptive stop at its cap (stop.ts; default none: the cap is final), its pivots
   * given as multiples of the base (stopPivots). Without `stall` it changes nothing before the cap,
   * so every search proved within it runs the same; opt-in (the note above CAP_FACTOR's figures).
   */
  stop?: StopRule;
  /** For benches: the cost search's least open bound and incumbent as it goes (bnb.ts SearchOptions.onBound). */
  onBound?: SearchOptions["onBound"];
  /** For benches: the cost search's time and pivots per phase (bnb.ts SearchOptions.profile), and the fewest-out search's as "fewest". */
  profile?: SearchProfile;
  /**
   * For benches and tests: an assignment (as `Solved.pick`) the cost search starts from as its
   * incumbent when it leaves out no more members than the fewest-out root's floor (else as the
   * root's pick does, through the relief). Checked first (startOut): a pick that names no choice or
   * breaks a capacity throws. With the optimum's pick: is the open gap the incumbent's or the bound's?
   */
  start?: readonly number[];
}

/** The members a start pick (OptimalOptions.start) leaves out; throws if it names no choice of its unit or breaks a capacity. */
export function startOut(p: UnitProblem, pick: readonly number[]): number {
  if (pick.length !== p.units.length) throw new Error(`start: ${pick.length} picks for ${p.units.length} units`);
  let out = 0;
  pick.forEach((k, u) => {
    const unit = p.units[u]!;
    if (!Number.isInteger(k) || k < -1 || k >= unit.choices.length) throw new Error(`start: unit ${u} has no choice ${k}`);
    if (k < 0) out += unit.members.length;
  });
  capacityUse(p, pick).forEach((x, r) => {
    if (x > p.resources[r]!.cap) throw new Error(`start: capacity ${r} (${p.resources[r]!.provider} ${p.resources[r]!.kind}) takes ${x} of ${p.resources[r]!.cap}`);
  });
  return out;
}

export function solveOptimal(p: UnitProblem, opts: OptimalOptions = {}): Solved {
  const units = p.units;
  const n = units.length;
  const R = p.resources.length;
  const out = (u: number) => units[u]!.choices.length; // the "unassigned" choice's index
  const allOut = Int32Array.from(units, (_, u) => out(u));
  const startLeft = opts.start ? startOut(p, opts.start) : Infinity;
  const given = opts.start ? Int32Array.from(undominatedPick(p, opts.start), (k, u) => (k < 0 ? out(u) : k)) : null;
  let nodes = 0;
  let pivots = 0;
  // Per capacity row its host (the provider), for the host-swap neighbourhood; the cost model's
  // last row (members out) has none.
  const hostIds = new Map<string, number>();
  const hostOf = Int32Array.from([...p.resources.map((r) => hostIds.get(r.provider) ?? hostIds.set(r.provider, hostIds.size).get(r.provider)!), -1]);

  // 1. Fewest members left out; leaving everyone out always fits. First the root alone.
  const t0 = opts.profile ? performance.now() : 0;
  const root = search(fewestModel(p), allOut, { nodeLimit: Math.min(1, opts.nodeLimit ?? 1), cuts: false, heuristics: opts.heuristics, primal: opts.primal, hostOf, reSolveWith: opts.reSolveWith });
  nodes += root.nodes;
  pivots += root.pivots;
  const floor = Math.max(0, root.rootBound);
  if (opts.profile) opts.profile.fewest = { ms: performance.now() - t0, pivots: root.pivots, n: 1 };

  // 2. Least cost with at most `left` members out; unit n is the relief (choice 1, banned).
  const cheapest = (left: number, start: Int32Array): Searched => {
    const model = costModel(p, left);
    const totalOf = (pick: Int32Array) => {
      let t = 0;
      for (let u = 0; u < n; u++) t += pick[u] === out(u) ? p.unassignedCost * units[u]!.members.length : units[u]!.choices[pick[u]!]!.cost;
      return t;
    };
    const onIncumbent = opts.onIncumbent;
    const budget = pivotBudget(R, opts);
    // A start within `left` members out is an incumbent (relief unused); else the relief makes it fit.
    const first = given && startLeft <= left ? Int32Array.from([...given, 0]) : Int32Array.from([...(given ?? start), 1]);
    const s = search(model, first, {
      nodeLimit: opts.nodeLimit,
      pivotLimit: budget.cap,
      pivotBase: budget.base,
      heuristics: opts.heuristics,
      lagrange: opts.lagrange,
      primal: opts.primal,
      separate: opts.separate,
      hostOf,
      reSolveWith: opts.reSolveWith,
      branching: opts.branching,
      plunge: opts.plunge,
      split: opts.split,
      roundEvery: opts.roundEvery,
      reliability: opts.reliability,
      cutStall: opts.cutStall,
      rootRestart: opts.rootRestart,
      restartReduce: opts.restartReduce,
      subRules: opts.subRules,
      profile: opts.profile,
      firstRestart: opts.firstRestart,
      tree: opts.tree,
      propagate: opts.propagate,
      stop: opts.stop && stopPivots(opts.stop, budget.base),
      onBound: opts.onBound,
      banned: [[n, 1]],
      onIncumbent: onIncumbent && ((pick, _value, at) => onIncumbent(totalOf(pick), nodes + at)),
    });
    nodes += s.nodes;
    pivots += s.pivots;
    return s;
  };

  let left = floor;
  let s2 = root.rootBound === -Infinity ? null : cheapest(left, root.pick);
  // No assignment leaves out only `left` (proved): one more.
  while (s2 && s2.value === Infinity && s2.proved && left < root.value) s2 = cheapest(++left, root.pick);
  const found = s2 !== null && s2.value < Infinity;
  const proved = found && s2!.proved;

  const pick = found ? Array.from(s2!.pick.subarray(0, n), (k, u) => (k === out(u) ? -1 : k)) : Array.from(root.pick, (k, u) => (k === out(u) ? -1 : k));
  let total = 0;
  pick.forEach((k, u) => (total += k < 0 ? p.unassignedCost * units[u]!.members.length : units[u]!.choices[k]!.cost));
  const lowerBound = proved ? p.unassignedCost * left + Math.max(0, s2!.rootBound) : p.unassignedCost * floor;
  const treeBound = found && s2!.treeBound !== undefined ? p.unassignedCost * left + s2!.treeBound : undefined;
  return { pick, total, lowerBound, proved, nodes, pivots, search: s2 ?? undefined, treeBound };
}

/**
 * A pick with each dominated choice (presolve.ts dominated: another as cheap and taking no more of
 * any capacity; of equal ones the later) replaced by an undominated one that dominates it: as
 * feasible and no dearer. The search's LP and neighbourhoods never take a dominated choice, and a
 * neighbourhood must move a unit off one (heuristics.ts restrict): a start on them (another
 * solver's optimum) would send its neighbourhoods after equal-cost moves.
 */
export function undominatedPick(p: UnitProblem, pick: readonly number[]): number[] {
  const dom = dominated({ cost: p.units.map((u) => u.choices.map((c) => c.cost)), res: p.units.map((u) => u.choices.map((c) => c.res)), amt: p.units.map((u) => u.choices.map((c) => c.amt)), cap: p.resources.map((r) => r.cap) });
  return pick.map((k, u) => {
    if (k < 0 || !dom[u]![k]) return k;
    const cs = p.units[u]!.choices;
    const use = new Map(cs[k]!.res.map((r, i) => [r, cs[k]!.amt[i]!]));
    const covers = (j: number) => cs[j]!.cost <= cs[k]!.cost && cs[j]!.res.every((r, i) => cs[j]!.amt[i]! <= 0 || cs[j]!.amt[i]! <= (use.get(r) ?? 0));
    const j = cs.findIndex((_, j) => !dom[u]![j] && covers(j));
    return j < 0 ? k : j;
  });
}

/** Step 1's model: no cost for a placement, |unit| for leaving it out (its last choice). */
export function fewestModel(p: UnitProblem): Model {
  const units = p.units;
  return {
    cost: units.map((u) => [...u.choices.map(() => 0), u.members.length]),
    res: units.map((u) => [...u.choices.map((c) => c.res), []]),
    amt: units.map((u) => [...u.choices.map((c) => c.amt), []]),
    cap: p.resources.map((r) => r.cap),
  };
}

/**
 * Step 2's model: least cost with at most `left` members out. Leaving a unit out costs 0 but takes
 * |unit| of one more capacity (row R, `left`); the last unit is the relief (choice 1, to be banned),
 * which gives that row all the room a start leaving out more members needs.
 */
export function costModel(p: UnitProblem, left: number): Model {
  const units = p.units;
  const R = p.resources.length;
  const total = units.reduce((s, u) => s + u.members.length, 0);
  return {
    cost: [...units.map((u) => [...u.choices.map((c) => c.cost), 0]), [0, 0]],
    res: [...units.map((u) => [...u.choices.map((c) => c.res), [R]]), [[], [R]]],
    amt: [...units.map((u) => [...u.choices.map((c) => c.amt), [u.members.length]]), [[], [-total]]],
    cap: [...p.resources.map((r) => r.cap), left],
  };
}
