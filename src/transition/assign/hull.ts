// Exact hull separation for one knapsack block: a capacity row, or the rows of one host together
// (its kinds and its migrations bind the same units' choices). Opt-in, for benches and the
// `hullSeparator` of bench variants; the Worker's default path does not import it.
// In a block, only a choice's amounts on the block's rows matter: a unit's choices fall into
// classes (equal amount vectors), z_uc = Σ x over class c's choices, and x lies in the convex hull
// of the block's assignments (each unit one choice, within the block's capacities) exactly when z
// lies in the hull of the class assignments (a choice's share of its class splits any convex
// combination). A unit at one class wholly (z_uc = 1) is in that class in every point of such a
// combination (z ≤ 1 is valid), and a class at 0 in none: membership is decided on the fractional
// units' support classes alone, the whole units' amounts taken off the capacities.
// Membership is a small LP by column generation (Fenchel separation): min Σ|s| with Σ_k λ_k Z_k + s
// = z*, Σ λ = 1, λ ≥ 0, its columns Z_k the block's assignments of the fractional units, priced by
// an exact dynamic programme over the used amounts (hullOracle). Its optimum is 0 exactly when z*
// is in the hull; its duals (y, y0) then give a Fenchel cut y·Z ≤ −y0, valid for the fractional
// units with the whole ones fixed (a face): liftHull makes it valid for every assignment.
import type { Separator } from "./cutloop";
import type { Cut } from "./cuts";
import type { Model } from "./lp";

const EPS = 1e-9;
/** The programme's states (distinct used-amount vectors) at most; past it the block is not tested. */
export const MAX_STATES = 200_000;

/** A block's fractional units at a point: their support classes' amounts and masses, and the room the whole units leave. */
export interface HullFace {
  rows: number[];
  /** Per row of the block: capacity less the whole units' amounts. */
  room: number[];
  units: number[];
  /** Per unit: per support class, its amounts on the block's rows, its mass z*, and its choices. */
  amts: number[][][];
  mass: number[][];
  choices: number[][][];
  /** The whole units touching the block: their classes (all, with `all`), choices, and the class they are at. */
  whole: { u: number; amts: number[][]; choices: number[][]; at: number }[];
}

/** The amounts of unit u's choice k on the block's rows (pos: row → place in the block). */
function amountsOf(m: Model, u: number, k: number, pos: Map<number, number>, n: number): number[] {
  const a = new Array<number>(n).fill(0);
  m.res[u]![k]!.forEach((r, i) => {
    const p = pos.get(r);
    if (p !== undefined) a[p] = a[p]! + m.amt[u]![k]![i]!;
  });
  return a;
}

/**
 * The face of x for the block `rows`: whole units taken off, the fractional ones by class. `all`:
 * a fractional unit's classes at 0 too (the Fenchel cut then has their coefficients, and only the
 * whole units need lifting); else its support only (enough to decide membership).
 */
export function hullFace(m: Model, rows: number[], x: ArrayLike<number>[], all = false): HullFace {
  const pos = new Map(rows.map((r, i) => [r, i]));
  const n = rows.length;
  const room = rows.map((r) => m.cap[r]!);
  const face: HullFace = { rows, room, units: [], amts: [], mass: [], choices: [], whole: [] };
  for (let u = 0; u < m.cost.length; u++) {
    const byKey = new Map<string, { a: number[]; z: number; ks: number[] }>();
    let touches = false;
    for (let k = 0; k < m.cost[u]!.length; k++) {
      const xv = x[u]![k]!;
      const a = amountsOf(m, u, k, pos, n);
      if (a.some((v) => v !== 0)) touches = true;
      if (xv <= EPS && !all) continue;
      const key = a.join(",");
      const c = byKey.get(key) ?? byKey.set(key, { a, z: 0, ks: [] }).get(key)!;
      c.z += Math.max(0, xv);
      c.ks.push(k);
    }
    if (!touches) continue;
    const cls = [...byKey.values()];
    const at = cls.filter((c) => c.z > EPS);
    if (at.length === 1) {
      at[0]!.a.forEach((v, i) => (room[i]! -= v));
      face.whole.push({ u, amts: cls.map((c) => c.a), choices: cls.map((c) => c.ks), at: cls.indexOf(at[0]!) });
      continue;
    }
    face.units.push(u);
    face.amts.push(cls.map((c) => c.a));
    face.mass.push(cls.map((c) => c.z));
    face.choices.push(cls.map((c) => c.ks));
  }
  return face;
}

