// hull.ts: the exact hull test of a block (one row, or several rows together) and its lifted
// Fenchel cuts, against every assignment of small random models (enumerated).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lhs, withCuts } from "../../src/transition/assign/cuts";
import { hullCuts, hullFace, hullTest, withHullCuts } from "../../src/transition/assign/hull";
import { withDualRebuild } from "../../src/transition/assign/cutloop";
import { rootMir } from "../../src/transition/assign/mir";
import { asPoint, assignments, contended, lcg, linkedModel, lpPoint, provedWithEach, randomModel, skewedCost } from "./assign-cuts-helpers";

describe("hull cuts", () => {
  it("cut off no assignment, are violated where found, on single rows and on all rows as one block", () => {
    let found = 0;
    let blocks = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, seed2, linked) => {
        const m = linked ? linkedModel(seed) : randomModel(seed);
        const all = assignments(m);
        const rnd = lcg(seed2);
        const cost = skewedCost(m, rnd);
        const rows = m.cap.map((_, r) => r);
        let x = lpPoint(m, cost);
        let cm = m;
        for (let round = 0; round < 3; round++) {
          const single = hullCuts(cm, rows, x);
          const whole = hullCuts(cm, rows, x, { rows: false, blocks: [rows] });
          found += single.length;
          blocks += whole.length;
          for (const cut of [...single, ...whole]) {
            expect(lhs(cut, x)).toBeGreaterThan(cut.rhs);
            for (const a of cut.coefs!.values()) for (const c of a) expect(c).toBeGreaterThan(0);
            for (const pick of all) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-6);
          }
          if (single.length + whole.length === 0) break;
          cm = withCuts(cm, [...single, ...whole]);
          x = lpPoint(cm, cost);
        }
      }),
      { numRuns: 400 },
    );
    expect(found).toBeGreaterThan(30);
    expect(blocks).toBeGreaterThan(30);
  });

  it("find a convex combination of assignments inside every block's hull", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed, seed2) => {
        const m = linkedModel(seed);
        const all = assignments(m);
        const rnd = lcg(seed2);
        const picks = [0, 1, 2].map(() => all[Math.floor(rnd() * all.length)]!);
        const w = picks.map(() => 0.1 + rnd());
        const sum = w.reduce((a, b) => a + b, 0);
        const x = m.cost.map((cs, u) => Float64Array.from(cs, (_, k) => picks.reduce((t, p, i) => t + (p[u] === k ? w[i]! / sum : 0), 0)));
        const rows = m.cap.map((_, r) => r);
        for (const b of [...rows.map((r) => [r]), rows]) {
          const t = hullTest(hullFace(m, b, x));
          expect(t.failed).toBeUndefined();
          expect(t.distance).toBeLessThan(1e-7);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("in branch and bound's cut rounds, alone or before another separator (withHullCuts), end at the enumerated optimum, with node cuts too", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, linked) => {
        const m = linked ? linkedModel(seed) : randomModel(seed);
        provedWithEach(m, [(mm, rows, x) => hullCuts(mm, rows, x), withHullCuts(withDualRebuild(rootMir, 1))]);
      }),
      { numRuns: 200 },
    );
  });

  it("with every row as one block, close the root to the enumerated optimum on most models", () => {
    let closed = 0;
    const n = 60;
    for (let seed = 1; seed <= n; seed++) {
      const m = linkedModel(seed * 7919);
      const { mc, best } = contended(m);
      const rows = mc.cap.map((_, r) => r);
      let cm = mc;
      let x = lpPoint(cm, cm.cost);
      for (let round = 0; round < 30; round++) {
        const cuts = hullCuts(cm, rows, x, { rows: false, blocks: [rows] });
        if (cuts.length === 0) break;
        cm = withCuts(cm, cuts);
        x = lpPoint(cm, cm.cost);
      }
      let bound = 0;
      x.forEach((xs, u) => xs.forEach((v, k) => (bound += v * mc.cost[u]![k]!)));
      expect(bound).toBeLessThanOrEqual(best + 1e-6);
      if (bound > best - 1e-6) closed++;
    }
    expect(closed).toBeGreaterThan(n * 0.8);
  });
});
