// The dual-guided assignment (src/transition/assign/lagrange.ts) on the cost search's own model
// (optimal.ts costModel: at most `left` members out, leaving a unit out takes room on its own row):
// whatever it returns fits every capacity, keeps each unit (a group moves as one) on one of its own
// usable choices, leaves out no more members than allowed, reports its assignment's total, is never
// worse than the start it was given, and is never below HiGHS's optimum (a sanity check: it is a
// heuristic, HiGHS is exact). Duals: the LP's (GubLp, as bnb.ts takes them) or arbitrary ones.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignInstance, type AssignShape } from "../../bench/lib/assign-instances";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { fitsAll, totalCost, type Usable } from "../../src/transition/assign/heuristics";
import { lagrangeAssign } from "../../src/transition/assign/lagrange";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { costModel, solveOptimal } from "../../src/transition/assign/optimal";
import { buildUnits, type UnitProblem } from "../../src/transition/assign/units";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const shapeArb: fc.Arbitrary<AssignShape> = fc.record({
  members: fc.integer({ min: 2, max: 25 }),
  providers: fc.integer({ min: 1, max: 5 }),
  options: fc.integer({ min: 1, max: 5 }),
  clustered: fc.boolean(),
  grouped: fc.constantFrom(0, 0.3, 0.6),
  slack: fc.constantFrom(0.5, 0.8, 1, 1.5),
  rate: fc.constantFrom(0, 0.5),
});

interface Case {
  p: UnitProblem;
  m: Model;
  /** Members the optimum leaves out: the cost model's limit. */
  left: number;
  usable: Usable;
  /** Everyone out, the relief on its banned choice: fits, but not usable (the search's start). */
  reliefStart: Int32Array;
}

function caseOf(shape: AssignShape, seed: number): Case {
  const p = buildUnits(assignInstance(shape, seed), "optimal");
  const n = p.units.length;
  // The fewest members out, from the engine (proved on these sizes; HiGHS checks the total below).
  const solved = solveOptimal(p);
  let left = 0;
  solved.pick.forEach((k, u) => (k < 0 ? (left += p.units[u]!.members.length) : 0));
  const m = costModel(p, left);
  const usable: Usable = (u, k) => !(u === n && k === 1);
  const reliefStart = Int32Array.from(m.cost, (cs, u) => (u === n ? 1 : cs.length - 1));
  return { p, m, left, usable, reliefStart };
}

/** The LP's duals on every row, read as bnb.ts reads them (a slack's reduced cost is −y). */
function lpDuals(c: Case): { y: Float64Array; first: Int32Array } {
  const lp = new GubLp(c.m);
  const n = c.p.units.length;
  lp.forbidden[lp.unitStart[n]! + 1]!++;
  lp.start(c.reliefStart);
  expect(lp.solve()).toBe("optimal");
  const y = Float64Array.from({ length: c.m.cap.length }, (_, r) => -lp.reducedCost(lp.N + r));
  const first = Int32Array.from(lp.key, (j, u) => j - lp.unitStart[u]!);
  return { y, first };
}

function membersOut(c: Case, pick: Int32Array): number {
  let out = 0;
  c.p.units.forEach((u, i) => (pick[i] === u.choices.length ? (out += u.members.length) : 0));
  return out;
}

function checkResult(c: Case, pick: Int32Array, value: number) {
  expect(pick.length).toBe(c.m.cost.length);
  pick.forEach((k, u) => {
    expect(Number.isInteger(k) && k >= 0 && k < c.m.cost[u]!.length).toBe(true);
    expect(c.usable(u, k)).toBe(true);
  });
  expect(fitsAll(c.m, pick)).toBe(true);
  expect(membersOut(c, pick)).toBeLessThanOrEqual(c.left);
  expect(value).toBe(totalCost(c.m, pick));
}

