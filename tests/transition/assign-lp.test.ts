// The exact LP relaxation under the `optimal` assignment (src/transition/assign/lp.ts) against
// HiGHS's LP optimum of the same programme, and the cover cuts (cuts.ts) that tighten it. HiGHS is
// the reference only; the engine never uses it.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignInstance } from "../../bench/lib/assign-instances";
import { assignMip } from "../../bench/lib/assign-mip";
import { outModel } from "../../bench/lib/assign-model";
import { rng } from "../../bench/lib/instances";
import { toLpText, type Lin } from "../../bench/lib/reference";
import { coverCuts, withCuts } from "../../src/transition/assign/cuts";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { expectFeasible } from "./assign-lp-helpers";
import { buildUnits, type UnitProblem } from "../../src/transition/assign/units";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

function highsLp(p: UnitProblem): number {
  const lin = assignMip(p);
  for (const v of lin.vars) v.binary = false;
  const sol = highs.solve(toLpText(lin), { output_flag: false } as never);
  expect(sol.Status).toBe("Optimal");
  return sol.ObjectiveValue;
}

/** HiGHS's LP optimum of a model as it stands (cut rows included), without the columns `drop` names. */
function highsModelLp(m: Model, drop: (u: number, k: number) => boolean = () => false): number {
  const vars: Lin["vars"] = [];
  const rows: Lin["rows"] = [];
  const perRow: [string, number][][] = m.cap.map(() => []);
  m.cost.forEach((cs, u) => {
    const one: [string, number][] = [];
    cs.forEach((c, k) => {
      if (drop(u, k)) return;
      const name = `x${u}_${k}`;
      vars.push({ name, obj: c, binary: false });
      one.push([name, 1]);
      m.res[u]![k]!.forEach((r, i) => perRow[r]!.push([name, m.amt[u]![k]![i]!]));
    });
    rows.push({ name: `u${u}`, terms: one, sense: "=", rhs: 1 });
  });
  perRow.forEach((terms, r) => terms.length > 0 && rows.push({ name: `r${r}`, terms, sense: "<=", rhs: m.cap[r]! }));
  const sol = highs.solve(toLpText({ vars, rows }), { output_flag: false } as never);
  expect(sol.Status).toBe("Optimal");
  return sol.ObjectiveValue;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b));


const shapes = (maxMembers: number, maxProviders: number) =>
  fc.record({
    members: fc.integer({ min: 1, max: maxMembers }),
    providers: fc.integer({ min: 1, max: maxProviders }),
    options: fc.integer({ min: 1, max: 8 }),
    clustered: fc.boolean(),
    grouped: fc.constantFrom(0, 0.3),
    slack: fc.constantFrom(0.5, 0.8, 1, 1.05, 1.5),
    rate: fc.constantFrom(0, 0.3),
  });

