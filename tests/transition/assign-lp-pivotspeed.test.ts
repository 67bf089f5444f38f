// lp.ts's per-pivot speed work (branch pivotspeed) is a pure speed change: B⁻¹'s update and the
// refactorisation's elimination take eight rows at a time, the refactorisation's values only b's
// nonzeros. Every entry is the same operation in the same order, so the LP must take the pivots of its
// frozen copy from before the work (bench/lib/lp-pivotbase.ts) bit for bit: statuses, pivots, bases,
// points, objectives and B⁻¹, down random branches, with either dualRow pass.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance, benchInstance } from "../../bench/lib/assign-instances";
import { rng } from "../../bench/lib/instances";
import { GubLp as BaseLp } from "../../bench/lib/lp-pivotbase";
import { setSparseRow, GubLp } from "../../src/transition/assign/lp";
import { buildUnits, type UnitProblem } from "../../src/transition/assign/units";
import { branchStep, lpShape, outModel } from "./assign-lp-helpers";

/** The two LPs on one problem, started from everyone out. */
function pair(p: UnitProblem): [GubLp, BaseLp] {
  const m = outModel(p);
  const a = new GubLp(m);
  const b = new BaseLp(m);
  const out = p.units.map((u) => u.choices.length);
  a.start(out);
  b.start(out);
  return [a, b];
}

function same(a: GubLp, b: BaseLp) {
  expect(a.pivots).toBe(b.pivots);
  expect(a.dualPivots).toBe(b.dualPivots);
  expect(Array.from(a.key)).toEqual(Array.from(b.key));
  expect(Array.from(a.basis)).toEqual(Array.from(b.basis));
  expect(Array.from(a.values())).toEqual(Array.from(b.values()));
  expect(a.objective().cost).toBe(b.objective().cost);
  for (let p = 0; p < a.R; p++) expect(Array.from(a.inverseRow(p))).toEqual(Array.from(b.inverseRow(p)));
}

/** Solves both, then re-solves both down `depth` random branches (dual re-solves, probes, cut-offs), checking after each. */
function walk(a: GubLp, b: BaseLp, seed: number, depth: number) {
  const rand = rng(seed);
  expect(a.solve()).toBe(b.solve());
  same(a, b);
  for (let j = 0; j < a.N; j++) if (!a.isBasic(j) && a.forbidden[j] === 0 && rand() < 0.2) (a.kill(j), b.kill(j));
  for (let d = 0; d < depth; d++) {
    const fix = branchStep(a, rand);
    for (const j of fix) (a.forbidden[j]!++, b.forbidden[j]!++);
    const kind = rand();
    const cutoff = a.objective().cost + 1 + Math.floor(rand() * 50);
    const sa = kind < 0.3 ? a.probeDual(15, cutoff).status : kind < 0.5 ? a.solveDual(1_000_000, cutoff) : a.solveDual();
    const sb = kind < 0.3 ? b.probeDual(15, cutoff).status : kind < 0.5 ? b.solveDual(1_000_000, cutoff) : b.solveDual();
    expect(sa).toBe(sb);
    same(a, b);
    if (sa !== "optimal") {
      expect(a.solve()).toBe(b.solve());
      same(a, b);
    }
  }
}

describe("lp.ts pivot speed: the frozen LP's pivots bit for bit", () => {
  it("small random models, both dualRow passes", () => {
    fc.assert(
      fc.property(lpShape, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (sh, seed, sparse) => {
        const old = setSparseRow(sparse ? 1 : 0); // the frozen copy keeps its own 0.5
        try {
          const [a, b] = pair(buildUnits(assignInstance(sh, seed), "optimal"));
          walk(a, b, seed, 6);
        } finally {
          setSparseRow(old);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("bench models with rows enough for the eight-row update (R ≥ 16)", () => {
    for (const [members, providers, clustered, seed] of [
      [120, 10, false, 0],
      [120, 10, true, 1],
      [250, 20, false, 2],
      [500, 30, true, 0],
    ] as const) {
      const [a, b] = pair(buildUnits(benchInstance(members, providers, clustered, seed, 0.3).input, "optimal"));
      expect(a.R).toBeGreaterThanOrEqual(16);
      walk(a, b, seed + 7, 12);
      expect(a.dualPivots).toBeGreaterThan(0);
    }
  });
});
