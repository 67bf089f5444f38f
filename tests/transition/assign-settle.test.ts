// Settling a node's optimum before dual probes (branching.ts ReliabilityOptions.settle) and probing
// with the node's reduced-cost fixings (fixProbes): the cost search's root LP keeps the banned relief
// column basic at 0 once its first level has driven it out; settle moves the optimum to a basis
// without it (same point, same value, dual feasible on the cost level), and both keep the search exact.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { PseudoCosts, RELIABILITY, reliabilityChoice } from "../../src/transition/assign/branching";
import { GubLp } from "../../src/transition/assign/lp";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignments, randomModel } from "./assign-cuts-helpers";
import { costSearchOf, lpShape, near, probingProofs } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const forbiddenBasic = (lp: GubLp) => Array.from(lp.basis).some((j) => lp.forbidden[j]! > 0) || Array.from(lp.key).some((j) => lp.forbidden[j]! > 0);

describe("settling a node's optimum for the dual probes (ReliabilityOptions.settle)", () => {
  it("drives the forbidden basic columns out of the cost search's root optimum: same point and value, cost-level dual feasible", () => {
    let settled = 0;
    fc.assert(
      fc.property(lpShape, fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
        const { m, start, banned } = costSearchOf(shape, seed);
        const lp = new GubLp(m);
        for (const [u, k] of banned) lp.forbidden[lp.unitStart[u]! + k]!++;
        lp.start(start);
        if (lp.solve() !== "optimal" || lp.objective().forbidden > 1e-9 || !forbiddenBasic(lp)) return;
        const z = lp.objective().cost;
        const x0 = lp.values();
        const frac: number[] = [];
        const first = new Int32Array(lp.U);
        const firstVal = new Float64Array(lp.U).fill(1);
        const fracMark = new Uint8Array(lp.U);
        for (let u = 0; u < lp.U; u++) {
          let j = lp.unitStart[u]!;
          for (let k = j; k < lp.unitStart[u + 1]!; k++) if (x0[k]! > x0[j]!) j = k;
          if (x0[j]! < 1 - 1e-6) (frac.push(u), (first[u] = j - lp.unitStart[u]!), (firstVal[u] = x0[j]!), (fracMark[u] = 1));
        }
        if (frac.length === 0) return;
        const at = { lp, cost: m.cost, frac, fracMark, first, firstVal, keyVal: lp.keyValues(), dual: true };
        const stats = { probes: 0, pivots: 0, closed: 0 };
        const b = reliabilityChoice(new PseudoCosts(lp.N), at, z, Infinity, 1_000_000, 0, stats, RELIABILITY);
        settled++;
        expect(frac).toContain(b.unit);
        expect(forbiddenBasic(lp)).toBe(false);
        expect(near(lp.objective().cost, z)).toBe(true);
        lp.values().forEach((x, i) => expect(Math.abs(x - x0[i]!), `value ${i}`).toBeLessThanOrEqual(1e-7));
        const tol = 1e-7 * Math.max(1, ...m.cost.flat());
        for (let j = 0; j < lp.N; j++) if (!lp.isBasic(j) && lp.forbidden[j] === 0) expect(lp.reducedCost(j), `column ${j}`).toBeGreaterThanOrEqual(-tol);
      }),
      { numRuns: 60 },
    );
    expect(settled).toBeGreaterThan(0);
  });
});

describe("settle and fixProbes keep the search exact", () => {
  const variants = [
    { ...RELIABILITY, settle: true },
    { ...RELIABILITY, settle: true, fixProbes: true },
    { ...RELIABILITY, settle: false, fixProbes: true },
    { ...RELIABILITY, reliable: 1_000, lookahead: 1_000, maxProbes: 1_000, childPivotsPerRow: 1_000, share: Infinity, startRows: 0, settle: true, fixProbes: true },
  ];
  it("prove the enumerated optimum on small random models", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const best = Math.min(...assignments(m).map((p) => p.reduce((t, k, u) => t + m.cost[u]![k]!, 0)));
        for (const extra of [{}, { heuristics: false, cuts: false }]) {
          for (const reliability of variants) {
            const r = search(m, Int32Array.from(m.cost, (c) => c.length - 1), { branching: "reliability", reliability, ...extra });
            expect(r.proved).toBe(true);
            expect(r.value).toBe(best);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("prove HiGHS's optimum on larger instances", { timeout: 180_000 }, () => {
    const probes = probingProofs(highs, variants.slice(0, 2).map((reliability) => ({ reliability })));
    expect(probes).toBeGreaterThan(0);
  });
});
