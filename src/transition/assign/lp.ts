// The LP relaxation of "each unit takes exactly one of its choices, within capacities", solved
// exactly by a primal simplex with generalized upper bounding (GUB):
//   min Σ c_j x_j   s.t.  Σ_{j∈u} x_j = 1 (every unit u),  Σ_j a_rj x_j + s_r = cap_r,  x, s ≥ 0.
// Each unit keeps one basic "key" column; substituting it out leaves a working basis of only R × R
// (R = the capacity rows, a few hundred at most), whatever the number of units and choices. Its
// inverse is dense, updated per pivot and recomputed every REFACTOR pivots; both loops skip zeros
// (the basis columns have 1–8 nonzeros, so the inverse stays sparse-ish), entries below DROP are
// roundoff set to 0, and a refactorisation inverts only the structural columns' block (basic
// slacks are unit columns).
// The duals are not recomputed per pivot (that was an R × R product, most of a pivot's time): the
// resource duals y move by a rank-one step, y += d_e · (row of the leaving position in the new
// inverse), and a unit's dual π_u = c_key − y·a_key is computed when pricing reaches the unit.
// They are recomputed from scratch at each refactorisation and at the start of every solve (the
// caller changes `forbidden`, hence the first-level costs, between solves).
// Branch and bound (bnb.ts) forbids columns. A forbidden column is not removed: it gets a first-
// level cost of 1 in a lexicographic objective (forbidden mass, then cost), which is the exact
// "infinite penalty". So the basis stays primal feasible through every branching and backtracking,
// and a node whose least forbidden mass is positive is infeasible.
// Degenerate pivots are common (keys at 1, full capacities): after a run of them the entering and
// leaving columns are chosen by Bland's rule, which cannot cycle; after a long run, by Dantzig's
// pricing and a lexicographic ratio test (a symbolic perturbation of the basic values), which
// cannot cycle either and does not stall as Bland's rule can (LEX_AFTER). The two levels priced with a
// band on the first can cycle by non-degenerate pivots (one column in for the mass at a cost, one
// back for the cost at a mass within the band): 2,000 non-degenerate pivots without progress, and
// the first level is solved alone with Bland (solve()'s stall guard, STALL_AFTER).
// A child node is re-solved by a dual simplex instead (solveDual): the forbidden columns are then
// fixed at 0 rather than priced on a first level, so the parent's optimum is dual feasible and the
// forbidden basic columns leave by dual pivots, where the primal spent mostly degenerate ones. Given
// the incumbent (`cutoff`), it stops once its dual objective closes the child (closesAt).

export interface Model {
  /** Per unit, per choice: whole-number cost. */
  cost: number[][];
  /** Per unit, per choice: the capacities it takes (parallel arrays of index and amount). */
  res: number[][][];
  amt: number[][][];
  cap: number[];
}

const REFACTOR = 80;
const PIVOT_TOL = 1e-9;
/** A pivot element below this share of the entering column's largest entry is rounding noise (pivotTol). */
const PIVOT_REL = 1e-9;

/**
 * The ratio test's least pivot element for the entering column w (= B⁻¹ a_e): PIVOT_TOL, or
 * PIVOT_REL of w's largest entry when that is more. With the fractional rows of GMI cuts
 * (gomory.ts) an entry that is 0 in exact arithmetic came out at ~1e-9 beside entries of ~50, was
 * taken as the pivot of a degenerate step, and the basis turned singular (bench:assign-cuts 500×30
 * clustered threw "singular working basis" at the next refactorisation). An entry skipped here
 * only lets its basic value move by θ·w_p, within the tolerances.
 */
function pivotTol(w: Float64Array): number {
  let top = 0;
  for (let p = 0; p < w.length; p++) top = Math.max(top, Math.abs(w[p]!));
  return Math.max(PIVOT_TOL, PIVOT_REL * top);
}
const PRIMAL_TOL = 1e-9;
/**
 * B⁻¹ and w entries below this are roundoff where the exact value is 0, and are set to 0. The
 * entries of B⁻¹ are ≥ 1e-8 or ≤ 1e-11 (1000×45 clustered, 30k pivots: histogram by decade), and
 * half of its nonzeros before a refactorisation were such residues (≤ 1e-14 mostly) that every
 * rank-one update carried along; HiGHS drops below 1e-14 too.
 */
const DROP = 1e-14;
/** A degenerate run this long takes Bland's rule (the primal and the dual phase). */
const BLAND_AFTER = 60;
/**
 * A primal degenerate run this long leaves Bland's rule for a lexicographic ratio test with
 * Dantzig's pricing (perturb()) until the next non-degenerate pivot. Bland's rule cannot cycle but
 * stalls: the 2,000 × 60 random cost search's root LP started from HiGHS's assignment (89 of 177
 * rows tight) took 100,000 degenerate pivots, no basis twice, and stopped unsolved; now 1,904 (562
 * lexicographic; from the 60th instead of Bland: 849, and Dantzig's alone 733, the same optimum).
 * From the 60th it changed the small searches' paths (bench:assign-engine 500 × 30 clustered s2:
 * proved in 2,866 nodes before, open at its pivot limit after); from the 1,000th they are the same.
 */
const LEX_AFTER = 1000;
/**
 * restore() keeps the factorisations of this many bases, the most recently used. More found almost
 * nothing more (bench:assign-engine's 18 small instances: 8,783 refactorisations, 4,513 of them
 * copies with 1, 4,525 with 8): a basis restored again is nearly always the last one.
 */
const KEEP = 1;
/**
 * solve()'s stall guard. Pricing both levels with a ±1e-9 band on the first is not a consistent
 * order: a column at d1 = −1.3e-9 entered "for the first level" at a cost of +1155, then one at
 * +7.6e-10 (inside the band) entered back for −1155 — two non-degenerate pivots forever, so Bland
 * (degenerate runs only) never engaged (29×8 clustered seed 604885's cost search after its first
 * cut round: 100,000 pivots at the root; a band of 1e-7 cycled the same way at ±1e-7). After
 * STALL_AFTER non-degenerate pivots without lexicographic progress (forbidden mass down by 1e-9,
 * or cost down at the same mass; exact arithmetic has none): a fresh factorisation, then the
 * first level alone (a plain phase 1: the mass falls at each non-degenerate pivot, Bland for
 * good) until the mass is gone or minimal; after as many again without progress, "limit".
 */
const STALL_AFTER = 2000;
/**
 * dualRow takes its sparse pass when ρ's nonzero rows list fewer entries (eligible columns' and
 * keys') than this share of the eligible columns. Timed pass against pass on the same rows (each row
 * computed by both, in turn first; 2 cores shared, so ratios only): 2000 × 60 clustered s0 (mid rules)
 * ×0.80 at 0.5, ×0.82 at 1, ×0.91 at 2 on the unreduced LP; 1000 × 45 clustered s0 ×0.87 / ×0.93 /
 * ×1.48; always sparse ×0.85–2.3 (1.7 at 500 × 30 random); random rows reach ~95 % of the eligible
 * columns, so the full pass stays there. Keeping the row lists up to date on every dual pivot costs
 * ≤ 2 % of a 2000 × 60 random search's self time (profile); building them lazily, a unit-by-unit full
 * pass and a flagged leaving-row scan (tried 2026-12, same pivots bit for bit) measured ×1.03 CPU
 * over 1000 × 45 and 2000 × 60 seeds 0–2 both shapes, so they were left out.
 */
let SPARSE_ROW = 0.5;
/** Benches and tests: dualRow's sparse pass from another share (0: never, Infinity: always); returns the old one. */
export function setSparseRow(share: number): number {
  const old = SPARSE_ROW;
  SPARSE_ROW = share;
  return old;
}
/**
 * The dual phase's leaving row: the largest infeasibility (Dantzig), or with dual steepest edge the
 * largest infeasibility² over the row's weight ‖row of B⁻¹‖² (kept exactly by each exchange; a key's
 * weight 1 + its unit's rows' weights). Opt-in while it is measured (bench:assign-profile `dse`).
 */
let DUAL_STEEPEST: DualSteepest = false;
/** Steepest edge in every dual phase (true), none (false), or only in strong-branching probes / node re-solves. */
export type DualSteepest = boolean | "probes" | "nodes";
/** Benches and tests: the dual phase's pricing (true: steepest edge); returns the old one. */
export function setDualSteepest(on: DualSteepest): DualSteepest {
  const old = DUAL_STEEPEST;
  DUAL_STEEPEST = on;
  return old;
}
/** A steepest-edge weight through an exchange (row − f·g, `dot` = row·g, `gg` = ‖g‖²), floored against roundoff. */
function dseNext(w: number, f: number, dot: number, gg: number): number {
  return Math.max(w - 2 * f * dot + f * f * gg, 1e-12);
}
/** A dual phase this many degenerate pivots in a row gives up: the primal takes over. */
const DUAL_STALL = 400;
/** Column position marks in `pos`: a key column, or nonbasic. */
const KEY = -2;
const NONBASIC = -1;

export type LpStatus = "optimal" | "infeasible" | "limit";

/** A node whose LP optimum is `lower` or more is closed by an incumbent of `ub` (totals are whole cents; bnb.ts's rounding). */
export function closesAt(lower: number, ub: number): boolean {
  return Math.ceil(lower - 1e-7 * Math.max(1, Math.abs(lower))) >= ub;
}

/** A basis of a GubLp (snapshot/restore): per unit its key's choice index, then the R working columns by position. */
export interface Basis {
  /** The GubLp.id of the LP it was taken on: restore() takes it on that LP only. */
  lp: number;
  key: Uint16Array | Int32Array;
  basis: Int32Array;
}

export interface GubLpOptions {
  /**
   * Rows from this index on get a surplus column too (−1 on the row, forbidden for good): an
   * artificial that lets `startFrom` make a row the given point violates basic and feasible; the
   * first level drives it out. Default: none.
   */
  surplusFrom?: number;
}

/** Numbers the LPs, so a stored basis can name its LP without holding it (GubLp.id). */
let lpCount = 0;

export class GubLp {
  /** This LP among those made in this process: a Basis taken on it carries it (Basis.lp). */
  readonly id = ++lpCount;
  readonly U: number;
  readonly R: number;
  /** Columns: unit u's choices are unitStart[u] … unitStart[u+1]-1; then R slacks; then the surplus columns (GubLpOptions). */
  readonly N: number;
  /** Per row: its surplus column, or -1. */
  private readonly surplusCol: Int32Array;
  /** All columns: N + R + the surplus ones. */
  private readonly C: number;
  readonly unitStart: Int32Array;
  readonly colUnit: Int32Array;
  private readonly colStart: Int32Array;
  private readonly colRes: Int32Array;
  private readonly colAmt: Float64Array;
  readonly cost: Float64Array;
  /** > 0: forbidden (a counter, so nested forbids undo in any order). */
  readonly forbidden: Int32Array;
  /**
   * Per column: forbidden for good (kill(): the second root's reduced-cost fixing), a record that a
   * rebuilt LP inherits (inheritDead). The dual phase's loops already leave out every forbidden
   * column (its `elig` list); a separate list of the live columns for its per-phase passes saved no
   * measurable time (1000 × 45 seeds 0–1: 82.0 → 82.5 µs a pivot, CPU). Exact: it stays forbidden, so the LP with it fixed at 0 has the same optimum and
   * is infeasible exactly when the LP with it is. The primal's pricing still reads them: skipping
   * them there is exact too, but a priced forbidden column may enter on the first level (d1 < 0, or
   * d1 ≈ 0 and d2 < 0), so the paths changed, for little (pricing was 6 % of a 1000 × 45 search's
   * profile): on 1000 × 45 seeds 0–1, 81.4 → 79.5 µs a pivot (CPU, same run) and totals −230, −59,
   * +52 (clustered s0 no longer proved) and 0 cents.
   */
  readonly dead: Uint8Array;
  private readonly cap: Float64Array;
  /** Per row: the least its units can put on it (each unit takes one choice): a slack is at most cap − this (confirmCutoff; built on its first use). */
  private minLoadRows: Float64Array | null = null;
  private readonly dualTol: number;

