// A skipped probe side counts toward reliability (branching.ts PseudoCosts.upSkip / downSkip): each
// probed candidate gains one count on each side, a sample or a skip, so after η calls every
// candidate is trusted and nothing is probed again (before, a skipped side kept its column untrusted
// and probed at every node).
import { describe, expect, it } from "vitest";
import { PseudoCosts, RELIABILITY, reliabilityChoice, type ReliabilityOptions } from "../../src/transition/assign/branching";
import { probedRoot } from "./assign-lp-helpers";

describe("skipped probe sides count toward η", () => {
  for (const side of ["skipUp", "skipDown"] as const) {
    it(`${side}: one count per side per probed candidate, then trusted`, () => {
      const { lp, z, frac, at } = probedRoot();
      const eta = 3;
      const o: ReliabilityOptions = { ...RELIABILITY, reliable: eta, lookahead: 1_000, maxProbes: 1_000, childPivotsPerRow: 1_000, share: Infinity, startRows: 0, [side]: 1 };
      const pc = new PseudoCosts(lp.N);
      const counts = (j: number) => [pc.upN[j]! + pc.upSkip[j]!, pc.downN[j]! + pc.downSkip[j]!];
      let skips = 0;
      for (let call = 1; call <= eta; call++) {
        const stats = { probes: 0, pivots: 0, closed: 0 };
        const b = reliabilityChoice(pc, at, z, Infinity, 1_000_000, 0, stats, o);
        expect(b.up && b.down).toBe(true); // no ub, none infeasible here: no child closed, every candidate probed
        expect(stats.probes).toBe(frac.length);
        for (const { j } of frac) expect(counts(j)).toEqual([call, call]);
        skips += frac.reduce((s, { j }) => s + pc.upSkip[j]! + pc.downSkip[j]!, 0);
      }
      expect(skips).toBeGreaterThan(0);
      const again = { probes: 0, pivots: 0, closed: 0 };
      reliabilityChoice(pc, at, z, Infinity, 1_000_000, 0, again, o);
      expect(again.probes).toBe(0);
      expect(again.pivots).toBe(0);
    });
  }
});
