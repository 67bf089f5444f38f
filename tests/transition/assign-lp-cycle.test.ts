// The root LP after a cut round must finish (lp.ts solve()'s stall guard). Cost searches whose
// LP after the first cut round cycled: two non-degenerate pivots back and forth, one entering for
// the forbidden mass (d1 just below −1e-9) at a cost, the other for the cost (d1 inside the ±1e-9
// band) — 100,000 pivots at 1 node, unproved. Each must now prove what the search without cuts
// proves, within a few thousand pivots.
import { describe, expect, it } from "vitest";
import type { AssignShape } from "../../bench/lib/assign-instances";
import { search } from "../../src/transition/assign/bnb";
import { costSearchOf } from "./assign-lp-helpers";

const cases: { name: string; shape: AssignShape; seed: number; pivots: number }[] = [
  // Cycled on 1859f02's lp.ts (199 pivots on the numerics after it, which only hid it).
  { name: "34×5 random", shape: { members: 34, providers: 5, options: 7, clustered: false, grouped: 0.3, slack: 0.8, rate: 0 }, seed: 999991, pivots: 2_000 },
  // Cycled on 6cc7143 (found by sampling costSearchOf shapes): 8,204 and 2,284 pivots with the guard.
  { name: "29×8 clustered", shape: { members: 29, providers: 8, options: 4, clustered: true, grouped: 0.3, slack: 1, rate: 0 }, seed: 604885, pivots: 15_000 },
  { name: "22×6 random", shape: { members: 22, providers: 6, options: 6, clustered: false, grouped: 0.3, slack: 0.8, rate: 0.3 }, seed: 859511, pivots: 15_000 },
  // Likewise (2,141 and 8,242 pivots with the guard).
  { name: "24×5 clustered", shape: { members: 24, providers: 5, options: 5, clustered: true, grouped: 0.3, slack: 0.5, rate: 0 }, seed: 41402, pivots: 15_000 },
  { name: "29×6 clustered", shape: { members: 29, providers: 6, options: 6, clustered: true, grouped: 0.3, slack: 1.05, rate: 0 }, seed: 935059, pivots: 15_000 },
];

describe("a root LP that cycled after the cut rounds", () => {
  for (const c of cases) {
    it(`${c.name} seed ${c.seed}: proves as without cuts, within ${c.pivots} pivots`, () => {
      const { m, start, banned } = costSearchOf(c.shape, c.seed);
      const plain = search(m, start, { banned, cuts: false });
      expect(plain.proved).toBe(true);
      for (const heuristics of [true, false]) {
        const s = search(m, start, { banned, heuristics });
        expect(s.proved).toBe(true);
        expect(s.value).toBe(plain.value);
        expect(s.pivots).toBeLessThanOrEqual(c.pivots);
      }
    });
  }
});
