// The restart on the reduced model (presolve.ts reduceModel, bnb.ts SearchOptions.restartReduce).
// reduceModel alone, against enumeration on small random models: every reduced assignment is an
// original one that fits, at its total plus the constant; the kept assignment maps over and back;
// the reduced optimum is the original's when only columns no assignment cheaper than the kept one
// takes are dropped (what the root's reduced-cost fixing guarantees). The search with the reduced restart proves the
// enumerated optimum, and `optimal` with it HiGHS's, with a pick that fits every capacity.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { rootMirGomory, search } from "../../src/transition/assign/bnb";
import { coversMirCost } from "../../src/transition/assign/costmir";
import type { Separator } from "../../src/transition/assign/cutloop";
import type { Model } from "../../src/transition/assign/lp";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { expand, mapCuts, reduceModel, restrict, type RestartReduce } from "../../src/transition/assign/presolve";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { assignments, contended, randomModel } from "./assign-cuts-helpers";
import { smallInstance } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const valueIn = (m: Model, p: ArrayLike<number>) => {
  let t = 0;
  for (let u = 0; u < p.length; u++) t += m.cost[u]![p[u]!]!;
  return t;
};
const fitsIn = (m: Model, p: ArrayLike<number>) => {
  const used = new Array<number>(m.cap.length).fill(0);
  for (let u = 0; u < p.length; u++) m.res[u]![p[u]!]!.forEach((r, i) => (used[r]! += m.amt[u]![p[u]!]![i]!));
  return used.every((x, r) => x <= m.cap[r]!);
};

describe("reduceModel", () => {
  it("maps every reduced assignment to an original one at the same total, and keeps the optimum when it drops only what the incumbent bounds", () => {
    let shrunk = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, dropBits, valid) => {
        const m = randomModel(seed);
        const all = assignments(m);
        const keep = Int32Array.from(all[dropBits % all.length]!);
        const ub = valueIn(m, keep);
        // Any columns (the mapping must hold whatever is dropped), or as the restart drops them:
        // only columns no assignment cheaper than the kept one takes.
        const cheapest = m.cost.map((cs, u) => cs.map((_, k) => Math.min(...all.filter((p) => p[u] === k).map((p) => valueIn(m, p)))));
        let bit = 0;
        const dropped = m.cost.map((cs, u) => cs.map((_, k) => ((dropBits >>> bit++ % 31) & 1) === 1 && (!valid || cheapest[u]![k]! >= ub)));
        const red = reduceModel(m, (u, k) => dropped[u]![k]!, keep);
        const reducedAll = assignments(red.model);
        for (const p of reducedAll) {
          const q = expand(red, p);
          expect(fitsIn(m, q)).toBe(true);
          expect(valueIn(m, q)).toBe(valueIn(red.model, p) + red.constant);
        }
        // A cut (coefficients from the seed bits, right-hand side some assignment's left-hand side)
        // keeps each reduced assignment's slack, or is left out when none can violate it.
        const coef = m.cost.map((cs, u) => cs.map((_, k) => (dropBits >>> (u * 3 + k) % 29) & 3));
        const lhs = (p: ArrayLike<number>) => m.cost.reduce((t, _, u) => t + coef[u]![p[u]!]!, 0);
        const rhs = lhs(all[(dropBits >>> 7) % all.length]!);
        const cut = { cols: new Map(m.cost.map((cs, u) => [u, cs.map((_, k) => k)])), coefs: new Map(coef.map((c, u) => [u, c])), rhs };
        const mapped = mapCuts(red, [cut]);
        for (const p of reducedAll) {
          const q = expand(red, p);
          if (mapped.length === 0) expect(lhs(q)).toBeLessThanOrEqual(rhs);
          else {
            const c = mapped[0]!;
            let t = 0;
            for (const [v, ks] of c.cols) ks.forEach((k, i) => p[v] === k && (t += c.coefs!.get(v)![i]!));
            expect(t - c.rhs).toBe(lhs(q) - rhs);
          }
        }
        const back = restrict(red, keep);
        expect(Array.from(expand(red, back))).toEqual(Array.from(keep));
        const optAll = Math.min(...all.map((p) => valueIn(m, p)));
        const optRed = Math.min(...reducedAll.map((p) => valueIn(red.model, p))) + red.constant;
        expect(optRed).toBeGreaterThanOrEqual(optAll);
        expect(optRed).toBeLessThanOrEqual(ub);
        if (valid) expect(optRed).toBe(optAll);
        if (red.model.cost.length < m.cost.length || red.model.cap.length < m.cap.length) shrunk++;
      }),
      { numRuns: 400 },
    );
    expect(shrunk).toBeGreaterThan(0);
  });

  it("keeps a banned choice only where the kept assignment takes it, still banned", () => {
    const m: Model = { cost: [[5, 0], [3, 4]], res: [[[0], [0]], [[0], [0]]], amt: [[[1], [9]], [[1], [2]]], cap: [3] };
    const a = reduceModel(m, () => false, [0, 0], [[0, 1]]);
    expect(a.banned).toEqual([]);
    const b = reduceModel(m, () => false, [1, 0], [[0, 1]]);
    expect(b.banned.map(([v, i]) => [b.unitOf[v], b.choiceOf[v]![i]])).toEqual([[0, 1]]);
  });
});

