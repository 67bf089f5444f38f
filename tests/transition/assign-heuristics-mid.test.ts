// The schedule from 600 to 1,300 units (schedule.ts midSchedule, MID_DEFAULTS: the large schedule's
// turns on smaller root shares, no tree neighbourhood once the incumbent is within treeNear of the
// tree's least bound), run here on small models: what it returns fits, keeps units on usable
// choices and falls strictly, within its root and tree shares; and a tree call told that the
// incumbent is at the tree's least bound spends nothing, where one told of a gap searches.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { largeScheduleWith, MID_DEFAULTS, midSchedule } from "../../src/transition/assign/schedule";
import { totalCost } from "../../src/transition/assign/heuristics";
import { dualSub, expectBetterPick, scheduleArb, scheduleSetup } from "./assign-heuristics-helpers";

describe("midSchedule", () => {
  it("returns assignments that fit, keep units on usable choices and fall strictly, within its shares", () => {
    fc.assert(
      fc.property(scheduleArb, ({ shape, seed, banEvery, pivotLimit }) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const step = midSchedule(m, usable, pivotLimit, undefined, dualSub);
        let best = start;
        let spent = 0;
        for (const [root, nodes] of [[true, 1], [false, 2], [false, 45], [false, 90], [false, 135]] as const) {
          const ub = totalCost(m, best);
          // A tree bound far below: the tree's neighbourhoods run.
          const out = step({ root, nodes, best, ub, bound: ub - 1000, treeBound: ub - 1000, first, firstVal });
          spent += out.pivots;
          for (const pick of out.picks) {
            expectBetterPick(m, usable, best, pick);
            best = pick;
          }
        }
        // Root and tree shares; a sub-search may overrun its budget by one refactorised solve at most.
        expect(spent).toBeLessThanOrEqual((MID_DEFAULTS.rootShare + MID_DEFAULTS.treeShare) * pivotLimit + 6 * 200);
      }),
      { numRuns: 60 },
    );
  });

  it("runs no tree neighbourhood once the incumbent is within treeNear of the tree's least bound", () => {
    let searched = 0;
    fc.assert(
      fc.property(scheduleArb, ({ shape, seed, banEvery, pivotLimit }) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        // No root turns, so the tree calls see the start as the incumbent.
        const set = { ...MID_DEFAULTS, rootShare: 0, rootMax: 0 };
        const near = largeScheduleWith(set)(m, usable, pivotLimit, undefined, dualSub);
        const far = largeScheduleWith(set)(m, usable, pivotLimit, undefined, dualSub);
        const ub = totalCost(m, start);
        const at = (treeBound: number, root: boolean, nodes: number) => ({ root, nodes, best: start, ub, bound: treeBound, treeBound, first, firstVal });
        near(at(ub, true, 1));
        far(at(ub, true, 1));
        // Within the share (ub itself: no gap), nothing; far below it, the same call searches.
        expect(near(at(ub, false, 45))).toEqual({ picks: [], pivots: 0 });
        expect(near(at(ub - Math.floor((MID_DEFAULTS.treeNear! / 2) * Math.abs(ub)), false, 90))).toEqual({ picks: [], pivots: 0 });
        const b = far(at(ub - 1000 - Math.ceil(MID_DEFAULTS.treeNear! * Math.abs(ub)), false, 45));
        if (b.pivots > 0) searched++;
      }),
      { numRuns: 40 },
    );
    expect(searched).toBeGreaterThan(10);
  });
});
