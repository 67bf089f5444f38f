// Gomory mixed-integer cuts from rows of the LP's optimal tableau, next to the lifted covers of
// cuts.ts: a cover sees one capacity row, a tableau row mixes every row the basis links (a unit's
// mail host, its web host, its migration row and the left-out row), which is where most of the
// root gap of the large instances is.
// The LP (lp.ts) substitutes each unit's key column out, x_key(u) = 1 − Σ_{j∈u, j≠key} x_j:
//   Σ_{j not a key} (a_j − a_key(u(j))) x_j + s = cap − Σ_u a_key(u),
// so with ρ the row p of the working basis inverse, the tableau row of the basic column at p is
//   x_B(p) + Σ_{j nonbasic} ā_j x_j = x̄_p,   ā_j = ρ·(a_j − a_key(u(j))) (a choice), ρ_r (slack r).
// It holds at every point of the rows and the units' equalities. The nonbasic variables are ≥ 0:
// choices are whole; a slack is whole when its row's amounts and capacity are (the capacity rows,
// the cover cuts), else continuous; a cut row's surplus column (an artificial of lp.ts) is 0 at
// every real point and drops out. With f0 = frac(x̄_p) and f_j = frac(ā_j), when x_B(p) is whole
// (a choice, or the slack of a whole row), the GMI cut
//   Σ_{whole j} min(f_j/f0, (1−f_j)/(1−f0)) x_j + Σ_{continuous j} max(ā_j/f0, −ā_j/(1−f0)) x_j ≥ 1
// is valid for every assignment that fits (Gomory 1960; Marchand–Wolsey's form), and cuts off the
// LP point (every nonbasic is 0 there). The slacks are then substituted out (s_r = cap_r − a_r·x),
// the cut turned to ≤, and each unit's coefficients shifted to a least of 0 (its choices sum to
// exactly 1), so it is a Cut like the covers: non-negative coefficients on choices, a right-hand side.
// Floating point: ρ carries rounding, so the right-hand side is relaxed by a small margin, tiny
// coefficients are lowered to 0 (lowering a ≤ cut's coefficient on x ≥ 0 only weakens it), so the
// kept ones span at most four orders of magnitude, all coefficients are rounded down (the
// right-hand side up) to a grid of 2^-20, and of nearly parallel cuts only one is kept, nor one
// nearly parallel to a cut row already in the LP (both make the LP's basis nearly singular).
// Cost: a tableau row is read over ρ's nonzeros only (~22–28 % of the rows at 1000×45), through a
// row-by-column index built once per model, and a cut too dense to keep is counted, not built (¾
// of the sources at 1000×45); the cuts are bit for bit those of a pass over every column
// (assign-gomory-sparse.test.ts), and root separation takes 2.7–5× less time than that pass did.
import type { Separator, Tableau } from "./cutloop";
import type { GubLp, Model } from "./lp";
import { coverCuts, lhs, type Cut } from "./cuts";

/** Source rows whose basic value is within this of a whole number are not used (weak, unstable cuts). */
const MIN_FRAC = 0.01;
/** Coefficients below this share of the largest are lowered to 0 (the kept ones span at most 1e4). */
const TINY = 1e-4;
/** Two cuts of one call whose coefficient vectors' cosine is above this: only the better is kept. */
const PARALLEL = 0.98;
/**
 * Coefficients (after scaling to a largest of 1) are rounded down to multiples of this, the
 * right-hand side up: two choices of a unit whose coefficients are equal in exact arithmetic but
 * were computed along different paths would otherwise differ by ~1e-17, and the LP's working
 * column (a_j − a_key) would carry that noise as a nonzero: the basis then turned singular.
 */
const GRID = 2 ** -20;
/** The right-hand side's safety margin, per unit of the largest coefficient. */
const MARGIN = 1e-7;
const VIOLATION = 1e-4;

/**
 * A model's choice columns by row (per row r its columns j = unitStart[u] + k and amounts, in
 * column order), and per row whether its slack is whole at every assignment (whole amounts and
 * capacity). Built once per model (each cut round's LP has a new one). A column lists its rows in
 * increasing order (units.ts sorts them, withCuts appends the cut rows after), so adding its terms
 * row by row, rows in increasing order, sums them in its own order: gmi() reads a tableau row over
 * ρ's nonzeros only, bit for bit as a pass over the column would (another order would only change
 * the roundoff, which the cut's margin covers).
 */
