// The c-MIR cuts of src/transition/assign/mir.ts are valid: on small random models every
// assignment that fits (all enumerated) satisfies every cut separated at an LP optimum, alone and
// on aggregations of rows; each cut is violated at the point it came from; and branch and bound
// with them ends at the enumerated optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { lhs, withCuts } from "../../src/transition/assign/cuts";
import type { Model } from "../../src/transition/assign/lp";
import { coversAndMir, mirCuts } from "../../src/transition/assign/mir";
import { asPoint, assignments, contended, lcg, linkedModel, lpPoint, randomModel, skewedCost } from "./assign-cuts-helpers";

describe("c-MIR cuts", () => {
  it("cut off no assignment that fits and are violated where found, on one row or several", () => {
    let found = 0;
    let aggregated = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, seed2, linked) => {
        const m = linked ? linkedModel(seed) : randomModel(seed);
        const all = assignments(m);
        const rnd = lcg(seed2);
        const cost = skewedCost(m, rnd);
        const rows = m.cap.map((_, r) => r);
        let x = lpPoint(m, cost);
        // Two rounds: the second on the model with the first round's cuts as rows.
        let cm = m;
        for (let round = 0; round < 2; round++) {
          const single = mirCuts(cm, rows, x, { aggregate: false });
          const cuts = mirCuts(cm, rows, x, { max: 50, cross: round === 1 });
          found += cuts.length;
          aggregated += cuts.length - single.length > 0 ? 1 : 0;
          for (const cut of [...single, ...cuts]) {
            expect(lhs(cut, x)).toBeGreaterThan(cut.rhs);
            for (const a of cut.coefs!.values()) for (const c of a) expect(c).toBeGreaterThan(0);
            for (const pick of all) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-9);
          }
          if (cuts.length === 0) break;
          cm = withCuts(cm, cuts);
          x = lpPoint(cm, cost);
        }
      }),
      { numRuns: 500 },
    );
    // The property is not empty: cuts were found, some of them on aggregations.
    expect(found).toBeGreaterThan(50);
    expect(aggregated).toBeGreaterThan(5);
  });

  it("in branch and bound's cut rounds, end at the enumerated optimum, with node cuts too", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, linked) => {
        const m = linked ? linkedModel(seed) : randomModel(seed);
        const { mc, value, best, start } = contended(m);
        for (const firstRestart of [undefined, 1]) {
          const r = search(mc, start, { separate: coversAndMir, firstRestart });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
          expect(r.rootBound).toBeLessThanOrEqual(best);
        }
      }),
      { numRuns: 300 },
    );
  });
});