describe("the GUB simplex", () => {
  it("reaches HiGHS's LP optimum from everyone out, on random and clustered instances up to 60 members", () => {
    fc.assert(
      fc.property(
        fc.record({
          members: fc.integer({ min: 1, max: 60 }),
          providers: fc.integer({ min: 1, max: 8 }),
          options: fc.integer({ min: 1, max: 8 }),
          clustered: fc.boolean(),
          grouped: fc.constantFrom(0, 0.3),
          slack: fc.constantFrom(0.5, 0.8, 1, 1.5),
        }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (shape, seed) => {
          const p = buildUnits(assignInstance(shape, seed), "optimal");
          const lp = new GubLp(outModel(p));
          lp.start(p.units.map((u) => u.choices.length));
          expect(lp.solve()).toBe("optimal");
          const { cost, forbidden } = lp.objective();
          expect(forbidden).toBe(0);
          const ref = highsLp(p);
          expect(Math.abs(cost - ref)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(ref)));
          // Every value within its bounds, every capacity kept.
          const x = lp.values();
          for (let j = 0; j < lp.N; j++) expect(x[j]!).toBeGreaterThanOrEqual(-1e-9);
          for (const v of lp.keyValues()) expect(v).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("says infeasible when every solution needs a forbidden column, and re-optimises when it is allowed again", () => {
    // Two units, one slot: unit 0 may take it (cost 1) or stay out (cost 10); unit 1 must take it.
    const m: Model = { cost: [[1, 10], [2]], res: [[[0], []], [[0]]], amt: [[[1], []], [[1]]], cap: [1] };
    const lp = new GubLp(m);
    lp.start([1, 0]);
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective().cost).toBe(12);
    lp.forbidden[1]!++; // unit 0 may no longer stay out: both need the one slot
    expect(lp.solve()).toBe("infeasible");
    lp.forbidden[1]!--;
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective()).toEqual({ cost: 12, forbidden: 0 });
  });
});

describe("the GUB simplex, larger and warm", () => {
  it("reaches HiGHS's LP optimum on instances up to 250 members × 20 hosts (hundreds of pivots, several refactorisations)", () => {
    fc.assert(
      fc.property(shapes(250, 20), fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const m = outModel(p);
        const lp = new GubLp(m);
        lp.start(p.units.map((u) => u.choices.length));
        expect(lp.solve()).toBe("optimal");
        expect(lp.objective().forbidden).toBe(0);
        expect(near(lp.objective().cost, highsModelLp(m))).toBe(true);
        expectFeasible(lp, m);
      }),
      { numRuns: 12 },
    );
  });

  it("re-optimised warm after forbidding columns, it is HiGHS's LP without them; allowed again, the first optimum", () => {
    fc.assert(
      fc.property(shapes(80, 10), fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0.1, 0.3, 0.6), (shape, seed, share) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const m = outModel(p);
        const lp = new GubLp(m);
        lp.start(p.units.map((u) => u.choices.length));
        expect(lp.solve()).toBe("optimal");
        const first = lp.objective().cost;
        // Forbid a share of the choices, basic ones (the LP's own support) first; "out" stays allowed.
        const r = rng(seed);
        const drop = new Set<number>();
        m.cost.forEach((cs, u) =>
          cs.forEach((_, k) => {
            const j = lp.unitStart[u]! + k;
            if (k < cs.length - 1 && (lp.isBasic(j) ? r() < 2 * share : r() < share)) drop.add(j);
          }),
        );
        for (const j of drop) lp.forbidden[j]!++;
        expect(lp.solve()).toBe("optimal");
        expect(lp.objective().forbidden).toBeLessThanOrEqual(1e-9);
        const ref = highsModelLp(m, (u, k) => drop.has(lp.unitStart[u]! + k));
        expect(near(lp.objective().cost, ref)).toBe(true);
        expectFeasible(lp, m);
        // Reduced costs at the optimum: none negative among the allowed nonbasic columns.
        for (let j = 0; j < lp.N; j++) if (!lp.isBasic(j) && !drop.has(j)) expect(lp.reducedCost(j)).toBeGreaterThanOrEqual(-1e-6);
        for (const j of drop) lp.forbidden[j]!--;
        expect(lp.solve()).toBe("optimal");
        expect(near(lp.objective().cost, first)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("with cover-cut rows added (as bnb.ts adds them at its root), it is HiGHS's LP of the model with those rows", () => {
    let cutRuns = 0;
    fc.assert(
      fc.property(shapes(120, 12), fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const m = outModel(p);
        const lp = new GubLp(m);
        const allOut = p.units.map((u) => u.choices.length);
        lp.start(allOut);
        expect(lp.solve()).toBe("optimal");
        let model = m;
        let current = lp;
        for (let round = 0; round < 3; round++) {
          const xv = current.values();
          const x = m.cost.map((_, u) => xv.subarray(current.unitStart[u]!, current.unitStart[u + 1]!));
          const cuts = coverCuts(m, m.cap.map((_, r) => r), x);
          if (cuts.length === 0) break;
          cutRuns++;
          model = withCuts(model, cuts);
          current = new GubLp(model);
          current.start(allOut);
          expect(current.solve()).toBe("optimal");
          expect(near(current.objective().cost, highsModelLp(model))).toBe(true);
          expectFeasible(current, model);
        }
      }),
      { numRuns: 25 },
    );
    expect(cutRuns).toBeGreaterThan(0); // the property did meet cut rows
  });
});

describe("warm start from another LP's basis (startFrom, as bnb.ts's cut rounds rebuild the LP)", () => {
  it("with cut rows added and slack ones dropped, it reaches the cold LP's optimum, feasible, from the old point", () => {
    let warm = 0;
    let violated = 0;
    fc.assert(
      fc.property(shapes(120, 12), fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const m = outModel(p);
        const R0 = m.cap.length;
        const allOut = p.units.map((u) => u.choices.length);
        let current = new GubLp(m, { surplusFrom: R0 });
        current.start(allOut);
        expect(current.solve()).toBe("optimal");
        let pool: ReturnType<typeof coverCuts> = [];
        for (let round = 0; round < 3; round++) {
          const xv = current.values();
          const x = m.cost.map((_, u) => xv.subarray(current.unitStart[u]!, current.unitStart[u + 1]!));
          const fresh = coverCuts(m, m.cap.map((_, r) => r), x);
          if (fresh.length === 0) break;
          violated += fresh.length;
          // Keep only the old cuts that are slack (basic slack), in reverse order, then the new ones.
          const kept = pool.filter((_, i) => current.isBasic(current.N + R0 + i)).reverse();
          const next = [...kept, ...fresh];
          const model = withCuts(m, next);
          const lp = new GubLp(model, { surplusFrom: R0 });
          const rowMap = Array.from({ length: current.R }, (_, r) => (r < R0 ? r : next.indexOf(pool[r - R0]!) >= 0 ? R0 + next.indexOf(pool[r - R0]!) : -1));
          const before = current.objective().cost;
          const ok = lp.startFrom(current, rowMap);
          if (ok) {
            warm++;
            // The same point: the same cost, and every value still ≥ 0 (violated cuts on their surplus).
            expect(lp.objective().cost).toBeCloseTo(before, 6);
            const v = lp.values();
            for (let j = 0; j < v.length; j++) expect(v[j]!).toBeGreaterThanOrEqual(-1e-7);
          } else lp.start(allOut);
          expect(lp.solve()).toBe("optimal");
          const cold = new GubLp(model);
          cold.start(allOut);
          expect(cold.solve()).toBe("optimal");
          expect(lp.objective().forbidden).toBeLessThan(1e-7); // every surplus column driven out
          expect(near(lp.objective().cost, cold.objective().cost)).toBe(true);
          expectFeasible(lp, model);
          current = lp;
          pool = next;
        }
      }),
      { numRuns: 25 },
    );
    expect(violated).toBeGreaterThan(0);
    expect(warm).toBeGreaterThan(0); // the property did warm-start
  });

  it("refuses when a dropped row was tight, and when a violated new row has no surplus column", () => {
    // Capacity 5, three units taking 3 or out: the LP point uses exactly 5 (row 0 tight).
    const m: Model = { cost: [[0, 1], [0, 1], [0, 1]], res: [[[0], []], [[0], []], [[0], []]], amt: [[[3], []], [[3], []], [[3], []]], cap: [5] };
    const lp = new GubLp(m);
    lp.start([1, 1, 1]);
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective().cost).toBeCloseTo(4 / 3, 9);
    // Row 0 dropped while tight.
    const none: Model = { ...m, res: m.res.map((l) => l.map(() => [])), amt: m.amt.map((l) => l.map(() => [])), cap: [] };
    expect(new GubLp(none).startFrom(lp, [-1])).toBe(false);
    // A cut (at most one unit in) that the point violates: without surplus columns, refused; with, accepted.
    const [cut] = coverCuts(m, [0], [0, 1, 2].map(() => Float64Array.of(5 / 9, 4 / 9)));
    const cutModel = withCuts(m, [cut!]);
    expect(new GubLp(cutModel).startFrom(lp, [0])).toBe(false);
    const warm = new GubLp(cutModel, { surplusFrom: 1 });
    expect(warm.startFrom(lp, [0])).toBe(true);
    expect(warm.objective().forbidden).toBeGreaterThan(0.5); // the surplus column is basic
    expect(warm.solve()).toBe("optimal");
    expect(warm.objective().cost).toBeCloseTo(2, 9);
  });
});

describe("cover cuts", () => {
  it("cuts off a fractional point no assignment reaches, and keeps every assignment", () => {
    // Capacity 5, three units each taking 3 (choice 0) or staying out (choice 1, no capacity).
    const m: Model = { cost: [[0, 1], [0, 1], [0, 1]], res: [[[0], []], [[0], []], [[0], []]], amt: [[[3], []], [[3], []], [[3], []]], cap: [5] };
    const x = [0, 1, 2].map(() => Float64Array.of(5 / 6, 1 / 6)); // uses 7.5 > 5: not even the LP's
    const half = [0, 1, 2].map(() => Float64Array.of(5 / 9, 4 / 9)); // uses exactly 5: the LP's point
    expect(coverCuts(m, [0], x)).toHaveLength(1);
    const [cut] = coverCuts(m, [0], half);
    expect(cut!.rhs).toBe(1); // two units of 3 already overflow 5: at most one
    expect([...cut!.cols.keys()].length).toBe(3);
    // On the model with the cut the LP bound rises from 3·(4/9) to 2.
    const lp = new GubLp(withCuts(m, [cut!]));
    lp.start([1, 1, 1]);
    expect(lp.solve()).toBe("optimal");
    expect(lp.objective().cost).toBeCloseTo(2, 9);
  });
});
