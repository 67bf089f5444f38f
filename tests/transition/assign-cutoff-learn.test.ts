// A child closed by a dual bound still teaches the pseudo-costs (branching.ts PseudoCosts.learnLower,
// ReliabilityOptions.cutoffLearn): each mode moves the rates as it says, and the search with the dual
// cutoff (ReliabilityOptions.cutoff, bnb.ts SearchOptions.dualCutoff) stays exact with every mode.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { PseudoCosts, RELIABILITY, type CutoffLearn } from "../../src/transition/assign/branching";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { BRANCHING_EXAMPLES, costSearchOf, lpShape as shape, probingProofs } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

describe("PseudoCosts.learnLower", () => {
  const taught = (mode: CutoffLearn) => {
    const pc = new PseudoCosts(3);
    pc.learn(0, true, 0.5, 10); // column 0 up: 20 per unit
    pc.learn(1, false, 0.5, 4); // column 1 down: 8 per unit
    pc.learnLower(0, true, 0.5, 5, mode); // at least 10 per unit: below column 0's 20
    pc.learnLower(1, false, 0.25, 6, mode); // at least 24 per unit: above column 1's 8
    return pc;
  };

  it('"none" learns nothing', () => {
    const pc = taught("none");
    expect([pc.upN[0], pc.downN[1], pc.upSkip[0], pc.downSkip[1]]).toEqual([1, 1, 0, 0]);
    expect([pc.upRate(0), pc.downRate(1)]).toEqual([20, 8]);
  });

  it('"bound" takes the lower bound as a sample', () => {
    const pc = taught("bound");
    expect([pc.upN[0], pc.downN[1]]).toEqual([2, 2]);
    expect([pc.upRate(0), pc.downRate(1)]).toEqual([15, 16]);
  });

  it('"censored" only raises an estimate (a sample at the estimate when the bound is below it)', () => {
    const pc = taught("censored");
    expect([pc.upN[0], pc.downN[1]]).toEqual([2, 2]);
    expect([pc.upRate(0), pc.downRate(1)]).toEqual([20, 16]);
  });

  it('"count" counts toward η only', () => {
    const pc = taught("count");
    expect([pc.upN[0], pc.downN[1], pc.upSkip[0], pc.downSkip[1]]).toEqual([1, 1, 1, 1]);
    expect([pc.upRate(0), pc.downRate(1)]).toEqual([20, 8]);
  });

  it("ignores an infinite or missing bound and a zero change", () => {
    const pc = new PseudoCosts(1);
    pc.learnLower(0, true, 0.5, Infinity, "bound");
    pc.learnLower(0, true, 0.5, NaN, "bound");
    pc.learnLower(0, true, 0, 3, "bound");
    expect([pc.upN[0], pc.upSkip[0]]).toEqual([0, 0]);
  });
});

describe("the search with the dual cutoff, cut-off children teaching", () => {
  it("proves the same optimum as without the cutoff, with every mode", { timeout: 180_000 }, () => {
    let cutoffs = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        const limits = { pivotLimit: 400_000, reSolveWith: "dual" as const, branching: "reliability" as const, banned };
        const without = search(m, start, { ...limits, dualCutoff: false });
        expect(without.proved).toBe(true);
        for (const cutoffLearn of ["bound", "censored", "count"] as const) {
          const r = search(m, start, { ...limits, reliability: { ...RELIABILITY, cutoff: true, cutoffLearn } });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(without.value);
          cutoffs += r.nodeCutoffs!;
        }
      }),
      { numRuns: 12, examples: BRANCHING_EXAMPLES },
    );
    expect(cutoffs).toBeGreaterThan(0);
  });

  it("proves HiGHS's optimum on larger instances", { timeout: 180_000 }, () => {
    const probes = probingProofs(highs, [{ reliability: { ...RELIABILITY, cutoff: true, cutoffLearn: "bound" } }]);
    expect(probes).toBeGreaterThan(0);
  });
});