  readonly key: Int32Array;
  readonly basis: Int32Array;
  readonly pos: Int32Array;
  private readonly binv: Float64Array;
  /** Dual steepest edge: ‖row p of B⁻¹‖² per position (valid while dseOk), and the keys' weights per pivot. */
  private readonly dse: Float64Array;
  private readonly keyW: Float64Array;
  private dseOk = false;
  /** The dual phase running is a strong-branching probe's (probeDual). */
  private probing = false;
  readonly xw: Float64Array;
  private readonly y1: Float64Array;
  private readonly y2: Float64Array;
  /** π per unit (both levels), valid when piStamp[u] === stamp. */
  private readonly pi1: Float64Array;
  private readonly pi2: Float64Array;
  private readonly piStamp: Int32Array;
  private stamp = 1;
  /** Reduced costs (both levels) of the column price() chose. */
  private enter1 = 0;
  private enter2 = 0;
  private sinceRefactor = 0;
  /** Some basic column is forbidden: the first-level duals are not all zero. */
  private level1 = false;
  /** price() takes first-level improvements only, no cost steps (solve()'s stall guard). */
  private phase1Only = false;
  /**
   * The lexicographic ratio test of a long degenerate run (LEX_AFTER): symbolic perturbed values of
   * the working positions and of the keys, moved by the same pivots as the real ones.
   */
  private lex = false;
  private xi: Float64Array | null = null;
  private xik: Float64Array | null = null;
  private seed = 0x2545f491;
  /** Pivots taken under the lexicographic ratio test. */
  lexPivots = 0;
  /** Where the next partial pricing scan starts. */
  private priceFrom = 0;
  pivots = 0;
  /** Of those, dual simplex pivots (solveDual), and solveDual calls the primal had to take over from the start. */
  dualPivots = 0;
  dualFallbacks = 0;
  /** Dual phases stopped by their cutoff (solveDual/probeDual `cutoff`), and the cutoffs the fresh check refused. */
  dualCutoffs = 0;
  cutoffRefused = 0;
  /** The basis is primal feasible (false only after solveDual proved a node infeasible, or a probeDual stopped: see there). */
  private primalOk = true;
  /** solveDual's start basis (keys, working columns), to go back to when it gives up. */
  private readonly savedKey: Int32Array;
  private readonly savedBasis: Int32Array;
  /** Columns whose cost solveDual shifted to make its start dual feasible, and by how much. */
  private readonly shift: Float64Array;
  private readonly shifted: Int32Array;
  private nShifted = 0;

  // Scratch.
  private readonly t: Float64Array;
  private readonly w: Float64Array;
  /** ftran's nonzero values of t (scratch). */
  private readonly tv: Float64Array;
  private readonly gsum: Float64Array;
  private readonly xsum: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;
  /** Nonzero positions of a row or column (scratch). */
  private readonly nz: Int32Array;
  private readonly nz2: Int32Array;
  private readonly row: Float64Array;
  private readonly fa: Float64Array;
  /** refactor() scratch: per row its basic slack's position, the structural positions, the rows without a slack and their index, the structural columns (sparse). */
  private readonly slackPos: Int32Array;
  private readonly structPos: Int32Array;
  private readonly rowsN: Int32Array;
  private readonly rowIdx: Int32Array;
  private readonly scStart: Int32Array;
  private readonly scRow: Int32Array;
  private readonly scVal: Float64Array;
  private readonly fi: Float64Array;
  /** refactor()'s elimination scratch: the rows a pivot eliminates and their factors, the pivot row's nonzero values in M and in M⁻¹. */
  private readonly elimRow: Int32Array;
  private readonly elimF: Float64Array;
  private readonly av: Float64Array;
  private readonly iv: Float64Array;
  /**
   * The factorisations of the last KEEP bases restore() took (keys, working columns, B⁻¹, working
   * values), allocated at the first restore: a strong-branching probe restores the node's basis
   * after each child, and refactor() of that same basis is then a copy, bit for bit what the
   * Gauss-Jordan gives (the same pivots follow), not an elimination again.
   */
  private readonly kept: { key: Int32Array; basis: Int32Array; binv: Float64Array; xw: Float64Array; dse: Float64Array; dseOk: boolean }[] = [];
  /** The last refactor() was a copy of a kept one (restore() need not keep it again). */
  private copied = false;
  /** Dual ratio test scratch: per unit ρ·a_key, the candidates (column, |α|, reduced cost), key values. */
  private readonly kappa: Float64Array;
  /** The dual row (kappaRow) each κ_u was computed for. */
  private readonly kappaAt: Int32Array;
  private kappaRow = 0;
  private readonly candJ: Int32Array;
  private readonly candA: Float64Array;
  private readonly candD: Float64Array;
  private readonly kv: Float64Array;
  /** The dual phase's row ρ of B⁻¹, copied out contiguous (its loops index it by row without the row's offset). */
  private readonly rho: Float64Array;
  /** Forbidden basic columns at 0 no allowed column can replace (this solveDual). */
  private readonly stuck: Uint8Array;
  /**
   * The dual phase's columns: nonbasic and allowed (elig[0..nElig), eligAt[j] its index), built
   * once per phase (`forbidden` does not change within one) and kept by its pivots, so a tableau
   * row reads no basic nor forbidden column. Unordered: ties go to the lowest column explicitly.
   */
  private readonly elig: Int32Array;
  private readonly eligAt: Int32Array;
  private nElig = 0;
  /**
   * dualRow's sparse pass (built at the first dual phase: `rowIndex`): per row its eligible
   * columns' entries (row r's at rowEl[rowAt[r] … rowAt[r] + rowElN[r]), an entry index into
   * colRes, elSlot its slot there) and the units whose key is on it (keyEl, keyN; a code
   * u · keyW + the entry's place in the key's column, keySlot its slot), kept by enterElig,
   * leaveElig and the dual phase's key changes.
   */
  private ix: {
    rowAt: Int32Array;
    rowEl: Int32Array;
    rowElN: Int32Array;
    elSlot: Int32Array;
    entCol: Int32Array;
    keyEl: Int32Array;
    keyN: Int32Array;
    keySlot: Int32Array;
    keyW: number;
    colSeen: Int32Array;
    todo: Int32Array;
  } | null = null;

  constructor(m: Model, opts: GubLpOptions = {}) {
    const U = m.cost.length;
    const R = m.cap.length;
    const surplusFrom = Math.min(R, opts.surplusFrom ?? R);
    const C0 = R - surplusFrom; // surplus columns
    this.U = U;
    this.R = R;
    const unitStart = new Int32Array(U + 1);
    let nnz = 0;
    for (let u = 0; u < U; u++) {
      unitStart[u + 1] = unitStart[u]! + m.cost[u]!.length;
      for (const rs of m.res[u]!) nnz += rs.length;
    }
    const N = unitStart[U]!;
    const C = N + R + C0;
    this.N = N;
    this.C = C;
    this.unitStart = unitStart;
    this.colUnit = new Int32Array(C);
    this.colStart = new Int32Array(C + 1);
    this.colRes = new Int32Array(nnz + R + C0);
    this.colAmt = new Float64Array(nnz + R + C0);
    this.cost = new Float64Array(C);
    let at = 0;
    let maxCost = 1;
    for (let u = 0; u < U; u++) {
      for (let k = 0; k < m.cost[u]!.length; k++) {
        const j = unitStart[u]! + k;
        this.colUnit[j] = u;
        this.cost[j] = m.cost[u]![k]!;
        maxCost = Math.max(maxCost, Math.abs(this.cost[j]!));
        this.colStart[j] = at;
        const rs = m.res[u]![k]!;
        for (let i = 0; i < rs.length; i++) {
          this.colRes[at] = rs[i]!;
          this.colAmt[at++] = m.amt[u]![k]![i]!;
        }
      }
    }
    for (let r = 0; r < R; r++) {
      this.colUnit[N + r] = -1;
      this.colStart[N + r] = at;
      this.colRes[at] = r;
      this.colAmt[at++] = 1;
    }
    this.surplusCol = new Int32Array(R).fill(-1);
    for (let r = surplusFrom; r < R; r++) {
      const j = N + R + (r - surplusFrom);
      this.surplusCol[r] = j;
      this.colUnit[j] = -1;
      this.colStart[j] = at;
      this.colRes[at] = r;
      this.colAmt[at++] = -1;
    }
    this.colStart[C] = at;
    this.dualTol = 1e-9 * maxCost;
    this.forbidden = new Int32Array(C);
    this.dead = new Uint8Array(C);
    // Not dead: priced, a surplus column entered now and then (d1 = 1 + y1_r < 0), and dead they
    // changed the root's path (1000×45 random s0: other cuts, the root bound 3.6 lower) for nothing (a column a cut).
    for (let r = surplusFrom; r < R; r++) this.forbidden[this.surplusCol[r]!] = 1;
    this.cap = Float64Array.from(m.cap);
    this.key = new Int32Array(U);
    this.basis = new Int32Array(R);
    this.pos = new Int32Array(C).fill(NONBASIC);
    this.binv = new Float64Array(R * R);
    this.dse = new Float64Array(R);
    this.keyW = new Float64Array(U);
    this.xw = new Float64Array(R);
    this.y1 = new Float64Array(R);
    this.y2 = new Float64Array(R);
    this.pi1 = new Float64Array(U);
    this.pi2 = new Float64Array(U);
    this.t = new Float64Array(R);
    this.w = new Float64Array(R);
    this.tv = new Float64Array(R);
    this.gsum = new Float64Array(U);
    this.xsum = new Float64Array(U);
    this.touched = new Int32Array(U + 1);
    this.mark = new Uint8Array(U);
    this.piStamp = new Int32Array(U);
    this.nz = new Int32Array(R);
    this.nz2 = new Int32Array(R);
    this.row = new Float64Array(R);
    this.fa = new Float64Array(R * R);
    this.fi = new Float64Array(R * R);
    this.elimRow = new Int32Array(R);
    this.elimF = new Float64Array(R);
    this.av = new Float64Array(R);
    this.iv = new Float64Array(R);
    this.slackPos = new Int32Array(R);
    this.structPos = new Int32Array(R);
    this.rowsN = new Int32Array(R);
    this.rowIdx = new Int32Array(R);
    this.scStart = new Int32Array(R + 1);
    let maxNnz = 1;
    for (let j = 0; j < C; j++) maxNnz = Math.max(maxNnz, this.colStart[j + 1]! - this.colStart[j]!);
    this.scRow = new Int32Array(R * 2 * maxNnz);
    this.scVal = new Float64Array(R * 2 * maxNnz);
    this.savedKey = new Int32Array(U);
    this.savedBasis = new Int32Array(R);
    this.shift = new Float64Array(C);
    this.shifted = new Int32Array(C);
    this.kappa = new Float64Array(U);
    this.kappaAt = new Int32Array(U);
    this.candJ = new Int32Array(C);
    this.candA = new Float64Array(C);
    this.candD = new Float64Array(C);
    this.kv = new Float64Array(U);
    this.rho = new Float64Array(R);
    this.stuck = new Uint8Array(C);
    this.elig = new Int32Array(C);
    this.eligAt = new Int32Array(C);
  }

  /**
   * Column j is forbidden for good: one more forbidden count (never undone) and the dead mark.
   * The caller's promise: no later solve may allow it again.
   */
  kill(j: number) {
    this.forbidden[j]!++;
    this.dead[j] = 1;
  }

  /** The dead marks of another LP on the same units (its choice columns; a rebuilt LP, whose `forbidden` the caller copied). */
  inheritDead(prev: GubLp) {
    for (let j = 0; j < this.N; j++) if (prev.dead[j]) this.dead[j] = 1;
  }

  /** The number of dead columns (choices only). */
  deadChoices(): number {
    let n = 0;
    for (let j = 0; j < this.N; j++) n += this.dead[j]!;
    return n;
  }


  /** Start from an assignment that fits (per unit: a choice index): keys = its columns, all slacks basic. */
  start(pick: ArrayLike<number>) {
    this.dseOk = false;
    this.pos.fill(NONBASIC);
    for (let u = 0; u < this.U; u++) {
      const j = this.unitStart[u]! + pick[u]!;
      this.key[u] = j;
      this.pos[j] = KEY;
    }
    for (let r = 0; r < this.R; r++) {
      this.basis[r] = this.N + r;
      this.pos[this.N + r] = r;
    }
    this.refactor();
    this.primalOk = true;
  }

