// The branching choice of the branch and bound (bnb.ts): which fractional unit a node splits on.
// A node branches on a fractional unit's largest LP column j (x_j = v): one child takes it, the
// other forbids it. Pseudo-costs estimate the children's bound rise: per column, the LP bound's
// rise per unit of change seen so far when it was taken (up, change 1 − v) or forbidden (down,
// change v); a column not yet branched on counts the average. The best product of the two
// expected rises wins (a balanced pair of children closes the gap on both sides); before any
// rise is learnt, the unit whose LP support spans the widest costs.
// Pure bookkeeping over the LP's state: only the probes pivot, and they put the LP back (after
// moving a node's optimum to a basis without forbidden columns when the dual probes need it: settle).
import { closesAt, type Basis, type GubLp, type LpStatus } from "./lp";

const INT_TOL = 1e-6;

/** Per column: the bound's rises per unit of change seen so far, both ways, and their averages. */
export class PseudoCosts {
  readonly up: Float64Array;
  readonly down: Float64Array;
  readonly upN: Int32Array;
  readonly downN: Int32Array;
  /**
   * Per column: sides seen without a rate, counted toward η, not the rates: probes skipped
   * (ReliabilityOptions.skipUp / skipDown), children closed by a dual bound under cutoffLearn "count".
   */
  readonly upSkip: Int32Array;
  readonly downSkip: Int32Array;
  private upSum = 0;
  private downSum = 0;
  private upCount = 0;
  private downCount = 0;

  constructor(columns: number) {
    this.up = new Float64Array(columns);
    this.down = new Float64Array(columns);
    this.upN = new Int32Array(columns);
    this.downN = new Int32Array(columns);
    this.upSkip = new Int32Array(columns);
    this.downSkip = new Int32Array(columns);
  }

  /** The bound rose by `rise` when column j moved by `change` (taken: up; forbidden: down). */
  learn(j: number, up: boolean, change: number, rise: number) {
    if (change <= INT_TOL) return;
    const gain = Math.max(0, rise) / change;
    if (up) (this.up[j]! += gain, this.upN[j]!++, (this.upSum += gain), this.upCount++);
    else (this.down[j]! += gain, this.downN[j]!++, (this.downSum += gain), this.downCount++);
  }

  /**
   * A child closed by a dual bound, not solved (a dual cutoff at the incumbent, or a stopped dual
   * probe whose bound closes it): its rise was at least `lower` when column j moved by `change`.
   * How that teaches (ReliabilityOptions.cutoffLearn): "none" not at all; "bound" as a sample of
   * `lower` (biased low: the child's optimum is higher); "censored" as a sample of the larger of
   * `lower` and the current estimate (only raises it; else counts toward η at the mean); "count"
   * toward η only (upSkip / downSkip).
   */
  learnLower(j: number, up: boolean, change: number, lower: number, mode: CutoffLearn) {
    if (mode === "none" || change <= INT_TOL || !(lower >= 0) || !Number.isFinite(lower)) return;
    if (mode === "count") return void (up ? this.upSkip[j]!++ : this.downSkip[j]!++);
    const rate = up ? this.upRate(j) : this.downRate(j);
    this.learn(j, up, change, mode === "bound" ? lower : Math.max(lower, rate * change));
  }

  /** Some rise has been seen both ways (before that the averages mean nothing). */
  get learnt(): boolean {
    return this.upCount > 0 && this.downCount > 0;
  }

  /** The expected rise per unit of change of taking column j (its own average, else everyone's). */
  upRate(j: number): number {
    return this.upN[j]! > 0 ? this.up[j]! / this.upN[j]! : this.upCount > 0 ? this.upSum / this.upCount : 0;
  }

  downRate(j: number): number {
    return this.downN[j]! > 0 ? this.down[j]! / this.downN[j]! : this.downCount > 0 ? this.downSum / this.downCount : 0;
  }

  /** The score of a branching on column j at value v: the product of both expected rises. */
  score(j: number, v: number): number {
    return product(this.upRate(j) * (1 - v), this.downRate(j) * v);
  }
}

/** The score of a pair of children's rises (each floored, so a zero on one side still ranks by the other). */
export function product(up: number, down: number): number {
  return Math.max(up, 1e-6) * Math.max(down, 1e-6);
}

/** What the choice reads at a node: the LP (solved), the fractional units, per unit its largest column and value. */
export interface BranchAt {
  lp: GubLp;
  cost: number[][];
  frac: number[];
  fracMark: Uint8Array;
  first: Int32Array;
  firstVal: Float64Array;
  keyVal: Float64Array;
  /** Probe by the dual simplex (probe's `dual`): the search re-solves its nodes by it (bnb.ts SearchOptions.probeWith). */
  dual?: boolean;
  /** Dual probes stop once their bound closes the child (probe's `cutoff`; bnb.ts SearchOptions.dualCutoff). */
  cutoff?: boolean;
  /** The node's depth, branchings below the root (ReliabilityOptions.deepFrom). */
  depth?: number;
}