/**
 * The most profitable assignment of the face's units (one support class each, within `room`):
 * per unit the class index, and its profit; null when none fits, or past MAX_STATES states.
 * `profit[i][c]`: unit i's class c. States are the used-amount vectors, one number each.
 */
export function hullOracle(face: HullFace, profit: number[][], room = face.room): { pick: number[]; value: number } | null {
  const n = room.length;
  const radix: number[] = [];
  let scale = 1;
  for (let i = 0; i < n; i++) (radix.push(scale), (scale *= Math.max(0, Math.floor(room[i]!)) + 1));
  if (room.some((v) => v < -EPS) || !Number.isSafeInteger(scale)) return null;
  // Per stage: state key → [value, previous key, class].
  const stages: Map<number, [number, number, number]>[] = [];
  let cur = new Map<number, [number, number, number]>([[0, [0, -1, -1]]]);
  const used = new Array<number>(n);
  for (let i = 0; i < face.units.length; i++) {
    const next = new Map<number, [number, number, number]>();
    for (const [key, [val]] of cur) {
      let rest = key;
      for (let d = n - 1; d >= 0; d--) (used[d] = Math.floor(rest / radix[d]!)), (rest -= used[d]! * radix[d]!);
      face.amts[i]!.forEach((a, c) => {
        let k2 = key;
        for (let d = 0; d < n; d++) {
          if (used[d]! + a[d]! > room[d]! + EPS) return;
          k2 += a[d]! * radix[d]!;
        }
        const v = val + profit[i]![c]!;
        const was = next.get(k2);
        if (!was || v > was[0]) next.set(k2, [v, key, c]);
      });
    }
    if (next.size === 0 || next.size > MAX_STATES) return null;
    stages.push(next);
    cur = next;
  }
  let bestKey = -1;
  let best = -Infinity;
  for (const [key, [v]] of cur) if (v > best) (best = v), (bestKey = key);
  const pick = new Array<number>(face.units.length);
  for (let i = face.units.length - 1; i >= 0; i--) {
    const [, prev, c] = stages[i]!.get(bestKey)!;
    pick[i] = c;
    bestKey = prev;
  }
  return { pick, value: face.units.length === 0 ? 0 : best };
}

/** The membership LP's answer: its optimum (0: in the hull) and the Fenchel cut y·Z ≤ rhs on the face's classes. */
export interface HullTest {
  /** Σ|s| at the optimum: the L1 distance of z* from the hull, per its normalisation (|y| ≤ 1). */
  distance: number;
  /** Per face unit, per class: the cut's coefficient. */
  coef: number[][];
  rhs: number;
  /** The assignments (class per unit) generated. */
  columns: number;
  /** Not decided: no assignment fits the face, or the programme grew past MAX_STATES. */
  failed?: "empty" | "states";
}

/**
 * Is the face's point in the hull? Column generation on the membership LP (dense revised simplex,
 * Bland's rule: the LP has the face's classes + 1 rows, a few dozen).
 */
