// The dual simplex for branch and bound's children (lp.ts GubLp.solveDual, bnb.ts
// SearchOptions.reSolveWith): from a parent's optimum, after columns are forbidden (down and up
// branches, deeper and deeper), it must reach the optimum of a cold primal solve with the same
// columns forbidden, say infeasible exactly when that one does, and leave the LP usable after.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { rng } from "../../bench/lib/instances";
import { search } from "../../src/transition/assign/bnb";
import { rootGomory } from "../../src/transition/assign/gomory";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { costModel, fewestModel } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { expectFeasible, lpShape as shape, near, outModel as model } from "./assign-lp-helpers";

/** A cold solve: a new LP from everyone out, with these columns forbidden (counted). */
function cold(m: Model, forbidden: Int32Array, allOut: number[]) {
  const lp = new GubLp(m);
  lp.forbidden.set(forbidden.subarray(0, lp.N));
  lp.start(allOut);
  const status = lp.solve();
  return { status, cost: lp.objective().cost };
}

/** The LP matches the cold solve: same status; when optimal, the same cost, feasible, no forbidden mass. */
function expectCold(lp: GubLp, status: string, m: Model, allOut: number[]) {
  const ref = cold(m, lp.forbidden, allOut);
  expect(status).toBe(ref.status);
  if (status === "optimal") {
    expect(near(lp.objective().cost, ref.cost)).toBe(true);
    expect(lp.objective().forbidden).toBeLessThanOrEqual(1e-9);
    expectFeasible(lp, m);
  }
}

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
        const p = buildUnits(assignInstance(sh, seed), "optimal");
        const m = model(p);
        const allOut = p.units.map((u) => u.choices.length);
        const rand = rng(seed);
        const lp = new GubLp(m);
        lp.start(allOut);
        expect(lp.solve()).toBe("optimal");
        for (let depth = 0; depth < 6; depth++) {
          const parent = lp.snapshot();
          const fix = branch(lp, rand);
          for (const j of fix) lp.forbidden[j]!++;
          const status = lp.solveDual();
          expectCold(lp, status, m, allOut);
          if (status !== "infeasible") continue;
          infeasible++;
          // The other child, from the parent's basis: the LP is usable again after an infeasible dual.
          for (const j of fix) lp.forbidden[j]!--;
          if (rand() < 0.5) expect(lp.restore(parent)).toBe(true);
          expectCold(lp, lp.solve(), m, allOut);
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
        const p = buildUnits(assignInstance(sh, seed), "optimal");
        const m = model(p);
        const allOut = p.units.map((u) => u.choices.length);
        const rand = rng(seed);
        const lp = new GubLp(m);
        lp.start(allOut);
        const elsewhere = Array.from({ length: lp.N }, (_, j) => j).filter(() => rand() < 0.3);
        for (const j of elsewhere) lp.forbidden[j]!++;
        lp.solve();
        // Allowed again: the basis is primal feasible but some reduced costs are negative now.
        for (const j of elsewhere) lp.forbidden[j]!--;
        for (const j of branch(lp, rand)) lp.forbidden[j]!++;
        expectCold(lp, lp.solveDual(), m, allOut);
      }),
      { numRuns: 150 },
    );
  });

  it("a unit whose only basic column is forbidden with all its others: infeasible; allowed again, the primal re-solves", () => {
    const p = buildUnits(assignInstance({ members: 20, providers: 3, options: 3, clustered: false, grouped: 0, slack: 1, rate: 0 }, 11), "optimal");
    const m = model(p);
    const allOut = p.units.map((u) => u.choices.length);
    const lp = new GubLp(m);
    lp.start(allOut);
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
    const p = buildUnits(assignInstance({ members: 60, providers: 6, options: 4, clustered: true, grouped: 0.3, slack: 0.8, rate: 0.3 }, 5), "optimal");
    const m = model(p);
    const allOut = p.units.map((u) => u.choices.length);
    const lp = new GubLp(m);
    lp.start(allOut);
    expect(lp.solve()).toBe("optimal");
    // Every unit's cheapest choice forbidden: many basic columns must leave.
    const x = lp.values();
    const fix = Array.from({ length: lp.N }, (_, j) => j).filter((j) => x[j]! > 0.5 && j !== lp.unitStart[lp.colUnit[j]! + 1]! - 1);
    expect(fix.length).toBeGreaterThan(1);
    for (const j of fix) lp.forbidden[j]!++;
    expect(lp.solveDual(1)).toBe("limit");
    expectCold(lp, lp.solveDual(), m, allOut);
  });
});

describe("the search re-solving children by the dual simplex", () => {
  it("proves the same optimum as the primal re-solve", () => {
    let dual = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const p = buildUnits(assignInstance({ ...sh, members: Math.min(sh.members, 40) }, seed), "optimal");
        // The cost search as optimal.ts runs it (see assign-lp-restore.test.ts).
        const allOut = Int32Array.from(p.units, (u) => u.choices.length);
        const root = search(fewestModel(p), allOut, { nodeLimit: 1, cuts: false });
        const m = costModel(p, Math.max(0, root.rootBound));
        const start = Int32Array.from([...root.pick, 1]);
        const banned: [number, number][] = [[p.units.length, 1]];
        // GMI cuts at the root (the small default before mir.ts rootMir, whose stronger root leaves
        // fewer of these trees a node to re-solve: ~7 % of them have dual pivots, ~14 % with these).
        const primal = search(m, start, { reSolveWith: "primal", banned, separate: rootGomory });
        const viaDual = search(m, start, { reSolveWith: "dual", banned, separate: rootGomory });
        expect(primal.proved).toBe(true);
        expect(viaDual.proved).toBe(true);
        expect(viaDual.value).toBe(primal.value);
        expect(primal.dualPivots).toBe(0);
        expect(viaDual.dualPivots!).toBeLessThanOrEqual(viaDual.nodePivots!);
        dual += viaDual.dualPivots!;
      }),
      // Enough runs that some search re-solves by the dual (at 25, 2 runs in 7 had none).
      { numRuns: 200 },
    );
    expect(dual).toBeGreaterThan(0);
  });
});