/** The unit to branch on by pseudo-costs (the widest cost span before any is learnt). */
export function pseudoChoice(pc: PseudoCosts, at: BranchAt): number {
  const { lp, frac, first, firstVal } = at;
  const unitStart = lp.unitStart;
  let bu = frac[0]!;
  let score = -1;
  if (!pc.learnt) {
    const span = spans(at);
    for (const u of frac) {
      if (span.get(u)! > score) {
        score = span.get(u)!;
        bu = u;
      }
    }
    return bu;
  }
  for (const u of frac) {
    const sc = pc.score(unitStart[u]! + first[u]!, firstVal[u]!);
    if (sc > score) {
      score = sc;
      bu = u;
    }
  }
  return bu;
}

/**
 * How a node picks its branching (SearchOptions.branching):
 *  - "pseudo": pseudoChoice alone (the old rule);
 *  - "reliability": a column whose pseudo-costs rest on fewer than `reliable` samples either way
 *    is strong-branched first (probe): both children solved from the node's basis on a small
 *    pivot budget, the LP put back; their rises teach the pseudo-costs, and a child found
 *    infeasible or at the best known total is dropped at once (the node keeps one child, or none).
 */
export type BranchRule = "pseudo" | "reliability";

/** How a child closed by a dual bound teaches the pseudo-costs (PseudoCosts.learnLower). */
export type CutoffLearn = "none" | "bound" | "censored" | "count";

