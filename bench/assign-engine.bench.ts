/// <reference types="node" />
// `npm run bench:assign-engine`: the `optimal` engine alone (no HiGHS) on the bench:assign
// instances: engine ms, nodes, simplex pivots (both searches, sub-searches included), proved.
// For profiling: `node --cpu-prof bench/.build/assign-engine.mjs`. BENCH_SIZES (default
// 250x20,500x30,1000x45), BENCH_SEEDS (1), BENCH_RATE (0.3), BENCH_SHAPES (random,clustered),
// BENCH_PIVOTS (the pivot limit per search; default: the engine's), BENCH_RESOLVE (how nodes
// below the root re-solve, e.g. `primal,dual`: each instance both ways in the same run, then the
// ratios first / last; default: the engine's default only).
import type { SearchOptions } from "../src/transition/assign/bnb";
import { solveOptimal, type Solved } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;
const RESOLVE = process.env.BENCH_RESOLVE ? (process.env.BENCH_RESOLVE.split(",") as NonNullable<SearchOptions["reSolveWith"]>[]) : [undefined];

for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    const clustered = shape === "clustered";
    for (let s = 0; s < SEEDS; s++) {
      const { input } = benchInstance(members, providers, clustered, s, BENCH_RATE);
      const runs: { solved: Solved; ms: number }[] = [];
      for (const reSolveWith of RESOLVE) {
        const t0 = performance.now();
        const problem = buildUnits(input, "optimal");
        const solved = solveOptimal(problem, { pivotLimit: PIVOTS, reSolveWith });
        const ms = performance.now() - t0;
        runs.push({ solved, ms });
        console.log(
          `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s}${reSolveWith ? ` ${reSolveWith.padEnd(6)}` : ""} │ ${ms.toFixed(0).padStart(6)} ms │ ${String(solved.nodes).padStart(6)} nodes │ ${String(solved.pivots ?? "?").padStart(7)} pivots │ ${solved.proved ? "proved" : "open  "} │ total ${solved.total} lb ${solved.lowerBound}`,
        );
      }
      if (runs.length > 1) {
        const a = runs[0]!;
        const b = runs[runs.length - 1]!;
        console.log(
          `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s} ratios ${RESOLVE[0]}/${RESOLVE[RESOLVE.length - 1]} │ time ×${(a.ms / b.ms).toFixed(2)} │ nodes ×${(a.solved.nodes / b.solved.nodes).toFixed(2)} │ pivots ×${((a.solved.pivots ?? 0) / (b.solved.pivots ?? 1)).toFixed(2)} │ total ${b.solved.total - a.solved.total >= 0 ? "+" : ""}${b.solved.total - a.solved.total} cents`,
        );
      }
    }
  }
}
