// The large schedule's opt-in settings (schedule.ts LargeSettings root2Share / root2Kinds, afterFall,
// live), run on small models: turns at the root's second solve within their share, a tree
// neighbourhood right after the incumbent fell, and neighbourhoods whose free units take no choice
// the root fixed out (heuristics.ts restrict's `live`); what they return fits, keeps units on usable
// choices and falls strictly. A whole search with all three on still reaches the proved optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { restrict, totalCost, type Usable } from "../../src/transition/assign/heuristics";
import { largeScheduleWith, MID_DEFAULTS } from "../../src/transition/assign/schedule";
import { dualSub, expectBetterPick, expectDefaultOptimum, scheduleArb, scheduleSetup } from "./assign-heuristics-helpers";

describe("restrict with live choices", () => {
  it("keeps a free unit's own choice and the usable live ones only", () => {
    fc.assert(
      fc.property(scheduleArb, fc.integer({ min: 2, max: 5 }), ({ shape, seed, banEvery }, deadEvery) => {
        const { m, usable, start } = scheduleSetup(shape, seed, banEvery);
        const live: Usable = (u, k) => (u * 7 + k * 13 + seed) % deadEvery !== 0;
        const free = Uint8Array.from(start, (_, u) => (u % 2 === 0 ? 1 : 0));
        const r = restrict(m, start, free, usable, undefined, live);
        const all = restrict(m, start, free, usable);
        if (!r) return;
        r.units.forEach((u, i) => {
          for (const k of r.choices[i]!) if (k !== start[u]) expect(usable(u, k) && live(u, k)).toBe(true);
          // The same choices as without `live`, less the dead ones.
          const j = all!.units.indexOf(u);
          expect(r.choices[i]).toEqual(all!.choices[j]!.filter((k) => k === start[u] || live(u, k)));
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe("largeScheduleWith's opt-in settings", () => {
  it("root2Share: turns at the second root call within that share; afterFall: a tree call right after the incumbent fell", () => {
    let secondSearched = 0;
    let fallSearched = 0;
    fc.assert(
      fc.property(scheduleArb, ({ shape, seed, banEvery, pivotLimit }) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        // No first-root turns: the second root call sees the start's gap.
        const set = { ...MID_DEFAULTS, rootShare: 0, rootMax: 0, root2Share: 0.2, afterFall: 1, live: true };
        const all: Usable = () => true;
        const at = (root: boolean, nodes: number, best: Int32Array, ub = totalCost(m, best)) => ({ root, nodes, best, ub, bound: ub - 1000, treeBound: ub - 1000, first, firstVal, live: all });
        const step = largeScheduleWith(set)(m, usable, pivotLimit, undefined, dualSub);
        const without = largeScheduleWith({ ...set, afterFall: undefined })(m, usable, pivotLimit, undefined, dualSub);
        expect(step(at(true, 1, start)).pivots).toBe(0);
        expect(without(at(true, 1, start)).pivots).toBe(0);
        const second = step(at(true, 1, start));
        without(at(true, 1, start));
        // A sub-search may overrun its budget by one refactorised solve at most.
        expect(second.pivots).toBeLessThanOrEqual(0.2 * pivotLimit + 4 * 200);
        if (second.pivots > 0) secondSearched++;
        let best = start;
        for (const pick of second.picks) {
          expectBetterPick(m, usable, best, pick);
          best = pick;
        }
        // A third root call: nothing.
        expect(step(at(true, 1, best))).toEqual({ picks: [], pivots: 0 });
        // Told of a lower incumbent one node later, a neighbourhood runs at once (afterFall), where
        // the default waits nodesBetween nodes.
        const ub = Math.min(totalCost(m, best), totalCost(m, start) - 1);
        expect(without(at(false, 2, best, ub))).toEqual({ picks: [], pivots: 0 });
        const fell = step(at(false, 2, best, ub));
        if (fell.pivots > 0) fallSearched++;
        for (const pick of fell.picks) {
          expectBetterPick(m, usable, best, pick);
          best = pick;
        }
      }),
      { numRuns: 40 },
    );
    expect(secondSearched).toBeGreaterThan(10);
    expect(fallSearched).toBeGreaterThan(10);
  });

  it("a whole search with the three settings on reaches the default search's proved optimum (100 × 10, 250 × 20)", () => {
    expectDefaultOptimum({ primal: largeScheduleWith({ ...MID_DEFAULTS, root2Share: 0.1, afterFall: 5, live: true }), rootRestart: true });
  });
});
