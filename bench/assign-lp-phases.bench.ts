/// <reference types="node" />
// `npx esbuild bench/assign-lp-phases.bench.ts --bundle --platform=node --format=esm --packages=external
// --outfile=bench/.build/assign-lp-phases.mjs && node bench/.build/assign-lp-phases.mjs`: lp.ts solve() as today (the forbidden mass and the cost priced
// together, a ±1e-9 band on the first) against GubLp.twoPhase (the mass alone while there is some,
// then the cost with the forbidden columns held out), the `optimal` engine on the bench:assign
// instances, both in the same run: ms, nodes, simplex pivots, proved, total; then the ratios
// (two-level / two-phase: > 1, two-phase did less) and the total's difference in cents.
// BENCH_SIZES (default 100x10,250x20,500x30), BENCH_SEEDS (3), BENCH_RATE (0.3), BENCH_SHAPES
// (random,clustered), BENCH_PIVOTS (the pivot limit per search; default: the engine's).
// Measured (lpinv, 2026-11): the defaults, 18 instances all proved either way at the same totals;
// two-phase took 248,990 pivots against 218,788 (500 × 30 random s1 alone 64k against 29k), the
// per-instance ratios' geometric mean 0.99 (pivots) and 1.06 (nodes, two-phase fewer), from 0.45 to
// 1.58. BENCH_SIZES=1000x45 BENCH_SEEDS=2: all open at the pivot limit, totals −211, −14, −17 and
// +85 cents. Not better on both: GubLp.twoPhase stays off.
import { GubLp } from "../src/transition/assign/lp";
import { solveOptimal, type Solved } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "100x10,250x20,500x30").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 3);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;

const sum = { a: { ms: 0, nodes: 0, pivots: 0, proved: 0 }, b: { ms: 0, nodes: 0, pivots: 0, proved: 0 } };
for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    const clustered = shape === "clustered";
    for (let s = 0; s < SEEDS; s++) {
      const { input } = benchInstance(members, providers, clustered, s, BENCH_RATE);
      const name = `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s}`;
      const runs: { solved: Solved; ms: number }[] = [];
      for (const twoPhase of [false, true]) {
        GubLp.twoPhase = twoPhase;
        const t0 = performance.now();
        const solved = solveOptimal(buildUnits(input, "optimal"), { pivotLimit: PIVOTS });
        const ms = performance.now() - t0;
        runs.push({ solved, ms });
        const t = twoPhase ? sum.b : sum.a;
        t.ms += ms;
        t.nodes += solved.nodes;
        t.pivots += solved.pivots ?? 0;
        t.proved += solved.proved ? 1 : 0;
        console.log(
          `${name} ${(twoPhase ? "two-phase" : "two-level").padEnd(9)} │ ${ms.toFixed(0).padStart(6)} ms │ ${String(solved.nodes).padStart(6)} nodes │ ${String(solved.pivots ?? "?").padStart(7)} pivots │ ${solved.proved ? "proved" : "open  "} │ total ${solved.total} lb ${solved.lowerBound}`,
        );
      }
      GubLp.twoPhase = false;
      const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
      console.log(
        `${name} ratios    │ time ×${(a.ms / b.ms).toFixed(2)} │ nodes ×${(a.solved.nodes / b.solved.nodes).toFixed(2)} │ pivots ×${((a.solved.pivots ?? 0) / (b.solved.pivots ?? 1)).toFixed(2)} │ total ${b.solved.total - a.solved.total >= 0 ? "+" : ""}${b.solved.total - a.solved.total} cents`,
      );
    }
  }
}
console.log(`all: two-level ${sum.a.pivots} pivots, ${sum.a.nodes} nodes, ${sum.a.proved} proved, ${Math.round(sum.a.ms)} ms │ two-phase ${sum.b.pivots} pivots, ${sum.b.nodes} nodes, ${sum.b.proved} proved, ${Math.round(sum.b.ms)} ms`);