export interface ReliabilityOptions {
  /** Samples either way that make a column's pseudo-costs trusted (η). */
  reliable: number;
  /** Candidates strong-branched in a row without a better score that end the look-ahead (λ). */
  lookahead: number;
  /** Candidates strong-branched at one node at most. */
  maxProbes: number;
  /** Pivots per probed child at most (a multiple of the LP's rows: a pivot's work grows with them). */
  childPivotsPerRow: number;
  /**
   * Probes' share of the work: they may take at most `share` × the node re-solves' pivots so far
   * (not the primal sub-searches': those run on their own budget), plus `startRows` × the LP's
   * rows (the first nodes, where nothing is learnt yet). Infinity: no cap.
   */
  share: number;
  startRows: number;
  /** The chosen unit's children re-solve from where their probes stopped (Branching.upFrom), not from the node's basis. */
  reuseProbes: boolean;
  /**
   * Once a candidate's down child is probed, its up child is not when even this many (≥ 1) times
   * its expected rise (pseudo-costs) could not beat the best score so far: it cannot win then, and
   * learns its down side only (unset: always probed). Off: on the 36 small bench instances
   * (100×10, 250×20, 500×30, both shapes, seeds 0–5: `BENCH_SEEDS=6 BENCH_VARIANTS=
   * "default;skipUp=2;skipDown=1"`, bench/assign-probes.bench.ts) skipUp 2 took ×1.04 fewer pivots
   * (geometric mean) and skipDown 1 ×1.10 (18 better, 3 worse by > 5 %; 500×30 random s0 6,783 →
   * 5,065, 44 → 25 nodes), but both left 250×20 random s3 and 500×30 clustered s2 (proved on 205k
   * and 120k pivots by default) unproved on the budget (on seeds 6–11 of 250×20 and 500×30,
   * BENCH_FIRST_SEED=6: ×1.04 and ×1.02, no proof lost, 250×20 random s8 43k → 101k with
   * skipDown 1); so did childPivotsPerRow 0.5 (×1.04), teaching a stopped probe's lower bound as
   * a sample, and charging a skipped child to the probes' cap (so its savings buy no more probes).
   * Why those proofs went: a skipped side was never learnt, so its column stayed untrusted and was
   * probed again at every node (500×30 clustered s2: 1,264 → 6,178 probes); and both instances find
   * their optimum only after node 1,500 (no neighbourhood runs there: bnb.ts smallSchedule's gap
   * rule), so any change of path risks the budget. Since, a skipped side counts toward η
   * (PseudoCosts.upSkip): with settle, seeds 0–5 of the 36 (in one run, base settle alone), skipDown
   * 1 ×1.035 fewer pivots (12 better, 4 worse by > 5 %), none unproved, 500×30 random s0 5,756 →
   * 4,928 (313 → 237 ms CPU); but 500×30 random s1 49,131 → 68,211, clustered s2 83,603 → 141,300:
   * still off. skipUp 2 ×0.96 on seeds 0–2, 500×30 clustered s2 unproved.
   */
  skipUp?: number;
  /** The same the other way round: the up child (a third of the probes' pivots) probed first, the down child skipped; wins over skipUp. */
  skipDown?: number;
  /**
   * Dual probes only: a node whose optimal basis holds a forbidden column (at 0: a cut's surplus,
   * the banned relief; the root's primal solve and the cut rebuilds leave them) is first re-solved
   * by the dual simplex, which drives them out by degenerate pivots (the point stays). With one in
   * the basis the first level has duals, so hundreds of allowed columns price below 0 on the cost
   * level, every probe shifts their costs and its primal clean-up runs to the limit without a
   * bound: at 500×30 random s0 the root's 8 probes took 1,508 pivots (124 a side, most stopped,
   * teaching nothing); settled (16 pivots), all solved on 6 probes. On (RELIABILITY): figures there.
   */
  settle?: boolean;
  /**
   * The probes also forbid the node's reduced-cost-fixable columns (bnb.ts forbids them in both
   * children): each probe is then the child's LP, its bound the child's, and the dual phases skip
   * those columns (48 % of them at 500×30 random s0's root). Opt-in: with settle, on the 18 small
   * instances of RELIABILITY's figures, pivots ×1.05 fewer than neither (×1.10 for settle alone),
   * CPU ×0.98, and 500×30 clustered s2 unproved (166,667 pivots); 500×30 random s0 5,725 pivots,
   * 257 ms (settle alone 5,756, 272 ms). Over seeds 3–11 about as settle alone.
   */
  fixProbes?: boolean;
  /**
   * Once a candidate's first probed child is closed, its other child is not probed: the node
   * branches there anyway, keeping that child alone, which then re-solves as a node (from the
   * node's basis instead of the probe's end) and teaches its rise there. Opt-in: with the cutoff and
   * cutoffLearn "bound", on the 36 small bench instances (`BENCH_SEEDS=6 BENCH_VARIANTS="cutoff=true,
   * cutoffLearn=bound;cutoff=true,cutoffLearn=bound,oneClosed=true" npm run bench:assign-probes`)
   * pivots ×0.99 (3 better, 6 worse by > 5 %), 250×20 random s3 proved but 500×30 clustered s3 +16 cents.
   */
  oneClosed?: boolean;
  /**
   * From this depth on (branchings below the root) a column is trusted on `deepReliable` samples
   * either way instead of `reliable` (0: no probes there, the pseudo-costs alone). Unset: one η.
   * Opt-in: at 1000 × 45, seeds 0–5 (figures in RELIABILITY), probes at the root only (deepFrom 1,
   * deepReliable 0) lost 3 of the 4 clustered proofs; deepFrom 8 with η 4 took ×0.95 the pivots
   * (clustered, geometric mean) and ended random s0 419 cents higher; deepFrom 16 with η 0 ×0.97,
   * random s2 unproved; with η 2 ×0.90, clustered s2 unproved.
   */
  deepFrom?: number;
  deepReliable?: number;
  /**
   * Only the first `candidates` fractional units in pseudo-cost order may be probed (SCIP's
   * hybrid pre-filter): past them an untrusted unit ranks by its estimates. Unset: all. Opt-in: at
   * 1000 × 45 (seeds 0–5) every value moved single instances by ±10–35 % and none helped both
   * shapes: 2 lost random s2's proof, 4 (with childPivotsPerRow 0.5: clustered ×1.11 fewer pivots,
   * s0 52,557 → 35,408) took random s2's proof 80,053 → 110,408 pivots and ended three random
   * totals 10–30 cents higher, 6 proved random s5 but ended s3 320 cents higher (RELIABILITY).
   */
  candidates?: number;
  /** Dual node re-solves and dual probes stop at the incumbent (bnb.ts SearchOptions.dualCutoff, which wins; unset: DUAL_CUTOFF). */
  cutoff?: boolean;
  /** How a node or probe side closed by a dual bound teaches (PseudoCosts.learnLower; unset: "none"; measured in bnb.ts DUAL_CUTOFF: no mode pays everywhere). */
  cutoffLearn?: CutoffLearn;
}

/**
 * Chosen on bench:assign-branch (cost search, seed 0): every probe is a primal simplex re-solve
 * from the node's vertex (most of a child's pivots drive the forbidden column out), not the few
 * dual pivots a strong branching usually takes, so probes are few and short: η 8 with λ 3 took
 * 250 × 20 random to 213 nodes / 142k pivots (η 4: 478 / 216k; 2 pivots per row a child: 602 /
 * 246k, unproved), and with no cap the probes took up to 80 % of the pivots (1000 × 45 random
 * ended 837 cents worse). The cap (half the node re-solves' pivots + 50 × rows) and the children
 * started from their probes' bases: pivots ×1.27 / ×1.47 / ×1.49 fewer on 100 × 10, 250 × 20,
 * 500 × 30 random, ×0.92 / ×0.70 on 100 × 10, 250 × 20 clustered. With the probes by the dual
 * simplex (probe's `dual`, where the nodes re-solve by it) the same parameters took, pseudo ÷
 * reliability in pivots, ×0.99 / ×3.10 / ×1.56 on 100 × 10, 250 × 20, 500 × 30 random and ×1.00
 * / ×1.38 / ×2.42 clustered (500 × 30 clustered proved where pseudo spent the budget), against
 * ×0.72 / ×1.13 / ×1.07 and ×0.88 / ×0.65 / ×1.62 with primal probes in the same run
 * (BENCH_RULES=pseudo,reliability,reliability+primal npm run bench:assign-branch): the default
 * below 600 units since (bnb.ts SMALL_BELOW).
 */
