// Reliability branching's probe limits by depth and by candidate rank (branching.ts
// ReliabilityOptions.deepFrom / deepReliable, candidates): fewer probes, the search stays exact.
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
const LIMITS: Partial<ReliabilityOptions>[] = [{ deepFrom: 0, deepReliable: 0 }, { deepFrom: 1, deepReliable: 0 }, { deepFrom: 2, deepReliable: 2 }, { candidates: 1 }, { candidates: 3 }];

describe("probes limited by depth and by candidate rank (ReliabilityOptions.deepFrom, candidates)", () => {
  it("proves the enumerated optimum on small random models", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const best = Math.min(...assignments(m).map((p) => p.reduce((t, k, u) => t + m.cost[u]![k]!, 0)));
        for (const extra of [{}, { heuristics: false, cuts: false }]) {
          for (const limit of LIMITS) {
            for (const reliability of [{ ...RELIABILITY, ...limit }, { ...ALL, ...limit }]) {
              const r = search(m, Int32Array.from(m.cost, (c) => c.length - 1), { branching: "reliability", reliability, ...extra });
              expect(r.proved).toBe(true);
              expect(r.value).toBe(best);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("proves HiGHS's optimum on larger instances with each limit", () => {
    const probes = probingProofs(highs, [{ deepFrom: 1, deepReliable: 0 }, { deepFrom: 4, deepReliable: 4 }, { candidates: 2 }].map((limit) => ({ branching: "reliability", reliability: { ...RELIABILITY, ...limit } })));
    expect(probes).toBeGreaterThan(0);
  }, 180_000);

  const probesAt = (o: ReliabilityOptions, depth: number) => {
    const { lp, z, at } = probedRoot();
    const v0 = lp.values();
    const stats = { probes: 0, pivots: 0, closed: 0 };
    const br = reliabilityChoice(new PseudoCosts(lp.N), { ...at, depth }, z, Infinity, 1_000_000, 0, stats, o);
    lp.values().forEach((x, i) => expect(near(x, v0[i]!), `value ${i}`).toBe(true));
    return { stats, br, at };
  };

  it("deepFrom: from that depth on, deepReliable samples make a column trusted (0: no probes)", () => {
    const all = probesAt(ALL, 3).stats.probes;
    expect(all).toBeGreaterThan(2);
    expect(probesAt({ ...ALL, deepFrom: 4, deepReliable: 0 }, 3).stats.probes).toBe(all); // above it: as before
    const none = probesAt({ ...ALL, deepFrom: 3, deepReliable: 0 }, 3);
    expect(none.stats).toEqual({ probes: 0, pivots: 0, closed: 0 });
    expect(none.at.frac).toContain(none.br.unit);
    expect(probesAt({ ...ALL, deepFrom: 3, deepReliable: 1_000 }, 5).stats.probes).toBe(all);
  });

  it("candidates: only the first k units in pseudo-cost order are probed", () => {
    const all = probesAt(ALL, 0).stats.probes;
    for (const k of [1, 2]) {
      const { stats, at, br } = probesAt({ ...ALL, candidates: k }, 0);
      expect(stats.probes).toBe(Math.min(k, all));
      expect(at.frac).toContain(br.unit);
    }
  });
});