  /**
   * Start from another LP's basis on the same units (the same choice columns, some rows dropped or
   * added: rowMap[r] is prev's row r here, or -1 when dropped): the same keys and basic columns
   * (slacks and surplus columns follow their row), and each new row's slack basic, or its surplus
   * column when the point violates the row. The point is unchanged, so the basis is primal feasible
   * (block triangular, so nonsingular) as long as every dropped row's slack was basic. False when
   * it cannot be done (a dropped row was tight, a violated row has no surplus column, or the
   * basis is numerically unusable); the LP must then be started with start().
   */
  startFrom(prev: GubLp, rowMap: ArrayLike<number>): boolean {
    const { N, R, U } = this;
    if (prev.N !== N || prev.U !== U) return false;
    this.dseOk = false;
    const prevSlack = prev.N + prev.R;
    const prevSurplusRow = new Int32Array(prev.C - prevSlack);
    for (let r = 0; r < prev.R; r++) if (prev.surplusCol[r]! >= 0) prevSurplusRow[prev.surplusCol[r]! - prevSlack] = r;
    this.pos.fill(NONBASIC);
    for (let u = 0; u < U; u++) {
      this.key[u] = prev.key[u]!;
      this.pos[prev.key[u]!] = KEY;
    }
    // Row activities at prev's point (this LP's rows), to place new rows' basic columns.
    const act = new Float64Array(R);
    const add = (j: number, x: number) => {
      if (x === 0) return;
      for (let i = this.colStart[j]!; i < this.colStart[j + 1]!; i++) act[this.colRes[i]!]! += x * this.colAmt[i]!;
    };
    const keyVal = prev.keyValues();
    for (let u = 0; u < U; u++) add(prev.key[u]!, keyVal[u]!);
    const mapped = new Uint8Array(R);
    for (let r = 0; r < prev.R; r++) if (rowMap[r]! >= 0) mapped[rowMap[r]!] = 1;
    let n = 0;
    for (let p = 0; p < prev.R; p++) {
      const j = prev.basis[p]!;
      let col = j;
      if (j >= N) {
        const r = j < prevSlack ? j - N : prevSurplusRow[j - prevSlack]!;
        const here = rowMap[r]!;
        if (here < 0) continue; // a dropped row whose slack (or surplus) was basic
        col = j < prevSlack ? N + here : this.surplusCol[here]!;
        if (col < 0) return false;
      } else add(j, prev.xw[p]!);
      if (n >= R) return false;
      this.basis[n] = col;
      this.pos[col] = n++;
    }
    for (let r = 0; r < R; r++) {
      if (mapped[r]) continue;
      const col = act[r]! <= this.cap[r]! + 1e-9 ? N + r : this.surplusCol[r]!;
      if (col < 0 || n >= R) return false;
      this.basis[n] = col;
      this.pos[col] = n++;
    }
    if (n !== R) return false; // a dropped row was tight: one basic column too many
    if (!this.refactorFeasible()) return false;
    this.priceFrom = 0;
    this.primalOk = true;
    return true;
  }

  /**
   * A basis snapshot() took on `prev` carried over to this LP, built from prev's rows by startFrom's
   * `rowMap` (rows added or dropped, same units): the same keys and structural basic columns, a
   * kept row's slack or surplus as its row's here, each new row's slack basic (restore() puts its
   * surplus column in its place when the basis's point violates the row). Null when it cannot be
   * (another LP's basis, a dropped row's slack nonbasic: one basic column too many).
   */
  carry(b: Basis, prev: GubLp, rowMap: ArrayLike<number>): Basis | null {
    const { N, R, U } = this;
    if (b.lp !== prev.id || prev.N !== N || prev.U !== U || b.basis.length !== prev.R) return null;
    const prevSlack = prev.N + prev.R;
    const basis = new Int32Array(R);
    const mapped = new Uint8Array(R);
    for (let r = 0; r < prev.R; r++) if (rowMap[r]! >= 0) mapped[rowMap[r]!] = 1;
    let n = 0;
    for (let p = 0; p < prev.R; p++) {
      const j = b.basis[p]!;
      let col = j;
      if (j >= N) {
        let r = j - N;
        if (j >= prevSlack) for (r = 0; prev.surplusCol[r] !== j; r++); // its row (a surplus column is on one)
        const here = rowMap[r]!;
        if (here < 0) continue; // a dropped row whose slack (or surplus) was basic
        col = j < prevSlack ? N + here : this.surplusCol[here]!;
        if (col < 0) return null;
      }
      if (n >= R) return null;
      basis[n++] = col;
    }
    for (let r = 0; r < R; r++) {
      if (mapped[r]) continue;
      if (n >= R) return null;
      basis[n++] = N + r;
    }
    return n === R ? { lp: this.id, key: b.key, basis } : null;
  }

  /**
   * Refactors the basis just set; false when it is singular or its point is not primal feasible.
   * `surplus`: a basic slack below zero whose row has a surplus column (a new cut row a carried
   * basis violates) gives its place to that column, basic at the violation: forbidden for good,
   * so the first level (or the dual phase) drives it out, as after startFrom.
   */
  private refactorFeasible(surplus = false): boolean {
    try {
      this.refactor();
      if (surplus) {
        let flipped = false;
        for (let p = 0; p < this.R; p++) {
          const j = this.basis[p]!;
          if (this.xw[p]! >= -1e-7 || j < this.N || j >= this.N + this.R) continue;
          const s = this.surplusCol[j - this.N]!;
          if (s < 0) return false;
          this.pos[j] = NONBASIC;
          this.basis[p] = s;
          this.pos[s] = p;
          this.dseOk = false;
          flipped = true;
        }
        if (flipped) this.refactor();
      }
    } catch {
      return false;
    }
    for (let p = 0; p < this.R; p++) if (this.xw[p]! < -1e-7) return false;
    const kv = this.keyValues();
    for (let u = 0; u < this.U; u++) if (kv[u]! < -1e-7) return false;
    return true;
  }

  /**
   * The current basis, compactly (per unit its key's choice index, and the working columns), to
   * come back to with restore(): bnb.ts keeps its node's basis with each child that waits, so the
   * child re-solves from its parent's optimum rather than from wherever the search last was.
   */
  snapshot(): Basis {
    const { U, unitStart } = this;
    let wide = false;
    for (let u = 0; u < U && !wide; u++) wide = unitStart[u + 1]! - unitStart[u]! > 0xffff;
    const key = wide ? new Int32Array(U) : new Uint16Array(U);
    for (let u = 0; u < U; u++) key[u] = this.key[u]! - unitStart[u]!;
    return { lp: this.id, key, basis: this.basis.slice() };
  }

  /** The basis is already `b` (no refactorisation needed to restore it). */
  holds(b: Basis): boolean {
    for (let p = 0; p < this.R; p++) if (this.basis[p] !== b.basis[p]) return false;
    for (let u = 0; u < this.U; u++) if (this.key[u] !== this.unitStart[u]! + b.key[u]!) return false;
    return true;
  }

  /**
   * Back to a basis snapshot() took on this LP (another LP's: false). Only costs (`forbidden`) change between solves,
   * so a basis that was primal feasible still is: the next solve() re-optimises from it. False
   * (the basis unchanged, as before the call) when it does not fit this LP or is numerically
   * unusable. A carried basis (carry()) whose point violates a new cut row starts on that row's
   * surplus column (refactorFeasible's `surplus`); a snapshot of this LP never does.
   */
  restore(b: Basis): boolean {
    const { U, R, unitStart } = this;
    if (b.lp !== this.id || b.key.length !== U || b.basis.length !== R) return false;
    if (this.holds(b)) return (this.primalOk = true); // the parent's point: a basis fixes it
    const oldKey = this.key.slice();
    const oldBasis = this.basis.slice();
    const set = (key: ArrayLike<number>, basis: ArrayLike<number>, offsets: boolean) => {
      this.dseOk = false;
      this.pos.fill(NONBASIC);
      for (let u = 0; u < U; u++) {
        const j = offsets ? unitStart[u]! + key[u]! : key[u]!;
        this.key[u] = j;
        this.pos[j] = KEY;
      }
      for (let p = 0; p < R; p++) {
        this.basis[p] = basis[p]!;
        this.pos[basis[p]!] = p;
      }
    };
    set(b.key, b.basis, true);
    const ok = this.refactorFeasible(true);
    if (!ok) {
      set(oldKey, oldBasis, false);
      this.refactor();
    } else {
      this.primalOk = true;
      this.keep();
    }
    this.priceFrom = 0;
    return ok;
  }

  /** Every column's value (choices, then slacks, then surplus columns if any). */
  values(): Float64Array {
    const v = new Float64Array(this.C);
    const keyVal = this.keyValues();
    for (let u = 0; u < this.U; u++) v[this.key[u]!] = keyVal[u]!;
    for (let p = 0; p < this.R; p++) v[this.basis[p]!] = this.xw[p]!;
    return v;
  }

  /** Σ cost·x and the forbidden mass of the current basic solution. */
  objective(): { cost: number; forbidden: number } {
    let c = 0;
    let f = 0;
    const keyVal = this.keyValues();
    for (let u = 0; u < this.U; u++) {
      const j = this.key[u]!;
      c += this.cost[j]! * keyVal[u]!;
      if (this.forbidden[j]! > 0) f += keyVal[u]!;
    }
    for (let p = 0; p < this.R; p++) {
      const j = this.basis[p]!;
      c += this.cost[j]! * this.xw[p]!;
      if (this.forbidden[j]! > 0) f += this.xw[p]!;
    }
    return { cost: c, forbidden: f };
  }

  /**
   * Every key's value (1 less the working columns of its unit); a roundoff residue (|v| < 1e-12, as
   * refactor() snaps the working values) is 0: a forbidden key left at 1e-16 is no forbidden mass.
   */
  keyValues(): Float64Array {
    const v = new Float64Array(this.U).fill(1);
    for (let p = 0; p < this.R; p++) {
      const u = this.colUnit[this.basis[p]!]!;
      if (u >= 0) v[u]! -= this.xw[p]!;
    }
    for (let u = 0; u < this.U; u++) if (Math.abs(v[u]!) < 1e-12) v[u] = 0;
    return v;
  }

  /** Reduced cost (second level) of column j under the current duals; only meaningful after solve(). */
  reducedCost(j: number): number {
    const u = this.colUnit[j]!;
    if (u >= 0) this.unitDuals(u);
    let d = this.cost[j]! - (u >= 0 ? this.pi2[u]! : 0);
    for (let i = this.colStart[j]!; i < this.colStart[j + 1]!; i++) d -= this.y2[this.colRes[i]!]! * this.colAmt[i]!;
    return d;
  }

  /** First-level reduced cost (forbidden mass) of column j. */
  reducedForbidden(j: number): number {
    const u = this.colUnit[j]!;
    if (u >= 0) this.unitDuals(u);
    let d = (this.forbidden[j]! > 0 ? 1 : 0) - (u >= 0 ? this.pi1[u]! : 0);
    for (let i = this.colStart[j]!; i < this.colStart[j + 1]!; i++) d -= this.y1[this.colRes[i]!]! * this.colAmt[i]!;
    return d;
  }

  /** Row p of the working basis inverse (a copy): with it a caller reads a tableau row (gomory.ts). */
  inverseRow(p: number): Float64Array {
    return this.binv.slice(p * this.R, (p + 1) * this.R);
  }

  isBasic(j: number): boolean {
    return this.pos[j] !== NONBASIC;
  }

  /** Re-optimise from the current basis. `infeasible`: every solution uses a forbidden column. */
  solve(maxPivots = 1_000_000): LpStatus {
    if (!this.primalOk) this.backToSaved();
    let degenerate = 0;
    this.lex = false;
    this.duals(); // the caller may have changed `forbidden`
    this.phase1Only = false;
    // The stall guard: both levels' objectives moved by the chosen reduced costs × θ (from 0), the
    // best pair seen, the non-degenerate pivots since it (a degenerate run has its own rules: large LPs
    // had legitimate ones of 2,000+), and whether it already stalled once.
    let f = 0;
    let c = 0;
    let bestF = 0;
    let bestC = 0;
    let since = 0;
    let stalled = false;
    for (let it = 0; it < maxPivots; it++) {
      if (this.sinceRefactor >= REFACTOR) this.refactor();
      const lex = !stalled && degenerate >= LEX_AFTER;
      if (lex && !this.lex) this.perturb();
      else if (!lex) this.lex = false;
      const bland = stalled || (!lex && degenerate >= BLAND_AFTER);
      let e = this.price(bland);
      if (e < 0 && this.phase1Only) {
        // The mass is minimal: "infeasible" when confirmed on fresh duals; none left: both levels again.
        if (this.objective().forbidden > 1e-7) {
          if (this.sinceRefactor > 0) this.refactor();
          e = this.price(true);
          if (e < 0) return "infeasible";
        } else {
          this.phase1Only = false;
          e = this.price(true);
        }
      }
      if (e < 0) {
        const { forbidden } = this.objective();
        return forbidden > 1e-7 ? "infeasible" : "optimal";
      }
      const d1 = this.enter1;
      const d2 = this.enter2;
      const theta = this.pivot(e, bland);
      if (this.lex) this.lexPivots++;
      degenerate = theta > PRIMAL_TOL ? 0 : degenerate + 1;
      f += d1 * theta;
      c += d2 * theta;
      if (f < bestF - 1e-9 || (f <= bestF + 1e-9 && c < bestC - 1e-9 * Math.max(1, Math.abs(c)))) {
        bestF = f;
        bestC = c;
        since = 0;
      } else if (theta > PRIMAL_TOL && ++since >= STALL_AFTER) {
        if (stalled) return "limit";
        stalled = true;
        since = 0;
        this.phase1Only = this.level1;
        this.refactor();
      }
    }
    return "limit";
  }

