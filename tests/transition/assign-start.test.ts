// The cost search started from a given assignment (optimal.ts OptimalOptions.start, startOut): from
// the enumerated optimum of tiny unit problems it proves that optimum and returns its total; from any
// other feasible assignment, one leaving out more members than the fewest included, it still ends at
// the optimum; a start that names no choice or breaks a capacity is refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePick } from "../../bench/lib/assign-ref";
import { solveOptimal, startOut, undominatedPick } from "../../src/transition/assign/optimal";
import { capacityUse } from "../../src/transition/assign/units";
import { feasiblePicks, problemOf, tinyUnitsArb } from "./assign-unit-helpers";

/** Up to 6 units × 4 choices over up to 3 resources, tight enough that some stay out now and then. */
const problemArb = fc
  .integer({ min: 1, max: 3 })
  .chain((R) => fc.tuple(tinyUnitsArb(R, { choices: 1, uses: 1 }), fc.nat()))
  .map(([[units, caps], at]) => ({ p: problemOf(units, caps), at }));

describe("the cost search from a given start (OptimalOptions.start)", () => {
  it("started from the enumerated optimum, proves it and returns its total", () => {
    fc.assert(
      fc.property(problemArb, ({ p }) => {
        const all = feasiblePicks(p);
        const best = all.reduce((a, b) => (b.total < a.total ? b : a));
        const s = solveOptimal(p, { start: best.pick });
        expect(s.proved).toBe(true);
        expect(s.total).toBe(best.total);
        expect(evaluatePick(p, s.pick).overCapacity).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("started from any feasible assignment (more members out included), ends at the optimum", () => {
    fc.assert(
      fc.property(problemArb, ({ p, at }) => {
        const all = feasiblePicks(p);
        const best = Math.min(...all.map((a) => a.total));
        const start = all[at % all.length]!;
        expect(startOut(p, start.pick)).toBe(evaluatePick(p, start.pick).out);
        const s = solveOptimal(p, { start: start.pick });
        expect(s.proved).toBe(true);
        expect(s.total).toBe(best);
        // Without heuristics as well: the start is the incumbent the tree has to beat.
        expect(solveOptimal(p, { start: start.pick, heuristics: false }).total).toBe(best);
      }),
      { numRuns: 150 },
    );
  });

  it("moves a start off dominated choices onto undominated ones as cheap, within every capacity", () => {
    // Unit 0: choice 1 is choice 0's twin (the later is dominated), choice 2 dearer on the same row;
    // unit 1: choice 0 takes more than choice 1 for the same cost.
    const p = problemOf(
      [
        { members: 1, choices: [{ cost: 10, use: [[0, 1]] }, { cost: 10, use: [[0, 1]] }, { cost: 12, use: [[0, 1]] }] },
        { members: 1, choices: [{ cost: 5, use: [[1, 2]] }, { cost: 5, use: [[1, 1]] }] },
      ],
      [1, 2],
    );
    expect(undominatedPick(p, [1, 0])).toEqual([0, 1]);
    expect(undominatedPick(p, [2, -1])).toEqual([0, -1]);
    expect(undominatedPick(p, [0, 1])).toEqual([0, 1]);
    expect(solveOptimal(p, { start: [1, 0] })).toMatchObject({ total: 15, proved: true });
    fc.assert(
      fc.property(problemArb, ({ p, at }) => {
        const all = feasiblePicks(p);
        const start = all[at % all.length]!;
        const moved = undominatedPick(p, start.pick);
        const e = evaluatePick(p, moved);
        expect(e.overCapacity).toEqual([]);
        expect(e.total).toBeLessThanOrEqual(start.total);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a start over a capacity, naming no choice, or of the wrong length", () => {
    const p = problemOf(
      [
        { members: 1, choices: [{ cost: 10, use: [[0, 2]] }] },
        { members: 2, choices: [{ cost: 20, use: [[0, 2]] }, { cost: 30, use: [[1, 1]] }] },
      ],
      [3, 1],
    );
    // What each pick takes per capacity (units.ts capacityUse, startOut's check): nothing for a unit out.
    expect([...capacityUse(p, [0, 0])]).toEqual([4, 0]);
    expect([...capacityUse(p, [0, 1])]).toEqual([2, 1]);
    expect([...capacityUse(p, [-1, -1])]).toEqual([0, 0]);
    expect(startOut(p, [0, 1])).toBe(0);
    expect(startOut(p, [-1, -1])).toBe(3);
    expect(() => solveOptimal(p, { start: [0, 0] })).toThrow(/capacity 0/);
    expect(() => solveOptimal(p, { start: [1, 0] })).toThrow(/no choice 1/);
    expect(() => solveOptimal(p, { start: [0, -2] })).toThrow(/no choice/);
    expect(() => solveOptimal(p, { start: [0] })).toThrow(/1 picks for 2 units/);
    expect(solveOptimal(p, { start: [0, 1] })).toMatchObject({ total: 40, proved: true });
  });
});
