// Dead columns (lp.ts GubLp.kill: forbidden for good, bnb.ts's second root): the dual phase's loops
// leave them out. Exact: every re-solve reaches the optimum of a cold solve with those columns merely
// forbidden (infeasible exactly when it is), on the pivots of the same LP with the columns merely
// forbidden; a rebuilt LP (startFrom) inherits the marks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/lib/instances";
import { GubLp } from "../../src/transition/assign/lp";
import { branchStep, expectCold, lpShape as shape, startedLp } from "./assign-lp-helpers";

/** Nonbasic allowed columns, each with probability `share` (as the second root's fixing picks nonbasic ones). */
function victims(lp: GubLp, rand: () => number, share: number): number[] {
  return Array.from({ length: lp.N }, (_, j) => j).filter((j) => !lp.isBasic(j) && lp.forbidden[j] === 0 && rand() < share);
}

/** An LP on a random model, solved, then 40 % of its nonbasic allowed columns killed. */
function solvedAndKilled(sh: Parameters<typeof startedLp>[0], seed: number) {
  const { m, lp } = startedLp(sh, seed);
  const rand = rng(seed);
  expect(lp.solve()).toBe("optimal");
  const dead = victims(lp, rand, 0.4);
  for (const j of dead) lp.kill(j);
  return { m, lp, rand, dead };
}

/** A second LP on the same model, started and solved as `lp` was (the same pivots so far). */
function twin(sh: Parameters<typeof startedLp>[0], seed: number): GubLp {
  const { lp } = startedLp(sh, seed);
  expect(lp.solve()).toBe("optimal");
  return lp;
}

describe("dead columns (GubLp.kill)", () => {
  it("down a random branch (dual and primal re-solves) every child reaches the cold optimum", () => {
    let infeasible = 0;
    let killed = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp, rand, dead } = solvedAndKilled(sh, seed);
        killed += dead.length;
        expectCold(lp, lp.solve(), m);
        for (let depth = 0; depth < 6; depth++) {
          const parent = lp.snapshot();
          const fix = branchStep(lp, rand);
          for (const j of fix) lp.forbidden[j]!++;
          const status = rand() < 0.7 ? lp.solveDual() : lp.solve();
          expectCold(lp, status, m);
          // The primal still prices a dead column: it may enter on the first level, and leave again (expectCold's mass).
          if (status !== "infeasible") continue;
          infeasible++;
          for (const j of fix) lp.forbidden[j]!--;
          expect(lp.restore(parent)).toBe(true);
          expectCold(lp, lp.solve(), m);
        }
      }),
      { numRuns: 150 },
    );
    expect(infeasible).toBeGreaterThan(0);
    expect(killed).toBeGreaterThan(0);
  });

  it("dual re-solves and probes take the pivots of the same LP with the columns merely forbidden", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const other = twin(sh, seed);
        const rand = rng(seed);
        expect(lp.solve()).toBe("optimal");
        for (const j of victims(lp, rand, 0.5)) (lp.kill(j), other.forbidden[j]!++);
        for (let depth = 0; depth < 5; depth++) {
          const fix = branchStep(lp, rand);
          for (const j of fix) (lp.forbidden[j]!++, other.forbidden[j]!++);
          const probe = rand() < 0.3;
          const a = probe ? lp.probeDual(20).status : lp.solveDual();
          const b = probe ? other.probeDual(20).status : other.solveDual();
          expect(a).toBe(b);
          expect(lp.pivots).toBe(other.pivots);
          expect(lp.dualPivots).toBe(other.dualPivots);
          expect(lp.objective().cost).toBe(other.objective().cost);
          if (a === "infeasible") break;
        }
      }),
      { numRuns: 120 },
    );
  });

  it("a rebuilt LP (startFrom) inherits the marks and re-solves to the cold optimum", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp, rand, dead } = solvedAndKilled(sh, seed);
        const next = new GubLp(m);
        next.forbidden.set(lp.forbidden.subarray(0, lp.N));
        next.inheritDead(lp);
        expect(next.deadChoices()).toBe(dead.length);
        expect(next.startFrom(lp, Int32Array.from({ length: lp.R }, (_, r) => r))).toBe(true);
        for (const j of branchStep(next, rand)) next.forbidden[j]!++;
        expectCold(next, next.solveDual(), m);
      }),
      { numRuns: 100 },
    );
  });
});
