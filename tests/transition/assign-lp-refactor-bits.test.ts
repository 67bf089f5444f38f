// lp.ts refactor() eliminates four rows at a time (the same operation on each entry as row by row):
// its B⁻¹, working values and duals must be bit for bit those of the row-by-row Gauss-Jordan it
// replaced, kept here as the reference (the search's pivots, nodes and totals depend on those bits).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { buildUnits } from "../../src/transition/assign/units";
import { lpShape, outModel } from "./assign-lp-helpers";

const DROP = 1e-14;

/** The row-by-row refactorisation (lp.ts before the four-row elimination): B⁻¹ (R × R, row-major) and the working values. */
function reference(lp: GubLp, m: Model): { binv: Float64Array; xw: Float64Array } {
  const { R, N } = lp;
  const unitOf = (j: number) => lp.colUnit[j]!;
  const entries = (j: number) => {
    if (j >= N) return { rows: [j - N], amts: [1] };
    const u = unitOf(j);
    const k = j - lp.unitStart[u]!;
    return { rows: m.res[u]![k]!, amts: m.amt[u]![k]! };
  };
  const t = new Float64Array(R);
  const column = (j: number) => {
    t.fill(0);
    const e = entries(j);
    e.rows.forEach((r, i) => (t[r]! += e.amts[i]!));
    const u = j < N ? unitOf(j) : -1;
    if (u >= 0) {
      const key = entries(lp.key[u]!);
      key.rows.forEach((r, i) => (t[r]! -= key.amts[i]!));
    }
  };
  const slackPos = new Int32Array(R).fill(-1);
  const structPos: number[] = [];
  for (let p = 0; p < R; p++) {
    const j = lp.basis[p]!;
    if (j >= N && j < N + R) slackPos[j - N] = p;
    else structPos.push(p);
  }
  const k = structPos.length;
  const rowsN: number[] = [];
  const rowIdx = new Int32Array(R).fill(-1);
  for (let r = 0; r < R; r++) if (slackPos[r]! < 0) rowIdx[r] = rowsN.push(r) - 1;
  const a = new Float64Array(k * k);
  const inv = new Float64Array(k * k);
  const sc: { rows: number[]; vals: number[] }[] = [];
  for (let c = 0; c < k; c++) {
    const j = lp.basis[structPos[c]!]!;
    column(j);
    const s = { rows: [] as number[], vals: [] as number[] };
    const u = j < N ? unitOf(j) : -1;
    for (const col of u >= 0 ? [j, lp.key[u]!] : [j]) {
      for (const r of entries(col).rows) {
        const v = t[r]!;
        if (v === 0) continue;
        t[r] = 0;
        s.rows.push(r);
        s.vals.push(v);
        if (rowIdx[r]! >= 0) a[rowIdx[r]! * k + c] = v;
      }
    }
    sc.push(s);
  }
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]!) > Math.abs(a[piv * k + c]!)) piv = r;
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
    const nz: number[] = [];
    const invIdx: number[] = [];
    for (let q = c + 1; q < k; q++) {
      const v = a[c * k + q]!;
      if (v === 0) continue;
      a[c * k + q] = v / d;
      nz.push(q);
    }
    a[c * k + c] = 1;
    for (let q = 0; q < k; q++) {
      const v = inv[c * k + q]!;
      if (v === 0) continue;
      inv[c * k + q] = v / d;
      invIdx.push(q);
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const o = r * k;
      const f = a[o + c]!;
      if (f === 0) continue;
      a[o + c] = 0;
      for (const q of nz) a[o + q]! -= f * a[c * k + q]!;
      for (const q of invIdx) {
        const v = inv[o + q]! - f * inv[c * k + q]!;
        inv[o + q] = Math.abs(v) < DROP ? 0 : v;
      }
    }
  }
  const binv = new Float64Array(R * R);
  for (let c = 0; c < k; c++) for (let i = 0; i < k; i++) binv[structPos[c]! * R + rowsN[i]!] = inv[c * k + i]!;
  for (let r = 0; r < R; r++) if (slackPos[r]! >= 0) binv[slackPos[r]! * R + r] = 1;
  for (let c = 0; c < k; c++) {
    const idx: number[] = [];
    for (let i = 0; i < k; i++) if (inv[c * k + i] !== 0) idx.push(i);
    if (idx.length === 0) continue;
    sc[c]!.rows.forEach((row, e) => {
      const ps = slackPos[row]!;
      if (ps < 0) return;
      const f = sc[c]!.vals[e]!;
      for (const i of idx) {
        const at = ps * R + rowsN[i]!;
        const v = binv[at]! - f * inv[c * k + i]!;
        binv[at] = Math.abs(v) < DROP ? 0 : v;
      }
    });
  }
  const b = Float64Array.from(m.cap);
  for (let u = 0; u < lp.U; u++) {
    const e = entries(lp.key[u]!);
    e.rows.forEach((r, i) => (b[r]! -= e.amts[i]!));
  }
  const xw = new Float64Array(R);
  for (let p = 0; p < R; p++) {
    let v = 0;
    for (let r = 0; r < R; r++) v += binv[p * R + r]! * b[r]!;
    xw[p] = Math.abs(v) < 1e-12 ? 0 : v;
  }
  return { binv, xw };
}

/** The LP's B⁻¹ and values equal the reference's, bit for bit (Object.is: +0 and −0 apart too). */
function expectSameBits(lp: GubLp, m: Model) {
  const ref = reference(lp, m);
  for (let p = 0; p < lp.R; p++) {
    const row = lp.inverseRow(p);
    for (let r = 0; r < lp.R; r++) if (!Object.is(row[r], ref.binv[p * lp.R + r])) expect([p, r, row[r]]).toEqual([p, r, ref.binv[p * lp.R + r]]);
    if (!Object.is(lp.xw[p], ref.xw[p])) expect([p, lp.xw[p]]).toEqual([p, ref.xw[p]]);
  }
}

/** Refactorisations along a solve: every `step` pivots, and at the optimum. */
function checkAlong(m: Model, start: number[], step: number) {
  const lp = new GubLp(m);
  lp.start(start);
  expectSameBits(lp, m);
  for (let i = 0; i < 200; i++) {
    const status = lp.solve(step);
    lp.refactor();
    expectSameBits(lp, m);
    if (status !== "limit") break;
  }
}

describe("refactor(): the four-row elimination gives the row-by-row Gauss-Jordan's bits", () => {
  it("on small random models, along the solve", () => {
    fc.assert(
      fc.property(lpShape, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 7 }), (sh, seed, step) => {
        const p = buildUnits(assignInstance(sh, seed), "optimal");
        const m = outModel(p);
        checkAlong(m, p.units.map((u) => u.choices.length), step);
      }),
      { numRuns: 40 },
    );
  });

  it("on a larger model (many structural columns, so blocks of four rows and a remainder)", () => {
    const p = buildUnits(assignInstance({ members: 300, providers: 20, options: 6, clustered: true, grouped: 0.3, slack: 1, rate: 0.3 }, 7), "optimal");
    const m = outModel(p);
    checkAlong(m, p.units.map((u) => u.choices.length), 25);
  });
});
