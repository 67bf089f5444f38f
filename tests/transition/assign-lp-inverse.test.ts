// The working basis inverse of the LP (src/transition/assign/lp.ts): refactor() inverts only the
// structural columns' block (basic slacks are unit columns) and the per-pivot updates drop entries
// below 1e-14 as roundoff; either way B⁻¹ · B must stay the identity, mid-solve and at the optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { buildUnits } from "../../src/transition/assign/units";
import { lpShape, outModel } from "./assign-lp-helpers";

/** Column j of the key-substituted system (a_j − a_key of its unit; a slack is e_r), dense. */
function transformed(lp: GubLp, m: Model, j: number): Float64Array {
  const col = new Float64Array(lp.R);
  const add = (c: number, sign: number) => {
    const u = lp.colUnit[c]!;
    const k = c - lp.unitStart[u]!;
    m.res[u]![k]!.forEach((r, i) => (col[r]! += sign * m.amt[u]![k]![i]!));
  };
  if (j >= lp.N) col[j - lp.N] = 1;
  else {
    add(j, 1);
    add(lp.key[lp.colUnit[j]!]!, -1);
  }
  return col;
}

/** The largest |(B⁻¹ B)_pq − δ_pq| over the working basis. */
function inverseError(lp: GubLp, m: Model): number {
  const cols = Array.from(lp.basis, (j) => transformed(lp, m, j));
  let worst = 0;
  for (let p = 0; p < lp.R; p++) {
    const row = lp.inverseRow(p);
    for (let q = 0; q < lp.R; q++) {
      let v = 0;
      for (let r = 0; r < lp.R; r++) v += row[r]! * cols[q]![r]!;
      worst = Math.max(worst, Math.abs(v - (p === q ? 1 : 0)));
    }
  }
  return worst;
}

describe("the LP's basis inverse", () => {
  it("is B's inverse after each stretch of pivots, updated and refactored", () => {
    let structural = 0;
    fc.assert(
      fc.property(lpShape, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 40 }), (sh, seed, stretch) => {
        const p = buildUnits(assignInstance(sh, seed), "optimal");
        const m = outModel(p);
        const lp = new GubLp(m);
        lp.start(p.units.map((u) => u.choices.length));
        for (let round = 0; round < 50; round++) {
          const status = lp.solve(stretch);
          expect(inverseError(lp, m)).toBeLessThanOrEqual(1e-9);
          lp.refactor();
          expect(inverseError(lp, m)).toBeLessThanOrEqual(1e-9);
          if (status !== "limit") break;
        }
        for (let q = 0; q < lp.R; q++) if (lp.basis[q]! < lp.N) structural++;
      }),
      { numRuns: 60 },
    );
    expect(structural).toBeGreaterThan(0);
  });
});