// Since (OptimalOptions.reliability, pivots on 30 small instances: 100×10 seeds 0–2, 250×20 and
// 500×30 seeds 0–5, both shapes; 752,820 with these): maxProbes 4 774,546 (11 fewer, 8 more by
// >5 %: 500×30 random s1 29,011 → 49,065), 3 863,770, maxProbes 12 with lookahead 4 ×1.18 on
// the first 21; on seeds 0–2 alone lookahead 1 or 2, startRows 10 or 20 and reliable 4 left
// 500×30 clustered s2 unproved (119,857 pivots proved with these). At 500×30 random s0 the
// probes stop at the startRows cap (4,565 of 6,783 pivots), so fewer per node only spreads them.
// `settle` (on since): 100×10, 250×20, 500×30 seeds 0–2, both shapes, against settle off in one
// run (CPU ms, median of 3, bench/.scratch timing script), pivots 218,788 → 194,853 (×1.10 geometric
// mean; 10 instances fewer by > 5 %, 1 more: 500×30 random s1 29,011 → 49,131, its optimum found
// at node 294 instead of 9), CPU ×1.03, the same totals, all proved; 500×30 random s0 6,783 → 5,756
// pivots, 364 → 272 ms; 500×30 clustered s2 119,857 → 83,603. Seeds 0–11 (72 instances): ×1.08,
// 36 better, 10 worse, 250×20 random s3 unproved (205,177 pivots proved before: both find the
// optimum after node 1,700 and it ends 2 cents short), 500×30 clustered s11 open either way, 247 cents higher.
// At 1000×45 (its reliability probes are dual too; seeds 0–1): random s0 73 cents lower, s1 equal
// (open), clustered proved on 76,042 → 70,957 and 42,576 → 45,074 pivots.
// Where the probes go at 1000×45 (scratch trace, default; clustered s0 / random s0): 185 / 382
// probes, 13,952 / 21,870 pivots, the down side ⅔ (median 40 and 25 pivots a side, the R-pivot
// cap reached once); one root branching (4 probes); clustered s0 by depth 1–3, 4–7, 8–15, 16+:
// 2,292, 4,800, 4,650, 1,867 pivots; random s0 62 % at depth ≥ 16 (650 of its 709 branchings). A
// probed rise against the pseudo-costs' estimate (score ratio): median 0.28, p10 0.004, p90 2.8.
// The probes changed the pseudo-cost choice at 21 of clustered s0's 51 probing nodes and closed a
// child at 17. A probed child plunged into already re-solves on almost nothing (clustered s0: 49
// children, 251 pivots, 41 with none; random s0: 125, 4), so skipping it saves only the restore's
// refactorisation. Sweeps there, seeds 0–5 both shapes (`BENCH_SIZES=1000x45 BENCH_SHAPES=clustered
// BENCH_SEEDS=6 BENCH_VARIANTS="default;…" npm run bench:assign-probes`, then random), against the
// default (clustered s0–2, s5 proved on 52,557 / 49,711 / 102,155 / 69,578 pivots; random s2 on
// 80,053; random totals s0, s1, s3, s4, s5): childPivotsPerRow 0.5: clustered ×1.04 fewer pivots
// (geometric mean), random s2 98,068, totals −28, −57, +243, +141, −53; candidates 2 / 4 / 6 and
// depth rules: ReliabilityOptions.candidates, deepFrom. Every variant moves single instances by
// ±10–35 %: the path (where the optimum turns up) dominates; no default changed. The probes run at
// their cap there (share × node re-solves + startRows × R): with none at depth ≥ 16 (deepFrom 16,
// deepReliable 0, where random s0 spent 62 % of them) its probes took 22,778 pivots, not 21,870
// (the budget went to shallower nodes); clustered ×0.97, s1 49,711 → 79,681, s2 102,155 → 59,503.
// A smaller cap: share 0.25 cut the probes' pivots by 0–27 % but clustered ×0.98 (s0 52,557 →
// 71,599), random s2's proof 89,588, totals −4, −38, +124, +9, +11; startRows 25 ×0.91, clustered s2 unproved.
// With the 1.5× cap (optimal.ts CAP_FACTOR), 1000 × 45 seeds 0–5 (`BENCH_SIZES=1000x45
// BENCH_SHAPES=random BENCH_SEEDS=6 BENCH_VARIANTS="default;rel4;rel12" npm run
// bench:assign-probes`, then clustered; default figures in bnb.ts TreeRules): η 4 lost random s1's
// proof (+13), random totals s0 −188, s3 +243, s4 +145, clustered 40,294 / 52,105 / 55,446 /
// 93,235 pivots to the proofs (36,088 / 58,618 / 47,486 / 46,755), s3 0, s4 −11; η 12 ended
// random s1 at its optimum unproved (gap 1), s0 +156 (gap 354 → 510), s3, s4 equal, s5 96,493 →
// 91,426; clustered 36,088 / 77,308 / 44,837 / 67,289, s3 −7, s4 −11 (gaps 20 → 11, 50 → 37).
// The probes' cap doubled (`share=1`): random s1 open (+4, gap 13), s0 −48, s3 +24, s4 +26, s2
// 84,517, s5 86,916; clustered 36,285 / 63,428 / 51,342 / 54,624, s3 +1, s4 +35. maxProbes 12 with
// λ 4 (`probes12`): random s1 open (+18), s0 −60, s3 +67, s4 +145, s2 64,179, s5 162,713;
// clustered 61,780 / 60,825 / 44,485 / 57,232, s3 −2, s4 +79. None kept every proof: unchanged.
export const RELIABILITY: ReliabilityOptions = { reliable: 8, lookahead: 3, maxProbes: 8, childPivotsPerRow: 1, share: 0.5, startRows: 50, reuseProbes: true, settle: true };

