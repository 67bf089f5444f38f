// The reduced restart's share rule (presolve.ts RestartReduce.minShare): the search reduces only
// when the root's reduced-cost fixing forbade at least that share of the columns, and otherwise
// runs the plain second root bit for bit; with any share it proves the enumerated optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { MID_REDUCE, search } from "../../src/transition/assign/bnb";
import { buildUnits } from "../../src/transition/assign/units";
import { contended, randomModel } from "./assign-cuts-helpers";
import { outModel } from "./assign-lp-helpers";

const SAME = ["value", "nodes", "pivots", "rootFixed", "rootCut2", "strongProbes"] as const;

describe("the reduced restart's share rule (restartReduce.minShare)", () => {
  it("reduces exactly when the fixing reaches the share, runs the plain second root otherwise, and proves the enumerated optimum", { timeout: 180_000 }, () => {
    let reduced = 0;
    let plain = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(0.05, 0.2, 0.4, 0.6), fc.boolean(), (seed, minShare, perRow) => {
        const { mc, best, start } = contended(randomModel(seed));
        const cols = mc.cost.reduce((t, c) => t + c.length, 0);
        const r = search(mc, start, { rootRestart: true, restartReduce: { minShare, perRow } });
        expect(r.proved).toBe(true);
        expect(r.value).toBe(best);
        const fixed = r.rootFixed ?? 0;
        expect(!!r.reduced).toBe(fixed > 0 && fixed >= minShare * cols);
        // Below the share: the plain second root's search, the same work and answer.
        const other = r.reduced ? search(mc, start, { rootRestart: true, restartReduce: { perRow } }) : search(mc, start, { rootRestart: true });
        for (const k of SAME) expect(r[k], k).toEqual(other[k]);
        expect(Array.from(r.pick)).toEqual(Array.from(other.pick));
        if (r.reduced) reduced++;
        else if (fixed > 0) plain++;
      }),
      // Random small models fix columns at the root rarely (~1.2 % of them reduce: 300 runs had
      // none ~2.5 % of the time), so seed 27, whose root fixes 8 of 27 columns, runs both sides of
      // the share on every run too (fast-check runs the examples first, within numRuns).
      { numRuns: 300, examples: [[27, 0.2, false], [27, 0.2, true], [27, 0.4, false], [27, 0.6, true]] },
    );
    // Both sides of the rule ran.
    expect(reduced).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
  });

  it("is the default from 600 to 1,300 units at half the columns (MID_REDUCE): a 640-unit model whose root fixes 73 % reduces, one whose root fixes 28 % runs the plain second root", { timeout: 120_000 }, () => {
    expect(MID_REDUCE.minShare).toBe(0.5);
    const limits = { nodeLimit: 6, pivotLimit: 20_000 };
    for (const [seed, reduces] of [[5, true], [3, false]] as const) {
      const m = outModel(buildUnits(assignInstance({ members: 640, providers: 12, options: 4, clustered: false, grouped: 0, slack: 0.8, rate: 0 }, seed), "optimal"));
      expect(m.cost.length).toBeGreaterThanOrEqual(600);
      const cols = m.cost.reduce((t, c) => t + c.length, 0);
      const start = Int32Array.from(m.cost, (c) => c.length - 1);
      const byDefault = search(m, start, limits);
      expect(!!byDefault.reduced, `seed ${seed}`).toBe(reduces);
      expect(byDefault.rootFixed! >= 0.5 * cols).toBe(reduces);
      // The same run as the rule spelt out, and, below the share, as the second root without it.
      const other = search(m, start, { ...limits, restartReduce: reduces ? { minShare: 0.5, perRow: true } : false });
      for (const k of SAME) expect(byDefault[k], k).toEqual(other[k]);
    }
  });

  it("perRow scales the reduced search's pivots by the rows: on a budget it bounds, the reduced search gets more", { timeout: 120_000 }, () => {
    const m = outModel(buildUnits(assignInstance({ members: 640, providers: 12, options: 4, clustered: false, grouped: 0, slack: 0.8, rate: 0 }, 2), "optimal"));
    const start = Int32Array.from(m.cost, (c) => c.length - 1);
    const limits = { nodeLimit: 10_000, pivotLimit: 6_000 };
    const flat = search(m, start, { ...limits, restartReduce: { minShare: 0.5 } });
    const scaled = search(m, start, { ...limits, restartReduce: { minShare: 0.5, perRow: true } });
    expect(flat.reduced && scaled.reduced).toBeTruthy();
    expect(scaled.reduced!.rows).toBeLessThan(m.cap.length);
    expect(flat.proved).toBe(false); // the budget bound it
    expect(scaled.pivots).toBeGreaterThan(flat.pivots);
  });
});