export function hullTest(face: HullFace, maxColumns = 400): HullTest {
  const comp: [number, number][] = [];
  face.mass.forEach((zs, i) => zs.forEach((_, c) => comp.push([i, c])));
  const nc = comp.length;
  const M = nc + 1;
  const zStar = [...comp.map(([i, c]) => face.mass[i]![c]!), 1];
  const first = hullOracle(face, face.mass);
  const none: HullTest = { distance: 0, coef: face.mass.map((zs) => zs.map(() => 0)), rhs: 0, columns: 0 };
  if (nc === 0) return none;
  if (!first) {
    const fail = hullOracle(face, face.mass.map((zs) => zs.map(() => 0)));
    return { ...none, failed: fail ? "states" : "empty" };
  }
  // Columns: 0..nc-1 s+, nc..2nc-1 s−, then λ's (their class picks).
  const picks: number[][] = [];
  const colOf = (j: number): Float64Array => {
    const a = new Float64Array(M);
    if (j < nc) a[j] = 1;
    else if (j < 2 * nc) a[j - nc] = -1;
    else {
      const pk = picks[j - 2 * nc]!;
      comp.forEach(([i, c], r) => (a[r] = pk[i] === c ? 1 : 0));
      a[nc] = 1;
    }
    return a;
  };
  const costOf = (j: number) => (j < 2 * nc ? 1 : 0);
  picks.push(first.pick);
  const z0 = colOf(2 * nc);
  const basis = Int32Array.from({ length: M }, (_, r) => (r === nc ? 2 * nc : zStar[r]! - z0[r]! >= 0 ? r : nc + r));
  let binv = invert(Array.from(basis, (j) => colOf(j)), M);
  if (!binv) return { ...none, failed: "empty" };
  let xB = mul(binv, zStar);
  let pivots = 0;
  for (;;) {
    // Duals y = c_B B⁻¹.
    const y = new Float64Array(M);
    for (let p = 0; p < M; p++) {
      const cb = costOf(basis[p]!);
      if (cb) for (let r = 0; r < M; r++) y[r] = y[r]! + cb * binv[p]![r]!;
    }
    // Entering: Bland over the slacks and known λ's, then a new λ from the oracle.
    let enter = -1;
    const inBasis = new Set(basis);
    const nCols = 2 * nc + picks.length;
    for (let j = 0; j < nCols && enter < 0; j++) {
      if (inBasis.has(j)) continue;
      const a = colOf(j);
      let rc = costOf(j);
      for (let r = 0; r < M; r++) rc -= y[r]! * a[r]!;
      if (rc < -1e-9) enter = j;
    }
    if (enter < 0) {
      if (picks.length >= maxColumns) break;
      const prof = face.mass.map((zs) => zs.map(() => 0));
      comp.forEach(([i, c], r) => (prof[i]![c] = y[r]!));
      const o = hullOracle(face, prof);
      if (!o || o.value + y[nc]! <= 1e-9) {
        const coef = face.mass.map((zs) => zs.map(() => 0));
        comp.forEach(([i, c], r) => (coef[i]![c] = y[r]!));
        let distance = 0;
        for (let r = 0; r < M; r++) distance += y[r]! * zStar[r]!;
        return { distance: Math.max(0, distance), coef, rhs: -y[nc]!, columns: picks.length };
      }
      picks.push(o.pick);
      enter = nCols;
    }
    const w = mul(binv, colOf(enter));
    let leave = -1;
    let best = Infinity;
    for (let p = 0; p < M; p++) {
      if (w[p]! <= 1e-9) continue;
      const t = xB[p]! / w[p]!;
      if (t < best - 1e-12 || (t < best + 1e-12 && leave >= 0 && basis[p]! < basis[leave]!)) (best = t), (leave = p);
    }
    if (leave < 0) break; // unbounded cannot happen (costs ≥ 0)
    basis[leave] = enter;
    if (++pivots % 50 === 0) {
      const b = invert(Array.from(basis, (j) => colOf(j)), M);
      if (!b) break;
      binv = b;
    } else {
      const piv = w[leave]!;
      const rowL = binv[leave]!.map((v) => v / piv);
      for (let p = 0; p < M; p++) {
        if (p === leave || w[p] === 0) continue;
        const f = w[p]!;
        const rp = binv[p]!;
        for (let r = 0; r < M; r++) rp[r] = rp[r]! - f * rowL[r]!;
      }
      binv[leave] = rowL;
    }
    xB = mul(binv, zStar);
  }
  return { ...none, failed: "states" };
}

