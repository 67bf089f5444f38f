// lp.ts's dual steepest edge (setDualSteepest): another leaving row of the dual phase, so another
// path but the same LP optima, and weights kept through every exchange and key swap equal to the
// squared norms of B⁻¹'s rows computed afresh.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance, benchInstance } from "../../bench/lib/assign-instances";
import { rng } from "../../bench/lib/instances";
import { GubLp, setDualSteepest } from "../../src/transition/assign/lp";
import { buildUnits, type UnitProblem } from "../../src/transition/assign/units";
import { branchStep, lpShape, outModel } from "./assign-lp-helpers";

function solved(p: UnitProblem): GubLp {
  const lp = new GubLp(outModel(p));
  lp.start(p.units.map((u) => u.choices.length));
  lp.solve();
  return lp;
}

/** Each kept weight against ‖row p of B⁻¹‖² (relative 1e-4: the recurrence drifts by roundoff until the next refactorisation). */
function weightsExact(lp: GubLp) {
  const w = lp.dualWeights();
  if (!w) return;
  for (let p = 0; p < lp.R; p++) {
    let n = 0;
    for (const v of lp.inverseRow(p)) n += v * v;
    expect(Math.abs(w[p]! - n)).toBeLessThanOrEqual(1e-4 * Math.max(1, n));
  }
}

/** Both rules down the same random branches: the same status and objective after every re-solve. */
function walk(a: GubLp, b: GubLp, seed: number, depth: number): number {
  const rand = rng(seed);
  let steepPivots = 0;
  for (let d = 0; d < depth; d++) {
    const fix = branchStep(a, rand);
    for (const j of fix) (a.forbidden[j]!++, b.forbidden[j]!++);
    const old = setDualSteepest(false);
    let sa: string, sb: string;
    try {
      sa = a.solveDual();
      setDualSteepest(true);
      const before = b.pivots;
      sb = b.solveDual();
      steepPivots += b.pivots - before;
      weightsExact(b);
    } finally {
      setDualSteepest(old);
    }
    expect(sb).toBe(sa);
    if (sa !== "optimal") {
      expect(b.solve()).toBe(a.solve());
    }
    const [ca, cb] = [a.objective().cost, b.objective().cost];
    expect(Math.abs(ca - cb)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ca)));
  }
  return steepPivots;
}

describe("lp.ts dual steepest edge", () => {
  it("small random models: the same optima as Dantzig's rule down random branches, weights exact", () => {
    fc.assert(
      fc.property(lpShape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const p = buildUnits(assignInstance(sh, seed), "optimal");
        walk(solved(p), solved(p), seed, 6);
      }),
      { numRuns: 60 },
    );
  });

  it("bench models: the same optima, weights exact after many dual pivots, fewer of them", () => {
    let steep = 0;
    for (const [members, providers, clustered, seed] of [
      [250, 20, false, 2],
      [500, 30, true, 0],
    ] as const) {
      const p = buildUnits(benchInstance(members, providers, clustered, seed, 0.3).input, "optimal");
      const [a, b] = [solved(p), solved(p)];
      steep += walk(a, b, seed + 11, 12);
      expect(b.dualPivots).toBeGreaterThan(0);
    }
    expect(steep).toBeGreaterThan(0);
  });

  it("is off by default", () => {
    const old = setDualSteepest(false);
    expect(old).toBe(false);
  });
});
