// The HiGHS reference of the `optimal` assignment (bench/lib/assign-ref.ts: fewest members out, then
// least cost, two HiGHS solves) against enumeration of every assignment on tiny unit problems, so
// that the tests and benches comparing the engine with HiGHS compare it with the true optimum.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { evaluatePick, solveAssignRef } from "../../bench/lib/assign-ref";
import { solveOptimal } from "../../src/transition/assign/optimal";
import type { UnitProblem } from "../../src/transition/assign/units";
import presolveInfeasible from "../fixtures/assign/highs-presolve-infeasible.json";
import { feasiblePicks, problemOf, tinyUnitsArb } from "./assign-unit-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

/** The lexicographic optimum by enumerating every assignment: fewest out, then least cost. */
function bruteForce(p: UnitProblem): { out: number; cost: number; total: number } {
  const best = feasiblePicks(p).reduce((a, b) => (b.out < a.out || (b.out === a.out && b.cost < a.cost) ? b : a));
  return { out: best.out, cost: best.cost, total: best.total };
}

/** Up to 6 units × 4 choices over up to 3 resources; `tight` puts every choice on resource 0 with too little room for all. */
const problemArb = (tight: boolean) =>
  fc.integer({ min: 1, max: 3 }).chain((R) =>
    tinyUnitsArb(R, { choices: tight ? 1 : 0, uses: 0 })
      .map(([units, caps]) => {
        if (!tight) return problemOf(units, caps);
        // Every choice takes at least 1 of resource 0, which holds fewer than the units: someone stays out.
        const forced = units.map((u) => ({ ...u, choices: u.choices.map((c) => ({ ...c, use: c.use.some(([r]) => r === 0) ? c.use : [[0, 1] as [number, number], ...c.use] })) }));
        return problemOf(forced, [Math.min(caps[0]!, units.length - 1), ...caps.slice(1)]);
      }),
  );

function checkAgainstEnumeration(p: UnitProblem) {
  const ref = solveAssignRef(highs, p);
  expect(ref.status).toBe("Optimal");
  expect(ref.proved).toBe(true);
  expect(ref.overCapacity).toEqual([]);
  const best = bruteForce(p);
  expect({ out: ref.out, cost: ref.cost, total: ref.total }).toEqual(best);
  // The proved bounds are the optimum itself once both stages are proved.
  expect(ref.totalBound).toBe(best.total);
  return best;
}

describe("the two-stage HiGHS reference", () => {
  it("equals enumeration on tiny instances (≤ 6 units × ≤ 4 choices, ≤ 3 capacities)", () => {
    fc.assert(fc.property(problemArb(false), (p) => void checkAgainstEnumeration(p)), { numRuns: 150 });
  });

  const leavesSomeOut = fc.property(problemArb(true), (p) => {
    const best = checkAgainstEnumeration(p);
    expect(best.out).toBeGreaterThan(0);
  });

  it("equals enumeration when capacity leaves some members out", () => {
    fc.assert(leavesSomeOut, { numRuns: 150 });
  });

  it("solves again without presolve a stage whose run fails (HiGHS status -1), as it does an infeasible verdict", () => {
    // The case a full npm test met: this fast-check seed and path replay it alone.
    fc.assert(leavesSomeOut, { seed: -1819400316, path: "104:7:12:11:11:11:11:11:11:11:11:11:11:11:11:12:16:23:25:25:28:28:31:31:35:38:42:52:53:60:34:7:54:63:64:63:63:63:63:63:63:63:63:63:63:63:64:66:64:67:8:65:41:41", endOnFailure: true });
  });

  it("places the most members before saving money: one member out, not two, even at 500 cents more", () => {
    // Room 3: the pair A (2 members, takes 2, 500 cents) with C (takes 1) leaves only B out; B with C
    // is 498 cents cheaper but leaves A's two members out.
    const p = problemOf(
      [
        { members: 2, choices: [{ cost: 500, use: [[0, 2]] }] },
        { members: 1, choices: [{ cost: 1, use: [[0, 2]] }] },
        { members: 1, choices: [{ cost: 1, use: [[0, 1]] }] },
      ],
      [3],
    );
    const ref = solveAssignRef(highs, p);
    expect(ref.status).toBe("Optimal");
    expect(ref.pick).toEqual([0, -1, 0]);
    expect({ out: ref.out, cost: ref.cost, total: ref.total }).toEqual({ out: 1, cost: 501, total: 501 + 503 });
    expect(checkAgainstEnumeration(p)).toEqual({ out: 1, cost: 501, total: 1004 });
  });

  it("reports an assignment over capacity (the check the bench applies to HiGHS's and the engine's picks)", () => {
    const p = problemOf(
      [
        { members: 1, choices: [{ cost: 5, use: [[0, 2]] }] },
        { members: 1, choices: [{ cost: 5, use: [[0, 2], [1, 1]] }] },
      ],
      [3, 1],
    );
    expect(evaluatePick(p, [0, 0])).toEqual({ out: 0, cost: 10, total: 10, overCapacity: [0] });
    expect(evaluatePick(p, [-1, 0])).toEqual({ out: 1, cost: 5, total: 5 + 11, overCapacity: [] });
  });

  it("solves again without presolve a stage its presolve calls infeasible (a 12-member instance fast-check found; stage 2 is never infeasible)", () => {
    const p = problemOf(
      presolveInfeasible.units.map((u) => ({ members: u.members, choices: u.choices.map((c) => ({ cost: c.cost, use: c.use as [number, number][] })) })),
      presolveInfeasible.caps,
    );
    const ref = solveAssignRef(highs, p);
    const engine = solveOptimal(p);
    expect(engine.proved).toBe(true);
    expect(ref.status).toBe("Optimal");
    expect(evaluatePick(p, ref.pick!).overCapacity).toEqual([]);
    expect({ out: ref.out, total: ref.total }).toEqual({ out: 0, total: engine.total });
  });
});