/** What a branching decided: the unit, its column, and which children are left to solve. */
export interface Branching {
  unit: number;
  /** Keep the child that takes the column / that forbids it (false: a probe proved it empty or no better than `ub`). */
  up: boolean;
  down: boolean;
  /** Where the chosen unit's probes stopped, per child (absent: not probed): a child re-solves from there, not from the node's basis. */
  upFrom?: Basis;
  downFrom?: Basis;
}

/** A child's LP probed from the node's basis: its LP bound when solved (or an estimate), or why it closes. */
interface Probe {
  /**
   * The rise over the node's LP optimum: exact when `solved`; when stopped, an over-estimate from a
   * primal point with no forbidden mass, a lower bound from a dual one (`lower`), else NaN.
   */
  rise: number;
  solved: boolean;
  /** The rise is a lower bound (a dual probe stopped in its dual phase): a valid bound, not a sample. */
  lower?: boolean;
  /** Infeasible, or its bound reaches `ub`: the child holds nothing better. */
  closed: boolean;
  pivots: number;
  /** The basis the probe stopped at when primal feasible for the child (only costs differ), unless infeasible. */
  end?: Basis;
}

/**
 * Solves the node's LP with columns `cols` forbidden too, on at most `limit` pivots, then puts the
 * LP back as it found it: the same forbidden counts, basis, point and duals (a refactorisation from
 * the node's basis snapshot; a basis that will not come back is re-optimised instead, so the LP
 * ends at an optimum of the node either way). `dual`: by the dual simplex (GubLp.probeDual) from
 * the node's optimum, as the search re-solves its nodes below DUAL_BELOW units (bnb.ts): the
 * forbidden columns leave by dual pivots, and a probe the limit stops still has a lower bound on
 * the child (its dual objective), which may close it; the primal's stopped point only estimates.
 * A one-pivot dual probe is the Driebeek/Tomlin penalty: on 250 × 20 and 500 × 30 random, seeds
 * 0–2, its rise was a median 1–20 % of the child's and it closed 27 children where the full
 * probes closed 111: too weak to screen candidates or close children, so there is no penalty pass.
 */