interface Index {
  rowStart: Int32Array;
  rowCol: Int32Array;
  rowAmt: Float64Array;
  whole: Uint8Array;
}
const indexes = new WeakMap<Model, Index>();
function indexOf(m: Model): Index {
  let ix = indexes.get(m);
  if (ix) return ix;
  const U = m.cost.length;
  const R = m.cap.length;
  const whole = new Uint8Array(R);
  for (let r = 0; r < R; r++) whole[r] = Number.isInteger(m.cap[r]!) ? 1 : 0;
  const rowStart = new Int32Array(R + 1);
  for (let u = 0; u < U; u++) {
    const rs = m.res[u]!;
    const as = m.amt[u]!;
    for (let k = 0; k < rs.length; k++) {
      const rk = rs[k]!;
      const ak = as[k]!;
      for (let i = 0; i < rk.length; i++) {
        rowStart[rk[i]! + 1]!++;
        if (!Number.isInteger(ak[i]!)) whole[rk[i]!] = 0;
      }
    }
  }
  for (let r = 0; r < R; r++) rowStart[r + 1]! += rowStart[r]!;
  const rowCol = new Int32Array(rowStart[R]!);
  const rowAmt = new Float64Array(rowStart[R]!);
  const fill = rowStart.slice(0, R);
  for (let u = 0, j = 0; u < U; u++) {
    const rs = m.res[u]!;
    const as = m.amt[u]!;
    for (let k = 0; k < rs.length; k++, j++) {
      const rk = rs[k]!;
      const ak = as[k]!;
      for (let i = 0; i < rk.length; i++) {
        const at = fill[rk[i]!]!++;
        rowCol[at] = j;
        rowAmt[at] = ak[i]!;
      }
    }
  }
  ix = { rowStart, rowCol, rowAmt, whole };
  indexes.set(m, ix);
  return ix;
}

export interface GomoryOptions {
  /** Cuts returned at most (the most efficacious: violation over the coefficients' norm). Default 10. */
  max?: number;
  /** Tableau rows tried at most (the most fractional first). Default 4 × max. */
  rows?: number;
  /** Cuts over more than this share of the choice columns are not kept (default 1: all). */
  density?: number;
  /**
   * `lm`'s rows from this one on are cuts already in the LP: a new cut nearly parallel to one of
   * them is not kept (default: none compared).
   */
  base?: number;
}

/**
 * GMI cuts from the tableau of `lp`, an LP of `lm` solved to optimality. `lm`'s units and choices
 * are those of the cuts (its rows: the capacities, then any cut rows). The point x is the LP's
 * (per unit, per choice), used to check and rank the cuts.
 */
