// Node selection rules of the branch and bound beyond plungeGap (bnb.ts TreeRules.plungeDepth,
// staleBest, select "estimate" with boundEvery) and the GUB split through solveOptimal (OptimalOptions.split): the search stays exact
// under each (the enumerated optimum on small random models, with node cuts from node 1 and both
// re-solves; HiGHS's optimum on larger instances), and they change nothing unless set.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { search, type TreeRules } from "../../src/transition/assign/bnb";
import { coversAndMir } from "../../src/transition/assign/mir";
import { solveOptimal, type OptimalOptions } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignments, contended, randomModel } from "./assign-cuts-helpers";
import { smallInstance } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const TREES: TreeRules[] = [
  { plungeDepth: 0 },
  { plungeDepth: 2 },
  { staleBest: 0 },
  { staleBest: 3 },
  { plungeDepth: 3, staleBest: 5, plungeGap: 0.5 },
  { select: "estimate" },
  { select: "estimate", boundEvery: 2 },
  { select: "estimate", boundEvery: 3, plungeDepth: 1, carry: true },
];

describe("node selection (TreeRules.plungeDepth, staleBest, select)", () => {
  it("ends at the enumerated optimum, with node cuts from node 1, both re-solves, both splits", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const { mc, best, start } = contended(randomModel(seed));
        for (const tree of TREES)
          for (const reSolveWith of ["dual", "primal"] as const)
            for (const split of ["column", "gub"] as const) {
              const r = search(mc, start, { separate: coversAndMir, firstRestart: 1, tree, reSolveWith, split });
              expect(r.proved).toBe(true);
              expect(r.value).toBe(best);
            }
      }),
      { numRuns: 100 },
    );
  });

  it("without heuristics or cuts too (the tree does all the work)", { timeout: 120_000 }, () => {
    let differ = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const best = Math.min(...assignments(m).map((p) => p.reduce((t, k, u) => t + m.cost[u]![k]!, 0)));
        const start = Int32Array.from(m.cost, (c) => c.length - 1);
        const base = search(m, start, { heuristics: false, cuts: false });
        for (const tree of TREES) {
          const r = search(m, start, { tree, heuristics: false, cuts: false });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
          if (r.nodes !== base.nodes || r.pivots !== base.pivots) differ++;
        }
      }),
      { numRuns: 150 },
    );
    expect(differ).toBeGreaterThan(0); // the rules did change some trees
  });

  it("unset, change nothing: the same search as the default's", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const { mc, start } = contended(randomModel(seed));
        const a = search(mc, start, { separate: coversAndMir, firstRestart: 1 });
        const b = search(mc, start, { separate: coversAndMir, firstRestart: 1, tree: { plungeDepth: undefined, staleBest: undefined } });
        expect([b.nodes, b.pivots, b.value]).toEqual([a.nodes, a.pivots, a.value]);
      }),
      { numRuns: 50 },
    );
  });

  it("prove HiGHS's optimum on larger instances, each rule and the GUB split through solveOptimal", () => {
    const variants: OptimalOptions[] = [{ split: "gub" }, { tree: { plungeDepth: 2 } }, { tree: { staleBest: 5 } }, { tree: { select: "estimate", boundEvery: 3 } }, { split: "gub", tree: { plungeDepth: 4, staleBest: 10, select: "estimate" } }];
    fc.assert(
      fc.property(smallInstance(30), (input) => {
        const problem = buildUnits(input, "optimal");
        const ref = solveAssignRef(highs, problem);
        expect(ref.status).toBe("Optimal");
        for (const o of variants) {
          const solved = solveOptimal(problem, o);
          expect(solved.proved, JSON.stringify(o)).toBe(true);
          expect(solved.total, JSON.stringify(o)).toBe(ref.total);
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
