// Tree neighbourhoods paced by work (schedule.ts LargeSettings.treePivots): on small models fed
// synthetic nodes, two tree neighbourhoods are always at least that share of the pivot limit of the
// search's own work apart (PrimalAt.pivots less the neighbourhoods' pivots), however many nodes
// lie between; without PrimalAt.pivots the schedule falls back to its node pace. Picks fit and
// fall; a whole search with it (and with TreeRules.carry) still reaches the proved optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { totalCost } from "../../src/transition/assign/heuristics";
import { largeScheduleWith, MID_DEFAULTS, type NeighbourhoodRun } from "../../src/transition/assign/schedule";
import { dualSub, expectBetterPick, expectDefaultOptimum, scheduleArb, scheduleSetup } from "./assign-heuristics-helpers";

describe("largeScheduleWith's treePivots", () => {
  it("tree neighbourhoods at least treePivots × the limit of own work apart; node pace without PrimalAt.pivots", () => {
    let paced = 0;
    let close = 0;
    fc.assert(
      fc.property(scheduleArb, fc.constantFrom(0.005, 0.02, 0.05), fc.integer({ min: 1, max: 400 }), ({ shape, seed, banEvery, pivotLimit }, share, perNode) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const gap = Math.max(1, Math.floor(share * pivotLimit));
        for (const withPivots of [true, false]) {
          const runs: NeighbourhoodRun[] = [];
          const set = { ...MID_DEFAULTS, treeNear: undefined, treePivots: share, nodesBetween: 7, trace: (r: NeighbourhoodRun) => runs.push(r) };
          const step = largeScheduleWith(set)(m, usable, pivotLimit, undefined, dualSub);
          let best = start;
          let own = 0; // the search's own work: perNode a node, varying
          let total = 0; // and with the neighbourhoods' pivots, as bnb.ts counts PrimalAt.pivots
          const treeCalls: { nodes: number; own: number }[] = [];
          for (let nodes = 1; nodes < 60; nodes++) {
            const w = perNode * (1 + ((nodes * 7) % 3));
            own += w;
            total += w;
            const ub = totalCost(m, best);
            const lp = Int32Array.from(first, (k, u) => ((u * 13 + nodes) % 5 === 0 ? k : best[u]!));
            const before = runs.length;
            const out = step({ root: nodes === 1, nodes, best, ub, bound: ub - 1000, treeBound: ub - 1000, first: lp, firstVal, ...(withPivots ? { pivots: total } : {}) });
            total += out.pivots;
            if (nodes > 1 && runs.length > before) treeCalls.push({ nodes, own });
            for (const pick of out.picks) {
              expectBetterPick(m, usable, best, pick);
              best = pick;
            }
          }
          for (let i = 1; i < treeCalls.length; i++) {
            const a = treeCalls[i - 1]!;
            const b = treeCalls[i]!;
            if (withPivots) {
              // The call after `a` counts from a's node's own work (measured before its neighbourhoods).
              expect(b.own - a.own).toBeGreaterThanOrEqual(gap);
              if (b.nodes - a.nodes < 7) close++;
              paced++;
            } else expect(b.nodes - a.nodes).toBeGreaterThanOrEqual(7);
          }
        }
      }),
      { numRuns: 30 },
    );
    expect(paced).toBeGreaterThan(0);
    expect(close).toBeGreaterThan(0); // work pacing ran neighbourhoods closer in nodes than the node pace would
  });

  it("a whole search with it, with and without carry, reaches the default search's proved optimum (100 × 10, 250 × 20)", () => {
    expectDefaultOptimum({ primal: largeScheduleWith({ ...MID_DEFAULTS, treePivots: 0.02 }) });
    expectDefaultOptimum({ primal: largeScheduleWith({ ...MID_DEFAULTS, treePivots: 0.02 }), tree: { carry: true } });
  });
});