export function gomoryCuts(lm: Model, lp: GubLp, x: ArrayLike<number>[], opts: GomoryOptions = {}): Cut[] {
  const max = opts.max ?? 10;
  const R = lm.cap.length;
  const N = lp.N;
  const ix = indexOf(lm);
  const whole = ix.whole;
  // Source rows: a basic choice, or the slack of a whole row, at a fractional value.
  const src: { p: number; f0: number }[] = [];
  for (let p = 0; p < R; p++) {
    const j = lp.basis[p]!;
    const isChoice = j < N;
    if (!isChoice && !(j < N + R && whole[j - N])) continue;
    const v = lp.xw[p]!;
    const f0 = v - Math.floor(v);
    if (f0 >= MIN_FRAC && f0 <= 1 - MIN_FRAC) src.push({ p, f0 });
  }
  src.sort((a, b) => Math.abs(a.f0 - 0.5) - Math.abs(b.f0 - 0.5) || a.p - b.p);
  const found: { cut: Cut; eff: number }[] = [];
  const scratch = gmiScratch(lm, lp);
  for (const { p, f0 } of src.slice(0, opts.rows ?? 4 * max)) {
    const cut = gmi(lm, lp, ix, scratch, lp.inverseRow(p), f0, Math.floor((opts.density ?? 1) * lp.N));
    if (!cut) continue;
    const viol = lhs(cut, x) - cut.rhs;
    if (!(viol > VIOLATION)) continue;
    let norm = 0;
    for (const cs of cut.coefs!.values()) for (const a of cs) norm += a * a;
    found.push({ cut, eff: viol / Math.sqrt(norm) });
  }
  found.sort((a, b) => b.eff - a.eff);
  // Each kept cut as a unit vector over the columns (dense), to compare the next ones with; a
  // candidate is sparse (its columns in increasing order, as a dense dot would add them: the
  // left-out terms are zeros, which leave a sum as it is), and so are the LP's cut rows (cutCols).
  const kept: Float64Array[] = [];
  const base = Math.min(opts.base ?? R, R);
  const cc = cutCols(ix, N, R, base);
  const cos = new Float64Array(R - base);
  const out: Cut[] = [];
  for (const { cut } of found) {
    if (out.length >= max) break;
    let norm = 0;
    for (const cs of cut.coefs!.values()) for (const a of cs) norm += a * a;
    const js: number[] = [];
    const vs: number[] = [];
    for (const [u, ks] of cut.cols) {
      const cs = cut.coefs!.get(u)!;
      ks.forEach((k, i) => (js.push(lp.unitStart[u]! + k), vs.push(cs[i]!)));
    }
    const sq = Math.sqrt(norm);
    for (let i = 0; i < vs.length; i++) vs[i]! /= sq;
    let parallel = kept.some((w) => sparseDense(js, vs, w) > PARALLEL);
    if (!parallel && cos.length > 0) {
      for (let i = 0; i < js.length; i++) for (let q = cc.start[js[i]!]!; q < cc.start[js[i]! + 1]!; q++) cos[cc.row[q]!]! += vs[i]! * cc.a[q]!;
      for (let r = 0; r < cos.length; r++) ((parallel ||= cos[r]! > PARALLEL), (cos[r] = 0));
    }
    if (parallel) continue;
    const v = new Float64Array(lp.N);
    for (let i = 0; i < js.length; i++) v[js[i]!] = vs[i]!;
    kept.push(v);
    out.push(cut);
  }
  return out;
}

/**
 * The LP's rows from `base` on (its cuts), each a unit vector over the choice columns, by column:
 * per column j its (row − base, amount / the row's norm). A candidate's cosine with each row is
 * then summed over its own columns only, in increasing column order as a pass over the row's
 * entries would add them (the left-out terms are zeros).
 */
function cutCols(ix: Index, N: number, R: number, base: number): { start: Int32Array; row: Int32Array; a: Float64Array } {
  const { rowStart, rowCol, rowAmt } = ix;
  const start = new Int32Array(N + 1);
  for (let i = rowStart[base]!; i < rowStart[R]!; i++) start[rowCol[i]! + 1]!++;
  for (let j = 0; j < N; j++) start[j + 1]! += start[j]!;
  const row = new Int32Array(start[N]!);
  const a = new Float64Array(start[N]!);
  const fill = start.slice(0, N);
  for (let r = base; r < R; r++) {
    let t = 0;
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) t += rowAmt[i]! * rowAmt[i]!;
    const norm = Math.sqrt(t) || 1;
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) {
      const at = fill[rowCol[i]!]!++;
      row[at] = r - base;
      a[at] = rowAmt[i]! / norm;
    }
  }
  return { start, row, a };
}

function sparseDense(js: number[], vs: number[], w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < js.length; i++) s += vs[i]! * w[js[i]!]!;
  return s;
}

const frac = (v: number) => v - Math.floor(v);

/** gmi()'s scratch for one LP: per row σ, per unit a mark, the units ρ touches, per column ā·ρ and the ≥ coefficient. */
interface Scratch {
  sigma: Float64Array;
  mark: Uint8Array;
  units: Int32Array;
  dot: Float64Array;
  c: Float64Array;
}
function gmiScratch(lm: Model, lp: GubLp): Scratch {
  const U = lm.cost.length;
  return { sigma: new Float64Array(lm.cap.length), mark: new Uint8Array(U), units: new Int32Array(U), dot: new Float64Array(lp.N), c: new Float64Array(lp.N) };
}