describe("dual-guided assignment", () => {
  it("from the LP's duals: fits, keeps units whole on usable choices, leaves out no more than allowed, reports its total; never below HiGHS's optimum", () => {
    let built = 0;
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const c = caseOf(shape, seed);
        const { y, first } = lpDuals(c);
        const r = lagrangeAssign(c.m, y, { usable: c.usable, prefer: first, rounds: 3 });
        if (r.pick === null) {
          expect(r.value).toBe(Infinity);
          return;
        }
        built++;
        checkResult(c, r.pick, r.value);
        const ref = solveAssignRef(highs, c.p);
        expect(ref.status).toBe("Optimal");
        // ref.total = cost + unassignedCost × members out; the model's total is the cost alone.
        expect(ref.out).toBe(c.left);
        expect(r.value).toBeGreaterThanOrEqual(ref.cost);
      }),
      { numRuns: 60 },
    );
    // The LP's duals build an assignment on most instances (not only the trivial null case).
    expect(built).toBeGreaterThan(30);
  });

  it("from any duals and a start: the same guarantees, and never worse than the start", () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.integer({ min: -2_000, max: 500 }), { minLength: 1, maxLength: 8 }), (shape, seed, ys) => {
        const c = caseOf(shape, seed);
        const y = Float64Array.from({ length: c.m.cap.length }, (_, r) => ys[r % ys.length]!);
        // A usable start that fits: the engine's optimum in the cost model's indexes (out = last choice).
        const opt = solveOptimal(c.p);
        const start = Int32Array.from(c.m.cost, (cs, u) => (u === c.p.units.length ? 0 : opt.pick[u]! < 0 ? cs.length - 1 : opt.pick[u]!));
        expect(fitsAll(c.m, start)).toBe(true);
        const r = lagrangeAssign(c.m, y, { usable: c.usable, start, rounds: 2, work: 200_000 });
        expect(r.pick).not.toBeNull();
        checkResult(c, r.pick!, r.value);
        // The start is optimal: nothing may beat it, and the result is not worse.
        expect(r.value).toBe(totalCost(c.m, start));
      }),
      { numRuns: 60 },
    );
  });

  it("ejection chains improve a poor start (units moved to their dearest choice that fits): cheaper, never dearer", () => {
    let improved = 0;
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const c = caseOf(shape, seed);
        // From the optimum (which fits), each unit in turn moves to its dearest choice that still fits.
        const opt = solveOptimal(c.p);
        const pick = Int32Array.from(c.m.cost, (cs, u) => (u === c.p.units.length ? 0 : opt.pick[u]! < 0 ? cs.length - 1 : opt.pick[u]!));
        for (let u = 0; u < c.p.units.length; u++) {
          const ks = c.m.cost[u]!.map((_, k) => k).sort((a, b) => c.m.cost[u]![b]! - c.m.cost[u]![a]!);
          for (const k of ks) {
            const was = pick[u]!;
            pick[u] = k;
            if (fitsAll(c.m, pick)) break;
            pick[u] = was;
          }
        }
        expect(fitsAll(c.m, pick)).toBe(true);
        const before = totalCost(c.m, pick);
        // Zero rounds of construction beyond the first, zero duals: the start's polish must hold its own.
        const r = lagrangeAssign(c.m, new Float64Array(c.m.cap.length), { usable: c.usable, start: pick, rounds: 0 });
        expect(r.pick).not.toBeNull();
        checkResult(c, r.pick!, r.value);
        expect(r.value).toBeLessThanOrEqual(before);
        if (r.value < before) improved++;
      }),
      { numRuns: 60 },
    );
    expect(improved).toBeGreaterThan(0);
  });

  it("the engine proves the same optimum with it and without it", () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const on = solveOptimal(p, { lagrange: true });
        const off = solveOptimal(p, { lagrange: false });
        expect(on.proved && off.proved).toBe(true);
        expect(on.total).toBe(off.total);
      }),
      { numRuns: 40 },
    );
  });
});
