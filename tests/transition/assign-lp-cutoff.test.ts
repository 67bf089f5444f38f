// The dual phase's cutoff (lp.ts GubLp.solveDual/probeDual `cutoff`, bnb.ts SearchOptions.dualCutoff):
// a child re-solve or probe stopped because its dual objective reached the incumbent `ub` must be one
// whose cold-solved LP optimum really closes it (≥ ub after rounding, or infeasible), and the LP must
// be usable after it (a primal solve reaches the child's optimum; restored, the parent's).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/lib/instances";
import { search } from "../../src/transition/assign/bnb";
import { probe } from "../../src/transition/assign/branching";
import { closesAt } from "../../src/transition/assign/lp";
import { BRANCHING_EXAMPLES, branchStep, coldSolve, costSearchOf, expectCold, lpShape as shape, near, startedLp } from "./assign-lp-helpers";

/** A random incumbent around the child's cold optimum: from the parent's bound to twice the rise beyond. */
function randomUb(z: number, child: number, rand: () => number): number {
  const top = Number.isFinite(child) ? child + (child - z) + 2 : z + 1_000;
  return Math.ceil(z) + Math.floor(rand() * (top - Math.ceil(z) + 1));
}

describe("the dual phase's cutoff (GubLp.solveDual with a cutoff)", () => {
  it("stops only on children whose cold LP optimum closes them, and leaves the LP usable", () => {
    let cut = 0;
    let solved = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        expect(lp.solve()).toBe("optimal");
        for (let depth = 0; depth < 5; depth++) {
          const z = lp.objective().cost;
          const parent = lp.snapshot();
          const fix = branchStep(lp, rand);
          for (const j of fix) lp.forbidden[j]!++;
          const cold = coldSolve(m, lp.forbidden.subarray(0, lp.N));
          const ub = randomUb(z, cold.status === "optimal" ? cold.cost : Infinity, rand);
          const status = lp.solveDual(1_000_000, ub);
          if (status !== "cutoff") {
            expectCold(lp, status, m, cold);
            solved++;
            if (status === "infeasible") break; // no optimum to branch from
            continue;
          }
          cut++;
          expect(cold.status === "infeasible" || closesAt(cold.cost, ub)).toBe(true);
          if (rand() < 0.5) {
            // Usable: the primal from the saved basis reaches the child's optimum.
            expectCold(lp, lp.solve(), m, cold);
            if (cold.status !== "optimal") break;
          } else {
            // Or back to the parent, as the search does for the next node.
            for (const j of fix) lp.forbidden[j]!--;
            expect(lp.restore(parent)).toBe(true);
            expect(lp.solve()).toBe("optimal");
            expect(near(lp.objective().cost, z)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
    // Both outcomes were seen.
    expect(cut).toBeGreaterThan(0);
    expect(solved).toBeGreaterThan(0);
  });

  it("a probe closed by the cutoff has a child whose cold LP optimum closes it, and the node's LP comes back", () => {
    let closed = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        expect(lp.solve()).toBe("optimal");
        const z = lp.objective().cost;
        const back = lp.snapshot();
        for (let k = 0; k < 4; k++) {
          const fix = branchStep(lp, rand);
          const cold = coldSolve(m, lp.forbidden.subarray(0, lp.N), fix);
          const ub = randomUb(z, cold.status === "optimal" ? cold.cost : Infinity, rand);
          const cuts0 = lp.dualCutoffs;
          const pr = probe(lp, fix, z, ub, 1_000_000, back, true, true);
          if (lp.dualCutoffs > cuts0) {
            closed++;
            expect(pr.closed).toBe(true);
            expect(pr.lower).toBe(true);
            expect(cold.status === "infeasible" || closesAt(cold.cost, ub)).toBe(true);
            // The bound it reports is a lower bound on the child.
            if (cold.status === "optimal") expect(z + pr.rise).toBeLessThanOrEqual(cold.cost + 1e-7 * Math.max(1, cold.cost));
          } else if (pr.closed) expect(cold.status === "infeasible" || closesAt(cold.cost, ub)).toBe(true);
          // The node's optimum again.
          expect(near(lp.objective().cost, z)).toBe(true);
          expect(lp.solve()).toBe("optimal");
          expect(near(lp.objective().cost, z)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    expect(closed).toBeGreaterThan(0);
  });
});

describe("the search with the dual cutoff", () => {
  it("proves the same optimum as without it", { timeout: 120_000 }, () => {
    let cutoffs = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        const limits = { pivotLimit: 400_000, reSolveWith: "dual" as const, banned };
        const without = search(m, start, { ...limits, dualCutoff: false });
        const withCut = search(m, start, { ...limits, dualCutoff: true });
        expect(without.proved).toBe(true);
        expect(withCut.proved).toBe(true);
        expect(withCut.value).toBe(without.value);
        expect(without.nodeCutoffs).toBe(0);
        cutoffs += withCut.nodeCutoffs!;
      }),
      {
        numRuns: 25,
        // Instances known to branch first (assign-lp-helpers BRANCHING_EXAMPLES).
        examples: BRANCHING_EXAMPLES,
      },
    );
    expect(cutoffs).toBeGreaterThan(0);
  });
});