  /**
   * Re-optimise after columns were forbidden (a child of branch and bound), by a dual simplex: the
   * parent's optimal basis stays dual feasible on the cost level, and each forbidden basic column
   * with a value is a primal infeasibility (its upper bound is now 0), so it leaves by a dual pivot,
   * as does any basic column a pivot drove negative. Columns allowed again since the basis was
   * optimal may be dual infeasible: their cost is shifted up for the dual phase (bound-shifting's
   * cost twin), and the primal (solve) finishes from the dual's point once the shifts are undone;
   * it also checks the optimum by a full pricing. On numerical trouble (a pivot that disagrees with
   * its recomputed column, a singular refactorisation, a long degenerate run) the start basis comes
   * back and the primal solves the node as before. `infeasible` only after the infeasible row was
   * confirmed on a fresh factorisation; the basis is then primal infeasible (but dual feasible):
   * the next solve() starts from the saved basis, and restore() replaces it.
   */
  solveDual(maxPivots?: number): LpStatus;
  /**
   * With a `cutoff` (the incumbent's whole-cents total): "cutoff" when a dual phase's basis, not
   * cost-shifted, proves the LP's optimum rounds up to at least `cutoff` (see closesAt); the basis is
   * then left as after "infeasible" (primal infeasible, dual feasible).
   */
  solveDual(maxPivots: number, cutoff: number): LpStatus | "cutoff";
  solveDual(maxPivots = 1_000_000, cutoff = Infinity): LpStatus | "cutoff" {
    return this.dualSolve(maxPivots, false, cutoff).status;
  }

  /**
   * A strong-branching probe's solve (branching.ts probe): solveDual, except that a dual phase the
   * limit stops keeps its basis (dual feasible, not primal: the next solve() starts from the saved
   * basis, and restore() replaces it) and returns its cost as `bound`, a lower bound on the LP's
   * optimum (every basis the dual phase passes is dual feasible: its cost is the dual objective).
   * `bound` is NaN when the basis is primal feasible (optimal, or stopped in the primal after a
   * dual phase that finished or gave up) or when the dual phase shifted costs (the bound would be
   * the shifted LP's, not this one's). Infeasible: +Infinity. `feasible`: the basis it stopped at
   * is primal feasible (a child may re-solve from its snapshot).
   */
  probeDual(maxPivots: number, cutoff = Infinity): { status: LpStatus | "cutoff"; bound: number; feasible: boolean } {
    return this.dualSolve(maxPivots, true, cutoff);
  }

  private dualSolve(maxPivots: number, keepAtLimit: boolean, cutoff: number): { status: LpStatus | "cutoff"; bound: number; feasible: boolean } {
    if (!this.primalOk) this.backToSaved();
    this.probing = keepAtLimit;
    this.savedKey.set(this.key);
    this.savedBasis.set(this.basis);
    const before = this.pivots;
    let r: LpStatus | "fallback" | "cutoff";
    try {
      r = this.dualPhase(maxPivots, cutoff);
    } catch {
      r = "fallback"; // a singular refactorisation
    }
    const shifted = this.nShifted > 0;
    this.unshift();
    const left = Math.max(0, maxPivots - (this.pivots - before));
    if (r === "infeasible") {
      this.primalOk = false;
      return { status: "infeasible", bound: Infinity, feasible: false };
    }
    if (r === "cutoff") {
      this.primalOk = false;
      this.dualCutoffs++;
      return { status: "cutoff", bound: this.cutBound, feasible: false };
    }
    if (r === "optimal") return { status: this.solve(left), bound: NaN, feasible: true };
    if (r === "limit" && keepAtLimit) {
      this.primalOk = false;
      return { status: "limit", bound: shifted ? NaN : this.objective().cost, feasible: false };
    }
    this.dualFallbacks++;
    this.backToSaved();
    return { status: r === "limit" ? "limit" : this.solve(left), bound: NaN, feasible: true };
  }

  /** Back to solveDual's start basis (primal feasible: it was the last solve's, or a restored one). */
  private backToSaved() {
    this.dseOk = false;
    this.pos.fill(NONBASIC);
    for (let u = 0; u < this.U; u++) {
      this.key[u] = this.savedKey[u]!;
      this.pos[this.key[u]!] = KEY;
    }
    for (let p = 0; p < this.R; p++) {
      this.basis[p] = this.savedBasis[p]!;
      this.pos[this.basis[p]!] = p;
    }
    this.refactor();
    this.priceFrom = 0;
    this.primalOk = true;
  }

  /** Undo solveDual's cost shifts. */
  private unshift() {
    for (let i = 0; i < this.nShifted; i++) {
      const j = this.shifted[i]!;
      this.cost[j]! -= this.shift[j]!;
      this.shift[j] = 0;
    }
    if (this.nShifted > 0) this.stamp++;
    this.nShifted = 0;
  }

  /** Cost-level duals only (the dual phase treats forbidden columns as fixed at 0, not by a first level). */
  private costDuals() {
    this.duals(true);
  }

  /** The dual phase of solveDual: "optimal" when the point is primal feasible (costs still shifted). */
  private dualPhase(maxPivots: number, cutoff = Infinity): LpStatus | "fallback" | "cutoff" {
    const { C, forbidden, pos, cost, stuck, elig } = this;
    this.costDuals();
    this.nElig = 0;
    const ix = (this.ix ??= this.rowIndex());
    ix.rowElN.fill(0);
    ix.keyN.fill(0);
    for (let u = 0; u < this.U; u++) this.keyIn(u);
    for (let j = 0; j < C; j++) if (pos[j] === NONBASIC && forbidden[j]! === 0) this.enterElig(j);
    // Dual feasibility: an allowed nonbasic column with a negative reduced cost gets a cost shift.
    this.nShifted = 0;
    for (let q = 0, nE = this.nElig; q < nE; q++) {
      const j = elig[q]!;
      const d = this.reducedCost(j);
      if (d < -this.dualTol) {
        this.shift[j] = -d;
        cost[j]! -= d;
        this.shifted[this.nShifted++] = j;
      }
    }
    if (this.nShifted > 0) this.stamp++;
    const stuckList: number[] = [];
    // The pivots run in dualLoop, outside this try: a loop inside a try/finally kept its doubles boxed
    // (a heap number per candidate column: a fifth of a 1000×45 search's allocations).
    try {
      return this.dualLoop(maxPivots, cutoff, stuckList);
    } finally {
      for (const j of stuckList) stuck[j] = 0;
    }
  }

  /** dualPhase's pivots, from its start (elig built, costs shifted); `stuckList`: the columns it marks stuck (dualPhase clears them). */
  private dualLoop(maxPivots: number, cutoff: number, stuckList: number[]): LpStatus | "fallback" | "cutoff" {
    const { R, U, colUnit, forbidden, pos, binv, xw, kv, cost, key, candJ, candA, candD, stuck } = this;
    const tol = PRIMAL_TOL;
    let degenerate = 0;
    // The cutoff is tested only on an unshifted LP (else the dual objective is the shifted LP's),
    // after a pivot (the start is the parent's optimum), at most once per basis.
    const cut = cutoff < Infinity && this.nShifted === 0;
    let checked = -1;
    // After a refused confirmation, how far its fresh bound fell below the dual objective: the next
    // confirmation waits until the objective has risen by as much (each one refactors; refused ones
    // repeated pivot after pivot were 1,026 of 1,747 confirmations at 500×30 clustered s2).
    let margin = 0;
    for (let it = 0; ; it++) {
      if (it >= maxPivots) return "limit";
      if (degenerate > DUAL_STALL) return "fallback";
      if (this.sinceRefactor >= REFACTOR) {
        this.refactor(false); // costDuals: the duals once
        this.costDuals();
      }
      const bland = degenerate >= BLAND_AFTER;
      // Keys' values.
      kv.fill(1);
      for (let p = 0; p < R; p++) {
        const u = colUnit[this.basis[p]!]!;
        if (u >= 0) kv[u]! -= xw[p]!;
      }
      const steep = DUAL_STEEPEST === true || DUAL_STEEPEST === (this.probing ? "probes" : "nodes");
      const dse = this.dse;
      const keyW = this.keyW;
      if (steep) {
        if (!this.dseOk) this.dseWeights();
        keyW.fill(1);
        for (let p = 0; p < R; p++) {
          const u = colUnit[this.basis[p]!]!;
          if (u >= 0) keyW[u]! += dse[p]!;
        }
      }
      if (cut && it > 0 && checked !== this.pivots) {
        checked = this.pivots;
        // The basis is dual feasible, so its cost c_B·x_B (= the dual objective) bounds the LP from below.
        let obj = 0;
        for (let u = 0; u < U; u++) obj += cost[key[u]!]! * kv[u]!;
        for (let p = 0; p < R; p++) obj += cost[this.basis[p]!]! * xw[p]!;
        if (closesAt(obj - margin, cutoff)) {
          if (this.confirmCutoff(cutoff)) return "cutoff";
          this.cutoffRefused++;
          margin = Math.max(margin, obj - this.cutBound);
          continue; // refactored: the keys' values again
        }
      }
      // The leaving variable: the largest infeasibility (Bland: the lowest column); a forbidden
      // basic column at 0 only when there is none (it leaves by a degenerate pivot).
      let leaveP = -1;
      let leaveU = -1;
      let worst = 0;
      let leaveCol = Infinity;
      let zeroP = -1;
      let zeroU = -1;
      // Working positions (i < R), then keys (unit i − R); no closure: this runs every pivot.
      for (let i = 0; i < R + U; i++) {
        const v = i < R ? xw[i]! : kv[i - R]!;
        const j = i < R ? this.basis[i]! : this.key[i - R]!;
        const f = forbidden[j]! > 0;
        const inf0 = v < -tol ? -v : f && v > tol ? v : 0;
        const inf = steep && inf0 > 0 ? (inf0 * inf0) / (i < R ? dse[i]! : keyW[i - R]!) : inf0;
        if (inf > 0) {
          if (bland ? j < leaveCol : inf > worst) {
            worst = inf;
            leaveCol = j;
            leaveP = i < R ? i : -1;
            leaveU = i < R ? -1 : i - R;
          }
        } else if (f && !stuck[j] && zeroP < 0 && zeroU < 0) {
          zeroP = i < R ? i : -1;
          zeroU = i < R ? -1 : i - R;
        }
      }
      if (leaveP < 0 && leaveU < 0) {
        if (zeroP < 0 && zeroU < 0) return "optimal"; // dualPhase clears the stuck marks
        leaveP = zeroP;
        leaveU = zeroU;
      }
      if (leaveU >= 0) {
        const u = leaveU;
        let q = -1;
        for (let p = 0; p < R; p++) if (colUnit[this.basis[p]!] === u && (q < 0 || Math.abs(xw[p]!) > Math.abs(xw[q]!))) q = p;
        if (q < 0) {
          // The unit's key is its only basic column (value 1) and forbidden: the cheapest allowed
          // column of the unit replaces it (every other one of the unit keeps d ≥ 0).
          let e = -1;
          let de = Infinity;
          for (let j = this.unitStart[u]!; j < this.unitStart[u + 1]!; j++) {
            if (pos[j] !== NONBASIC || forbidden[j]! > 0) continue;
            const d = this.reducedCost(j);
            if (d < de) (de = d), (e = j);
          }
          if (e < 0) return "infeasible"; // every column of the unit is forbidden
          this.column(e);
          this.ftran();
          for (let p = 0; p < R; p++) xw[p]! -= this.w[p]!;
          const old = this.key[u]!;
          this.keyOut(u);
          this.switchKey(u, e);
          this.keyIn(u);
          this.leaveElig(e);
          if (forbidden[old]! === 0) this.enterElig(old);
          this.pivots++;
          this.dualPivots++;
          this.sinceRefactor++;
          degenerate = de > this.dualTol ? 0 : degenerate + 1;
          continue;
        }
        this.keyOut(u);
        this.swapKey(u, q, kv[u]!);
        this.keyIn(u);
        this.stamp++;
        leaveP = q;
      }
      // Row leaveP of the tableau: α_j = ρ·a_j − ρ·a_key(u_j), ρ = row leaveP of B⁻¹. Column by
      // column over the eligible ones (elig: the check for basic and forbidden columns was 14 % of
      // dualPhase at 2000×60), or only over those ρ reaches when its rows say they are few (dualRow).
      // A row → units filter and a row-wise scatter (α_j += ρ_r·a_rj) made dualPhase slower: ρ's rows
      // touch most units (a unit filter skipped 1.4 % of them at 2000×60 random, 29 % clustered,
      // 3.5 % and 13.5 % at 500×30, for no gain in CPU per pivot).
      const p = leaveP;
      const rho = this.rho;
      for (let r = 0, o = p * R; r < R; r++) rho[r] = binv[o + r]!;
      const beta = xw[p]!;
      const leaving = this.basis[p]!;
      // Which sign of α can take the leaving column to 0: +1 (it falls), −1 (it rises), 0 (either).
      const dir = beta < -tol ? -1 : beta > tol ? 1 : 0;
      const n = this.dualRow(dir);
      const thetaMax = this.rowThetaMax;
      if (n === 0) {
        if (dir === 0) {
          // A forbidden column at 0 no allowed column can replace: its row is 0 on the node's face.
          stuck[leaving] = 1;
          stuckList.push(leaving);
          continue;
        }
        return this.confirmInfeasible(p, dir) ? "infeasible" : "fallback";
      }
      // Among the columns within Harris's step, the largest |α| (Bland: the least ratio), then the lowest column.
      let c = -1;
      for (let i = 0; i < n; i++) {
        const ratio = Math.max(candD[i]!, 0) / candA[i]!;
        if (bland) {
          const rc = c < 0 ? Infinity : Math.max(candD[c]!, 0) / candA[c]!;
          if (c < 0 || ratio < rc || (ratio === rc && candJ[i]! < candJ[c]!)) c = i;
        } else if (ratio <= thetaMax && (c < 0 || candA[i]! > candA[c]! || (candA[i] === candA[c] && candJ[i]! < candJ[c]!))) c = i;
      }
      const e = candJ[c]!;
      this.column(e);
      this.ftran();
      const piv = this.w[p]!;
      const aw = candA[c]!;
      // The row and the column must agree on the pivot element, else B⁻¹ has drifted.
      if (Math.abs(Math.abs(piv) - aw) > 1e-7 * Math.max(1, aw) || (dir !== 0 && Math.sign(piv) !== dir)) return "fallback";
      const theta = beta / piv;
      for (let q = 0; q < R; q++) xw[q]! -= theta * this.w[q]!;
      const de = Math.max(candD[c]!, 0);
      this.enter1 = 0;
      this.enter2 = candD[c]!;
      this.exchange(e, p, theta);
      this.leaveElig(e);
      if (forbidden[leaving]! === 0) this.enterElig(leaving);
      this.pivots++;
      this.dualPivots++;
      this.sinceRefactor++;
      // No progress of the dual objective (θ_D·|β|) when the entering reduced cost is 0; a forbidden
      // column at 0 leaving is not counted (each such pivot takes one out for good).
      if (dir !== 0) degenerate = de > this.dualTol ? 0 : degenerate + 1;
    }
  }
  /** Harris's bound of the last dualRow(). */
  private rowThetaMax = Infinity;

