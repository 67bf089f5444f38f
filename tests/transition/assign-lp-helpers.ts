// Checks shared by the LP tests (assign-lp*.test.ts).
import fc from "fast-check";
import { expect } from "vitest";
import type { GubLp, Model } from "../../src/transition/assign/lp";
import type { UnitProblem } from "../../src/transition/assign/units";

/** Each unit's choices, then "out" at a cost per member above any choice's: leaving all out always fits. */
export function outModel(p: UnitProblem): Model {
  return {
    cost: p.units.map((u) => [...u.choices.map((c) => c.cost), p.unassignedCost * u.members.length]),
    res: p.units.map((u) => [...u.choices.map((c) => c.res), []]),
    amt: p.units.map((u) => [...u.choices.map((c) => c.amt), []]),
    cap: p.resources.map((r) => r.cap),
  };
}

/** Random small instance shapes (bench/lib/assign-instances.ts assignInstance) for the LP property tests. */
export const lpShape = fc.record({
  members: fc.integer({ min: 1, max: 60 }),
  providers: fc.integer({ min: 1, max: 8 }),
  options: fc.integer({ min: 1, max: 8 }),
  clustered: fc.boolean(),
  grouped: fc.constantFrom(0, 0.3),
  slack: fc.constantFrom(0.5, 0.8, 1, 1.05, 1.5),
  rate: fc.constantFrom(0, 0.3),
});

/** Equal objectives, within the LP's relative tolerance. */
export const near = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b));

/** The LP's point is a solution of the model: within bounds, one per unit, within every row. */
export function expectFeasible(lp: GubLp, m: Model) {
  const x = lp.values();
  for (let j = 0; j < lp.N; j++) expect(x[j]!).toBeGreaterThanOrEqual(-1e-9);
  const used = new Float64Array(m.cap.length);
  m.cost.forEach((cs, u) => {
    let one = 0;
    cs.forEach((_, k) => {
      const v = x[lp.unitStart[u]! + k]!;
      one += v;
      m.res[u]![k]!.forEach((r, i) => (used[r]! += v * m.amt[u]![k]![i]!));
    });
    expect(Math.abs(one - 1)).toBeLessThanOrEqual(1e-9);
  });
  used.forEach((v, r) => expect(v).toBeLessThanOrEqual(m.cap[r]! + 1e-7 * Math.max(1, m.cap[r]!)));
}
