// The Gomory mixed-integer cuts of src/transition/assign/gomory.ts are valid: on small random models
// every assignment that fits (all enumerated) satisfies every cut read from an optimal tableau, of
// the model itself and of the model with earlier cuts as rows (rank 2: continuous slacks); each cut
// is violated at the LP point it came from; and branch and bound with both families ends at the
// enumerated optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import type { Separator } from "../../src/transition/assign/cutloop";
import { coverCuts, lhs, withCuts, type Cut } from "../../src/transition/assign/cuts";
import { coversAndGomory, gomoryCuts } from "../../src/transition/assign/gomory";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { asPoint, assignments, contended, lcg, randomModel, skewedCost } from "./assign-cuts-helpers";

/** The LP of m under `cost`, solved from every unit's last ("out") choice, and its point per unit. */
function solved(m: Model, cost: number[][]): { lp: GubLp; x: Float64Array[] } {
  const lp = new GubLp({ ...m, cost });
  lp.start(m.cost.map((c) => c.length - 1));
  expect(lp.solve()).toBe("optimal");
  const v = lp.values();
  return { lp, x: m.cost.map((_, u) => v.slice(lp.unitStart[u]!, lp.unitStart[u + 1]!)) };
}

function checkValid(m: Model, cuts: Cut[], all: number[][]) {
  for (const cut of cuts) for (const pick of all) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-9);
}

describe("Gomory mixed-integer cuts", () => {
  it("cut off no assignment that fits, from the model's tableau and from one with cuts as rows, and are violated where found", () => {
    let found = 0;
    let rank2 = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed, seed2) => {
        const m = randomModel(seed);
        const all = assignments(m);
        const rnd = lcg(seed2);
        // Costs that push towards taking capacity, so the LP optimum is often fractional.
        const cost = skewedCost(m, rnd);
        const { lp, x } = solved(m, cost);
        const cuts = gomoryCuts(m, lp, x, { max: 20 });
        found += cuts.length;
        for (const cut of cuts) {
          expect(lhs(cut, x)).toBeGreaterThan(cut.rhs);
          for (const a of cut.coefs!.values()) for (const c of a) expect(c).toBeGreaterThan(0);
        }
        checkValid(m, cuts, all);
        // Rank 2: the cuts (and the covers, whole rows) as rows, a new optimum, its tableau's cuts.
        const m2 = withCuts(m, [...cuts, ...coverCuts(m, m.cap.map((_, r) => r), x)]);
        const second = solved(m2, [...cost]);
        const cuts2 = gomoryCuts(m2, second.lp, second.x, { max: 20 });
        rank2 += cuts2.length;
        for (const cut of cuts2) expect(lhs(cut, second.x)).toBeGreaterThan(cut.rhs);
        checkValid(m, cuts2, all);
      }),
      { numRuns: 400 },
    );
    // The property is not empty: cuts of both ranks were found.
    expect(found).toBeGreaterThan(50);
    expect(rank2).toBeGreaterThan(10);
  });

  it("in branch and bound's cut rounds, end at the enumerated optimum, with node cuts too", () => {
    // Every density (on models this small a GMI cut spans more than the default quarter of the columns).
    const separate: Separator = (m, rows, x, at) => coversAndGomory(m, rows, x, at, 1);
    let raised = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        // Costs below the out choice's, so capacity is contended.
        const { mc, value, best, start } = contended(m);
        for (const firstRestart of [undefined, 1]) {
          const r = search(mc, start, { separate, firstRestart });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
          expect(r.rootBound).toBeLessThanOrEqual(best);
        }
        const covers = search(mc, start, { heuristics: false, nodeLimit: 1 });
        const both = search(mc, start, { heuristics: false, nodeLimit: 1, separate });
        if (Number.isFinite(both.rootCut!) && Number.isFinite(covers.rootCut!) && both.rootCut! > covers.rootCut! + 1e-6) raised++;
      }),
      { numRuns: 300 },
    );
    // Somewhere the tableau's cuts lift the root bound above the covers' alone.
    expect(raised).toBeGreaterThan(0);
  });
});
