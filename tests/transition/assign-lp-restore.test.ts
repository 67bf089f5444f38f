// A node of the branch and bound re-solves from its parent's stored basis (lp.ts GubLp snapshot /
// restore, bnb.ts SearchOptions.reSolve): the re-solve from a restored basis must reach the same
// optimum as a cold solve with the same forbidden columns, and the search the same proved optimum
// as when it re-solved from the last node's basis.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/lib/instances";
import { search } from "../../src/transition/assign/bnb";
import { GubLp } from "../../src/transition/assign/lp";
import { coldSolve, costSearchOf, expectCold, lpShape as shape, near, startedLp } from "./assign-lp-helpers";

describe("re-solving from a stored basis (GubLp snapshot / restore)", () => {
  it("a parent's basis, restored after the LP wandered elsewhere, re-solves a child to the cold optimum", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        expect(lp.solve()).toBe("optimal");
        // The parent: its optimum and basis, and the point there.
        const parent = lp.snapshot();
        const parentPoint = lp.values();
        const parentCost = lp.objective().cost;
        // A child forbids one of the parent's basic choice columns (the down branch of bnb.ts).
        const basicChoices = Array.from({ length: lp.N }, (_, j) => j).filter((j) => lp.isBasic(j) && lp.values()[j]! > 1e-9);
        const child = basicChoices[Math.floor(rand() * basicChoices.length)]!;
        // Elsewhere in the tree meanwhile: other columns forbidden, re-solved, then allowed again.
        const elsewhere = Array.from({ length: lp.N }, (_, j) => j).filter(() => rand() < 0.3);
        for (const j of elsewhere) lp.forbidden[j]!++;
        lp.solve();
        for (const j of elsewhere) lp.forbidden[j]!--;
        // Back to the parent's basis: its point again, exactly feasible, at the parent's cost.
        expect(lp.restore(parent)).toBe(true);
        expect(lp.holds(parent)).toBe(true);
        const back = lp.values();
        for (let j = 0; j < lp.N; j++) expect(Math.abs(back[j]! - parentPoint[j]!)).toBeLessThanOrEqual(1e-9);
        expect(near(lp.objective().cost, parentCost)).toBe(true);
        // The child re-solved from there = the child solved cold (a primal solve: no forbidden mass at all).
        lp.forbidden[child]!++;
        expectCold(lp, lp.solve(), m, coldSolve(m, [], [child]), "none");
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a basis of another LP (other rows or units) and leaves its own basis as it was", () => {
    const { p, m, lp } = startedLp({ members: 30, providers: 4, options: 3, clustered: false, grouped: 0.3, slack: 1 }, 7);
    expect(lp.solve()).toBe("optimal");
    const cost = lp.objective().cost;
    const mine = lp.snapshot();
    const other = new GubLp({ ...m, cost: m.cost.slice(1), res: m.res.slice(1), amt: m.amt.slice(1) });
    other.start(p.units.slice(1).map((u) => u.choices.length));
    expect(lp.restore(other.snapshot())).toBe(false);
    expect(lp.holds(mine)).toBe(true);
    // Even an LP of the same model (bnb.ts's cut restarts make new LPs; their bases stay theirs).
    const twin = new GubLp(m);
    twin.start(p.units.map((u) => u.choices.length));
    expect(lp.restore(twin.snapshot())).toBe(false);
    expect(lp.holds(mine)).toBe(true);
    expect(lp.objective().cost).toBe(cost);
    // A basis whose columns are not independent (one column twice) is refused too.
    const bad = lp.snapshot();
    if (bad.basis.length >= 2) {
      bad.basis[1] = bad.basis[0]!;
      expect(lp.restore(bad)).toBe(false);
      expect(lp.holds(mine)).toBe(true);
      expect(lp.solve()).toBe("optimal");
      expect(near(lp.objective().cost, cost)).toBe(true);
    }
  });
});

describe("the search re-solving nodes from their parents' bases", () => {
  it("proves the same optimum as re-solving from the last node's basis", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        const last = search(m, start, { reSolve: "last", banned });
        const parent = search(m, start, { reSolve: "parent", banned });
        expect(last.proved).toBe(true);
        expect(parent.proved).toBe(true);
        expect(parent.value).toBe(last.value);
        expect(parent.nodePivots! + parent.primalPivots!).toBeLessThanOrEqual(parent.pivots);
      }),
      { numRuns: 25 },
    );
  });
});
