// cutloop.ts rebuild: a dual re-solve of a rebuilt LP stops at its cap (withDualRebuild's pivots
// per row) and the primal finishes from there (the dual's start basis, or where the primal it
// handed over to stopped). With a cap so low that most dual re-solves stop, branch and bound still
// ends at the enumerated optimum.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withDualRebuild } from "../../src/transition/assign/cutloop";
import { coversAndGomory } from "../../src/transition/assign/gomory";
import { GubLp } from "../../src/transition/assign/lp";
import { coversAndMir } from "../../src/transition/assign/mir";
import { provedWithEach, randomModel } from "./assign-cuts-helpers";

afterEach(() => vi.restoreAllMocks());

describe("a capped dual rebuild", () => {
  it("hands over to the primal and ends at the enumerated optimum", () => {
    const solveDual = vi.spyOn(GubLp.prototype, "solveDual");
    const separators = [withDualRebuild(coversAndMir, 0, 0.1), withDualRebuild((m, rows, x, at) => coversAndGomory(m, rows, x, at, 1), 1, 0.1)];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        provedWithEach(randomModel(seed), separators);
      }),
      { numRuns: 150 },
    );
    // The cap stopped some of them (else this test would not reach the hand-over).
    expect(solveDual.mock.results.filter((r) => r.value === "limit").length).toBeGreaterThan(10);
  });
});
