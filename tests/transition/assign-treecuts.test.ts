// Cuts in the tree (src/transition/assign/treecuts.ts): at a node of a dive (forbidden columns, as
// bnb.ts's branching and reduced-cost fixing make them) the node separator's c-MIR, GMI and cutoff
// c-MIR cuts hold for every assignment no dearer than the incumbent (every one that fits without
// the cutoff family), over two rounds (the first's cuts as rows); the search with each setting, node
// cuts from node 1 and restarts at the tree's least node, ends at the enumerated optimum and at
// HiGHS's, proved; Separator.restarts bounds the restarts.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { search } from "../../src/transition/assign/bnb";
import { lhs, withCuts } from "../../src/transition/assign/cuts";
import { GubLp } from "../../src/transition/assign/lp";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { treeCuts, type TreeCutOptions } from "../../src/transition/assign/treecuts";
import { buildUnits } from "../../src/transition/assign/units";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { asPoint, assignments, contended, lcg, linkedModel, randomModel } from "./assign-cuts-helpers";
import { smallInstance } from "./assign-lp-helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

const SETTINGS: TreeCutOptions[] = [
  {},
  { gomory: true },
  { cost: true, cross: true, share: 0.25 },
  { gomory: true, cost: true, restarts: { growth: 1, max: 20, least: true } },
  { mir: false, restarts: { first: 2, growth: 2, max: 8 } },
];

describe("cuts in the tree (treecuts.ts)", () => {
  it("cut off no assignment as cheap as the incumbent at nodes of a dive, over two rounds", () => {
    let found = 0;
    let atNodes = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.boolean(), (seed, seed2, up, linked, cost) => {
        const base = linked ? linkedModel(seed) : randomModel(seed);
        const { mc: m, value } = contended(base);
        const all = assignments(m);
        const values = all.map(value).sort((a, b) => a - b);
        const ub = values[Math.min(values.length - 1, up)]!;
        // Without the cutoff family every fitting assignment must hold; with it, those up to ub.
        const held = cost ? all.filter((p) => value(p) <= ub) : all;
        const rows = m.cap.map((_, r) => r);
        const sep = treeCuts({ gomory: true, cost, cross: true, share: 0.5 });
        const rnd = lcg(seed2);
        // The node's fixings: up to three columns of units that keep another choice.
        const fixes: number[] = [];
        const probe = new GubLp(m);
        for (let i = 0; i < 3; i++) {
          const u = Math.floor(rnd() * m.cost.length);
          const k = Math.floor(rnd() * m.cost[u]!.length);
          const j = probe.unitStart[u]! + k;
          const left = m.cost[u]!.filter((_, kk) => !fixes.includes(probe.unitStart[u]! + kk)).length;
          if (!fixes.includes(j) && left >= 2) fixes.push(j);
        }
        let lm = m;
        for (let round = 0; round < 2; round++) {
          const lp = new GubLp(lm, { surplusFrom: m.cap.length });
          lp.start(lm.cost.map((c) => c.length - 1));
          for (const j of fixes) lp.forbidden[j]!++;
          if (lp.solve() !== "optimal" || lp.objective().forbidden > 1e-9) break;
          const v = lp.values();
          const x = m.cost.map((_, u) => v.slice(lp.unitStart[u]!, lp.unitStart[u + 1]!));
          const cuts = sep(m, rows, x, { lp, model: lm, root: false, ub });
          found += cuts.length;
          if (fixes.length > 0) atNodes += cuts.length;
          for (const cut of cuts) for (const pick of held) expect(lhs(cut, asPoint(m, pick))).toBeLessThanOrEqual(cut.rhs + 1e-9);
          if (cuts.length === 0) break;
          lm = withCuts(lm, cuts);
        }
      }),
      { numRuns: 400 },
    );
    // The property is not empty.
    expect(found).toBeGreaterThan(30);
    expect(atNodes).toBeGreaterThan(10);
  });

  it("keep the search exact with node cuts from node 1 and every restart rule", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(undefined, 1), fc.boolean(), (seed, firstRestart, linked) => {
        const { mc, best, start } = contended(linked ? linkedModel(seed) : randomModel(seed));
        for (const o of SETTINGS) {
          const r = search(mc, start, { separate: treeCuts(o), firstRestart });
          expect(r.proved).toBe(true);
          expect(r.value).toBe(best);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("Separator.restarts bounds the node-cut restarts; none set, none there", () => {
    expect(treeCuts().restarts).toBeUndefined();
    expect(treeCuts().dualRebuild).toBe(2);
    let some = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { mc, best, start } = contended(randomModel(seed));
      const r = search(mc, start, { separate: treeCuts({ gomory: true, restarts: { first: 1, growth: 1, max: 2 } }) });
      expect(r.restarts ?? 0).toBeLessThanOrEqual(2);
      expect(r.value).toBe(best);
      some += r.restarts ?? 0;
    }
    expect(some).toBeGreaterThan(0);
  });

  it("prove HiGHS's optimum on larger instances", () => {
    fc.assert(
      fc.property(smallInstance(30), (input) => {
        const problem = buildUnits(input, "optimal");
        const ref = solveAssignRef(highs, problem);
        expect(ref.status).toBe("Optimal");
        for (const o of [SETTINGS[1]!, SETTINGS[3]!]) {
          const solved = solveOptimal(problem, { separate: treeCuts(o), firstRestart: 5 });
          expect(solved.proved).toBe(true);
          expect(solved.total).toBe(ref.total);
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
