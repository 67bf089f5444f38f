// The dual simplex for branch and bound's children (lp.ts GubLp.solveDual, bnb.ts
// SearchOptions.reSolveWith): from a parent's optimum, after columns are forbidden (down and up
// branches, deeper and deeper), it must reach the optimum of a cold primal solve with the same
// columns forbidden, say infeasible exactly when that one does, and leave the LP usable after.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/lib/instances";
import { search } from "../../src/transition/assign/bnb";
import { rootGomory } from "../../src/transition/assign/gomory";
import type { GubLp } from "../../src/transition/assign/lp";
import { BRANCHING_EXAMPLES, costSearchOf, expectCold, expectFeasible, lpShape as shape, near, startedLp } from "./assign-lp-helpers";

/** Columns a branching step forbids: a basic column with a value (down), a unit's other columns (up), or "out" for many units. */
function branch(lp: GubLp, rand: () => number): number[] {
  const x = lp.values();
  const allowed = (j: number) => lp.forbidden[j] === 0;
  const r = rand();
  if (r < 0.45) {
    const basic = Array.from({ length: lp.N }, (_, j) => j).filter((j) => lp.isBasic(j) && x[j]! > 1e-9 && allowed(j));
    return basic.length ? [basic[Math.floor(rand() * basic.length)]!] : [];
  }
  if (r < 0.85) {
    // Up: unit u takes one allowed column (a fractional one when there is one).
    const u = Math.floor(rand() * lp.U);
    const cols = Array.from({ length: lp.unitStart[u + 1]! - lp.unitStart[u]! }, (_, k) => lp.unitStart[u]! + k).filter(allowed);
    if (cols.length === 0) return [];
    const keep = cols[Math.floor(rand() * cols.length)]!;
    return cols.filter((j) => j !== keep);
  }
  const outs: number[] = [];
  for (let u = 0; u < lp.U; u++) if (rand() < 0.5 && allowed(lp.unitStart[u + 1]! - 1)) outs.push(lp.unitStart[u + 1]! - 1);
  return outs;
}

describe("the dual simplex re-solving a child (GubLp.solveDual)", () => {
  it("down a random branch, each child re-solved by the dual reaches the cold optimum, or infeasible exactly when it is", () => {
    let infeasible = 0;
    let dualPivots = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        expect(lp.solve()).toBe("optimal");
        for (let depth = 0; depth < 6; depth++) {
          const parent = lp.snapshot();
          const fix = branch(lp, rand);
          for (const j of fix) lp.forbidden[j]!++;
          const status = lp.solveDual();
          expectCold(lp, status, m);
          if (status !== "infeasible") continue;
          infeasible++;
          // The other child, from the parent's basis: the LP is usable again after an infeasible dual.
          for (const j of fix) lp.forbidden[j]!--;
          if (rand() < 0.5) expect(lp.restore(parent)).toBe(true);
          expectCold(lp, lp.solve(), m);
        }
        dualPivots += lp.dualPivots;
      }),
      { numRuns: 200 },
    );
    // The property saw both kinds of children, and the dual did the work.
    expect(infeasible).toBeGreaterThan(0);
    expect(dualPivots).toBeGreaterThan(0);
  });

  it("from a basis where columns were allowed again (a node popped elsewhere), its shifted costs still give the cold optimum", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        const elsewhere = Array.from({ length: lp.N }, (_, j) => j).filter(() => rand() < 0.3);
        for (const j of elsewhere) lp.forbidden[j]!++;
        lp.solve();
        // Allowed again: the basis is primal feasible but some reduced costs are negative now.
        for (const j of elsewhere) lp.forbidden[j]!--;
        for (const j of branch(lp, rand)) lp.forbidden[j]!++;
        expectCold(lp, lp.solveDual(), m);
      }),
      { numRuns: 150 },
    );
  });

  it("a unit whose only basic column is forbidden with all its others: infeasible; allowed again, the primal re-solves", () => {
    const { m, lp } = startedLp({ members: 20, providers: 3, options: 3, clustered: false, grouped: 0, slack: 1, rate: 0 }, 11);
    expect(lp.solve()).toBe("optimal");
    const cost = lp.objective().cost;
    const all = Array.from({ length: lp.unitStart[1]! }, (_, k) => k);
    for (const j of all) lp.forbidden[j]!++;
    expect(lp.solveDual()).toBe("infeasible");
    for (const j of all) lp.forbidden[j]!--;
    expect(lp.solve()).toBe("optimal");
    expect(near(lp.objective().cost, cost)).toBe(true);
    expectFeasible(lp, m);
  });

  it("stops at its pivot budget with `limit`, the LP still usable", () => {
    const { m, lp } = startedLp({ members: 60, providers: 6, options: 4, clustered: true, grouped: 0.3, slack: 0.8, rate: 0.3 }, 5);
    expect(lp.solve()).toBe("optimal");
    // Every unit's cheapest choice forbidden: many basic columns must leave.
    const x = lp.values();
    const fix = Array.from({ length: lp.N }, (_, j) => j).filter((j) => x[j]! > 0.5 && j !== lp.unitStart[lp.colUnit[j]! + 1]! - 1);
    expect(fix.length).toBeGreaterThan(1);
    for (const j of fix) lp.forbidden[j]!++;
    expect(lp.solveDual(1)).toBe("limit");
    expectCold(lp, lp.solveDual(), m);
  });
});

describe("the search re-solving children by the dual simplex", () => {
  it("proves the same optimum as the primal re-solve", { timeout: 120_000 }, () => {
    let dual = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        // GMI cuts at the root (the small default before mir.ts rootMir, whose stronger root leaves
        // fewer of these trees a node to re-solve: ~7 % of them have dual pivots, ~14 % with these).
        // Four times search()'s default pivot budget: the primal re-solve took 156,834 pivots (2,370
        // nodes) to prove the third example below (the dual 34,568, the defaults 11,265), so on the
        // default 100,000 a random draw like it failed the test now and then.
        const limits = { pivotLimit: 400_000 };
        const primal = search(m, start, { reSolveWith: "primal", banned, separate: rootGomory, ...limits });
        const viaDual = search(m, start, { reSolveWith: "dual", banned, separate: rootGomory, ...limits });
        expect(primal.proved).toBe(true);
        expect(viaDual.proved).toBe(true);
        expect(viaDual.value).toBe(primal.value);
        expect(primal.dualPivots).toBe(0);
        expect(viaDual.dualPivots!).toBeLessThanOrEqual(viaDual.nodePivots!);
        dual += viaDual.dualPivots!;
      }),
      // Random runs, and first three instances known to branch: only ~6 % of the random ones re-solve
      // a node by the dual (18 of 300 sampled), so 25 alone saw no dual pivot about one time in five.
      {
        numRuns: 27,
        examples: BRANCHING_EXAMPLES,
      },
    );
    expect(dual).toBeGreaterThan(0);
  });
});
