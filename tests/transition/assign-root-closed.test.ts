// A search whose root is already closed spends nothing on neighbourhoods (bnb.ts search, schedule.ts
// largeScheduleWith): the primal step is never called at a root whose incumbent has reached its
// bound (the fewest-out search's root at 1000 × 45 clustered s0 ran its turns anyway), and the
// mid/large schedules' root turns stop once a neighbourhood brings the incumbent down to the bound.
// The search's result is the same either way: the fewest-out search still proves its count.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { search } from "../../src/transition/assign/bnb";
import { totalCost } from "../../src/transition/assign/heuristics";
import { fewestModel } from "../../src/transition/assign/optimal";
import { midSchedule, type PrimalFactory } from "../../src/transition/assign/schedule";
import { buildUnits } from "../../src/transition/assign/units";
import { dualSub, scheduleArb, scheduleSetup, shapeArb } from "./assign-heuristics-helpers";

describe("a closed root spends nothing on neighbourhoods", () => {
  it("the search never calls its primal step at a root whose incumbent reached the bound", () => {
    let closed = 0;
    fc.assert(
      fc.property(shapeArb(60), fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const calls: { root: boolean; ub: number; bound?: number }[] = [];
        // The mid schedule (1000 × 45's), watched: every call it gets.
        const watched: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) => {
          const step = midSchedule(m, usable, pivotLimit, hostOf, sub);
          return (at) => (calls.push({ root: at.root, ub: at.ub, bound: at.bound }), step(at));
        };
        const allOut = Int32Array.from(p.units, (u) => u.choices.length);
        const r = search(fewestModel(p), allOut, { nodeLimit: 1, cuts: false, primal: watched });
        for (const c of calls) if (c.root) expect(c.ub).toBeGreaterThan(c.bound!);
        expect(r.value).toBeGreaterThanOrEqual(r.rootBound);
        if (r.value === r.rootBound && calls.length === 0) closed++;
      }),
      { numRuns: 80 },
    );
    // Some roots closed by their rounding alone (else this checked nothing).
    expect(closed).toBeGreaterThan(0);
  });

  it("the mid schedule's root turns stop once the incumbent is at the root's bound", () => {
    fc.assert(
      fc.property(scheduleArb, ({ shape, seed, banEvery, pivotLimit }) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const ub = totalCost(m, start);
        // Told the start is at the bound: nothing to look for.
        const out = midSchedule(m, usable, pivotLimit, undefined, dualSub)({ root: true, nodes: 1, best: start, ub, bound: ub, treeBound: ub, first, firstVal });
        expect(out.pivots).toBe(0);
        expect(out.picks).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