  /**
   * The dual ratio test's candidates from the tableau row of ρ (this.rho): per eligible column with
   * α of the sign `dir` asks (|α| > PIVOT_TOL), candJ/candA/candD; returns their number, Harris's
   * bound in rowThetaMax. ρ is sparse on clustered models (2000 × 60 clustered s0, mid rules: 12 % of
   * the rows nonzero, 39 % of the eligible columns reached; random: 41 % and 95 %), hence the
   * sparse pass (SPARSE_ROW, `ix`).
   */
  private dualRow(dir: number): number {
    const { R, colUnit, colStart, colRes, colAmt, kappa, cost, y2, pi2, candJ, candA, candD, elig, kappaAt, key, rho } = this;
    // κ_u when the pass first meets a column of u (kappaAt): many units have no eligible column.
    const row = ++this.kappaRow;
    // The sparse pass: α_j is exactly 0 (never a candidate) unless a row of j or of its unit's key
    // has ρ ≠ 0, so only those columns are computed (each as in the full pass: the same bits, and the
    // choice below does not depend on the candidates' order), when the row lists say that is fewer.
    const ix = this.ix!;
    const { rowAt, rowElN, keyN } = ix;
    let work = 0;
    for (let r = 0; r < R; r++) if (rho[r] !== 0) work += rowElN[r]! + keyN[r]!;
    let list = elig;
    let nE = this.nElig;
    if (work < SPARSE_ROW * nE) {
      const { rowEl, keyEl, keyW, entCol, colSeen, todo } = ix;
      const { unitStart, pos, forbidden } = this;
      let nT = 0;
      // Units whose key ρ reaches (κ_u ≠ 0): every eligible column of theirs.
      for (let r = 0; r < R; r++) {
        if (rho[r] === 0) continue;
        for (let s = rowAt[r]!, e = s + keyN[r]!; s < e; s++) {
          const u = (keyEl[s]! / keyW) | 0;
          if (kappaAt[u] === row) continue;
          kappaAt[u] = row;
          const k = key[u]!;
          let v = 0;
          for (let i = colStart[k]!, f = colStart[k + 1]!; i < f; i++) v += rho[colRes[i]!]! * colAmt[i]!;
          kappa[u] = v;
          if (v === 0) continue;
          for (let j = unitStart[u]!, f = unitStart[u + 1]!; j < f; j++) {
            if (pos[j] !== NONBASIC || forbidden[j]! > 0 || colSeen[j] === row) continue;
            colSeen[j] = row;
            todo[nT++] = j;
          }
        }
      }
      // The eligible columns on ρ's rows.
      for (let r = 0; r < R; r++) {
        if (rho[r] === 0) continue;
        for (let s = rowAt[r]!, e = s + rowElN[r]!; s < e; s++) {
          const j = entCol[rowEl[s]!]!;
          if (colSeen[j] === row) continue;
          colSeen[j] = row;
          todo[nT++] = j;
        }
      }
      list = todo;
      nE = nT;
    }
    let n = 0;
    let thetaMax = Infinity;
    for (let q = 0; q < nE; q++) {
      const j = list[q]!;
      const u = colUnit[j]!;
      let a = 0;
      if (u >= 0) {
        if (kappaAt[u] !== row) {
          kappaAt[u] = row;
          const k = key[u]!;
          let v = 0;
          for (let i = colStart[k]!, e = colStart[k + 1]!; i < e; i++) v += rho[colRes[i]!]! * colAmt[i]!;
          kappa[u] = v;
        }
        a = -kappa[u]!;
      }
      const s0 = colStart[j]!;
      const s1 = colStart[j + 1]!;
      for (let i = s0; i < s1; i++) a += rho[colRes[i]!]! * colAmt[i]!;
      if (dir > 0 ? a <= PIVOT_TOL : dir < 0 ? a >= -PIVOT_TOL : Math.abs(a) <= PIVOT_TOL) continue;
      const aa = Math.abs(a);
      if (u >= 0) this.unitDuals(u);
      let d = cost[j]! - (u >= 0 ? pi2[u]! : 0);
      for (let i = s0; i < s1; i++) d -= y2[colRes[i]!]! * colAmt[i]!;
      candJ[n] = j;
      candA[n] = aa;
      candD[n++] = d;
      // Harris: the longest dual step that keeps every reduced cost above −dualTol.
      const ub = (Math.max(d, 0) + this.dualTol) / aa;
      if (ub < thetaMax) thetaMax = ub;
    }
    this.rowThetaMax = thetaMax;
    return n;
  }

  private minLoad(): Float64Array {
    if (this.minLoadRows) return this.minLoadRows;
    const { U, R, unitStart, colStart, colRes, colAmt } = this;
    const load = new Float64Array(R);
    // Per unit and row the least amount over its choices (0 for a choice off the row).
    const least = new Float64Array(R);
    const seen = new Int32Array(R);
    const rows: number[] = [];
    for (let u = 0; u < U; u++) {
      rows.length = 0;
      for (let j = unitStart[u]!; j < unitStart[u + 1]!; j++) {
        for (let e = colStart[j]!; e < colStart[j + 1]!; e++) {
          const r = colRes[e]!;
          const a = colAmt[e]!;
          if (seen[r] === 0) rows.push(r), (least[r] = a);
          else least[r] = Math.min(least[r]!, a);
          seen[r]!++;
        }
      }
      // A choice off the row puts 0 on it (a choice lists a row once).
      for (const r of rows) (load[r]! += seen[r]! < unitStart[u + 1]! - unitStart[u]! ? Math.min(0, least[r]!) : least[r]!), (seen[r] = 0);
    }
    return (this.minLoadRows = load);
  }

  /** The bound of the last "cutoff" (confirmCutoff's): a lower bound on that LP's optimum (bnb.ts teaches it as a cut-off child's rise). */
  private cutBound = NaN;
  get cutoffBound(): number {
    return this.cutBound;
  }

  /**
   * A cutoff on a fresh factorisation and fresh duals: the LP's optimum is at least
   * c_B·x_B + Σ min(0, d_j)·(upper bound of x_j) over the allowed nonbasic columns (a unit's column
   * ≤ 1; a row's slack ≤ its capacity less the least load of its units, `minLoad`: refusing any
   * slack with d_j < 0, often a roundoff −1e-12, refused 1,026 of 1,747 cutoffs at 500×30
   * clustered s2), and that must still round up to `cutoff`.
   */
  private confirmCutoff(cutoff: number): boolean {
    this.refactor(false);
    this.costDuals();
    let lower = this.objective().cost;
    for (let q = 0; q < this.nElig; q++) {
      const j = this.elig[q]!;
      const d = this.reducedCost(j);
      if (d >= 0) continue;
      // A unit's column is at most 1; row r's slack at most cap_r less the least load its units can put on it.
      const r = j - this.N;
      lower += this.colUnit[j]! >= 0 ? d : r < this.R ? d * Math.max(0, this.cap[r]! - this.minLoad()[r]!) : -Infinity;
    }
    // Refused, cutBound is the fresh bound for dualPhase's margin.
    this.cutBound = lower;
    return closesAt(lower, cutoff);
  }

  private enterElig(j: number) {
    this.eligAt[j] = this.nElig;
    this.elig[this.nElig++] = j;
    const { rowAt, rowEl, rowElN, elSlot } = this.ix!;
    const { colStart, colRes } = this;
    for (let i = colStart[j]!, e = colStart[j + 1]!; i < e; i++) {
      const r = colRes[i]!;
      const s = rowAt[r]! + rowElN[r]!++;
      rowEl[s] = i;
      elSlot[i] = s;
    }
  }

  /** Out of elig by a swap with the last one (the order does not matter: see elig), and out of its rows' lists. */
  private leaveElig(j: number) {
    const i = this.eligAt[j]!;
    const last = this.elig[--this.nElig]!;
    this.elig[i] = last;
    this.eligAt[last] = i;
    const { rowAt, rowEl, rowElN, elSlot } = this.ix!;
    const { colStart, colRes } = this;
    for (let k = colStart[j]!, e = colStart[j + 1]!; k < e; k++) {
      const r = colRes[k]!;
      const s = elSlot[k]!;
      const moved = rowEl[rowAt[r]! + --rowElN[r]!]!;
      rowEl[s] = moved;
      elSlot[moved] = s;
    }
  }

  /** Unit u's key into its rows' key lists (dualRow's sparse pass). */
  private keyIn(u: number) {
    const { rowAt, keyEl, keyN, keySlot, keyW } = this.ix!;
    const { colStart, colRes } = this;
    const j = this.key[u]!;
    for (let i = colStart[j]!, e = colStart[j + 1]!, k = 0; i < e; i++, k++) {
      const r = colRes[i]!;
      const s = rowAt[r]! + keyN[r]!++;
      const code = u * keyW + k;
      keyEl[s] = code;
      keySlot[code] = s;
    }
  }

  /** Unit u's key out of its rows' key lists (before the key changes). */
  private keyOut(u: number) {
    const { rowAt, keyEl, keyN, keySlot, keyW } = this.ix!;
    const { colStart, colRes } = this;
    const j = this.key[u]!;
    for (let i = colStart[j]!, e = colStart[j + 1]!, k = 0; i < e; i++, k++) {
      const r = colRes[i]!;
      const s = keySlot[u * keyW + k]!;
      const moved = keyEl[rowAt[r]! + --keyN[r]!]!;
      keyEl[s] = moved;
      keySlot[moved] = s;
    }
  }

  /** dualRow's row index (the columns never change: built once per LP). A column lists a row once, so row r's lists hold at most its entries. */
  private rowIndex(): NonNullable<GubLp["ix"]> {
    const { R, U, C, colStart, colRes } = this;
    const nnz = colStart[C]!;
    const rowAt = new Int32Array(R + 1);
    for (let i = 0; i < nnz; i++) rowAt[colRes[i]! + 1]!++;
    for (let r = 0; r < R; r++) rowAt[r + 1]! += rowAt[r]!;
    const entCol = new Int32Array(nnz);
    let keyW = 1;
    for (let j = 0; j < C; j++) {
      keyW = Math.max(keyW, colStart[j + 1]! - colStart[j]!);
      for (let i = colStart[j]!; i < colStart[j + 1]!; i++) entCol[i] = j;
    }
    return {
      rowAt,
      rowEl: new Int32Array(nnz),
      rowElN: new Int32Array(R),
      elSlot: new Int32Array(nnz),
      entCol,
      keyEl: new Int32Array(nnz),
      keyN: new Int32Array(R),
      keySlot: new Int32Array(U * keyW),
      keyW,
      colSeen: new Int32Array(C),
      todo: new Int32Array(C),
    };
  }