export function probe(lp: GubLp, cols: readonly number[], z: number, ub: number, limit: number, back: ReturnType<GubLp["snapshot"]>, dual = false, cutoff = false): Probe {
  const before = lp.pivots;
  for (const j of cols) lp.forbidden[j]!++;
  let status: LpStatus | "cutoff";
  let lower = NaN;
  let feasible = true;
  if (dual) ({ status, bound: lower, feasible } = lp.probeDual(limit, cutoff ? ub : Infinity));
  else status = lp.solve(limit);
  const o = lp.objective();
  const end = status === "infeasible" || !feasible ? undefined : lp.snapshot();
  for (const j of cols) lp.forbidden[j]!--;
  if (!lp.restore(back)) lp.solve();
  lp.solve(0); // the duals of the node's costs again (restore leaves the child's)
  const pivots = lp.pivots - before;
  const closes = (cost: number) => closesAt(cost, ub);
  if (status === "infeasible") return { rise: Infinity, solved: true, closed: true, pivots };
  // The dual phase stopped once its bound reached ub (GubLp cutoff): closed, the bound not a sample.
  if (status === "cutoff") return { rise: Math.max(0, lower - z), solved: false, lower: true, closed: true, pivots };
  if (status === "optimal") return { rise: Math.max(0, o.cost - z), solved: true, closed: closes(o.cost), pivots, end };
  // Stopped in a dual phase: its cost bounds the child's optimum from below.
  if (!feasible) return Number.isNaN(lower) ? { rise: NaN, solved: false, closed: false, pivots } : { rise: Math.max(0, lower - z), solved: false, lower: true, closed: closes(Math.max(lower, z)), pivots };
  // Stopped on a primal point: with no forbidden mass it costs at least the child's optimum.
  return { rise: o.forbidden > 1e-7 ? NaN : Math.max(0, o.cost - z), solved: false, closed: false, pivots, end };
}

/** Work and outcome of the probes over a search (Searched.strong*). */
export interface ProbeStats {
  probes: number;
  pivots: number;
  /** Children a probe closed. */
  closed: number;
}

/**
 * Reliability branching: candidates in order of their pseudo-cost score (the widest cost span
 * before any rise is learnt); a trusted one is scored by its pseudo-costs, an untrusted one is
 * probed both ways. Stops after `lookahead` probes in a row without a better score, or at a
 * candidate with a closed child (one child left: branching there is a fixing, no split).
 * `budget`: pivots the probes may still take in all; `treePivots`: the node re-solves' so far (the share's base).
 */
export function reliabilityChoice(pc: PseudoCosts, at: BranchAt, z: number, ub: number, budget: number, treePivots: number, stats: ProbeStats, o: ReliabilityOptions = RELIABILITY): Branching {
  const { lp } = at;
  if (o.settle && at.dual && forbiddenBasic(lp)) stats.pivots += settle(lp, budget);
  const fixed = o.fixProbes ? rcFixable(lp, lp.forbidden, ub, z) : [];
  for (const j of fixed) lp.forbidden[j]!++;
  try {
    return choose(pc, at, z, ub, budget, treePivots, stats, o);
  } finally {
    for (const j of fixed) lp.forbidden[j]!--;
  }
}

/** Some forbidden column is basic (at 0, the LP being at an optimum with no forbidden mass). */
function forbiddenBasic(lp: GubLp): boolean {
  for (let p = 0; p < lp.R; p++) if (lp.forbidden[lp.basis[p]!]! > 0) return true;
  for (let u = 0; u < lp.U; u++) if (lp.forbidden[lp.key[u]!]! > 0) return true;
  return false;
}

/**
 * The node's optimum on a basis without forbidden columns (ReliabilityOptions.settle): the dual
 * simplex drives them out by degenerate pivots, so the point, its value and the caller's fractional
 * units stay; the primal then re-prices. Anything but an optimum puts the old basis back. Its pivots.
 */
function settle(lp: GubLp, limit: number): number {
  const before = lp.pivots;
  const back = lp.snapshot();
  if (lp.solveDual(Math.max(0, limit)) !== "optimal") {
    if (!lp.restore(back)) lp.solve();
    lp.solve(0); // the duals of the node's basis again
  }
  return lp.pivots - before;
}

/**
 * Reduced-cost fixing at an LP optimum of value z: the allowed nonbasic columns whose x_j = 1 would
 * lift the bound to at least the incumbent's ub (whole cents: ub − 1 is the best still wanted):
 * bnb.ts's fixing below a node and at the second root, and the probes' with fixProbes.
 */
export function rcFixable(lp: GubLp, forbidden: ArrayLike<number>, ub: number, z: number): number[] {
  const budget = ub - 1 - z + 1e-7 * Math.max(1, Math.abs(z));
  const out: number[] = [];
  for (let j = 0; j < lp.N; j++) {
    if (forbidden[j]! > 0 || lp.isBasic(j)) continue;
    if (Math.abs(lp.reducedForbidden(j)) > 1e-9) continue;
    if (lp.reducedCost(j) > budget) out.push(j);
  }
  return out;
}


