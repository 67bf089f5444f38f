// dualRow's sparse pass (lp.ts setSparseRow): only the eligible columns on ρ's nonzero rows and those
// of units whose key ρ reaches are computed, each as the full pass computes it. Exact by construction:
// the same pivots, statuses, objectives and points, bit for bit, whichever pass each row takes.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { benchInstance } from "../../bench/lib/assign-instances";
import { rng } from "../../bench/lib/instances";
import { setSparseRow, type GubLp } from "../../src/transition/assign/lp";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { branchStep, lpShape as shape, startedLp } from "./assign-lp-helpers";

const DEFAULT = setSparseRow(1);
setSparseRow(DEFAULT);
afterEach(() => void setSparseRow(DEFAULT));

/** Runs `f` on `lp` with dualRow's passes from `share` (0: always the full pass, Infinity: always the sparse one). */
function withShare<T>(share: number, f: () => T): T {
  const old = setSparseRow(share);
  try {
    return f();
  } finally {
    setSparseRow(old);
  }
}

function sameState(a: GubLp, b: GubLp) {
  expect(a.pivots).toBe(b.pivots);
  expect(a.dualPivots).toBe(b.dualPivots);
  expect(Array.from(a.key)).toEqual(Array.from(b.key));
  expect(Array.from(a.basis)).toEqual(Array.from(b.basis));
  expect(Array.from(a.values())).toEqual(Array.from(b.values()));
  expect(a.objective().cost).toBe(b.objective().cost);
}

describe("dualRow's sparse pass", () => {
  it("dual re-solves, probes and cut-offs take the full pass's pivots, down random branches", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1_000_000 }), (sh, seed) => {
        const full = startedLp(sh, seed).lp;
        const sparse = startedLp(sh, seed).lp;
        const rand = rng(seed);
        expect(full.solve()).toBe("optimal");
        expect(sparse.solve()).toBe("optimal");
        // Dead columns too (the second root's fixing): the dual phase leaves them out.
        for (let j = 0; j < full.N; j++) if (!full.isBasic(j) && full.forbidden[j] === 0 && rand() < 0.3) (full.kill(j), sparse.kill(j));
        for (let depth = 0; depth < 6; depth++) {
          const fix = branchStep(full, rand);
          for (const j of fix) (full.forbidden[j]!++, sparse.forbidden[j]!++);
          const kind = rand();
          const cutoff = full.objective().cost + 1 + Math.floor(rand() * 50);
          const run = (lp: GubLp) => (kind < 0.3 ? lp.probeDual(15, cutoff).status : kind < 0.5 ? lp.solveDual(1_000_000, cutoff) : lp.solveDual());
          const a = withShare(0, () => run(full));
          const b = withShare(Infinity, () => run(sparse));
          expect(b).toBe(a);
          sameState(full, sparse);
          if (a !== "optimal") {
            expect(withShare(0, () => full.solve())).toBe(withShare(Infinity, () => sparse.solve()));
            sameState(full, sparse);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a search with dual re-solves and probes: the same nodes, pivots and assignment", () => {
    let nodes = 0;
    for (const [members, providers, clustered, seed] of [
      [120, 10, false, 0],
      [120, 10, true, 1],
      [250, 20, true, 0],
    ] as const) {
      const p = buildUnits(benchInstance(members, providers, clustered, seed, 0.3).input, "optimal");
      const opts = { reSolveWith: "dual", branching: "reliability", pivotLimit: 20_000 } as const;
      const a = withShare(0, () => solveOptimal(p, opts));
      const b = withShare(Infinity, () => solveOptimal(p, opts));
      expect([b.nodes, b.pivots, b.total, b.proved]).toEqual([a.nodes, a.pivots, a.total, a.proved]);
      expect(Array.from(b.pick)).toEqual(Array.from(a.pick));
      expect(b.search?.strongPivots).toBe(a.search?.strongPivots);
      nodes += a.nodes;
    }
    expect(nodes).toBeGreaterThan(10);
  });
});
