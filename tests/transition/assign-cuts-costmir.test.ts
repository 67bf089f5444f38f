// The cutoff c-MIR cuts of src/transition/assign/costmir.ts are valid for every assignment no dearer
// than the incumbent: on small random models every assignment that fits with cost ≤ ub (all
// enumerated, the incumbent among them) satisfies every cut separated at an LP optimum — with
// forbidden columns, whose reduced cost may be negative (one on a unit outside every aggregation),
// and a banned choice (the cuts need not hold at it); a second round on the first's cuts as rows —;
// each cut is violated at its point; and branch and bound with them ends at the enumerated optimum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { costMirCuts, coversMirCost, rootMirCost } from "../../src/transition/assign/costmir";
import { lhs, withCuts } from "../../src/transition/assign/cuts";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { asPoint, assignments, contended, lcg, linkedModel, randomModel, skewedCost } from "./assign-cuts-helpers";

describe("cutoff c-MIR cuts", () => {
  it("cut off no assignment as cheap as the incumbent and are violated where found", () => {
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), fc.boolean(), fc.boolean(), (seed, seed2, linked, forbid, withBan) => {
        const base = linked ? linkedModel(seed) : randomModel(seed);
        // With `forbid`, one more unit on no row whose cheap choice the LP may not take (a node's
        // fix): its reduced cost is negative, and it lies outside every aggregation.
        const m0: Model = forbid ? { cost: [...base.cost, [0, 30]], res: [...base.res, [[], []]], amt: [...base.amt, [[], []]], cap: base.cap } : base;
        const rnd = lcg(seed2);
        const cost = skewedCost(m0, rnd);
        const m: Model = { ...m0, cost };
        const all = assignments(m);
        const value = (p: number[]) => p.reduce((t, k, u) => t + cost[u]![k]!, 0);
        const values = all.map(value).sort((a, b) => a - b);
        // The incumbent: the optimum, or one of the next assignments up.
        const ub = values[Math.min(values.length - 1, Math.floor(rnd() * 4))]!;
        // A banned choice (as the relief column): the cuts need not hold at assignments taking it.
        const colOf = (u: number, k: number) => m.cost.slice(0, u).reduce((t, c) => t + c.length, 0) + k;
        const N = colOf(m.cost.length, 0);
        const banned = new Uint8Array(N);
        const bu = Math.floor(rnd() * m.cost.length);
        if (withBan && m.cost[bu]!.length > 1) banned[colOf(bu, 0)] = 1;
        const improving = all.filter((p) => value(p) <= ub && p.every((k, u) => !banned[colOf(u, k)]));
        const rows = m.cap.map((_, r) => r);
        let lm = m;
        for (let round = 0; round < 2; round++) {
          const lp = new GubLp(lm);
          lp.start(lm.cost.map((c) => c.length - 1));
          for (let j = 0; j < N; j++) if (banned[j]) lp.forbidden[j] = 1;
          if (forbid) {
            lp.forbidden[lp.unitStart[lm.cost.length - 1]!] = 1;
            const j = Math.floor(rnd() * lp.N);
            if (lp.colUnit[j]! >= 0 && j !== lp.unitStart[lp.colUnit[j]! + 1]! - 1) lp.forbidden[j] = 1;
          }
          if (lp.solve() !== "optimal" || lp.objective().forbidden > 1e-9) break;
          const v = lp.values();
          const x = m.cost.map((_, u) => v.slice(lp.unitStart[u]!, lp.unitStart[u + 1]!));
          const cuts = costMirCuts(m, rows, x, { lp, model: lm, root: true, ub, banned }, { max: 50 });
          found += cuts.length;
          for (const cut of cuts) {
            expect(lhs(cut, x)).toBeGreaterThan(cut.rhs);
            for (const a of cut.coefs!.values()) for (const c of a) expect(c).toBeGreaterThan(0);
            for (const [u, ks] of cut.cols) for (const k of ks) expect(banned[colOf(u, k)]).toBe(0);
            for (const pick of improving) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-9);
          }
          if (cuts.length === 0) break;
          lm = withCuts(lm, cuts);
        }
      }),
      { numRuns: 600 },
    );
    // The property is not empty.
    expect(found).toBeGreaterThan(30);
  });

  it("in branch and bound, end at the enumerated optimum, proved, at the root and at node restarts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, linked) => {
        const m = linked ? linkedModel(seed) : randomModel(seed);
        const { mc, value, best, start } = contended(m);
        for (const separate of [coversMirCost, rootMirCost])
          for (const firstRestart of [undefined, 1]) {
            const r = search(mc, start, { separate, firstRestart });
            expect(r.proved).toBe(true);
            expect(r.value).toBe(best);
          }
      }),
      { numRuns: 300 },
    );
  });
});