/**
 * The GMI cut of the tableau row ρ (source value's fraction f0), as a ≤ Cut on the choices; null
 * when empty or over `maxNnz` coefficients (counted before the cut is built). Read over ρ's nonzeros only: the dot products ρ·a_j row by row (rows in increasing
 * order: Index), and only the units with a choice on such a row — every other unit's
 * choices have ā_j = 0 and no slack term (σ_r = 0 off ρ's support), so its coefficients are all 0
 * and its shift too: it adds nothing. Terms left out are zeros, which leave a sum as it is (up to
 * the sign of a zero), and the units are taken in increasing order: the cut is the one a dense
 * pass over every column gives (assign-gomory-sparse.test.ts).
 */
function gmi(lm: Model, lp: GubLp, ix: Index, sc: Scratch, rho: Float64Array, f0: number, maxNnz = Infinity): Cut | null {
  const R = lm.cap.length;
  const N = lp.N;
  const { rowStart, rowCol, rowAmt, whole } = ix;
  const { sigma, mark, units, dot, c: cv } = sc;
  const colUnit = lp.colUnit;
  const g1 = (a: number) => {
    const f = frac(a);
    return Math.min(f / f0, (1 - f) / (1 - f0));
  };
  const gc = (a: number) => (a > 0 ? a / f0 : -a / (1 - f0));
  // ρ·a_j for every column on ρ's rows; σ_r: the cut's coefficient on slack r (0 when basic: it is
  // not in the row).
  let rhs = 1; // ≥ form: Σ coef·x ≥ rhs once the slacks are substituted out
  let nu = 0;
  for (let r = 0; r < R; r++) {
    const p = rho[r]!;
    sigma[r] = 0;
    if (p === 0) continue;
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) {
      const j = rowCol[i]!;
      dot[j]! += p * rowAmt[i]!;
      const u = colUnit[j]!;
      if (!mark[u]) ((mark[u] = 1), (units[nu++] = u));
    }
    if (lp.isBasic(N + r)) continue;
    sigma[r] = whole[r] ? g1(p) : gc(p);
    rhs -= sigma[r]! * lm.cap[r]!;
  }
  const touched = units.subarray(0, nu).sort();
  // The ≥ coefficient of each choice of the touched units: ḡ(ā_j), then − σ_r·a_rj row by row.
  for (let t = 0; t < nu; t++) {
    const u = touched[t]!;
    mark[u] = 0;
    const s = lp.unitStart[u]!;
    const e = lp.unitStart[u + 1]!;
    const dk = dot[lp.key[u]!]!;
    for (let j = s; j < e; j++) cv[j] = lp.isBasic(j) ? 0 : g1(dot[j]! - dk);
  }
  for (let r = 0; r < R; r++) {
    const g = sigma[r]!;
    if (g === 0) continue;
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) cv[rowCol[i]!]! -= g * rowAmt[i]!;
  }
  const cols = new Map<number, number[]>();
  const coefs = new Map<number, number[]>();
  let B = -rhs; // ≤ form
  let top = 0;
  // Per touched unit: β = −c shifted to a least of 0, kept in cv until the largest (`top`) is known.
  for (let t = 0; t < nu; t++) {
    const u = touched[t]!;
    const s = lp.unitStart[u]!;
    const e = lp.unitStart[u + 1]!;
    let mn = Infinity;
    for (let j = s; j < e; j++) ((cv[j] = -cv[j]!), (mn = Math.min(mn, cv[j]!)));
    for (let j = s; j < e; j++) {
      cv[j]! -= mn;
      top = Math.max(top, cv[j]!);
    }
    B -= mn;
  }
  // Too dense a cut is not built (gomoryCuts would drop it): its coefficients are counted first.
  let nnz = 0;
  if (top > 0 && Number.isFinite(B) && maxNnz < Infinity)
    for (let t = 0; t < nu; t++)
      for (let j = lp.unitStart[touched[t]!]!; j < lp.unitStart[touched[t]! + 1]!; j++) if (Math.floor(cv[j]! / top / GRID) * GRID > TINY) nnz++;
  if (top > 0 && Number.isFinite(B) && nnz <= maxNnz) {
    // Scaled to a largest coefficient of 1; tiny ones lowered to 0.
    for (let t = 0; t < nu; t++) {
      const u = touched[t]!;
      const s = lp.unitStart[u]!;
      const e = lp.unitStart[u + 1]!;
      const ks: number[] = [];
      const cs: number[] = [];
      for (let j = s; j < e; j++) {
        const a = Math.floor(cv[j]! / top / GRID) * GRID;
        if (a <= TINY) continue;
        ks.push(j - s);
        cs.push(a);
      }
      if (ks.length > 0) (cols.set(u, ks), coefs.set(u, cs));
    }
  }
  for (let t = 0; t < nu; t++) dot.fill(0, lp.unitStart[touched[t]!]!, lp.unitStart[touched[t]! + 1]!);
  if (!(top > 0) || !Number.isFinite(B) || nnz > maxNnz) return null;
  const bound = B / top + MARGIN * Math.max(1, Math.abs(B / top));
  return { cols, coefs, rhs: Math.ceil(bound / GRID) * GRID, tableau: true };
}

