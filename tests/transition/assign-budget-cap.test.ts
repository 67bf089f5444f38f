// The cost search's budget as a cap and a base (optimal.ts pivotBudget, CAP_FACTOR; bnb.ts
// SearchOptions.pivotBase): the neighbourhood schedule's shares are of the base, so a search that
// proves within the base runs the same path to the same result on a bigger cap, and the cap's rest
// only lengthens the tree of the searches that ran out.
import { beforeAll, describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { search } from "../../src/transition/assign/bnb";
import { CAP_FACTOR, defaultPivotLimit, pivotBudget, solveOptimal, type Solved } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { outModel } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const instance = (members: number, clustered: boolean, seed: number) =>
  buildUnits(assignInstance({ members, providers: Math.round(members / 20), options: 4, clustered, grouped: 0.3, slack: 0.85, rate: 0.3 }, seed), "optimal");
const same = (a: Solved, b: Solved) => {
  expect(b.pick).toEqual(a.pick);
  expect([b.total, b.proved, b.nodes, b.pivots, b.treeBound]).toEqual([a.total, a.proved, a.nodes, a.pivots, a.treeBound]);
};
const BASE = 4_000;

describe("the cost search's cap and base (optimal.ts pivotBudget)", () => {
  it("defaults to the base (defaultPivotLimit) times CAP_FACTOR, 1.5; a pivotLimit given is both, unless a base is given too", () => {
    // 1.5: 1000 × 45's worst case 15–19 s within a Worker's 30 s of CPU (2×: 22–26 s), the same proofs as 2× (optimal.ts).
    expect(CAP_FACTOR).toBe(1.5);
    for (const rows of [5, 28, 138, 176, 400]) {
      const base = defaultPivotLimit(rows);
      expect(pivotBudget(rows)).toEqual({ cap: Math.round(base * CAP_FACTOR), base });
      expect(pivotBudget(rows, { capFactor: 2.5 })).toEqual({ cap: Math.round(base * 2.5), base });
    }
    expect(pivotBudget(138, { pivotLimit: 7_000 })).toEqual({ cap: 7_000, base: 7_000 });
    expect(pivotBudget(138, { pivotBase: 3_000, capFactor: 3 })).toEqual({ cap: 9_000, base: 3_000 });
    expect(pivotBudget(138, { pivotBase: 3_000, pivotLimit: 5_000 })).toEqual({ cap: 5_000, base: 3_000 });
  });

  it("runs a search proved within the base the same on three times the cap (where a budget of three bases does not)", { timeout: 60_000 }, () => {
    let moved = 0;
    for (const [members, clustered, seed] of [[150, false, 1], [250, true, 1], [250, false, 1]] as const) {
      const p = instance(members, clustered, seed);
      const base = solveOptimal(p, { pivotBase: BASE, capFactor: 1 });
      expect(base.proved, `${members} ${clustered} s${seed}`).toBe(true);
      same(base, solveOptimal(p, { pivotBase: BASE, capFactor: 3 }));
      // The shares follow the base: a base of 3 × BASE takes another path (or, where the
      // neighbourhoods never reach their shares, the same).
      if (solveOptimal(p, { pivotLimit: 3 * BASE }).pivots !== base.pivots) moved++;
    }
    expect(moved).toBeGreaterThanOrEqual(2);
  });

  it("runs a 640-unit search (the mid-size rules, second root) proved within the base the same on three times the cap", { timeout: 60_000 }, () => {
    const m = outModel(buildUnits(assignInstance({ members: 640, providers: 12, options: 4, clustered: false, grouped: 0, slack: 0.8, rate: 0 }, 4), "optimal"));
    expect(m.cost.length).toBeGreaterThanOrEqual(600);
    const start = Int32Array.from(m.cost, (c) => c.length - 1);
    const base = search(m, start, { pivotBase: 20_000, pivotLimit: 20_000 });
    expect(base.proved).toBe(true);
    const capped = search(m, start, { pivotBase: 20_000, pivotLimit: 60_000 });
    for (const k of ["value", "proved", "nodes", "pivots", "rootFixed", "strongProbes", "treeBound"] as const) expect(capped[k], k).toEqual(base[k]);
    expect(Array.from(capped.pick)).toEqual(Array.from(base.pick));
    // The shares of a 60k base take another path.
    expect(search(m, start, { pivotLimit: 60_000 }).pivots).not.toBe(base.pivots);
  });

  it("proves on three times the cap an instance the base leaves open: HiGHS's optimum", { timeout: 60_000 }, () => {
    const p = instance(250, false, 2);
    const base = solveOptimal(p, { pivotBase: BASE, capFactor: 1 });
    expect(base.proved).toBe(false);
    const capped = solveOptimal(p, { pivotBase: BASE, capFactor: 3 });
    expect(capped.proved).toBe(true);
    expect(capped.total).toBeLessThanOrEqual(base.total);
    expect(capped.pivots!).toBeGreaterThan(base.pivots!);
    const ref = solveAssignRef(highs, p);
    expect(ref.status).toBe("Optimal");
    expect(capped.total).toBe(ref.total);
    expect(base.total).toBeGreaterThan(ref.total);
  });
});
