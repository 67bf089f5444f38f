// The cuts of src/transition/assign/cuts.ts are valid: on small random models every assignment that
// fits (all enumerated) satisfies every cut separated, whatever the point separated (LP optima and
// arbitrary fractional points); the cuts are violated where they are returned; and branch and
// bound with its cut rounds (bnb.ts) still ends at the enumerated optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { coverCuts, knapsacks, lhs, withCuts, type Cut } from "../../src/transition/assign/cuts";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { asPoint, assignments, lcg, lpPoint, randomModel } from "./assign-cuts-helpers";

function checkValid(m: Model, cuts: Cut[], all: number[][]) {
  for (const cut of cuts) for (const pick of all) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-9);
}

describe("lifted GUB cover cuts", () => {
  it("cut off no assignment that fits, at LP optima and at arbitrary fractional points, and are violated where found", () => {
    let found = 0;
    let lifted = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed, seed2) => {
        const m = randomModel(seed);
        const all = assignments(m);
        const rows = m.cap.map((_, r) => r);
        const rnd = lcg(seed2);
        // An LP optimum (costs pushed towards taking capacity), and a random point of the simplices.
        const points = [
          lpPoint(m, m.cost.map((cs) => cs.map((c, k) => (k === cs.length - 1 ? 100 : c - 40 * rnd())))),
          m.cost.map((cs) => {
            const w = cs.map(() => rnd() ** 3);
            const t = w.reduce((a, b) => a + b, 0);
            return Float64Array.from(w, (v) => v / t);
          }),
        ];
        for (const x of points) {
          const cuts = [...coverCuts(m, rows, x), ...coverCuts(m, rows, x, { aggregate: true })];
          found += cuts.length;
          lifted += cuts.filter((c) => [...(c.coefs?.values() ?? [])].some((cs) => cs.some((a) => a > 1))).length;
          for (const cut of cuts) expect(lhs(cut, x)).toBeGreaterThan(cut.rhs);
          checkValid(m, cuts, all);
        }
      }),
      { numRuns: 400 },
    );
    // The property is not empty: cuts were found, some with lifted coefficients above 1.
    expect(found).toBeGreaterThan(50);
    expect(lifted).toBeGreaterThan(0);
  });

  it("the sum of two rows shared by the same choices is one more knapsack", () => {
    // One host: a kind (cap 4) and its migrations (cap 2), each choice taking both.
    const m: Model = { cost: [[0, 9], [0, 9], [0, 9]], res: [[[0, 1], []], [[0, 1], []], [[0, 1], []]], amt: [[[2, 1], []], [[2, 1], []], [[2, 1], []]], cap: [4, 2] };
    const ks = knapsacks(m, [0, 1]);
    expect(ks.map((k) => k.cap)).toEqual([4, 2, 6]);
    expect(ks[2]!.as).toEqual([[3], [3], [3]]);
    // Two of three fit: at most two take the host.
    const x = [0, 1, 2].map(() => Float64Array.of(0.9, 0.1));
    const cuts = coverCuts(m, [0, 1], x, { aggregate: true });
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts.every((c) => c.rhs === 2)).toBe(true);
    checkValid(m, cuts, assignments(m));
  });

  it("lifts a unit outside the cover by more than 1 when it takes the room of two", () => {
    // Cap 4: cover units take 2 each (three of them overflow); unit 3 takes 4, the room of two.
    const m: Model = { cost: [[0, 9], [0, 9], [0, 9], [0, 9]], res: [[[0], []], [[0], []], [[0], []], [[0], []]], amt: [[[2], []], [[2], []], [[2], []], [[4], []]], cap: [4] };
    const x = [Float64Array.of(1, 0), Float64Array.of(1, 0), Float64Array.of(0.5, 0.5), Float64Array.of(0, 1)];
    const [cut] = coverCuts(m, [0], x, { aggregate: false });
    expect(cut!.rhs).toBe(2);
    expect(cut!.coefs?.get(3)).toEqual([2]);
    checkValid(m, [cut!], assignments(m));
    // On the model with the cut the LP cannot mix unit 3 in with two others.
    const lp = new GubLp(withCuts(m, [cut!]));
    lp.start([1, 1, 1, 1]);
    expect(lp.solve()).toBe("optimal");
  });
});

describe("cut rounds in branch and bound", () => {
  it("end at the enumerated optimum, with a root bound after cuts no lower than before, with node cuts too", () => {
    let restarts = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const all = assignments(m);
        const value = (p: number[]) => p.reduce((t, k, u) => t + m.cost[u]![k]!, 0);
        const best = Math.min(...all.map(value));
        const r = search(m, Int32Array.from(m.cost, (c) => c.length - 1));
        expect(r.proved).toBe(true);
        // Restarts with node cuts from the first node on: the optimum again, proved.
        const deep = search(m, Int32Array.from(m.cost, (c) => c.length - 1), { firstRestart: 1 });
        expect(deep.proved).toBe(true);
        expect(deep.value).toBe(best);
        restarts += deep.restarts ?? 0;
        expect(r.value).toBe(best);
        if (Number.isFinite(r.rootCut!)) expect(r.rootCut!).toBeGreaterThanOrEqual(r.rootLp! - 1e-7);
        expect(r.rootBound).toBeLessThanOrEqual(best);
      }),
      { numRuns: 300 },
    );
    expect(restarts).toBeGreaterThan(0);
  });
});
