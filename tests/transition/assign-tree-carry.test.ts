// The waiting nodes' bases across a node-cut restart (bnb.ts TreeRules.carry, lp.ts GubLp.carry):
// a parent's basis carried to the rebuilt LP (new cut rows' slacks basic; restore() puts a violated
// row's surplus column in its slack's place) re-solves a child by the dual to the cold optimum of
// the LP with the cuts; and the search with it (and with a plunge limit, TreeRules.plungeGap) ends
// at the enumerated optimum; carry is the default of a search with heuristics below SMALL_BELOW.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/lib/instances";
import { search } from "../../src/transition/assign/bnb";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { benchInstance } from "../../bench/lib/assign-instances";
import { lpPoint, rebuild, type CutState } from "../../src/transition/assign/cutloop";
import { coversAndMir } from "../../src/transition/assign/mir";
import { contended, randomModel } from "./assign-cuts-helpers";
import { coldSolve, costSearchOf, expectCold, lpShape as shape, startedLp } from "./assign-lp-helpers";

describe("a parent's basis carried over a cut rebuild (GubLp.carry)", () => {
  it("restores at the parent's point, violated cuts on their surplus, and re-solves a child by the dual to the cold optimum", () => {
    let violated = 0;
    let runs = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { p, m, lp } = startedLp(sh, seed);
        const rand = rng(seed);
        expect(lp.solve()).toBe("optimal");
        const parent = lp.snapshot();
        const point = lp.values();
        const basicChoices = Array.from({ length: lp.N }, (_, j) => j).filter((j) => lp.isBasic(j) && point[j]! > 1e-9);
        const cuts = coversAndMir(m, m.cap.map((_, r) => r), lpPoint(lp, m).x);
        if (cuts.length === 0 || basicChoices.length === 0) return;
        const child = basicChoices[Math.floor(rand() * basicChoices.length)]!;
        // The rebuild moves the new LP to its own optimum; the parent's basis is the old LP's.
        const st: CutState = { lp, model: m, spent: 0, aborted: false, pool: [], inLp: [], rounds: [], noTableau: false };
        expect(rebuild(m, st, cuts.map((cut) => ({ cut, age: 0 })), Int32Array.from(p.units, (u) => u.choices.length), 1e6)).toBe(true);
        const next = st.lp;
        expect(st.replaced?.prev).toBe(lp);
        const carried = next.carry(parent, lp, st.replaced!.rowMap);
        expect(carried).not.toBeNull(); // no row dropped
        expect(next.restore(carried!)).toBe(true);
        runs++;
        const back = next.values();
        for (let j = 0; j < next.N; j++) expect(Math.abs(back[j]! - point[j]!)).toBeLessThanOrEqual(1e-9);
        // A cut the parent's point violates: its surplus column basic, forbidden mass the dual drives out.
        if (next.objective().forbidden > 1e-9) violated++;
        next.forbidden[child]!++;
        expectCold(next, next.solveDual(), st.model, coldSolve(st.model, next.forbidden.subarray(0, next.N)));
      }),
      { numRuns: 80 },
    );
    expect(runs).toBeGreaterThan(20);
    expect(violated).toBeGreaterThan(5);
  });

  it("refuses a basis of another LP than the one replaced", () => {
    const { p, m, lp } = startedLp({ members: 30, providers: 4, options: 3, clustered: false, grouped: 0.3, slack: 1, rate: 0 }, 7);
    expect(lp.solve()).toBe("optimal");
    const cuts = coversAndMir(m, m.cap.map((_, r) => r), lpPoint(lp, m).x);
    const st: CutState = { lp, model: m, spent: 0, aborted: false, pool: [], inLp: [], rounds: [], noTableau: false };
    expect(rebuild(m, st, cuts.map((cut) => ({ cut, age: 0 })), Int32Array.from(p.units, (u) => u.choices.length), 1e6)).toBe(true);
    // Its own snapshot is not a basis of the LP it replaced.
    expect(st.lp.carry(st.lp.snapshot(), lp, st.replaced!.rowMap)).toBeNull();
  });
});

describe("the search with TreeRules (carry, plungeGap)", () => {
  it("carries by default below SMALL_BELOW units with heuristics, not in a search without them (neighbourhood sub-searches)", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        const run = (tree: { carry?: boolean } | undefined, heuristics: boolean) => search(m, start, { banned, separate: coversAndMir, firstRestart: 1, tree, heuristics });
        const on = run({ carry: true }, true);
        const byDefault = run(undefined, true);
        expect([byDefault.pivots, byDefault.nodes, byDefault.value]).toEqual([on.pivots, on.nodes, on.value]);
        expect(run(undefined, false).pivots).toBe(run({ carry: false }, false).pivots);
      }),
      { numRuns: 20, seed: 20261130 },
    );
    // 100 × 10 random seed 5 (bench:assign-profile): its default search carries, on other pivots, to the same proved total.
    const p = buildUnits(benchInstance(100, 10, false, 5, 0.3).input, "optimal");
    const [byDefault, on, off] = [undefined, { carry: true }, { carry: false }].map((tree) => solveOptimal(p, { tree }));
    expect(byDefault!.pivots).toBe(on!.pivots);
    expect(off!.pivots).not.toBe(on!.pivots);
    for (const r of [byDefault!, on!, off!]) expect([r.proved, r.total]).toEqual([true, off!.total]);
  });

  it("ends at the enumerated optimum, with node cuts from node 1, both re-solves", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const { mc, best, start } = contended(randomModel(seed));
        for (const tree of [{ carry: true }, { carry: false }, { carry: true, plungeGap: 0 }, { plungeGap: 0.25 }])
          for (const reSolveWith of ["dual", "primal"] as const) {
            const r = search(mc, start, { separate: coversAndMir, firstRestart: 1, tree, reSolveWith });
            expect(r.proved).toBe(true);
            expect(r.value).toBe(best);
          }
      }),
      { numRuns: 150 },
    );
  });

  it("proves the same optimum as without them on instances of up to 40 members, node cuts from node 1", () => {
    let restarts = 0;
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const { m, start, banned } = costSearchOf(sh, seed);
        const base = search(m, start, { banned, separate: coversAndMir, firstRestart: 1, tree: { carry: false } });
        for (const tree of [{ carry: true }, { carry: true, plungeGap: 0.25 }, { carry: true, plungeGap: 0 }]) {
          const r = search(m, start, { banned, separate: coversAndMir, firstRestart: 1, tree });
          if (r.proved && base.proved) expect(r.value).toBe(base.value);
          restarts += r.restarts ?? 0;
        }
      }),
      { numRuns: 30, seed: 20261130 },
    );
    expect(restarts).toBeGreaterThan(5); // 12 with this seed
  });
});