  /**
   * The dual phase found no column to take basic position p's infeasible value to 0: confirmed on
   * a fresh factorisation (the same test, with tighter tolerances) before the node is called
   * infeasible.
   */
  private confirmInfeasible(p: number, dir: number): boolean {
    const { R, U, C, colUnit, colStart, colRes, colAmt, forbidden, pos, binv } = this;
    this.refactor(false);
    this.costDuals();
    const beta = this.xw[p]!;
    if (dir < 0 ? beta > -1e-7 : beta < 1e-7 || forbidden[this.basis[p]!]! === 0) return false;
    const o = p * R;
    for (let u = 0; u < U; u++) {
      const k = this.key[u]!;
      let v = 0;
      for (let i = colStart[k]!; i < colStart[k + 1]!; i++) v += binv[o + colRes[i]!]! * colAmt[i]!;
      this.kappa[u] = v;
    }
    for (let j = 0; j < C; j++) {
      if (pos[j] !== NONBASIC || forbidden[j]! > 0) continue;
      const u = colUnit[j]!;
      let a = u >= 0 ? -this.kappa[u]! : 0;
      for (let i = colStart[j]!; i < colStart[j + 1]!; i++) a += binv[o + colRes[i]!]! * colAmt[i]!;
      if (dir > 0 ? a > 1e-11 : a < -1e-11) return false;
    }
    return true;
  }

  /**
   * y (per level) from the working basis, from scratch (π per unit follows lazily: unitDuals).
   * `costOnly` (costDuals): the first level off (y1 = 0), only y2, the same values as with both.
   */
  private duals(costOnly = false) {
    const { R, binv } = this;
    let anyForbidden = false;
    if (!costOnly) {
      for (let u = 0; u < this.U; u++) if (this.forbidden[this.key[u]!]! > 0) anyForbidden = true;
      for (let p = 0; p < R && !anyForbidden; p++) if (this.forbidden[this.basis[p]!]! > 0) anyForbidden = true;
    }
    this.level1 = anyForbidden;
    this.y1.fill(0);
    this.y2.fill(0);
    for (let p = 0; p < R; p++) {
      const j = this.basis[p]!;
      const u = this.colUnit[j]!;
      const c2 = u >= 0 ? this.cost[j]! - this.cost[this.key[u]!]! : 0;
      // A slack is never forbidden; a surplus column always is (first-level cost 1).
      const c1 = anyForbidden ? (this.forbidden[j]! > 0 ? 1 : 0) - (u >= 0 && this.forbidden[this.key[u]!]! > 0 ? 1 : 0) : 0;
      if (c2 !== 0) for (let r = 0, o = p * R; r < R; r++) this.y2[r]! += c2 * binv[o + r]!;
      if (c1 !== 0) for (let r = 0, o = p * R; r < R; r++) this.y1[r]! += c1 * binv[o + r]!;
    }
    this.stamp++;
  }

