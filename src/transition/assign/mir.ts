// Complemented mixed-integer rounding (c-MIR) cuts on aggregations of the capacity rows, next to
// the lifted covers of cuts.ts (one row each) and the GMI cuts of gomory.ts (one tableau row).
// An aggregation: whole multipliers λ_r ≥ 1 on rows that are tight at the LP point and that one
// fractional choice takes together (a host's mailbox, domain, web and migrations rows), or one
// tight row alone:  Σ_u Σ_k α_uk x_uk ≤ β,  α_uk = Σ λ_r a_uk^r, β = Σ λ_r cap_r (slacks ≥ 0 dropped).
// Each unit's choices sum to exactly 1 (lp.ts's convexity rows), so a unit may be shifted by any
// constant: c_u = α of its largest LP choice ("complemented" at the point), giving
//   Σ (α_uk − c_u) x_uk ≤ β − Σ c_u,
// a row over whole x ≥ 0 with coefficients of either sign. Its MIR with divisor δ = D/s (whole D, s),
// d_uk = (α_uk − c_u)/δ, f0 = frac((β − Σc)/δ), F(d) = ⌊d⌋ + max(0, frac(d) − f0)/(1 − f0):
//   Σ F(d_uk) x_uk ≤ ⌊(β − Σc)/δ⌋
// is valid for every whole point of the row (Nemhauser–Wolsey; Marchand–Wolsey's c-MIR). Times
// (1 − f0)·D it is whole: all amounts are whole, so it is computed in integers, exactly. Then each
// unit is shifted back to a least coefficient of 0 (again by Σ_k x_uk = 1), so it is a Cut like the
// covers. Divisors tried: the shifted amounts of the fractional choices, then halves down to an
// eighth of the best; the most efficacious (violation over the coefficients' norm) is kept.
// Measured (commands in the report of the branch `bound`; pivots are the budget, so deterministic):
// - root gap closed, lifted covers → covers and GMI (rootGomory) → covers and c-MIR, `BENCH_SIZES=
//   1000x45,2000x60 BENCH_SEEDS=1 BENCH_NODES=1 npm run bench:assign-cuts`: 1000×45 random 7.2 →
//   9.5 → 11.2 %, clustered 38.6 → 61.1 → 71.1 %, 2000×60 random 19.0 → 49.9 → 70.2 %, clustered
//   10.5 → 31.7 → 35.0 %; with the default budget the open tree's bound ends 528 → 504, 199 → 87
//   and 67 → 24 cents below HiGHS's best (the first three; covers → c-MIR).
// - below 600 units rootMir is the default (bnb.ts SMALL_BELOW): `BENCH_SIZES=100x10,250x20,500x30
//   BENCH_SEEDS=2 BENCH_SEPARATORS=default,+mir.root npm run bench:assign-engine`, pivots rootGomory →
//   rootMir: 100×10 random 4,675 → 3,718, 221 both, clustered 301 → 273, 4,050 → 3,495; 250×20
//   random 21,724 → 10,217, 2,926 → 2,158, clustered 6,130 → 4,608, 3,879 → 4,832; 500×30 random
//   7,890 → 7,488, 167,226 (open) → 36,975 (proved, 3 cents lower), clustered 38,372 → 12,658,
//   4,423 → 3,599; otherwise the same totals.
// - from 600 units it stays opt-in: with the budget in pivots the cut rounds and the longer rows
//   left 1.4–2.4× fewer nodes, and the totals were mixed (`BENCH_SIZES=1000x45,2000x60
//   BENCH_SEPARATORS=default,+mir,+mir.root`: 1000×45 random 441 cents dearer, clustered 112
//   cheaper, 2000×60 random 31 and clustered 142 dearer; none proved either way). With GMI cuts too
//   at the root (`BENCH_SEPARATORS=default,+mir+gom.root`): 223, 147 and 29 cents cheaper, 2000×60
//   random 189 dearer. Started from HiGHS's assignment (`BENCH_FROM_REF=1 BENCH_SEPARATORS=lifted,
//   +mir.root,+mir+gom.root npm run bench:assign-cuts`) the open tree's bound ends below it by
//   1000×45 clustered 180 → 81 → 42 cents, 2000×60 clustered 221 → 159 → 159: closer, no proof.
// - rootMirGomory with R/4 c-MIR cuts a round instead of R/8 (1000×45 seeds 0–5, scratch script,
//   branch `cutround`): the first root's bound Σ +65 cents over the 12 instances (random +1.6 to
//   +28, clustered −6 to +19) on ×1.36 its rounds' pivots; end to end random totals +96, −78, −208,
//   +4 cents, s2 no longer proved, s5 proved, clustered s0 no longer proved: not kept. Pairs of a
//   fractional choice's tight rows as more aggregations: Σ −54 at R/8, +68 at R/4 (as R/4 alone).

