// The second root of the branch and bound (bnb.ts SearchOptions.rootRestart, HiGHS's restart): once
// the root's neighbourhoods have an incumbent, the root's choices whose reduced cost reaches it are
// forbidden for the whole search and the cut rounds run again with the incumbent's value known.
// The search stays exact: the enumerated optimum on small random models (every separator, or one
// for the second round alone; node-cut restarts too), HiGHS's on larger instances, and the restart
// does fix columns and cut again.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { search } from "../../src/transition/assign/bnb";
import type { Separator } from "../../src/transition/assign/cutloop";
import { coversMirCost, rootMirCost } from "../../src/transition/assign/costmir";
import { coverCuts } from "../../src/transition/assign/cuts";
import type { Model } from "../../src/transition/assign/lp";
import { rootMir } from "../../src/transition/assign/mir";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignments, contended, randomModel } from "./assign-cuts-helpers";
import { smallInstance } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const SEPARATORS: [string, Separator | undefined][] = [
  ["default", undefined],
  ["covers", (m, rows, x) => coverCuts(m, rows, x)],
  ["rootMir", rootMir],
  ["coversMirCost", coversMirCost],
  ["rootMirCost", rootMirCost],
];

describe("the second root (rootRestart)", () => {
  it("proves the enumerated optimum on small random models, with every separator and node-cut restarts", { timeout: 180_000 }, () => {
    let fixed = 0;
    let again = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(undefined, 1), (seed, firstRestart) => {
        const m = randomModel(seed);
        // The last choice dear, so the start leaves a gap for the neighbourhoods and the restart.
        const { mc, value, best, start } = contended(m);
        for (const [label, separate] of SEPARATORS) {
          const r = search(mc, start, { separate, firstRestart, rootRestart: true });
          expect(r.proved, label).toBe(true);
          expect(r.value, label).toBe(best);
          fixed += r.rootFixed ?? 0;
          if (!Number.isNaN(r.rootCut2 ?? NaN)) again++;
        }
        // The second round's own separator (the cutoff c-MIR cuts there only).
        for (const rootRestart of [coversMirCost, rootMirCost]) {
          const r = search(mc, start, { firstRestart, rootRestart });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
        }
      }),
      { numRuns: 200 },
    );
    expect(fixed).toBeGreaterThan(0);
    expect(again).toBeGreaterThan(0);
  });

  it("with a banned choice (the cost search's relief) as the start's, proves the enumerated optimum without it", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const mc: Model = { ...m, cost: m.cost.map((cs) => cs.map((c, k) => (k === cs.length - 1 ? 100 : c))) };
        // Unit 0's last choice banned: the start takes it, so the search starts with no incumbent.
        const k0 = mc.cost[0]!.length - 1;
        const value = (p: number[]) => p.reduce((t, k, u) => t + mc.cost[u]![k]!, 0);
        const fair = assignments(mc).filter((p) => p[0] !== k0);
        const best = fair.length ? Math.min(...fair.map(value)) : Infinity;
        const start = Int32Array.from(mc.cost, (c) => c.length - 1);
        for (const [label, separate] of SEPARATORS) {
          const r = search(mc, start, { separate, banned: [[0, k0]], rootRestart: true });
          expect(r.proved, label).toBe(true);
          expect(r.value, label).toBe(best);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("proves HiGHS's optimum on larger instances, with the default separator and the cutoff c-MIR cuts", () => {
    const instance = smallInstance(30);
    fc.assert(
      fc.property(instance, (input) => {
        const problem = buildUnits(input, "optimal");
        const ref = solveAssignRef(highs, problem);
        expect(ref.status).toBe("Optimal");
        for (const [label, separate] of [SEPARATORS[0]!, SEPARATORS[3]!]) {
          const solved = solveOptimal(problem, { separate, rootRestart: true });
          expect(solved.proved, label).toBe(true);
          expect(solved.total, label).toBe(ref.total);
        }
        const solved = solveOptimal(problem, { rootRestart: coversMirCost });
        expect(solved.proved).toBe(true);
        expect(solved.total).toBe(ref.total);
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
