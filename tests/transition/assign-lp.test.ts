// The exact LP relaxation under the `optimal` assignment (src/transition/assign/lp.ts) against
// HiGHS's LP optimum of the same programme, and the cover cuts (cuts.ts) that tighten it. HiGHS is
// the reference only; the engine never uses it.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignInstance } from "../../bench/lib/assign-instances";
import { assignMip } from "../../bench/lib/assign-mip";
import { toLpText } from "../../bench/lib/reference";
import { coverCuts, withCuts } from "../../src/transition/assign/cuts";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { buildUnits, type UnitProblem } from "../../src/transition/assign/units";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

/** The single programme of bench/lib/assign-mip.ts as a model: the last choice of a unit is "out". */
function bigM(p: UnitProblem): Model {
  return {
    cost: p.units.map((u) => [...u.choices.map((c) => c.cost), p.unassignedCost * u.members.length]),
    res: p.units.map((u) => [...u.choices.map((c) => c.res), []]),
    amt: p.units.map((u) => [...u.choices.map((c) => c.amt), []]),
    cap: p.resources.map((r) => r.cap),
  };
}

function highsLp(p: UnitProblem): number {
  const lin = assignMip(p);
  for (const v of lin.vars) v.binary = false;
  const sol = highs.solve(toLpText(lin), { output_flag: false } as never);
  expect(sol.Status).toBe("Optimal");
  return sol.ObjectiveValue;
}

describe("the GUB simplex", () => {
  it("reaches HiGHS's LP optimum from everyone out, on random and clustered instances up to 60 members", () => {
    fc.assert(
      fc.property(
        fc.record({
          members: fc.integer({ min: 1, max: 60 }),
          providers: fc.integer({ min: 1, max: 8 }),
          options: fc.integer({ min: 1, max: 8 }),
          clustered: fc.boolean(),
          grouped: fc.constantFrom(0, 0.3),
          slack: fc.constantFrom(0.5, 0.8, 1, 1.5),
        }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (shape, seed) => {
          const p = buildUnits(assignInstance(shape, seed), "optimal");
          const lp = new GubLp(bigM(p));
          lp.start(p.units.map((u) => u.choices.length));
          expect(lp.solve()).toBe("optimal");
          const { cost, forbidden } = lp.objective();
          expect(forbidden).toBe(0);
          const ref = highsLp(p);
          expect(Math.abs(cost - ref)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(ref)));
          // Every value within its bounds, every capacity kept.
          const x = lp.values();
          for (let j = 0; j < lp.N; j++) expect(x[j]!).toBeGreaterThanOrEqual(-1e-9);
          for (const v of lp.keyValues()) expect(v).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("says infeasible when every solution needs a forbidden column, and re-optimises when it is allowed again", () => {
    // Two units, one slot: unit 0 may take it (cost 1) or stay out (cost 10); unit 1 must take it.
    const m: Model = { cost: [[1, 10], [2]], res: [[[0], []], [[0]]], amt: [[[1], []], [[1]]], cap: [1] };
    const lp = new GubLp(m);
    lp.start([1, 0]);
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective().cost).toBe(12);
    lp.forbidden[1]!++; // unit 0 may no longer stay out: both need the one slot
    expect(lp.solve()).toBe("infeasible");
    lp.forbidden[1]!--;
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective()).toEqual({ cost: 12, forbidden: 0 });
  });
});

describe("cover cuts", () => {
  it("cuts off a fractional point no assignment reaches, and keeps every assignment", () => {
    // Capacity 5, three units each taking 3 (choice 0) or staying out (choice 1, no capacity).
    const m: Model = { cost: [[0, 1], [0, 1], [0, 1]], res: [[[0], []], [[0], []], [[0], []]], amt: [[[3], []], [[3], []], [[3], []]], cap: [5] };
    const x = [0, 1, 2].map(() => Float64Array.of(5 / 6, 1 / 6)); // uses 7.5 > 5: not even the LP's
    const half = [0, 1, 2].map(() => Float64Array.of(5 / 9, 4 / 9)); // uses exactly 5: the LP's point
    expect(coverCuts(m, [0], x)).toHaveLength(1);
    const [cut] = coverCuts(m, [0], half);
    expect(cut!.rhs).toBe(1); // two units of 3 already overflow 5: at most one
    expect([...cut!.cols.keys()].length).toBe(3);
    // On the model with the cut the LP bound rises from 3·(4/9) to 2.
    const lp = new GubLp(withCuts(m, [cut!]));
    lp.start([1, 1, 1]);
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective().cost).toBeCloseTo(2, 9);
  });
});