import type { Model } from "./lp";
import { coverCuts, cutKey, type Cut } from "./cuts";
import type { Separator } from "./cutloop";

const VIOLATION = 1e-4;
const FRAC = 1e-6;
/** A row whose slack at the point is above this is not aggregated (its slack would weaken the cut). */
const TIGHT = 1e-6;
/** Divisors tried per aggregation (the distinct shifted amounts of the fractional choices). */
const MAX_DIVISORS = 8;

export interface MirOptions {
  /** Cuts returned at most, most efficacious first (default 20). */
  max?: number;
  /** Aggregations of several rows (default true); false: each tight row alone. */
  aggregate?: boolean;
  /**
   * Also the tight rows of two fractional choices of one unit together (two hosts the unit is split
   * between; multipliers 1). Default false: root gap closed, `BENCH_SIZES=1000x45,2000x60 BENCH_NODES=1
   * BENCH_SEPARATORS=+mir,+mir.cross npm run bench:assign-cuts`, 1000×45 clustered 71.1 → 77.8 %,
   * 2000×60 clustered 35.0 → 37.5 %, random about equal at 1000×45 but 70 → 25 % at 2000×60 (the
   * round's quota filled with weaker cuts, the rounds stalled after two).
   */
  cross?: boolean;
}

/** Per row: the (unit, choice, amount) it holds, built once per model. */
const columns = new WeakMap<Model, { u: number[]; k: number[]; a: number[] }[]>();
export function byRow(m: Model) {
  let c = columns.get(m);
  if (c) return c;
  c = m.cap.map(() => ({ u: [] as number[], k: [] as number[], a: [] as number[] }));
  m.res.forEach((l, u) =>
    l.forEach((rs, k) =>
      rs.forEach((r, i) => {
        const a = m.amt[u]![k]![i]!;
        if (a === 0) return;
        c![r]!.u.push(u);
        c![r]!.k.push(k);
        c![r]!.a.push(a);
      }),
    ),
  );
  columns.set(m, c);
  return c;
}

/**
 * The aggregations mirCuts separates on (row → whole multiplier): each tight row alone, the tight
 * rows of each fractional choice together, and with `cross` those of two of a unit's fractional
 * choices; costmir.ts takes the same ones.
 */
export function tightAggregations(m: Model, rows: number[], x: ArrayLike<number>[], opts: MirOptions = {}): Map<string, Map<number, number>> {
  const cols = byRow(m);
  const ok = new Set(rows.filter((r) => Number.isInteger(m.cap[r]!) && cols[r]!.a.every((a) => a > 0 && Number.isInteger(a))));
  const U = m.cost.length;
  // Slack of each row at x.
  const used = new Float64Array(m.cap.length);
  for (const r of ok) {
    const c = cols[r]!;
    for (let i = 0; i < c.u.length; i++) used[r]! += c.a[i]! * x[c.u[i]!]![c.k[i]!]!;
  }
  const tight = (r: number) => ok.has(r) && m.cap[r]! - used[r]! <= TIGHT * Math.max(1, m.cap[r]!);
  // Aggregations: each tight row alone, and the tight rows of each fractional choice together (whole
  // multipliers: all 1, or each row scaled to about the largest capacity among them).
  const aggs = new Map<string, Map<number, number>>();
  for (const r of ok) if (tight(r)) aggs.set(`${r}*1`, new Map([[r, 1]]));
  if (opts.aggregate ?? true) {
    for (let u = 0; u < U; u++) {
      const xu = x[u]!;
      for (let k = 0; k < xu.length; k++) {
        if (!(xu[k]! > FRAC && xu[k]! < 1 - FRAC)) continue;
        const rs = m.res[u]![k]!.filter(tight);
        if (rs.length < 2) continue;
        const top = Math.max(...rs.map((r) => m.cap[r]!));
        for (const scaled of [false, true]) {
          const lam = new Map(rs.map((r) => [r, scaled ? Math.max(1, Math.round(top / Math.max(1, m.cap[r]!))) : 1]));
          const key = [...lam].sort((a, b) => a[0] - b[0]).map(([r, l]) => `${r}*${l}`).join("+");
          if (!aggs.has(key)) aggs.set(key, lam);
        }
      }
    }
  }
  if (opts.cross) {
    for (let u = 0; u < U; u++) {
      const xu = x[u]!;
      const fr = Array.from({ length: xu.length }, (_, k) => k).filter((k) => xu[k]! > FRAC && xu[k]! < 1 - FRAC);
      for (let i = 0; i < fr.length; i++) for (let j = i + 1; j < fr.length; j++) {
        const rs = [...new Set([...m.res[u]![fr[i]!]!, ...m.res[u]![fr[j]!]!])].filter(tight).sort((a, b) => a - b);
        if (rs.length < 2) continue;
        const key = rs.map((r) => `${r}*1`).join("+");
        if (!aggs.has(key)) aggs.set(key, new Map(rs.map((r) => [r, 1])));
      }
    }
  }
  return aggs;
}

