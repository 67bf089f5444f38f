// GubLp.twoPhase (opt-in, lp.ts): the forbidden mass priced alone while there is some, then the
// cost with the forbidden columns held out (the ratio test makes a basic one at about 0 leave rather
// than grow). It must stay exact: each child of a random branch reaches the cold optimum (solved the
// default way), or is infeasible exactly when that one is, and the search proves the same optimum.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { rng } from "../../bench/lib/instances";
import { search } from "../../src/transition/assign/bnb";
import { GubLp } from "../../src/transition/assign/lp";
import { coldSolve, costSearchOf, expectCold, lpShape as shape, startedLp } from "./assign-lp-helpers";

afterEach(() => {
  GubLp.twoPhase = false;
});

/** Columns a branching step forbids: a basic column with a value (down) or a unit's other columns (up). */
function branch(lp: GubLp, rand: () => number): number[] {
  const x = lp.values();
  const allowed = (j: number) => lp.forbidden[j] === 0;
  if (rand() < 0.5) {
    const basic = Array.from({ length: lp.N }, (_, j) => j).filter((j) => lp.isBasic(j) && x[j]! > 1e-9 && allowed(j));
    return basic.length ? [basic[Math.floor(rand() * basic.length)]!] : [];
  }
  const u = Math.floor(rand() * lp.U);
  const cols = Array.from({ length: lp.unitStart[u + 1]! - lp.unitStart[u]! }, (_, k) => lp.unitStart[u]! + k).filter(allowed);
  if (cols.length === 0) return [];
  const keep = cols[Math.floor(rand() * cols.length)]!;
  return cols.filter((j) => j !== keep);
}

describe("the two-phase primal (GubLp.twoPhase)", () => {
  it("down a random branch, each child re-solved in two phases reaches the cold optimum, or infeasible exactly when it is", () => {
    let infeasible = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        GubLp.twoPhase = true;
        expect(lp.solve()).toBe("optimal");
        for (let depth = 0; depth < 6; depth++) {
          for (const j of branch(lp, rand)) lp.forbidden[j]!++;
          GubLp.twoPhase = false;
          const ref = coldSolve(m, lp.forbidden.subarray(0, lp.N));
          GubLp.twoPhase = true;
          const status = lp.solve();
          // A forbidden column phase 2 held at about 0 may stay basic (a rounding's mass, as the dual leaves).
          expectCold(lp, status, m, ref, "rounding");
          if (status === "infeasible") {
            infeasible++;
            break;
          }
        }
        GubLp.twoPhase = false;
      }),
      { numRuns: 200 },
    );
    expect(infeasible).toBeGreaterThan(0);
  });

  it("proves the same optimum as the default search", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        const plain = search(m, start, { banned });
        GubLp.twoPhase = true;
        const phased = search(m, start, { banned });
        GubLp.twoPhase = false;
        expect(plain.proved).toBe(true);
        expect(phased.proved).toBe(true);
        expect(phased.value).toBe(plain.value);
      }),
      { numRuns: 25 },
    );
  });
});
