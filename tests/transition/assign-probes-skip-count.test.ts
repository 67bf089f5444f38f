// A skipped probe side counts toward reliability (branching.ts PseudoCosts.upSkip / downSkip): each
// probed candidate gains one count on each side, a sample or a skip, so after η calls every
// candidate is trusted and nothing is probed again (before, a skipped side kept its column untrusted
// and probed at every node).
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { PseudoCosts, RELIABILITY, reliabilityChoice, type ReliabilityOptions } from "../../src/transition/assign/branching";
import { GubLp } from "../../src/transition/assign/lp";
import { buildUnits } from "../../src/transition/assign/units";
import { outModel as model } from "./assign-lp-helpers";

describe("skipped probe sides count toward η", () => {
  for (const side of ["skipUp", "skipDown"] as const) {
    it(`${side}: one count per side per probed candidate, then trusted`, () => {
      const input = assignInstance({ members: 40, providers: 6, options: 6, clustered: false, grouped: 0, slack: 0.8, rate: 0 }, 7);
      const m = model(buildUnits(input, "optimal"));
      const lp = new GubLp(m);
      lp.start(m.cost.map((c) => c.length - 1));
      expect(lp.solve()).toBe("optimal");
      const z = lp.objective().cost;
      const v0 = lp.values();
      const frac: { u: number; j: number; v: number }[] = [];
      for (let u = 0; u < lp.U; u++) {
        let j = lp.unitStart[u]!;
        for (let k = j; k < lp.unitStart[u + 1]!; k++) if (v0[k]! > v0[j]!) j = k;
        if (v0[j]! < 1 - 1e-6) frac.push({ u, j, v: v0[j]! });
      }
      expect(frac.length).toBeGreaterThan(2);
      const first = new Int32Array(lp.U);
      const firstVal = new Float64Array(lp.U).fill(1);
      const fracMark = new Uint8Array(lp.U);
      for (const { u, j, v } of frac) (first[u] = j - lp.unitStart[u]!), (firstVal[u] = v), (fracMark[u] = 1);
      const at = { lp, cost: m.cost, frac: frac.map((f) => f.u), fracMark, first, firstVal, keyVal: lp.keyValues(), dual: true };
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