/**
 * Violated c-MIR cuts at the LP point `x` on aggregations of the given rows (rows with whole,
 * non-negative amounts and capacities: bnb.ts's cut rows).
 */
export function mirCuts(m: Model, rows: number[], x: ArrayLike<number>[], opts: MirOptions = {}): Cut[] {
  const max = opts.max ?? 20;
  const cols = byRow(m);
  const aggs = tightAggregations(m, rows, x, opts);
  const found: { cut: Cut; eff: number; key: string }[] = [];
  const sc = mirScratch(m);
  for (const lam of aggs.values()) {
    const c = mirOf(m, cols, lam, x, sc);
    if (c) found.push(c);
  }
  return mostEfficacious(found, max);
}

/** Up to `max` distinct cuts (by key), the most efficacious first. */
export function mostEfficacious(found: { cut: Cut; eff: number; key: string }[], max: number): Cut[] {
  found.sort((a, b) => b.eff - a.eff);
  const seen = new Set<string>();
  const out: Cut[] = [];
  for (const f of found) {
    if (out.length >= max) break;
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    out.push(f.cut);
  }
  return out;
}

/** An aggregation Σ λ_r·row_r: α per unit and choice (only the units the rows hold) and β = Σ λ_r·cap_r. */
export function aggregate(m: Model, cols: { u: number[]; k: number[]; a: number[] }[], lam: Map<number, number>): { alpha: Map<number, Float64Array>; beta: number } {
  const alpha = new Map<number, Float64Array>();
  let beta = 0;
  for (const [r, l] of lam) {
    beta += l * m.cap[r]!;
    const c = cols[r]!;
    for (let i = 0; i < c.u.length; i++) {
      const u = c.u[i]!;
      let a = alpha.get(u);
      if (!a) alpha.set(u, (a = new Float64Array(m.cost[u]!.length)));
      a[c.k[i]!]! += l * c.a[i]!;
    }
  }
  return { alpha, beta };
}

/**
 * mirOf's scratch, per model: the aggregation's α flat (a unit's choices from its offset `at[u]`,
 * -1 when the unit is not in it), its units, and one unit's coefficients.
 */
interface MirScratch {
  at: Int32Array;
  alpha: Float64Array;
  units: Int32Array;
  F: Float64Array;
}
function mirScratch(m: Model): MirScratch {
  let N = 0;
  let K = 0;
  for (const cs of m.cost) ((N += cs.length), (K = Math.max(K, cs.length)));
  return { at: new Int32Array(m.cost.length).fill(-1), alpha: new Float64Array(N), units: new Int32Array(m.cost.length), F: new Float64Array(K) };
}

/**
 * The best c-MIR cut of one aggregation, or null when none is violated. The aggregation is
 * `aggregate`'s, summed in the same order into flat scratch arrays.
 */
function mirOf(m: Model, cols: { u: number[]; k: number[]; a: number[] }[], lam: Map<number, number>, x: ArrayLike<number>[], sc: MirScratch): { cut: Cut; eff: number; key: string } | null {
  const { at, alpha } = sc;
  let beta = 0;
  let nu = 0;
  let size = 0;
  for (const [r, l] of lam) {
    beta += l * m.cap[r]!;
    const c = cols[r]!;
    for (let i = 0; i < c.u.length; i++) {
      const u = c.u[i]!;
      let o = at[u]!;
      if (o < 0) {
        o = at[u] = size;
        size += m.cost[u]!.length;
        alpha.fill(0, o, size);
        sc.units[nu++] = u;
      }
      alpha[o + c.k[i]!]! += l * c.a[i]!;
    }
  }
  const units = sc.units.slice(0, nu).sort();
  try {
    return mirOfAggregation(m, units, beta, x, sc);
  } finally {
    for (let i = 0; i < nu; i++) at[units[i]!] = -1;
  }
}

