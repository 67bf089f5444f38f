// hull.ts's cuts at the second root only (`rootRestart: withHullCuts(midSeparator)`, bench:assign-profile
// `r2hull` / `fotR2hull`), with capacity propagation (propagate.ts) too: the search stays exact, plain
// and reduced, with node-cut restarts (enumerated optimum), and proves HiGHS's optimum on instances
// of up to 30 members with the search's own defaults otherwise.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { midSeparator, search } from "../../src/transition/assign/bnb";
import { withHullCuts } from "../../src/transition/assign/hull";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { contended, linkedModel, randomModel } from "./assign-cuts-helpers";
import { smallInstance } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

describe("hull cuts at the second root", () => {
  it("keep the search exact, plain and reduced, with node-cut restarts and propagation", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(undefined, 1), fc.boolean(), fc.boolean(), (seed, firstRestart, linked, propagate) => {
        const { mc, best, start } = contended(linked ? linkedModel(seed) : randomModel(seed));
        for (const restartReduce of [false, true]) {
          const r = search(mc, start, { firstRestart, rootRestart: withHullCuts(midSeparator), restartReduce, propagate });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("keep it exact in their gentler forms: few cuts a round, the reduced root only, small gaps only", { timeout: 180_000 }, () => {
    const gentle = [withHullCuts(midSeparator, { max: 2 }), Object.assign(withHullCuts(midSeparator), { only: "reduced" as const }), withHullCuts(midSeparator, { maxGap: 0 }), withHullCuts(midSeparator, { maxGap: 1e9 })];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), fc.constantFrom(0, 1, 2, 3), (seed, linked, g) => {
        const { mc, best, start } = contended(linked ? linkedModel(seed) : randomModel(seed));
        for (const restartReduce of [false, true]) {
          const r = search(mc, start, { firstRestart: 1, rootRestart: gentle[g]!, restartReduce });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("maxGap: no hull cut without an incumbent or above the gap, the same as without it within the gap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const { mc, start } = contended(randomModel(seed));
        const plain = search(mc, start, { rootRestart: withHullCuts(midSeparator), restartReduce: false });
        const wide = search(mc, start, { rootRestart: withHullCuts(midSeparator, { maxGap: Infinity }), restartReduce: false });
        expect(wide.pivots).toBe(plain.pivots);
        expect(wide.value).toBe(plain.value);
        // maxGap −1: never due, so the second root cuts as midSeparator alone does.
        const none = search(mc, start, { rootRestart: withHullCuts(midSeparator, { maxGap: -1 }), restartReduce: false });
        const base = search(mc, start, { rootRestart: midSeparator, restartReduce: false });
        expect(none.pivots).toBe(base.pivots);
        expect(none.value).toBe(base.value);
      }),
      { numRuns: 30 },
    );
  });

  it("prove HiGHS's optimum on larger instances", () => {
    fc.assert(
      fc.property(smallInstance(30), fc.boolean(), (input, propagate) => {
        const problem = buildUnits(input, "optimal");
        const ref = solveAssignRef(highs, problem);
        expect(ref.status).toBe("Optimal");
        for (const restartReduce of [false, true]) {
          const solved = solveOptimal(problem, { rootRestart: withHullCuts(midSeparator), restartReduce, propagate });
          expect(solved.proved).toBe(true);
          expect(solved.total).toBe(ref.total);
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
