// rinshosts.ts: the RINS set plus the units on the hosts where its LP choices collide, and the
// schedule wrapper that runs it late in the tree (opt-in). The free set holds RINS's and only adds
// units on the chosen hosts; solved, a neighbourhood's pick fits and is strictly better, and a
// neighbourhood freeing every unit ends at the proved optimum; searches with the wrapper end at the
// default search's proved optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { rinsFree, solveNeighbourhood, totalCost } from "../../src/transition/assign/heuristics";
import { rinsHostsFree, withRinsHosts } from "../../src/transition/assign/rinshosts";
import { smallSchedule } from "../../src/transition/assign/schedule";
import { dualSub, expectBetterPick, expectDefaultOptimum, heuristicModel, scheduleArb, scheduleSetup } from "./assign-heuristics-helpers";

describe("rinsHostsFree", () => {
  it("holds the RINS set, adds only units on the chosen hosts, and none with no hosts", () => {
    fc.assert(
      fc.property(scheduleArb, fc.integer({ min: 0, max: 4 }), ({ shape, seed, banEvery }, hosts) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const { hostOf } = heuristicModel(shape, seed);
        const rins = rinsFree(start, first, firstVal);
        const free = rinsHostsFree(m, start, first, firstVal, usable, hostOf, hosts);
        rins.forEach((f, u) => f && expect(free[u]).toBe(1));
        if (hosts === 0) expect(Array.from(free)).toEqual(Array.from(rins));
        // Every added unit takes a row of some host now, or would with a cheaper usable choice.
        const onAHost = (u: number, k: number) => m.res[u]![k]!.some((r) => hostOf[r]! >= 0);
        free.forEach((f, u) => {
          if (f && !rins[u]) expect(onAHost(u, start[u]!) || m.cost[u]!.some((c, k) => c < m.cost[u]![start[u]!]! && usable(u, k) && onAHost(u, k))).toBe(true);
        });
        const r = solveNeighbourhood(m, start, free, usable, dualSub, { nodeLimit: 2_000, pivotLimit: 20_000 });
        if (r.pick) expectBetterPick(m, usable, start, r.pick);
      }),
      { numRuns: 60 },
    );
  });

  it("freeing every unit, its neighbourhood ends at the proved optimum", () => {
    fc.assert(
      fc.property(scheduleArb, ({ shape, seed, banEvery }) => {
        const { m, usable, start } = scheduleSetup(shape, seed, banEvery);
        const { hostOf } = heuristicModel(shape, seed);
        // Every unit's LP choice is the out choice (never the start's unless it is out): RINS frees the rest, the hosts all others.
        const first = Int32Array.from(m.cost, (cs) => cs.length - 1);
        const free = rinsHostsFree(m, start, first, new Float64Array(m.cost.length).fill(0.5), usable, hostOf, 1_000);
        expect(free.every((f) => f === 1)).toBe(true);
        const banned: [number, number][] = [];
        m.cost.forEach((cs, u) => cs.forEach((_, k) => !usable(u, k) && banned.push([u, k])));
        const opt = search(m, start, { banned, heuristics: false, nodeLimit: 100_000, pivotLimit: 1_000_000 });
        expect(opt.proved).toBe(true);
        const r = solveNeighbourhood(m, start, free, usable, dualSub, { nodeLimit: 100_000, pivotLimit: 1_000_000 });
        // No sub-problem when no free unit has another usable choice: the start is all there is.
        if (r.units > 0) expect(r.proved).toBe(true);
        expect(r.pick ? totalCost(m, r.pick) : totalCost(m, start)).toBe(Math.min(opt.value, totalCost(m, start)));
      }),
      { numRuns: 40 },
    );
  });
});

describe("withRinsHosts", () => {
  it("ends at the default search's proved optimum (100 × 10, 250 × 20, both shapes), called at every node", () => {
    expectDefaultOptimum({ primal: withRinsHosts(smallSchedule, { hosts: 2, every: 1, sub: 0.02, share: 0.2 }) });
  });
});
