// bnb.ts SubRules: each rule set's neighbourhood sub-search returns an assignment that fits, takes
// no banned choice, is no worse than its start, and on a small model proves the enumerated optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { subSearchWith, type Model, type SubRules } from "../../src/transition/assign/bnb";
import { fitsAll, totalCost } from "../../src/transition/assign/heuristics";
import { heuristicModel, shapeArb, startOf } from "./assign-heuristics-helpers";

/** The cheapest assignment that fits and takes no banned choice, by enumeration. */
function enumerated(m: Model, banned: Set<string>): number {
  const room = Float64Array.from(m.cap);
  let best = Infinity;
  const go = (u: number, sum: number) => {
    if (sum >= best) return;
    if (u === m.cost.length) return void (best = sum);
    for (let k = 0; k < m.cost[u]!.length; k++) {
      if (banned.has(`${u},${k}`)) continue;
      const rs = m.res[u]![k]!;
      const as = m.amt[u]![k]!;
      let fits = true;
      for (let i = 0; i < rs.length; i++) if (room[rs[i]!]! < as[i]!) fits = false;
      if (!fits) continue;
      for (let i = 0; i < rs.length; i++) room[rs[i]!]! -= as[i]!;
      go(u + 1, sum + m.cost[u]![k]!);
      for (let i = 0; i < rs.length; i++) room[rs[i]!]! += as[i]!;
    }
  };
  go(0, 0);
  return best;
}

const RULES: [SubRules, boolean][] = [
  ["lean", true],
  ["own", true],
  ["ownRoot", true],
  ["ownRoot", false],
  [{ ownFrom: 4 }, true],
];

describe("neighbourhood sub-search rules (bnb.ts SubRules)", () => {
  it("each rule set returns a feasible assignment no worse than its start and proves the enumerated optimum", () => {
    fc.assert(
      fc.property(shapeArb(7), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 6 }), fc.constantFrom("dual" as const, "primal" as const), (shape, seed, banEvery, reSolveWith) => {
        const { m } = heuristicModel(shape, seed);
        // Every banEvery-th choice banned, never "out" (the last): everyone out always fits.
        const bannedList: [number, number][] = [];
        m.cost.forEach((cs, u) => cs.forEach((_, k) => k < cs.length - 1 && (u * 31 + k * 17 + seed) % banEvery === 0 && bannedList.push([u, k])));
        const banned = new Set(bannedList.map(([u, k]) => `${u},${k}`));
        const start = startOf(m, (u, k) => !banned.has(`${u},${k}`), seed);
        const startVal = totalCost(m, start);
        const opt = enumerated(m, banned);
        for (const [rules, atRoot] of RULES) {
          const s = subSearchWith(reSolveWith, rules, () => atRoot)(m, start, bannedList, { nodeLimit: 100_000, pivotLimit: 1_000_000 });
          expect(fitsAll(m, s.pick)).toBe(true);
          s.pick.forEach((k, u) => expect(banned.has(`${u},${k}`)).toBe(false));
          expect(s.value).toBe(totalCost(m, s.pick));
          expect(s.value).toBeLessThanOrEqual(startVal);
          expect(s.proved).toBe(true);
          expect(s.value).toBe(opt);
        }
      }),
      { numRuns: 40 },
    );
  });
});
