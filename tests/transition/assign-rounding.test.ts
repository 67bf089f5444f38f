// The search's node rounding on a sparse schedule (bnb.ts SearchOptions.roundEvery, the default from
// 600 units) only changes where incumbents come from: every proved search ends on the same optimum
// as with the rounding at every node, by either re-solve. And each search hands its neighbourhoods
// its own sub-search (bnb.ts subSearchWith), pinned to its re-solve: no setting shared between searches.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search, subSearchWith } from "../../src/transition/assign/bnb";
import type { PrimalFactory } from "../../src/transition/assign/schedule";
import { fitsAll, type SubSearch } from "../../src/transition/assign/heuristics";
import { heuristicModel, shapeArb } from "./assign-heuristics-helpers";

const arb = fc.record({
  shape: shapeArb(40),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  roundEvery: fc.constantFrom(2, 5, 16, 1_000),
  reSolveWith: fc.constantFrom("dual" as const, "primal" as const),
});

/** Everyone out: always fits (the last choice takes no capacity). */
const allOut = (cost: number[][]) => Int32Array.from(cost, (c) => c.length - 1);

describe("node rounding every k nodes", () => {
  it("proves the same optimum as rounding at every node, with and without heuristics", () => {
    let compared = 0;
    fc.assert(
      fc.property(arb, fc.boolean(), ({ shape, seed, roundEvery, reSolveWith }, heuristics) => {
        const { m } = heuristicModel(shape, seed);
        const opts = { nodeLimit: 3_000, pivotLimit: 200_000, reSolveWith, heuristics };
        const every = search(m, allOut(m.cost), { ...opts, roundEvery: 1 });
        const sparse = search(m, allOut(m.cost), { ...opts, roundEvery });
        expect(fitsAll(m, sparse.pick)).toBe(true);
        if (every.proved && sparse.proved) {
          expect(sparse.value).toBe(every.value);
          compared++;
        }
      }),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(40);
  });
});

describe("sub-searches per search", () => {
  it("each search hands the schedule a sub-search; by either re-solve it proves the same neighbourhood optimum", () => {
    fc.assert(
      fc.property(arb, ({ shape, seed }) => {
        const { m } = heuristicModel(shape, seed);
        const subs: (SubSearch | undefined)[] = [];
        const spy: PrimalFactory = (_m, _usable, _limit, _hostOf, sub) => {
          subs.push(sub);
          return () => ({ picks: [], pivots: 0 });
        };
        search(m, allOut(m.cost), { primal: spy, reSolveWith: "dual" });
        search(m, allOut(m.cost), { primal: spy, reSolveWith: "primal" });
        expect(subs).toHaveLength(2);
        expect(subs[0]).toBeTypeOf("function");
        expect(subs[1]).toBeTypeOf("function");
        expect(subs[0]).not.toBe(subs[1]);
        const limits = { nodeLimit: 3_000, pivotLimit: 200_000 };
        const a = subSearchWith("dual")(m, allOut(m.cost), [], limits);
        const b = subSearchWith("primal")(m, allOut(m.cost), [], limits);
        if (a.proved && b.proved) expect(a.value).toBe(b.value);
      }),
      { numRuns: 40 },
    );
  });
});