function mirOfAggregation(m: Model, units: Int32Array, beta: number, x: ArrayLike<number>[], sc: MirScratch): { cut: Cut; eff: number; key: string } | null {
  const { at, alpha, F } = sc;
  // Shift each unit by the amount of its largest LP choice.
  const shift = new Float64Array(units.length);
  let b = beta;
  const divisors = new Set<number>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const o = at[u]!;
    const K = m.cost[u]!.length;
    const xu = x[u]!;
    let best = 0;
    for (let k = 1; k < K; k++) if (xu[k]! > xu[best]! + 1e-12 || (Math.abs(xu[k]! - xu[best]!) <= 1e-12 && alpha[o + k]! > alpha[o + best]!)) best = k;
    shift[i] = alpha[o + best]!;
    b -= alpha[o + best]!;
    for (let k = 0; k < K; k++) {
      const d = Math.abs(alpha[o + k]! - alpha[o + best]!);
      if (d > 0 && xu[k]! > FRAC && xu[k]! < 1 - FRAC) divisors.add(d);
    }
  }
  if (divisors.size === 0) return null;
  // A divisor is first scored without allocating (most are not the best); the best one's
  // coefficients are computed again at the end, by the same arithmetic.
  /** The cut of divisor D / s (its rhs, the violation's two sums), its coefficients into `coef` when given. */
  const cutOf = (D: number, s: number, coef: Map<number, Float64Array> | null) => {
    // δ = D / s: d = (α − c)·s / D, f0 from (b·s) mod D, all whole.
    const bs = b * s;
    const q0 = Math.floor(bs / D);
    const r0 = bs - q0 * D;
    if (r0 < 0.01 * D || r0 > 0.99 * D) return null;
    const den = D - r0; // the cut times (1 − f0)·D = D − r0
    let rhs = q0 * den;
    let lhs = 0;
    let norm = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      const o = at[u]!;
      const K = m.cost[u]!.length;
      let mn = Infinity;
      for (let k = 0; k < K; k++) {
        const n = (alpha[o + k]! - shift[i]!) * s;
        const q = Math.floor(n / D);
        F[k] = q * den + Math.max(0, n - q * D - r0);
        if (F[k]! < mn) mn = F[k]!;
      }
      rhs -= mn;
      const xu = x[u]!;
      let any = false;
      for (let k = 0; k < K; k++) {
        F[k]! -= mn;
        if (F[k]! > 0) {
          any = true;
          lhs += F[k]! * xu[k]!;
          norm += F[k]! * F[k]!;
        }
      }
      if (any && coef) coef.set(u, F.slice(0, K));
    }
    return { rhs, lhs, norm };
  };
  let best: { eff: number; D: number; s: number; D0: number } | null = null;
  const tryDivisor = (D: number, s: number) => {
    const c = cutOf(D, s, null);
    if (!c || c.norm === 0) return;
    const eff = (c.lhs - c.rhs) / Math.sqrt(c.norm);
    if (!(eff > VIOLATION)) return;
    if (!best || eff > best.eff + 1e-12) best = { eff, D, s, D0: s === 1 ? D : best?.D0 ?? D };
  };
  for (const D of [...divisors].sort((p, q) => p - q).slice(0, MAX_DIVISORS)) tryDivisor(D, 1);
  if (!best) return null;
  // Finer divisors of the best: δ/2, δ/4, δ/8.
  const D0 = (best as { D0: number }).D0;
  for (const s of [2, 4, 8]) tryDivisor(D0, s);
  const won = best as { eff: number; D: number; s: number };
  const coef = new Map<number, Float64Array>();
  const { rhs } = cutOf(won.D, won.s, coef)!;
  const eff = won.eff;
  // Whole coefficients: divide by their greatest common divisor with the right-hand side.
  let g = Math.abs(rhs);
  for (const F of coef.values()) for (const f of F) if (f > 0) g = gcd(g, f);
  if (!(g > 0)) g = 1;
  const out = new Map<number, number[]>();
  const coefs = new Map<number, number[]>();
  for (const [u, F] of coef) {
    const ks: number[] = [];
    const cs: number[] = [];
    F.forEach((f, k) => f > 0 && (ks.push(k), cs.push(f / g)));
    out.set(u, ks);
    coefs.set(u, cs);
  }
  const cut: Cut = { cols: out, coefs, rhs: rhs / g };
  return { cut, eff, key: cutKey(cut) };
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The separator of the search's cut loop (cutloop.ts) with c-MIR cuts (at most max(5, R/8) a call) first, then the
 * lifted covers of the capacity rows.
 */
export const coversAndMir: Separator = (m, rows, x) => [...mirCuts(m, rows, x, { max: Math.max(5, Math.round(m.cap.length / 8)) }), ...coverCuts(m, rows, x)];

/** c-MIR cuts and covers in the root's cut rounds; the covers alone at node-cut restarts. */
export const rootMir: Separator = (m, rows, x, at) => (at?.root ? coversAndMir(m, rows, x, at) : coverCuts(m, rows, x));
