// gomory.ts reads each tableau row over ρ's nonzeros only (a row-by-column index built once per
// model, the units ρ touches, too dense a cut counted before it is built). This checks that it
// finds exactly the cuts of the dense pass it replaced — a copy of that pass is below — on random
// LPs, with cut pools as rows (rank 2: fractional amounts, continuous slacks) and forbidden columns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverCuts, lhs, withCuts, type Cut } from "../../src/transition/assign/cuts";
import { gomoryCuts, type GomoryOptions } from "../../src/transition/assign/gomory";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { mirCuts } from "../../src/transition/assign/mir";

// ---- The dense pass as it was (gomory.ts before the sparse rows), for reference. ----
const MIN_FRAC = 0.01;
const TINY = 1e-4;
const PARALLEL = 0.98;
const GRID = 2 ** -20;
const MARGIN = 1e-7;
const VIOLATION = 1e-4;
function wholeRows(m: Model): Uint8Array {
  const whole = Uint8Array.from(m.cap, (c) => (Number.isInteger(c) ? 1 : 0));
  m.amt.forEach((l, u) => l.forEach((as, k) => as.forEach((a, i) => !Number.isInteger(a) && (whole[m.res[u]![k]![i]!] = 0))));
  return whole;
}
function denseGomory(lm: Model, lp: GubLp, x: ArrayLike<number>[], opts: GomoryOptions = {}): Cut[] {
  const max = opts.max ?? 10;
  const R = lm.cap.length;
  const N = lp.N;
  const whole = wholeRows(lm);
  const src: { p: number; f0: number }[] = [];
  for (let p = 0; p < R; p++) {
    const j = lp.basis[p]!;
    if (!(j < N) && !(j < N + R && whole[j - N])) continue;
    const v = lp.xw[p]!;
    const f0 = v - Math.floor(v);
    if (f0 >= MIN_FRAC && f0 <= 1 - MIN_FRAC) src.push({ p, f0 });
  }
  src.sort((a, b) => Math.abs(a.f0 - 0.5) - Math.abs(b.f0 - 0.5) || a.p - b.p);
  const found: { cut: Cut; eff: number }[] = [];
  for (const { p, f0 } of src.slice(0, opts.rows ?? 4 * max)) {
    const cut = denseGmi(lm, lp, whole, lp.inverseRow(p), f0);
    if (!cut) continue;
    let nnz = 0;
    for (const ks of cut.cols.values()) nnz += ks.length;
    if (nnz > (opts.density ?? 1) * lp.N) continue;
    const viol = lhs(cut, x) - cut.rhs;
    if (!(viol > VIOLATION)) continue;
    let norm = 0;
    for (const cs of cut.coefs!.values()) for (const a of cs) norm += a * a;
    found.push({ cut, eff: viol / Math.sqrt(norm) });
  }
  found.sort((a, b) => b.eff - a.eff);
  const kept: Float64Array[] = [];
  const base = opts.base ?? lm.cap.length;
  const rows = Array.from({ length: Math.max(0, lm.cap.length - base) }, () => ({ j: [] as number[], a: [] as number[] }));
  lm.res.forEach((l, u) => l.forEach((rs, k) => rs.forEach((r, i) => r >= base && (rows[r - base]!.j.push(lp.unitStart[u]! + k), rows[r - base]!.a.push(lm.amt[u]![k]![i]!)))));
  for (const w of rows) {
    const norm = Math.sqrt(w.a.reduce((t, a) => t + a * a, 0)) || 1;
    for (let i = 0; i < w.a.length; i++) w.a[i]! /= norm;
  }
  const out: Cut[] = [];
  for (const { cut } of found) {
    if (out.length >= max) break;
    const v = new Float64Array(lp.N);
    let norm = 0;
    for (const [u, ks] of cut.cols) {
      const cs = cut.coefs!.get(u)!;
      ks.forEach((k, i) => ((v[lp.unitStart[u]! + k] = cs[i]!), (norm += cs[i]! * cs[i]!)));
    }
    for (let j = 0; j < v.length; j++) v[j]! /= Math.sqrt(norm);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((t, aj, j) => t + aj * b[j]!, 0);
    const sparseDot = (w: { j: number[]; a: number[] }) => w.j.reduce((t, j, i) => t + v[j]! * w.a[i]!, 0);
    if (kept.some((w) => dot(v, w) > PARALLEL) || rows.some((w) => sparseDot(w) > PARALLEL)) continue;
    kept.push(v);
    out.push(cut);
  }
  return out;
}
const frac = (v: number) => v - Math.floor(v);
function denseGmi(lm: Model, lp: GubLp, whole: Uint8Array, rho: Float64Array, f0: number): Cut | null {
  const U = lm.cost.length;
  const R = lm.cap.length;
  const N = lp.N;
  const g1 = (a: number) => Math.min(frac(a) / f0, (1 - frac(a)) / (1 - f0));
  const gc = (a: number) => (a > 0 ? a / f0 : -a / (1 - f0));
  const dot = (u: number, k: number) => {
    let s = 0;
    const rs = lm.res[u]![k]!;
    const as = lm.amt[u]![k]!;
    for (let i = 0; i < rs.length; i++) s += rho[rs[i]!]! * as[i]!;
    return s;
  };
  const sigma = new Float64Array(R);
  let rhs = 1;
  for (let r = 0; r < R; r++) {
    if (lp.isBasic(N + r) || rho[r] === 0) continue;
    sigma[r] = whole[r] ? g1(rho[r]!) : gc(rho[r]!);
    rhs -= sigma[r]! * lm.cap[r]!;
  }
  const cols = new Map<number, number[]>();
  const coefs = new Map<number, number[]>();
  let B = -rhs;
  const perUnit: { u: number; beta: Float64Array }[] = [];
  let top = 0;
  for (let u = 0; u < U; u++) {
    const K = lm.cost[u]!.length;
    const s = lp.unitStart[u]!;
    const dk = dot(u, lp.key[u]! - s);
    const beta = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      let c = 0;
      if (!lp.isBasic(s + k)) c = g1(dot(u, k) - dk);
      const rs = lm.res[u]![k]!;
      const as = lm.amt[u]![k]!;
      for (let i = 0; i < rs.length; i++) c -= sigma[rs[i]!]! * as[i]!;
      beta[k] = -c;
    }
    let mn = Infinity;
    for (let k = 0; k < K; k++) mn = Math.min(mn, beta[k]!);
    for (let k = 0; k < K; k++) ((beta[k]! -= mn), (top = Math.max(top, beta[k]!)));
    B -= mn;
    perUnit.push({ u, beta });
  }
  if (!(top > 0) || !Number.isFinite(B)) return null;
  for (const { u, beta } of perUnit) {
    const ks: number[] = [];
    const cs: number[] = [];
    beta.forEach((b, k) => {
      const a = Math.floor(b / top / GRID) * GRID;
      if (a > TINY) (ks.push(k), cs.push(a));
    });
    if (ks.length > 0) (cols.set(u, ks), coefs.set(u, cs));
  }
  const bound = B / top + MARGIN * Math.max(1, Math.abs(B / top));
  return { cols, coefs, rhs: Math.ceil(bound / GRID) * GRID, tableau: true };
}
// ---- end of the reference. ----