/** B⁻¹ of the columns (Gauss-Jordan with partial pivoting), rows of the inverse; null when singular. */
function invert(cols: Float64Array[], M: number): Float64Array[] | null {
  const a = Array.from({ length: M }, (_, r) => {
    const row = new Float64Array(2 * M);
    for (let c = 0; c < M; c++) row[c] = cols[c]![r]!;
    row[M + r] = 1;
    return row;
  });
  for (let c = 0; c < M; c++) {
    let p = c;
    for (let r = c + 1; r < M; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pr = a[c]!;
    const piv = pr[c]!;
    for (let k = 0; k < 2 * M; k++) pr[k] = pr[k]! / piv;
    for (let r = 0; r < M; r++) {
      const ar = a[r]!;
      if (r === c || ar[c] === 0) continue;
      const f = ar[c]!;
      for (let k = 0; k < 2 * M; k++) ar[k] = ar[k]! - f * pr[k]!;
    }
  }
  return a.map((row) => row.slice(M));
}

function mul(binv: Float64Array[], v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(binv.length);
  for (let p = 0; p < binv.length; p++) {
    let s = 0;
    const row = binv[p]!;
    for (let r = 0; r < row.length; r++) s += row[r]! * v[r]!;
    out[p] = s;
  }
  return out;
}

/** Per state key (used amounts, mixed radix): the best Σ f over the units lifted so far. */
type Table = Map<number, number>;

/**
 * The Fenchel cut of a face (hullTest's, on a face built with `all`) lifted to every assignment of
 * the block: the whole units are released one by one (sequential GUB lifting, exact): unit j at
 * class c0, its amounts a0 given back to the room, gets per class
 *   f_j(c) = β − M(room + a0 − a_c),   M(ρ) = the largest Σ f of the units lifted so far within ρ,
 * M kept by a dynamic programme over the used amounts (a table of reachable states, bounded by the
 * block's capacities). A class no assignment of the lifted units fits with (M = −∞) may take any
 * finite coefficient at that step; it takes the unit's largest finite one. Each step keeps the
 * inequality valid for the block with the units not yet released at their classes, so the last
 * is valid for every assignment of the block. Then each unit's least coefficient is moved to the
 * right-hand side (Σ_c z_uc = 1), so the coefficients are ≥ 0 and the zeros are left out.
 * Null past `maxStates` states.
 */
export function liftHull(m: Model, face: HullFace, t: HullTest, maxStates = MAX_STATES): Cut | null {
  const n = face.rows.length;
  const cap = face.rows.map((r) => m.cap[r]!);
  const radix: number[] = [];
  let scale = 1;
  for (let i = 0; i < n; i++) (radix.push(scale), (scale *= cap[i]! + 1));
  if (!Number.isSafeInteger(scale)) return null;
  const decode = (key: number, out: number[]) => {
    let rest = key;
    for (let d = n - 1; d >= 0; d--) (out[d] = Math.floor(rest / radix[d]!)), (rest -= out[d]! * radix[d]!);
  };
  const used = new Array<number>(n);
  /** The table with one more unit of classes `amts`, coefficients f. */
  const add = (tab: Table, amts: number[][], f: number[]): Table | null => {
    const next: Table = new Map();
    for (const [key, val] of tab) {
      decode(key, used);
      amts.forEach((a, c) => {
        let k2 = key;
        for (let d = 0; d < n; d++) {
          if (used[d]! + a[d]! > cap[d]!) return;
          k2 += a[d]! * radix[d]!;
        }
        const v = val + f[c]!;
        const was = next.get(k2);
        if (was === undefined || v > was) next.set(k2, v);
      });
    }
    return next.size > maxStates ? null : next;
  };
  let tab: Table | null = new Map([[0, 0]]);
  for (let i = 0; i < face.units.length && tab; i++) tab = add(tab, face.amts[i]!, t.coef[i]!);
  if (!tab) return null;
  const beta = t.rhs + 1e-7;
  const room = face.room.slice();
  const coefs: { u: number; choices: number[][]; f: number[] }[] = face.units.map((u, i) => ({ u, choices: face.choices[i]!, f: t.coef[i]!.slice() }));
  // Release the whole units at a positive class first (they give room back), then those at 0.
  const order = face.whole.slice().sort((a, b) => Number(b.amts[b.at]!.some((v) => v > 0)) - Number(a.amts[a.at]!.some((v) => v > 0)));
  for (const w of order) {
    w.amts[w.at]!.forEach((v, d) => (room[d]! += v));
    const f = w.amts.map((a) => {
      const rho = room.map((v, d) => v - a[d]!);
      if (rho.some((v) => v < 0)) return NaN;
      let best = -Infinity;
      for (const [key, val] of tab!) {
        if (val <= best) continue;
        decode(key, used);
        let fits = true;
        for (let d = 0; d < n && fits; d++) fits = used[d]! <= rho[d]!;
        if (fits) best = val;
      }
      return best === -Infinity ? NaN : beta - best;
    });
    const finite = f.filter((v) => !Number.isNaN(v));
    const fill = finite.length > 0 ? Math.max(0, ...finite) : 0;
    const fj = f.map((v) => (Number.isNaN(v) ? fill : v));
    coefs.push({ u: w.u, choices: w.choices, f: fj });
    tab = add(tab, w.amts, fj);
    if (!tab) return null;
  }
  const cols = new Map<number, number[]>();
  const cs = new Map<number, number[]>();
  let rhs = beta;
  for (const { u, choices, f } of coefs) {
    const low = Math.min(...f);
    rhs -= low;
    const ks: number[] = [];
    const vs: number[] = [];
    f.forEach((v, c) => {
      if (v - low > 1e-9) for (const k of choices[c]!) (ks.push(k), vs.push(v - low));
    });
    if (ks.length > 0) (cols.set(u, ks), cs.set(u, vs));
  }
  if (cols.size === 0) return null;
  return { cols, coefs: cs, rhs, tableau: true };
}

/** What hullCuts did, summed over its calls (benches read and reset it). */
export const hullStats = { tested: 0, large: 0, failed: 0, violated: 0, liftFailed: 0, cuts: 0, ms: 0 };

export interface HullOptions {
  /** The hosts' blocks (rows of one host together) to separate on as well as, or instead of, single rows. */
  blocks?: number[][];
  /** Separate each single row (default true). */
  rows?: boolean;
  /** Cuts per call at most (most violated first; default: all). */
  max?: number;
  /** A face with more fractional units is not tested (default 40). */
  maxUnits?: number;
  /** The lifting's states at most (default MAX_STATES; a host's rows together can reach millions). */
  liftStates?: number;
  /**
   * withHullCuts only: hull cuts only in a root round whose gap (the incumbent's value less the LP's)
   * is at most this many cents, none without an incumbent (default: every root round). Meant to keep
   * the cuts where they close a proof and leave the neighbourhoods' path alone elsewhere.
   */
  maxGap?: number;
}

/**
 * Lifted Fenchel cuts of the given rows (and blocks) violated at x: per block, the face's membership
 * LP (hullTest), its cut lifted (liftHull), kept when x violates it by 1e-4.
 */
export function hullCuts(m: Model, rows: number[], x: ArrayLike<number>[], o: HullOptions = {}): Cut[] {
  const bs = [...(o.rows === false ? [] : rows.map((r) => [r])), ...(o.blocks ?? [])];
  const found: { cut: Cut; viol: number }[] = [];
  const t0 = performance.now();
  for (const b of bs) {
    const face = hullFace(m, b, x, true);
    if (face.units.length === 0) continue;
    if (face.units.length > (o.maxUnits ?? 40)) {
      hullStats.large++;
      continue;
    }
    hullStats.tested++;
    const t = hullTest(face);
    if (t.failed) hullStats.failed++;
    if (t.failed || t.distance < 1e-6) continue;
    hullStats.violated++;
    const cut = liftHull(m, face, t, o.liftStates);
    if (!cut) hullStats.liftFailed++;
    if (!cut) continue;
    let lhs = 0;
    for (const [u, ks] of cut.cols) ks.forEach((k, i) => (lhs += cut.coefs!.get(u)![i]! * x[u]![k]!));
    if (lhs - cut.rhs > 1e-4) found.push({ cut, viol: lhs - cut.rhs });
  }
  found.sort((a, b) => b.viol - a.viol);
  hullStats.cuts += found.length;
  hullStats.ms += performance.now() - t0;
  return found.slice(0, o.max ?? found.length).map((f) => f.cut);
}

/**
 * `base` with hull cuts first in the root's rounds (`o`: which blocks; the hosts' rows come from
 * the caller, the model does not know its hosts). Opt-in (bench:assign-profile `hullRows`): the
 * figures are in ARCHITECTURE.md's hull bullet. As the second root's separator, `max` and `maxGap`
 * are its gentler forms (`r2hullMax5`, `r2hullGap…`: none kept every proof at 1000×45, ARCHITECTURE.md).
 */
export function withHullCuts(base: Separator, o: HullOptions = {}): Separator {
  const due = (at: Parameters<Separator>[3]) => !!at?.root && (o.maxGap === undefined || (at.ub !== undefined && Number.isFinite(at.ub) && at.ub - at.lp.objective().cost <= o.maxGap));
  const sep: Separator = (m, rows, x, at) => [...(due(at) ? hullCuts(m, rows, x, o) : []), ...base(m, rows, x, at)];
  return Object.assign(sep, { dualRebuild: base.dualRebuild, dualCap: base.dualCap, restarts: base.restarts });
}