function choose(pc: PseudoCosts, at: BranchAt, z: number, ub: number, budget: number, treePivots: number, stats: ProbeStats, o: ReliabilityOptions): Branching {
  const { lp, frac, first, firstVal } = at;
  const unitStart = lp.unitStart;
  const span = pc.learnt ? null : spans(at);
  const prior = frac.map((u) => ({ u, s: span ? span.get(u)! : pc.score(unitStart[u]! + first[u]!, firstVal[u]!) }));
  prior.sort((a, b) => b.s - a.s || a.u - b.u);
  const back = lp.snapshot();
  budget = Math.min(budget, o.share * treePivots + o.startRows * lp.R - stats.pivots);
  const childLimit = Math.max(1, Math.round(o.childPivotsPerRow * lp.R));
  let best: Branching = { unit: prior[0]!.u, up: true, down: true };
  let bestScore = -1;
  let probes = 0;
  let sinceBetter = 0;
  const reliable = o.deepFrom !== undefined && (at.depth ?? 0) >= o.deepFrom ? (o.deepReliable ?? o.reliable) : o.reliable;
  const listed = o.candidates ?? Infinity;
  for (let i = 0; i < prior.length; i++) {
    const { u } = prior[i]!;
    const j = unitStart[u]! + first[u]!;
    const v = firstVal[u]!;
    let sc: number;
    let ends: Pick<Branching, "upFrom" | "downFrom"> = {};
    // A skipped side counts toward η: else the column stays untrusted and is probed at every node
    // (500×30 clustered s2 with skipDown 1: 1,264 → 6,178 probes, unproved; ReliabilityOptions.skipUp).
    const trusted = Math.min(pc.upN[j]! + pc.upSkip[j]!, pc.downN[j]! + pc.downSkip[j]!) >= reliable;
    if (trusted || probes >= o.maxProbes || budget < 2 * childLimit || i >= listed) {
      if (!trusted && probes > 0) break; // out of probes: the rest rank by estimates only, below the probed ones
      sc = pc.score(j, v);
    } else {
      probes++;
      const others: number[] = [];
      for (let k = unitStart[u]!; k < unitStart[u + 1]!; k++) if (k !== j && lp.forbidden[k] === 0) others.push(k);
      // The second child's probe is skipped when even `skipUp` / `skipDown` × its expected rise
      // could not make the candidate win (ReliabilityOptions.skipUp).
      const hopeless = (other: Probe, k: number | undefined, rate: number) => k !== undefined && pc.learnt && bestScore > 0 && !other.closed && Number.isFinite(other.rise) && product(Math.max(1, k) * rate, other.rise) <= bestScore;
      const skipped: Probe = { rise: NaN, solved: false, closed: false, pivots: 0 };
      const unprobed: Probe = { rise: NaN, solved: false, closed: false, pivots: 0 }; // oneClosed: the child is made and solved as a node
      let down: Probe;
      let up: Probe;
      if (o.skipDown !== undefined) {
        up = probe(lp, others, z, ub, childLimit, back, at.dual, at.cutoff);
        down = o.oneClosed && up.closed ? unprobed : hopeless(up, o.skipDown, pc.downRate(j) * v) ? skipped : probe(lp, [j], z, ub, childLimit, back, at.dual, at.cutoff);
      } else {
        down = probe(lp, [j], z, ub, childLimit, back, at.dual, at.cutoff);
        up = o.oneClosed && down.closed ? unprobed : hopeless(down, o.skipUp, pc.upRate(j) * (1 - v)) ? skipped : probe(lp, others, z, ub, childLimit, back, at.dual, at.cutoff);
      }
      if (down === skipped) pc.downSkip[j]!++;
      if (up === skipped) pc.upSkip[j]!++;
      budget -= down.pivots + up.pivots;
      stats.probes++;
      stats.pivots += down.pivots + up.pivots;
      if (down.solved && Number.isFinite(down.rise)) pc.learn(j, false, v, down.rise);
      else if (down.lower && down.closed) pc.learnLower(j, false, v, down.rise, o.cutoffLearn ?? "none");
      if (up.solved && Number.isFinite(up.rise)) pc.learn(j, true, 1 - v, up.rise);
      else if (up.lower && up.closed) pc.learnLower(j, true, 1 - v, up.rise, o.cutoffLearn ?? "none");
      if (down.closed || up.closed) {
        stats.closed += (down.closed ? 1 : 0) + (up.closed ? 1 : 0);
        return { unit: u, up: !up.closed, down: !down.closed, ...(o.reuseProbes ? { upFrom: up.end, downFrom: down.end } : {}) };
      }
      const upRise = Number.isNaN(up.rise) ? pc.upRate(j) * (1 - v) : up.rise;
      const downRise = Number.isNaN(down.rise) ? pc.downRate(j) * v : down.rise;
      sc = product(upRise, downRise);
      if (o.reuseProbes) ends = { upFrom: up.end, downFrom: down.end };
    }
    if (sc > bestScore) {
      bestScore = sc;
      best = { unit: u, up: true, down: true, ...ends };
      sinceBetter = 0;
    } else if (!trusted && ++sinceBetter >= o.lookahead) break;
  }
  return best;
}