/** Cuts as plain data (maps as entry lists; the sign of a zero, which may differ, dropped). */
const plain = (cuts: Cut[]) => JSON.parse(JSON.stringify(cuts, (_k, v) => (v instanceof Map ? [...v] : v === 0 ? 0 : v)));

/**
 * A random model of U units on R rows (each choice on a few rows, in increasing order, as units.ts
 * makes them) and a last "out" choice on no row, with costs that contend for the capacity.
 */
function model(seed: number, U: number, R: number): Model {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const m: Model = { cost: [], res: [], amt: [], cap: Array.from({ length: R }, () => int(4, 3 * U)) };
  for (let u = 0; u < U; u++) {
    const K = int(1, 6);
    const cost: number[] = [];
    const res: number[][] = [];
    const amt: number[][] = [];
    for (let k = 0; k < K; k++) {
      const rs = Array.from({ length: R }, (_, r) => r).filter(() => rnd() < 3 / R);
      res.push(rs);
      amt.push(rs.map(() => int(1, 9)));
      cost.push(int(0, 60));
    }
    m.cost.push([...cost, 200]);
    m.res.push([...res, []]);
    m.amt.push([...amt, []]);
  }
  return m;
}

function solvedLp(m: Model, forbid: (j: number) => boolean): { lp: GubLp; x: Float64Array[] } | null {
  const lp = new GubLp(m);
  for (let j = 0; j < lp.N; j++) if (forbid(j) && lp.colUnit[j]! >= 0 && j !== lp.unitStart[lp.colUnit[j]! + 1]! - 1) lp.forbidden[j] = 1;
  lp.start(m.cost.map((c) => c.length - 1));
  if (lp.solve() !== "optimal") return null;
  const v = lp.values();
  return { lp, x: m.cost.map((_, u) => v.slice(lp.unitStart[u]!, lp.unitStart[u + 1]!)) };
}

describe("GMI cuts over the tableau row's nonzeros", () => {
  it("are the dense pass's cuts, on random LPs with and without cut rows and forbidden columns", () => {
    let compared = 0;
    let cutsSeen = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 5, max: 60 }), fc.integer({ min: 2, max: 12 }), fc.double({ min: 0, max: 0.3, noNaN: true }), (seed, U, R, pForbid) => {
        const m = model(seed, U, R);
        let t = seed;
        const rnd = () => ((t = (Math.imul(t, 48271) + 11) >>> 0) / 2 ** 32);
        const forbid = () => rnd() < pForbid;
        const first = solvedLp(m, forbid);
        if (!first) return;
        const rows = m.cap.map((_, r) => r);
        for (const opts of [{ max: 20 }, { max: 5, density: 0.25, base: R }, { max: 3, rows: 4 }]) {
          const want = denseGomory(m, first.lp, first.x, opts);
          expect(plain(gomoryCuts(m, first.lp, first.x, opts))).toEqual(plain(want));
          compared++;
          cutsSeen += want.length;
        }
        // A pool as rows: GMI cuts (fractional amounts: continuous slacks), c-MIR cuts and covers.
        const pool = [...denseGomory(m, first.lp, first.x, { max: 10 }), ...mirCuts(m, rows, first.x), ...coverCuts(m, rows, first.x)];
        if (pool.length === 0) return;
        const m2 = withCuts(m, pool);
        const second = solvedLp(m2, forbid);
        if (!second) return;
        for (const opts of [{ max: 20 }, { max: 5, density: 0.25, base: R }]) {
          const want = denseGomory(m2, second.lp, second.x, opts);
          expect(plain(gomoryCuts(m2, second.lp, second.x, opts))).toEqual(plain(want));
          compared++;
          cutsSeen += want.length;
        }
      }),
      { numRuns: 300 },
    );
    // Not empty: many tableaux compared, and they had cuts.
    expect(compared).toBeGreaterThan(500);
    expect(cutsSeen).toBeGreaterThan(200);
  });
});
