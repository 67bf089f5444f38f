// Reliability branching's cheaper probes (branching.ts ReliabilityOptions.skipUp / skipDown): a
// candidate whose second child cannot make it win is probed on one side only; the search stays exact.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { PseudoCosts, RELIABILITY, reliabilityChoice, type ReliabilityOptions } from "../../src/transition/assign/branching";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignments, randomModel } from "./assign-cuts-helpers";
import { near, probedRoot, probingProofs } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

/** Every candidate probed, to its child's optimum. */
const ALL: ReliabilityOptions = { ...RELIABILITY, reliable: 1_000, lookahead: 1_000, maxProbes: 1_000, childPivotsPerRow: 1_000, share: Infinity, startRows: 0 };

describe("skipping a hopeless candidate's second probe (ReliabilityOptions.skipUp, skipDown)", () => {
  it("proves the enumerated optimum on small random models, and skips some probes", { timeout: 120_000 }, () => {
    const fewer = { skipUp: 0, skipDown: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const best = Math.min(...assignments(m).map((p) => p.reduce((t, k, u) => t + m.cost[u]![k]!, 0)));
        for (const extra of [{}, { heuristics: false, cuts: false }]) {
          for (const skip of [{ skipUp: 1 }, { skipDown: 1 }, { skipDown: 2 }]) {
            for (const reliability of [{ ...RELIABILITY, ...skip }, { ...ALL, ...skip }]) {
              const r = search(m, Int32Array.from(m.cost, (c) => c.length - 1), { branching: "reliability", reliability, ...extra });
              expect(r.proved).toBe(true);
              expect(r.value).toBe(best);
            }
          }
        }
        const start = Int32Array.from(m.cost, (c) => c.length - 1);
        const full = search(m, start, { branching: "reliability", reliability: ALL, heuristics: false, cuts: false });
        for (const side of ["skipUp", "skipDown"] as const) {
          const skipped = search(m, start, { branching: "reliability", reliability: { ...ALL, [side]: 1 }, heuristics: false, cuts: false });
          if ((skipped.strongPivots ?? 0) < (full.strongPivots ?? 0)) fewer[side]++;
        }
      }),
      { numRuns: 300 },
    );
    expect(fewer.skipUp).toBeGreaterThan(0);
    expect(fewer.skipDown).toBeGreaterThan(0);
  });

  it("proves HiGHS's optimum on larger instances with either skip", () => {
    const probes = probingProofs(highs, [{ skipUp: 2 }, { skipDown: 1 }].map((skip) => ({ branching: "reliability", reliability: { ...RELIABILITY, ...skip } })));
    expect(probes).toBeGreaterThan(0);
  }, 180_000);

  for (const side of ["skipUp", "skipDown"] as const) {
    const [probed, skippedN] = side === "skipUp" ? (["downN", "upN"] as const) : (["upN", "downN"] as const);
    it(`${side}: a hopeless candidate is probed one way only, learns that side alone, never wins, and the LP is put back`, () => {
      const { lp, z, frac, at } = probedRoot();
      const v0 = lp.values();
      // Two pseudo-cost tables taught alike (a probe puts the LP back, so the same call learns the same).
      const taught = () => {
        const pc = new PseudoCosts(lp.N);
        reliabilityChoice(pc, at, z, Infinity, 1_000_000, 0, { probes: 0, pivots: 0, closed: 0 }, ALL);
        return pc;
      };
      const a = taught();
      const b = taught();
      expect(Array.from(b.up)).toEqual(Array.from(a.up));
      expect(a.learnt).toBe(true);
      const full = { probes: 0, pivots: 0, closed: 0 };
      const cheap = { probes: 0, pivots: 0, closed: 0 };
      const chosenFull = reliabilityChoice(a, at, z, Infinity, 1_000_000, 0, full, ALL);
      const probedBefore = Array.from(b[probed]);
      const skippedBefore = Array.from(b[skippedN]);
      const chosen = reliabilityChoice(b, at, z, Infinity, 1_000_000, 0, cheap, { ...ALL, [side]: 1 });
      lp.values().forEach((x, i) => expect(near(x, v0[i]!), `value ${i}`).toBe(true));
      expect(chosenFull.up && chosenFull.down).toBe(true); // no child closed (no ub, none infeasible here): every candidate probed
      expect(cheap.probes).toBe(full.probes);
      expect(cheap.pivots).toBeLessThan(full.pivots);
      let skips = 0;
      for (const { u, j } of frac) {
        expect(b[probed][j]! - probedBefore[j]!).toBe(1);
        const learnt = b[skippedN][j]! - skippedBefore[j]!;
        if (learnt === 0) {
          skips++;
          expect(chosen.unit).not.toBe(u); // a skipped candidate cannot win
        } else expect(learnt).toBe(1);
      }
      expect(skips).toBeGreaterThan(0);
    });
  }
});