/** Per fractional unit: the span of the costs its LP support takes. */
function spans(at: BranchAt): Map<number, number> {
  const { lp, cost, frac, fracMark, keyVal } = at;
  const unitStart = lp.unitStart;
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  const see = (u: number, c: number) => {
    lo.set(u, Math.min(lo.get(u) ?? Infinity, c));
    hi.set(u, Math.max(hi.get(u) ?? -Infinity, c));
  };
  for (const u of frac) if (keyVal[u]! > INT_TOL) see(u, cost[u]![lp.key[u]! - unitStart[u]!]!);
  for (let p = 0; p < lp.R; p++) {
    const j = lp.basis[p]!;
    const u = lp.colUnit[j]!;
    if (u >= 0 && fracMark[u] && lp.xw[p]! > INT_TOL) see(u, cost[u]![j - unitStart[u]!]!);
  }
  return new Map(frac.map((u) => [u, hi.get(u)! - lo.get(u)!]));
}

/**
 * Which child a node plunges into (the other waits in the heap, SearchOptions.plunge):
 *  - "up": the one that takes the column (the old rule: whole assignments come quickly);
 *  - "estimate": the one whose bound the pseudo-costs expect to rise least (best estimate), the
 *    taking one on a tie or before anything is learnt.
 */
export type PlungeRule = "up" | "estimate";

export function plungeFirst(rule: PlungeRule, pc: PseudoCosts, j: number, v: number): "up" | "down" {
  if (rule === "up" || !pc.learnt) return "up";
  return pc.downRate(j) * v < pc.upRate(j) * (1 - v) ? "down" : "up";
}

/**
 * How a node splits the chosen unit (SearchOptions.split):
 *  - "column": its largest column taken (every other choice forbidden) or forbidden (the old rule);
 *  - "gub": its allowed choices in cost order cut in two sets, the cheaper and the dearer, where
 *    the LP's weight is split closest to half; one child forbids one set, the other the other
 *    (SOS1 branching: both children move the LP point by about half, more balanced children).
 * Pseudo-costs stay per column (the unit's largest): "up" is the child that keeps its set.
 * "gub" stays opt-in: at 1000 × 45 seeds 0–5 on today's mid rules and the 1.5× cap (`BENCH_SIZES=
 * 1000x45 BENCH_SHAPES=random BENCH_SEEDS=6 BENCH_VARIANTS="default;gub" npm run
 * bench:assign-probes`, then clustered) it lost random s1's and s2's proofs (open 5 and 0 cents
 * above the optimum, gaps 17 and 2), ended s0, s3, s4 +149, +510, +18 cents, took s5's proof on
 * 118,287 pivots (96,493); clustered kept every proof on 75,995 / 65,751 / 110,187 / 43,946
 * pivots (36,088 / 58,618 / 47,486 / 46,755) and ended s3, s4 −1, −11 cents (gaps 19, 36).
 */
export type SplitRule = "column" | "gub";

export interface Split {
  /** Columns the "up" child forbids (keeping column j's set), and the "down" child (j's set). */
  up: number[];
  down: number[];
  /** The LP weight on j's set (the "down" child moves it, the "up" child the rest). */
  weight: number;
  /** False: no cut had weight on both sides (weights within the tolerance), so this is the column split. */
  gub: boolean;
}

/** The GUB split of unit u around its largest column j (at the LP's current point). */
export function gubSplit(lp: GubLp, cost: readonly number[], u: number, j: number): Split {
  const start = lp.unitStart[u]!;
  const w = new Float64Array(cost.length);
  w[lp.key[u]! - start] = lp.keyValues()[u]!;
  for (let p = 0; p < lp.R; p++) if (lp.colUnit[lp.basis[p]!] === u) w[lp.basis[p]! - start] = lp.xw[p]!;
  const ks = cost.map((_, k) => k).filter((k) => lp.forbidden[start + k] === 0);
  ks.sort((a, b) => cost[a]! - cost[b]! || a - b);
  // The cut after position t (1 … length − 1) whose prefix weight is closest to half, both sides weighted.
  let cut = -1;
  let bestDist = Infinity;
  for (let t = 1, acc = w[ks[0]!]!; t < ks.length; acc += w[ks[t]!]!, t++) {
    if (acc <= INT_TOL || acc >= 1 - INT_TOL) continue;
    const d = Math.abs(acc - 0.5);
    if (d < bestDist) (bestDist = d), (cut = t);
  }
  const k = j - start;
  if (cut < 0) return { up: ks.filter((c) => c !== k).map((c) => start + c), down: [j], weight: w[k]!, gub: false };
  const low = ks.slice(0, cut);
  const high = ks.slice(cut);
  const [own, other] = low.includes(k) ? [low, high] : [high, low];
  let weight = 0;
  for (const c of own) weight += w[c]!;
  return { up: other.map((c) => start + c), down: own.map((c) => start + c), weight, gub: true };
}
