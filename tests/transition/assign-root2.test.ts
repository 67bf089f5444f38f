// The second root's separators (src/transition/assign/root2.ts secondRoot): their cuts at an LP
// optimum with the incumbent's value known are valid for every assignment no dearer than it
// (enumerated on small random and linked models, a second round on the first's cuts as rows: the
// cutoff c-MIR and GMI cuts of rank 2, cross aggregations), and the search with them at the second
// root, plain or reduced (presolve.ts), ends at the enumerated optimum and at HiGHS's, proved.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { search } from "../../src/transition/assign/bnb";
import { lhs, withCuts } from "../../src/transition/assign/cuts";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { secondRoot, type Root2Options } from "../../src/transition/assign/root2";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { asPoint, assignments, contended, linkedModel, randomModel } from "./assign-cuts-helpers";
import { smallInstance } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const SETTINGS: Root2Options[] = [{}, { cost: true }, { cross: true }, { cost: true, cross: true, share: 0.25 }, { cost: true, cross: true, share: 0.25, stall: 0 }];

describe("the second root's separators (root2.ts)", () => {
  it("cut off no assignment as cheap as the incumbent, over two rounds", () => {
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (seed, up, linked) => {
        const base = linked ? linkedModel(seed) : randomModel(seed);
        const { mc: m, value } = contended(base);
        const all = assignments(m);
        const values = all.map(value).sort((a, b) => a - b);
        // The incumbent: the optimum or one of the next assignments up.
        const ub = values[Math.min(values.length - 1, up)]!;
        const improving = all.filter((p) => value(p) <= ub);
        const rows = m.cap.map((_, r) => r);
        const sep = secondRoot({ cost: true, cross: true, share: 0.25 });
        let lm = m;
        for (let round = 0; round < 2; round++) {
          const lp = new GubLp(lm);
          lp.start(lm.cost.map((c) => c.length - 1));
          if (lp.solve() !== "optimal") break;
          const v = lp.values();
          const x = m.cost.map((_, u) => v.slice(lp.unitStart[u]!, lp.unitStart[u + 1]!));
          const cuts = sep(m, rows, x, { lp, model: lm, root: true, ub });
          found += cuts.length;
          for (const cut of cuts) for (const pick of improving) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-9);
          if (cuts.length === 0) break;
          lm = withCuts(lm, cuts);
        }
      }),
      { numRuns: 400 },
    );
    // The property is not empty.
    expect(found).toBeGreaterThan(30);
  });

  it("keep the search exact at the second root, plain and reduced, with node-cut restarts", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(undefined, 1), fc.boolean(), (seed, firstRestart, linked) => {
        const { mc, best, start } = contended(linked ? linkedModel(seed) : randomModel(seed));
        for (const o of SETTINGS)
          for (const restartReduce of [false, true]) {
            const r = search(mc, start, { firstRestart, rootRestart: secondRoot(o), restartReduce });
            expect(r.proved).toBe(true);
            expect(r.value).toBe(best);
          }
      }),
      { numRuns: 120 },
    );
  });

  it("the stop share rides on the separator; none set, none there", () => {
    expect(secondRoot({ stall: 0 }).stall).toBe(0);
    expect(secondRoot().stall).toBeUndefined();
    expect(secondRoot().dualRebuild).toBe(2);
  });

  it("prove HiGHS's optimum on larger instances", () => {
    fc.assert(
      fc.property(smallInstance(30), (input) => {
        const problem = buildUnits(input, "optimal");
        const ref = solveAssignRef(highs, problem);
        expect(ref.status).toBe("Optimal");
        for (const restartReduce of [false, true]) {
          const solved = solveOptimal(problem, { rootRestart: secondRoot({ cost: true, cross: true, share: 0.25, stall: 0 }), restartReduce });
          expect(solved.proved).toBe(true);
          expect(solved.total).toBe(ref.total);
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
