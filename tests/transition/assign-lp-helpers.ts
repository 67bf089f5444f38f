// Checks shared by the LP tests (assign-lp*.test.ts).
import { expect } from "vitest";
import type { GubLp, Model } from "../../src/transition/assign/lp";

/** The LP's point is a solution of the model: within bounds, one per unit, within every row. */
export function expectFeasible(lp: GubLp, m: Model) {
  const x = lp.values();
  for (let j = 0; j < lp.N; j++) expect(x[j]!).toBeGreaterThanOrEqual(-1e-9);
  const used = new Float64Array(m.cap.length);
  m.cost.forEach((cs, u) => {
    let one = 0;
    cs.forEach((_, k) => {
      const v = x[lp.unitStart[u]! + k]!;
      one += v;
      m.res[u]![k]!.forEach((r, i) => (used[r]! += v * m.amt[u]![k]![i]!));
    });
    expect(Math.abs(one - 1)).toBeLessThanOrEqual(1e-9);
  });
  used.forEach((v, r) => expect(v).toBeLessThanOrEqual(m.cap[r]! + 1e-7 * Math.max(1, m.cap[r]!)));
}
