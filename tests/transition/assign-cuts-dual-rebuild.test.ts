// cutloop.ts withDualRebuild: the cut rounds' rebuilt LPs re-solve by the dual simplex (each violated
// cut's surplus column leaves by dual pivots), from the first round or from a later one (the first
// by the primal); branch and bound with it ends at the enumerated optimum, with node-cut restarts too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withDualRebuild, type Separator } from "../../src/transition/assign/cutloop";
import { coversAndGomory } from "../../src/transition/assign/gomory";
import { coversAndMir } from "../../src/transition/assign/mir";
import { provedWithEach, randomModel } from "./assign-cuts-helpers";

describe("cut rounds re-solved by the dual simplex", () => {
  it("end at the enumerated optimum, with GMI or c-MIR cuts, with node cuts too", () => {
    const separators: Separator[] = [withDualRebuild((m, rows, x, at) => coversAndGomory(m, rows, x, at, 1)), withDualRebuild(coversAndMir), withDualRebuild(coversAndMir, 1)];
    let rounds = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        for (const r of provedWithEach(randomModel(seed), separators)) rounds += r.cutRounds ?? 0;
      }),
      { numRuns: 200 },
    );
    expect(rounds).toBeGreaterThan(50);
  });
});
