// cutloop.ts Separator.pool: the cut loop's pool size (cuts a round, cuts kept, per row) and how
// long a slack cut stays. Any setting only changes which valid cuts are rows: branch and bound ends
// at the enumerated optimum with each (root rounds, node cuts from node 1, linked rows).
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Separator } from "../../src/transition/assign/cutloop";
import { withDualRebuild } from "../../src/transition/assign/cutloop";
import { coversAndMir } from "../../src/transition/assign/mir";
import { linkedModel, provedWithEach, randomModel } from "./assign-cuts-helpers";

const pooled = (base: Separator, pool: NonNullable<Separator["pool"]>): Separator => Object.assign((...a: Parameters<Separator>) => base(...a), { dualRebuild: base.dualRebuild, pool });

describe("Separator.pool", () => {
  it("ends at the enumerated optimum with a larger pool, more cuts a round, and other ages", () => {
    const separators = [
      pooled(coversAndMir, { max: 4 }),
      pooled(coversAndMir, { max: 4, perRound: 1, age: 6 }),
      pooled(coversAndMir, { age: 1 }),
      pooled(withDualRebuild(coversAndMir, 1), { max: 0.5, perRound: 0.25, age: 0 }),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, linked) => {
        provedWithEach(linked ? linkedModel(seed) : randomModel(seed), separators);
      }),
      { numRuns: 120 },
    );
  });
});