  /** π_u (both levels) from its key and the current y, unless already computed since y last moved. */
  private unitDuals(u: number) {
    if (this.piStamp[u] === this.stamp) return;
    this.piStamp[u] = this.stamp;
    const j = this.key[u]!;
    let p2 = this.cost[j]!;
    let p1 = this.forbidden[j]! > 0 ? 1 : 0;
    const { colRes, colAmt, y1, y2 } = this;
    const level1 = this.level1; // else y1 is all 0
    for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) {
      p2 -= y2[colRes[i]!]! * colAmt[i]!;
      if (level1) p1 -= y1[colRes[i]!]! * colAmt[i]!;
    }
    this.pi2[u] = p2;
    this.pi1[u] = p1;
  }

  /**
   * The entering column, or -1 at the optimum. Partial pricing: the columns are scanned segment by
   * segment from where the last scan stopped, and the most negative reduced cost (lexicographically)
   * of the first segments holding one is taken; only an optimum scans them all. Bland: the first.
   */
  private price(bland: boolean): number {
    const total = this.C;
    const seg = Math.max(512, Math.ceil(total / 8));
    let best1 = -1;
    const only1 = this.phase1Only;
    let b1 = -1e-9;
    let best2 = -1;
    let b2 = -this.dualTol;
    let at2 = 0; // the first-level reduced cost of best2 (within ±1e-9 of 0)
    const { colStart, colRes, colAmt, y1, y2, pi1, pi2, cost, forbidden, pos, colUnit, unitStart } = this;
    const level1 = this.level1;
    const from = bland ? 0 : this.priceFrom % total;
    for (let scanned = 0; scanned < total; ) {
      const start = (from + scanned) % total;
      const end = Math.min(total, start + seg);
      // Unit by unit (π_u looked up once per run), both levels in one pass over a column's entries
      // (the first level alone was 40% of pricing); the same values, choice and ties as column by column.
      scan: for (let j = start; j < end; ) {
        const u = colUnit[j]!;
        const runEnd = u >= 0 ? Math.min(end, unitStart[u + 1]!) : j + 1;
        let p1 = 0;
        let p2 = 0;
        let piSet = u < 0;
        for (; j < runEnd; j++) {
          if (pos[j] !== NONBASIC) continue;
          // One level (no basic column is forbidden, y1 = 0, π1 = 0): d1 is exactly 1 on a forbidden
          // column, 0 on the others; only d2 is computed (the same values and choice as below).
          if (!level1) {
            if (forbidden[j]! > 0) continue;
            if (!piSet) {
              this.unitDuals(u);
              p2 = pi2[u]!;
              piSet = true;
            }
            let d2 = cost[j]! - p2;
            for (let i = colStart[j]!, e = colStart[j + 1]!; i < e; i++) d2 -= y2[colRes[i]!]! * colAmt[i]!;
            if (only1) continue;
            if (d2 < b2) {
              best2 = j;
              b2 = d2;
              at2 = 0;
              if (bland) break scan;
            }
            continue;
          }
          if (!piSet) {
            this.unitDuals(u);
            p1 = pi1[u]!;
            p2 = pi2[u]!;
            piSet = true;
          }
          let d1 = forbidden[j]! > 0 ? 1 : 0;
          if (u >= 0) d1 -= p1;
          let d2 = cost[j]! - p2;
          for (let i = colStart[j]!, e = colStart[j + 1]!; i < e; i++) {
            const r = colRes[i]!;
            const a = colAmt[i]!;
            d1 -= y1[r]! * a;
            d2 -= y2[r]! * a;
          }
          if (d1 > 1e-9) continue;
          if (d1 < -1e-9) {
            if (bland || d1 < b1) {
              best1 = j;
              b1 = d1;
            }
            if (bland) break scan;
            continue;
          }
          if (best1 >= 0 || only1) continue; // a first-level improvement is already chosen (or the cost level is off)
          if (d2 < b2) {
            best2 = j;
            b2 = d2;
            at2 = d1;
            if (bland) break scan;
          }
        }
      }
      scanned += end - start;
      if (bland && (best1 >= 0 || best2 >= 0)) break;
      if (!bland && (best1 >= 0 || best2 >= 0)) {
        this.priceFrom = end;
        break;
      }
    }
    if (best1 >= 0) {
      this.enter1 = b1;
      this.enter2 = this.reducedCost(best1);
      return best1;
    }
    this.enter1 = at2;
    this.enter2 = b2;
    return best2;
  }

  /** Transformed column of j into this.t (dense). */
  private column(j: number) {
    const t = this.t;
    t.fill(0);
    for (let i = this.colStart[j]!; i < this.colStart[j + 1]!; i++) t[this.colRes[i]!]! += this.colAmt[i]!;
    const u = this.colUnit[j]!;
    if (u >= 0) {
      const k = this.key[u]!;
      for (let i = this.colStart[k]!; i < this.colStart[k + 1]!; i++) t[this.colRes[i]!]! -= this.colAmt[i]!;
    }
  }

  /**
   * w = B⁻¹ t, over t's nonzeros (indices and values gathered once), four rows at a time: each
   * row's sum in the same order as row by row, so the same bits (ftran −38 % in a replay).
   */
  private ftran() {
    const { R, t, w, binv, nz, tv } = this;
    let n = 0;
    for (let r = 0; r < R; r++) {
      if (t[r] === 0) continue;
      tv[n] = t[r]!;
      nz[n++] = r;
    }
    let p = 0;
    for (; p + 3 < R; p += 4) {
      const o0 = p * R;
      const o1 = o0 + R;
      const o2 = o1 + R;
      const o3 = o2 + R;
      let v0 = 0;
      let v1 = 0;
      let v2 = 0;
      let v3 = 0;
      for (let i = 0; i < n; i++) {
        const r = nz[i]!;
        const x = tv[i]!;
        v0 += binv[o0 + r]! * x;
        v1 += binv[o1 + r]! * x;
        v2 += binv[o2 + r]! * x;
        v3 += binv[o3 + r]! * x;
      }
      w[p] = Math.abs(v0) < DROP ? 0 : v0;
      w[p + 1] = Math.abs(v1) < DROP ? 0 : v1;
      w[p + 2] = Math.abs(v2) < DROP ? 0 : v2;
      w[p + 3] = Math.abs(v3) < DROP ? 0 : v3;
    }
    for (; p < R; p++) {
      const o = p * R;
      let v = 0;
      for (let i = 0; i < n; i++) v += binv[o + nz[i]!]! * tv[i]!;
      w[p] = Math.abs(v) < DROP ? 0 : v;
    }
  }

  /** One pivot with entering column e; returns the step length. */
  private pivot(e: number, bland: boolean): number {
    const { R, w } = this;
    this.column(e);
    this.ftran();
    const ue = this.colUnit[e]!;
    // Per unit touched: the rate at which its key falls (g) and its key's value. No closures here:
    // this runs every pivot.
    const { mark, gsum, xsum, touched, colUnit, basis, xw } = this;
    let nt = 0;
    if (ue >= 0) {
      mark[ue] = 1;
      gsum[ue] = 0;
      xsum[ue] = 0;
      touched[nt++] = ue;
    }
    for (let p = 0; p < R; p++) {
      const u = colUnit[basis[p]!]!;
      if (u < 0) continue;
      if (!mark[u]) {
        mark[u] = 1;
        gsum[u] = 0;
        xsum[u] = 0;
        touched[nt++] = u;
      }
      gsum[u]! += w[p]!;
      xsum[u]! += xw[p]!;
    }
    let theta = Infinity;
    let leaveP = -1;
    let leaveU = -1;
    let leaveCol = Infinity;
    let leavePiv = 0;
    let leaveXi = Infinity;
    const lex = this.lex && !bland;
    const xi = this.xi!;
    const xik = this.xik!;
    const tol = pivotTol(w);
    // Candidates: working positions (i < R), then touched units' keys (touched[i − R]).
    for (let i = 0; i < R + nt; i++) {
      let ratio: number;
      let piv: number;
      let col: number;
      let p = -1;
      let u = -1;
      if (i < R) {
        piv = w[i]!;
        col = basis[i]!;
        if (!(piv > tol)) continue;
        ratio = Math.max(0, xw[i]!) / piv;
        p = i;
      } else {
        u = touched[i - R]!;
        mark[u] = 0;
        piv = (u === ue ? 1 : 0) - gsum[u]!;
        col = this.key[u]!;
        if (!(piv > tol)) continue;
        ratio = Math.max(0, 1 - xsum[u]!) / piv;
      }
      // Lexicographic: ties by the perturbed values' ratio (distinct: random start values).
      const xr = lex ? Math.max(0, p >= 0 ? xi[p]! : xik[u]!) / piv : 0;
      const better = bland
        ? ratio < theta - 1e-12 || (ratio <= theta + 1e-12 && col < leaveCol)
        : lex
          ? ratio < theta - 1e-12 || (ratio <= theta + 1e-12 && xr < leaveXi)
          : ratio < theta - 1e-12 || (ratio <= theta + 1e-12 && piv > leavePiv);
      if (better) {
        theta = ratio;
        leaveP = p;
        leaveU = u;
        leaveCol = col;
        leavePiv = piv;
        leaveXi = xr;
      }
    }
    if (leaveP < 0 && leaveU < 0) throw new Error("unbounded LP: cannot happen with unit convexity rows");

    for (let p = 0; p < R; p++) this.xw[p]! -= theta * w[p]!;
    if (lex) {
      // The perturbed values take the same step, by their own ratio; the leaving one's is 0.
      for (let p = 0; p < R; p++) xi[p]! -= leaveXi * w[p]!;
      for (let i = 0; i < nt; i++) {
        const u = touched[i]!;
        xik[u]! -= leaveXi * ((u === ue ? 1 : 0) - gsum[u]!);
      }
      if (leaveP >= 0) xi[leaveP] = 0;
      else xik[leaveU] = 0;
    }
    this.pivots++;
    this.sinceRefactor++;

    if (leaveU >= 0) {
      const u = leaveU;
      // Working columns of the leaving key's unit.
      let q = -1;
      for (let p = 0; p < R; p++) if (this.colUnit[this.basis[p]!] === u && (q < 0 || this.xw[p]! > this.xw[q]!)) q = p;
      if (q < 0) {
        // Only the entering column is left in this unit: it becomes the key.
        this.switchKey(u, e);
        if (lex) xik[u] = leaveXi;
        else if (lex) this.perturb();
        return theta;
      }
      if (lex) {
        // The same swap of the perturbed values (the old key's is 0 after the step).
        xik[u] = xi[q]!;
        xi[q] = 0;
      }
      // The old key takes position q (value 0, after the step), then leaves there by an ordinary pivot.
      this.swapKey(u, q, 0);
      this.column(e);
      this.ftran();
      leaveP = q;
    }
    this.exchange(e, leaveP, theta);
    if (lex) xi[leaveP] = leaveXi;
    else if (lex) this.perturb();
    return theta;
  }

  /**
   * Starts the lexicographic ratio test: every basic value gets a random positive perturbation (a
   * fixed sequence: the same run, the same pivots), i.e. the LP with right-hand sides b + B·ξ, ξ
   * infinitesimal. Ties of the real ratio test go to the least perturbed ratio, the perturbed LP is
   * not degenerate, its objective falls at every pivot: no basis comes back (no cycling), and the
   * pricing stays Dantzig's, where Bland's rule stalled (see LEX_AFTER).
   */
  private perturb() {
    const xi = (this.xi ??= new Float64Array(this.R));
    const xik = (this.xik ??= new Float64Array(this.U));
    const next = () => {
      this.seed = (Math.imul(this.seed, 1664525) + 1013904223) | 0;
      return 1 + (this.seed >>> 0) / 4294967296;
    };
    for (let p = 0; p < this.R; p++) xi[p] = next();
    for (let u = 0; u < this.U; u++) xik[u] = next();
    this.lex = true;
  }

  /**
   * Unit u has no working column: column e of u replaces its key (the basis keeps its R working
   * columns, so B⁻¹ and y stay; π_u follows the new key). The values have already moved.
   */
  private switchKey(u: number, e: number) {
    const old = this.key[u]!;
    this.key[u] = e;
    this.pos[e] = KEY;
    this.pos[old] = NONBASIC;
    this.piStamp[u] = 0; // y is unchanged (no working column of u), π_u follows the new key
    if (this.level1 && this.forbidden[old]! > 0) this.checkLevel1();
  }

  /**
   * The same basis, written differently: unit u's working column at position q becomes its key, and
   * the old key takes position q with value `value`. Columns of unit u change by B' = B·E, E = E⁻¹.
   */
  private swapKey(u: number, q: number, value: number) {
    const { R } = this;
    const old = this.key[u]!;
    const kn = this.basis[q]!;
    const binv = this.binv;
    const row = this.row;
    for (let r = 0; r < R; r++) row[r] = -binv[q * R + r]!;
    for (let p = 0; p < R; p++) {
      if (p === q || this.colUnit[this.basis[p]!] !== u) continue;
      for (let r = 0; r < R; r++) row[r]! -= binv[p * R + r]!;
    }
    for (let r = 0; r < R; r++) if (Math.abs(row[r]!) < DROP) row[r] = 0;
    binv.set(row, q * R);
    if (this.dseOk) {
      let n = 0;
      for (let r = 0; r < R; r++) n += row[r]! * row[r]!;
      this.dse[q] = n;
    }
    this.key[u] = kn;
    this.pos[kn] = KEY;
    this.basis[q] = old;
    this.pos[old] = q;
    this.xw[q] = value;
  }

  /**
   * Column e (its transformed column in this.w) replaces the working column at position p0, whose
   * value is now 0; e takes value `theta`. Updates B⁻¹ and the duals (by e's reduced costs,
   * this.enter1/enter2).
   */
  private exchange(e: number, p0: number, theta: number) {
    const { R, w } = this;
    const piv = w[p0]!;
    const binv = this.binv;
    const o0 = p0 * R;
    // The new row p0 (the old one over the pivot), its nonzeros gathered once: the row operations
    // and the duals' step touch only those.
    // Its values are gathered too (rv), so the update's inner loop reads them contiguously.
    const nz = this.nz;
    const rv = this.row;
    let nnz = 0;
    for (let r = 0; r < R; r++) {
      const v = binv[o0 + r]!;
      if (v === 0) continue;
      const nv = v / piv;
      binv[o0 + r] = nv;
      rv[nnz] = nv;
      nz[nnz++] = r;
    }
    // The other rows with w_p ≠ 0, four at a time: each (column, value) of the pivot row read once
    // for four rows. The same operation on each entry as row by row, so the same bits (the update
    // −13 % in a replay of captured pivots, 1000 × 45 and 2000 × 60).
    const rows = this.nz2;
    let nr = 0;
    for (let p = 0; p < R; p++) if (p !== p0 && w[p] !== 0) rows[nr++] = p;
    // Steepest-edge weights (only while kept: opt-in), before the rows change, in a pass of their own
    // so that the update's loops stay as they are when the rule is off.
    if (this.dseOk) this.dseStep(p0, piv, rows, nr, nnz);
    let k = 0;
    // Eight rows at a time first (each entry still the same operation: the same bits; ×0.72–0.82 of
    // four on the same pivots, 2000 × 60 s0 both shapes, bench:assign-pivotspeed-replay), then four, then one.
    for (; k + 7 < nr; k += 8) {
      const pa = rows[k]!;
      const pb = rows[k + 1]!;
      const pc = rows[k + 2]!;
      const pd = rows[k + 3]!;
      const pe = rows[k + 4]!;
      const pf = rows[k + 5]!;
      const pg = rows[k + 6]!;
      const ph = rows[k + 7]!;
      const fa = w[pa]!;
      const fb = w[pb]!;
      const fc = w[pc]!;
      const fd = w[pd]!;
      const fe = w[pe]!;
      const ff = w[pf]!;
      const fg = w[pg]!;
      const fh = w[ph]!;
      const oa = pa * R;
      const ob = pb * R;
      const oc = pc * R;
      const od = pd * R;
      const oe = pe * R;
      const of = pf * R;
      const og = pg * R;
      const oh = ph * R;
      for (let i = 0; i < nnz; i++) {
        const c = nz[i]!;
        const g = rv[i]!;
        const va = binv[oa + c]! - fa * g;
        binv[oa + c] = Math.abs(va) < DROP ? 0 : va;
        const vb = binv[ob + c]! - fb * g;
        binv[ob + c] = Math.abs(vb) < DROP ? 0 : vb;
        const vc = binv[oc + c]! - fc * g;
        binv[oc + c] = Math.abs(vc) < DROP ? 0 : vc;
        const vd = binv[od + c]! - fd * g;
        binv[od + c] = Math.abs(vd) < DROP ? 0 : vd;
        const ve = binv[oe + c]! - fe * g;
        binv[oe + c] = Math.abs(ve) < DROP ? 0 : ve;
        const vf = binv[of + c]! - ff * g;
        binv[of + c] = Math.abs(vf) < DROP ? 0 : vf;
        const vg = binv[og + c]! - fg * g;
        binv[og + c] = Math.abs(vg) < DROP ? 0 : vg;
        const vh = binv[oh + c]! - fh * g;
        binv[oh + c] = Math.abs(vh) < DROP ? 0 : vh;
      }
    }
    for (; k + 3 < nr; k += 4) {
      const pa = rows[k]!;
      const pb = rows[k + 1]!;
      const pc = rows[k + 2]!;
      const pd = rows[k + 3]!;
      const fa = w[pa]!;
      const fb = w[pb]!;
      const fc = w[pc]!;
      const fd = w[pd]!;
      const oa = pa * R;
      const ob = pb * R;
      const oc = pc * R;
      const od = pd * R;
      for (let i = 0; i < nnz; i++) {
        const c = nz[i]!;
        const g = rv[i]!;
        const va = binv[oa + c]! - fa * g;
        binv[oa + c] = Math.abs(va) < DROP ? 0 : va;
        const vb = binv[ob + c]! - fb * g;
        binv[ob + c] = Math.abs(vb) < DROP ? 0 : vb;
        const vc = binv[oc + c]! - fc * g;
        binv[oc + c] = Math.abs(vc) < DROP ? 0 : vc;
        const vd = binv[od + c]! - fd * g;
        binv[od + c] = Math.abs(vd) < DROP ? 0 : vd;
      }
    }
    for (; k < nr; k++) {
      const p = rows[k]!;
      const f = w[p]!;
      const o = p * R;
      for (let i = 0; i < nnz; i++) {
        const at = o + nz[i]!;
        const v = binv[at]! - f * rv[i]!;
        binv[at] = Math.abs(v) < DROP ? 0 : v;
      }
    }
    // Duals: y' = y + d_e · (new row p0), which keeps every other basic reduced cost at 0 and makes
    // the entering one 0. Every π_u is stale now (recomputed when next needed).
    const d1 = this.enter1;
    const d2 = this.enter2;
    const { y1, y2 } = this;
    for (let i = 0; i < nnz; i++) y2[nz[i]!]! += d2 * rv[i]!;
    if (this.level1) for (let i = 0; i < nnz; i++) y1[nz[i]!]! += d1 * rv[i]!;
    this.stamp++;
    const left = this.basis[p0]!;
    this.pos[left] = NONBASIC;
    this.basis[p0] = e;
    this.pos[e] = p0;
    this.xw[p0] = theta;
    if (this.level1 && this.forbidden[left]! > 0) this.checkLevel1();
  }

  /**
   * The weights through an exchange: row i − w_i·g, g = the new row p0 (this.row over this.nz), so
   * ‖·‖² = ‖row i‖² − 2 w_i (row i·g) + w_i² ‖g‖².
   */
  private dseStep(p0: number, piv: number, rows: Int32Array, nr: number, nnz: number) {
    const { R, binv, dse, w, nz } = this;
    const g = this.row;
    const gg = dse[p0]! / (piv * piv);
    for (let k = 0; k < nr; k++) {
      const p = rows[k]!;
      const o = p * R;
      let dot = 0;
      for (let i = 0; i < nnz; i++) dot += binv[o + nz[i]!]! * g[i]!;
      dse[p] = dseNext(dse[p]!, w[p]!, dot, gg);
    }
    dse[p0] = gg;
  }

  /** Tests: the steepest-edge weights as kept (per working position), or null while they are not kept. */
  dualWeights(): Float64Array | null {
    return this.dseOk ? this.dse.slice() : null;
  }

  /** Every position's steepest-edge weight from B⁻¹ (after a refactorisation). */
  private dseWeights() {
    const { R, binv, dse } = this;
    for (let p = 0, o = 0; p < R; p++, o += R) {
      let n = 0;
      for (let r = 0; r < R; r++) {
        const v = binv[o + r]!;
        n += v * v;
      }
      dse[p] = n;
    }
    this.dseOk = true;
    // The kept basis (a probe's restore point) takes them too, so each restore need not recompute them.
    search: for (const k of this.kept) {
      if (k.dseOk) continue;
      for (let p = 0; p < R; p++) if (this.basis[p] !== k.basis[p]) continue search;
      for (let u = 0; u < this.U; u++) if (this.key[u] !== k.key[u]) continue search;
      k.dse.set(dse);
      k.dseOk = true;
    }
  }

  /**
   * A forbidden column left the basis: if none is left, the first level's duals are exactly 0 (its
   * costs are 0 on a nonsingular basis), and pricing goes back to one level, as at the start.
   */
  private checkLevel1() {
    for (let u = 0; u < this.U; u++) if (this.forbidden[this.key[u]!]! > 0) return;
    for (let p = 0; p < this.R; p++) if (this.forbidden[this.basis[p]!]! > 0) return;
    this.level1 = false;
    this.y1.fill(0);
    this.stamp++;
  }

  /** Keeps the factorisation just computed (restore(): the basis a probe comes back to). */
  private keep() {
    if (this.copied) return; // already kept (and now the most recent)
    const { U, R, kept } = this;
    const k = kept.length < KEEP ? { key: new Int32Array(U), basis: new Int32Array(R), binv: new Float64Array(R * R), xw: new Float64Array(R), dse: new Float64Array(R), dseOk: false } : kept.pop()!;
    k.key.set(this.key);
    k.basis.set(this.basis);
    k.binv.set(this.binv);
    k.xw.set(this.xw);
    k.dseOk = this.dseOk;
    if (this.dseOk) k.dse.set(this.dse);
    kept.unshift(k);
  }

  /** The basis is a kept one: its B⁻¹ and values copied back, the duals recomputed (the costs may differ). */
  private fromKept(withDuals: boolean): boolean {
    // The columns and capacities never change: a kept basis stays right for good.
    const { U, R, kept } = this;
    this.copied = false;
    search: for (let i = 0; i < kept.length; i++) {
      const k = kept[i]!;
      for (let p = 0; p < R; p++) if (this.basis[p] !== k.basis[p]) continue search;
      for (let u = 0; u < U; u++) if (this.key[u] !== k.key[u]) continue search;
      this.binv.set(k.binv);
      this.xw.set(k.xw);
      this.dseOk = k.dseOk;
      if (k.dseOk) this.dse.set(k.dse);
      if (withDuals) this.duals();
      if (i > 0) kept.unshift(...kept.splice(i, 1)); // the most recently used first
      this.copied = true;
      return true;
    }
    return false;
  }

  /**
   * Recompute B⁻¹, the working values and the duals from scratch (a copy when the basis is one
   * restore() kept; `withDuals` false: not the duals, which the caller recomputes: costDuals). A basic slack is a unit column, so only the k × k block M of the structural columns (k ≈ 80 of R ≈ 200 at 1,000 members) on
   * the rows without a basic slack is inverted (Gauss-Jordan, partial pivoting, row operations over
   * the pivot row's nonzeros): with x_T = M⁻¹ b_N, a slack's row of B⁻¹ is e_r − Σ_c a_rc · (row of
   * structural column c). The dense R × R elimination this replaced was an eighth of a search.
   */
  refactor(withDuals = true) {
    const { R, N, nz, binv } = this;
    this.sinceRefactor = 0;
    if (this.fromKept(withDuals)) return;
    const slackPos = this.slackPos; // per row: the position of its basic slack, or -1
    const structPos = this.structPos; // the structural (non-slack) positions, in order
    const rowsN = this.rowsN; // the rows without a basic slack
    const rowIdx = this.rowIdx; // per row: its index in rowsN, or -1
    slackPos.fill(-1);
    let k = 0;
    for (let p = 0; p < R; p++) {
      const j = this.basis[p]!;
      if (j >= N && j < N + R) slackPos[j - N] = p;
      else structPos[k++] = p;
    }
    let m = 0;
    for (let r = 0; r < R; r++) rowIdx[r] = slackPos[r]! < 0 ? ((rowsN[m] = r), m++) : -1;
    if (m !== k) throw new Error("singular working basis");
    // The structural columns, sparse (rows, values; start per column), and M from them.
    const a = this.fa; // M, row-major (a[i*k+c]), reduced to the identity in place
    const inv = this.fi;
    a.fill(0, 0, k * k);
    inv.fill(0, 0, k * k);
    const scStart = this.scStart;
    const scRow = this.scRow;
    const scVal = this.scVal;
    const t = this.t;
    let at = 0;
    for (let c = 0; c < k; c++) {
      const j = this.basis[structPos[c]!]!;
      this.column(j);
      scStart[c] = at;
      const u = this.colUnit[j]!;
      // The rows of j, then of its key (no closure: k per refactorisation).
      for (let pass = 0; pass < (u >= 0 ? 2 : 1); pass++) {
        const col = pass === 0 ? j : this.key[u]!;
        for (let i = this.colStart[col]!; i < this.colStart[col + 1]!; i++) {
          const r = this.colRes[i]!;
          const v = t[r]!;
          if (v === 0) continue;
          t[r] = 0; // a row both columns share is gathered once
          scRow[at] = r;
          scVal[at++] = v;
          if (rowIdx[r]! >= 0) a[rowIdx[r]! * k + c] = v;
        }
      }
    }
    scStart[k] = at;
    for (let i = 0; i < k; i++) inv[i * k + i] = 1;
    const invIdx = this.nz2;
    const { elimRow, elimF, av, iv } = this;
    for (let c = 0; c < k; c++) {
      let piv = c;
      for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]!) > Math.abs(a[piv * k + c]!)) piv = r;
      if (Math.abs(a[piv * k + c]!) < 1e-11) throw new Error("singular working basis");
      if (piv !== c) {
        for (let q = 0; q < k; q++) {
          let s = a[c * k + q]!;
          a[c * k + q] = a[piv * k + q]!;
          a[piv * k + q] = s;
          s = inv[c * k + q]!;
          inv[c * k + q] = inv[piv * k + q]!;
          inv[piv * k + q] = s;
        }
      }
      const d = a[c * k + c]!;
      // Row c over its pivot, and its nonzeros (columns < c of a are already eliminated).
      let na = 0;
      let ni = 0;
      for (let q = c + 1; q < k; q++) {
        const v = a[c * k + q]!;
        if (v === 0) continue;
        a[c * k + q] = v / d;
        nz[na++] = q;
      }
      a[c * k + c] = 1;
      for (let q = 0; q < k; q++) {
        const v = inv[c * k + q]!;
        if (v === 0) continue;
        inv[c * k + q] = v / d;
        invIdx[ni++] = q;
      }
      // The rows to eliminate (their factor), then four at a time, each over the pivot row's
      // nonzeros gathered once: every entry the same operation as row by row, so the same bits.
      for (let i = 0; i < na; i++) av[i] = a[c * k + nz[i]!]!;
      for (let i = 0; i < ni; i++) iv[i] = inv[c * k + invIdx[i]!]!;
      let nr = 0;
      for (let r = 0; r < k; r++) {
        if (r === c) continue;
        const f = a[r * k + c]!;
        if (f === 0) continue;
        a[r * k + c] = 0;
        elimRow[nr] = r;
        elimF[nr++] = f;
      }
      let t = 0;
      // Eight rows at a time first (as exchange's update), then four, then one.
      for (; t + 7 < nr; t += 8) {
        const oa = elimRow[t]! * k;
        const ob = elimRow[t + 1]! * k;
        const oc = elimRow[t + 2]! * k;
        const od = elimRow[t + 3]! * k;
        const oe = elimRow[t + 4]! * k;
        const of = elimRow[t + 5]! * k;
        const og = elimRow[t + 6]! * k;
        const oh = elimRow[t + 7]! * k;
        const fa = elimF[t]!;
        const fb = elimF[t + 1]!;
        const fc = elimF[t + 2]!;
        const fd = elimF[t + 3]!;
        const fe = elimF[t + 4]!;
        const ff = elimF[t + 5]!;
        const fg = elimF[t + 6]!;
        const fh = elimF[t + 7]!;
        for (let i = 0; i < na; i++) {
          const q = nz[i]!;
          const g = av[i]!;
          a[oa + q]! -= fa * g;
          a[ob + q]! -= fb * g;
          a[oc + q]! -= fc * g;
          a[od + q]! -= fd * g;
          a[oe + q]! -= fe * g;
          a[of + q]! -= ff * g;
          a[og + q]! -= fg * g;
          a[oh + q]! -= fh * g;
        }
        for (let i = 0; i < ni; i++) {
          const q = invIdx[i]!;
          const g = iv[i]!;
          const va = inv[oa + q]! - fa * g;
          inv[oa + q] = Math.abs(va) < DROP ? 0 : va;
          const vb = inv[ob + q]! - fb * g;
          inv[ob + q] = Math.abs(vb) < DROP ? 0 : vb;
          const vc = inv[oc + q]! - fc * g;
          inv[oc + q] = Math.abs(vc) < DROP ? 0 : vc;
          const vd = inv[od + q]! - fd * g;
          inv[od + q] = Math.abs(vd) < DROP ? 0 : vd;
          const ve = inv[oe + q]! - fe * g;
          inv[oe + q] = Math.abs(ve) < DROP ? 0 : ve;
          const vf = inv[of + q]! - ff * g;
          inv[of + q] = Math.abs(vf) < DROP ? 0 : vf;
          const vg = inv[og + q]! - fg * g;
          inv[og + q] = Math.abs(vg) < DROP ? 0 : vg;
          const vh = inv[oh + q]! - fh * g;
          inv[oh + q] = Math.abs(vh) < DROP ? 0 : vh;
        }
      }
      for (; t + 3 < nr; t += 4) {
        const oa = elimRow[t]! * k;
        const ob = elimRow[t + 1]! * k;
        const oc = elimRow[t + 2]! * k;
        const od = elimRow[t + 3]! * k;
        const fa = elimF[t]!;
        const fb = elimF[t + 1]!;
        const fc = elimF[t + 2]!;
        const fd = elimF[t + 3]!;
        for (let i = 0; i < na; i++) {
          const q = nz[i]!;
          const g = av[i]!;
          a[oa + q]! -= fa * g;
          a[ob + q]! -= fb * g;
          a[oc + q]! -= fc * g;
          a[od + q]! -= fd * g;
        }
        for (let i = 0; i < ni; i++) {
          const q = invIdx[i]!;
          const g = iv[i]!;
          const va = inv[oa + q]! - fa * g;
          inv[oa + q] = Math.abs(va) < DROP ? 0 : va;
          const vb = inv[ob + q]! - fb * g;
          inv[ob + q] = Math.abs(vb) < DROP ? 0 : vb;
          const vc = inv[oc + q]! - fc * g;
          inv[oc + q] = Math.abs(vc) < DROP ? 0 : vc;
          const vd = inv[od + q]! - fd * g;
          inv[od + q] = Math.abs(vd) < DROP ? 0 : vd;
        }
      }
      for (; t < nr; t++) {
        const o = elimRow[t]! * k;
        const f = elimF[t]!;
        for (let i = 0; i < na; i++) a[o + nz[i]!]! -= f * av[i]!;
        for (let i = 0; i < ni; i++) {
          const q = invIdx[i]!;
          const v = inv[o + q]! - f * iv[i]!;
          inv[o + q] = Math.abs(v) < DROP ? 0 : v;
        }
      }
    }
    // B⁻¹: row structPos[c] is row c of M⁻¹ on the rows rowsN; a slack's row r of B⁻¹ is e_r less
    // a_rc times structural row c, for each structural column c with a nonzero on r.
    binv.fill(0);
    for (let c = 0; c < k; c++) {
      const o = structPos[c]! * R;
      for (let i = 0; i < k; i++) binv[o + rowsN[i]!] = inv[c * k + i]!;
    }
    for (let r = 0; r < R; r++) if (slackPos[r]! >= 0) binv[slackPos[r]! * R + r] = 1;
    for (let c = 0; c < k; c++) {
      let ni = 0;
      for (let i = 0; i < k; i++) if (inv[c * k + i] !== 0) invIdx[ni++] = i;
      if (ni === 0) continue;
      for (let e = scStart[c]!; e < scStart[c + 1]!; e++) {
        const ps = slackPos[scRow[e]!]!;
        if (ps < 0) continue;
        const f = scVal[e]!;
        const o = ps * R;
        for (let q = 0; q < ni; q++) {
          const i = invIdx[q]!;
          const at = o + rowsN[i]!;
          const v = binv[at]! - f * inv[c * k + i]!;
          binv[at] = Math.abs(v) < DROP ? 0 : v;
        }
      }
    }
    // Working values: B⁻¹ (cap − Σ_u a_key(u)).
    const b = this.row; // scratch, free here
    b.set(this.cap);
    for (let u = 0; u < this.U; u++) {
      const k = this.key[u]!;
      for (let i = this.colStart[k]!; i < this.colStart[k + 1]!; i++) b[this.colRes[i]!]! -= this.colAmt[i]!;
    }
    // Over b's nonzeros only (a zero term leaves the sum's bits as they are: it starts at +0, and
    // adding ±0 never changes a sum that is not −0), four rows at a time, each row's sum in order.
    const bi = this.nz;
    const bv = this.tv;
    let nb = 0;
    for (let r = 0; r < R; r++) {
      if (b[r] === 0) continue;
      bi[nb] = r;
      bv[nb++] = b[r]!;
    }
    const xw = this.xw;
    let p = 0;
    for (; p + 3 < R; p += 4) {
      const o0 = p * R;
      const o1 = o0 + R;
      const o2 = o1 + R;
      const o3 = o2 + R;
      let v0 = 0;
      let v1 = 0;
      let v2 = 0;
      let v3 = 0;
      for (let i = 0; i < nb; i++) {
        const r = bi[i]!;
        const x = bv[i]!;
        v0 += binv[o0 + r]! * x;
        v1 += binv[o1 + r]! * x;
        v2 += binv[o2 + r]! * x;
        v3 += binv[o3 + r]! * x;
      }
      xw[p] = Math.abs(v0) < 1e-12 ? 0 : v0;
      xw[p + 1] = Math.abs(v1) < 1e-12 ? 0 : v1;
      xw[p + 2] = Math.abs(v2) < 1e-12 ? 0 : v2;
      xw[p + 3] = Math.abs(v3) < 1e-12 ? 0 : v3;
    }
    for (; p < R; p++) {
      let v = 0;
      for (let i = 0; i < nb; i++) v += binv[p * R + bi[i]!]! * bv[i]!;
      xw[p] = Math.abs(v) < 1e-12 ? 0 : v;
    }
    if (withDuals) this.duals();
  }
}