describe("the search with the reduced restart (restartReduce)", () => {
  it("proves the enumerated optimum on small random models: cuts mapped over (covers, c-MIR, GMI, cutoff c-MIR) or not, its own rules, a second reduction", { timeout: 180_000 }, () => {
    let ran = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(undefined, 1), (seed, firstRestart) => {
        const { mc, best, start } = contended(randomModel(seed));
        for (const [restartReduce, separate] of [[true], [true, coversMirCost], [{ rules: "own" as const }], [{ rootPrimal: true, again: 1 }, rootMirGomory], [{ cuts: false }]] as [RestartReduce | true, Separator?][]) {
          const r = search(mc, start, { firstRestart, rootRestart: true, restartReduce, separate });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
          expect(fitsIn(mc, r.pick)).toBe(true);
          expect(valueIn(mc, r.pick)).toBe(best);
          if (r.reduced) ran++;
        }
      }),
      { numRuns: 200 },
    );
    expect(ran).toBeGreaterThan(0);
  });

  it("with a banned start proves the enumerated optimum without it", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const m = randomModel(seed);
        const mc: Model = { ...m, cost: m.cost.map((cs) => cs.map((c, k) => (k === cs.length - 1 ? 100 : c))) };
        const k0 = mc.cost[0]!.length - 1;
        const fair = assignments(mc).filter((p) => p[0] !== k0);
        const best = fair.length ? Math.min(...fair.map((p) => valueIn(mc, p))) : Infinity;
        const start = Int32Array.from(mc.cost, (c) => c.length - 1);
        const r = search(mc, start, { banned: [[0, k0]], rootRestart: true, restartReduce: true });
        expect(r.proved).toBe(true);
        expect(r.value).toBe(best);
      }),
      { numRuns: 150 },
    );
  });

  const REDUCING = { members: 30, providers: 4, options: 4, clustered: false, grouped: 0, slack: 0.8, rate: 0.3 };
  it("optimal with it forced on proves HiGHS's optimum, with a pick that fits", () => {
    const instance = smallInstance(40);
    let ran = 0;
    fc.assert(
      fc.property(instance, (input) => {
        const problem = buildUnits(input, "optimal");
        const ref = solveAssignRef(highs, problem);
        expect(ref.status).toBe("Optimal");
        for (const restartReduce of [true, { rules: "own" as const }]) {
          const solved = solveOptimal(problem, { restartReduce });
          expect(solved.proved).toBe(true);
          expect(solved.total).toBe(ref.total);
          if (solved.search?.reduced) ran++;
          // The pick fits every capacity and its total is the reported one.
          const used = new Array<number>(problem.resources.length).fill(0);
          let total = 0;
          solved.pick.forEach((k, u) => {
            const unit = problem.units[u]!;
            if (k < 0) return void (total += problem.unassignedCost * unit.members.length);
            total += unit.choices[k]!.cost;
            unit.choices[k]!.res.forEach((r, i) => (used[r]! += unit.choices[k]!.amt[i]!));
          });
          expect(used.every((x, r) => x <= problem.resources[r]!.cap)).toBe(true);
          expect(total).toBe(solved.total);
        }
      }),
      // Random draws often prove before the second root; two that reduce (the second fixes units: a constant) run every time.
      { numRuns: 15, examples: [[assignInstance(REDUCING, 3)], [assignInstance({ ...REDUCING, members: 40 }, 3)]] },
    );
    expect(ran).toBeGreaterThanOrEqual(4);
  }, 180_000);
});