/**
 * GMI cuts over more than this share of the choice columns are left out by the separator below:
 * each dense row makes every pivot dearer (pricing reads it for every column). bench:assign-cuts,
 * root gap closed / nodes / pivots, lifted covers alone → with GMI cuts at most 0.25 dense:
 * 250×20 random 49.3% / 961 / 154k → 71.8% / 1251 / 178k (both proved), clustered 39.3% / 503 /
 * 44k → 72.9% / 308 / 25k, 500×30 random 41.2% / 832 / 101k → 89.9% / 198 / 29k. All of them
 * (1) closed less and cost more time; at most 0.1 closed 54% on 250×20 clustered, and spent the
 * budget unproved on 250×20 random.
 */
const DENSITY = 0.25;
// On 500×30 clustered a node LP with these cut rows met a singular working basis at a
// refactorisation: a degenerate pivot on a ~1e-9 entry that was rounding noise (now lp.ts pivotTol)
// and coefficients off by ~1e-17 (now GRID). A node LP that still fails is rebuilt without its
// tableau cuts (cutloop.ts recoverLp). Opt-in: see rootGomory.

/**
 * The separator of the search's cut loop (cutloop.ts) with both families: GMI cuts from the LP's tableau (at most
 * max(5, R/8) a call, over at most `density` of the columns) first, then the lifted covers of the
 * capacity rows `rows`. Without the LP (a caller that has only the point) the covers alone.
 */
export function coversAndGomory(m: Model, rows: number[], x: Float64Array[], at?: Tableau, density = DENSITY): Cut[] {
  const covers = coverCuts(m, rows, x);
  if (!at) return covers;
  const g = gomoryCuts(at.model, at.lp, x, { max: Math.max(5, Math.round(m.cap.length / 8)), density, base: m.cap.length });
  return [...g, ...covers];
}

/**
 * GMI cuts in the root's cut rounds only; at node-cut restarts the lifted covers alone (a node's
 * tableau cuts are valid everywhere but dense, and mostly slack elsewhere in the tree).
 * It was the default below 600 units (bnb.ts SMALL_BELOW) until mir.ts rootMir, which took fewer
 * pivots on 11 of the 12 small bench instances (figures there); not above: before the dual, bench:assign-engine,
 * covers alone → rootGomory (nodes / pivots, total): 100×10 random 71 / 10k both, clustered 7 / 647
 * → 3 / 301; 250×20 random 1312 / 183k → 1612 / 190k (both proved), clustered 355 / 29k → 257 /
 * 18k; 500×30 random 587 / 60k → 248 / 28k, clustered (open) 10 cents dearer; 1000×45 random
 * (open) 579 cents dearer, clustered 208 cheaper; 2000×60 random 230 dearer, clustered 227 cheaper.
 * Every GMI cut at node restarts too (coversAndGomory) spent 250×20 random's budget unproved.
 */
export const rootGomory: Separator = (m, rows, x, at) => coversAndGomory(m, rows, x, at?.root ? at : undefined);
