/// <reference types="node" />
// `npm run bench:assign-engine`: the `optimal` engine alone (no HiGHS) on the bench:assign
// instances: engine ms, nodes, simplex pivots (both searches, sub-searches included), proved.
// For profiling: `node --cpu-prof bench/.build/assign-engine.mjs`. BENCH_SIZES (default
// 250x20,500x30,1000x45), BENCH_SEEDS (1), BENCH_RATE (0.3), BENCH_SHAPES (random,clustered),
// BENCH_PIVOTS (the pivot limit per search; default: the engine's).
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;

for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    const clustered = shape === "clustered";
    for (let s = 0; s < SEEDS; s++) {
      const { seed, input } = benchInstance(members, providers, clustered, s, BENCH_RATE);
      const t0 = performance.now();
      const problem = buildUnits(input, "optimal");
      const solved = solveOptimal(problem, { pivotLimit: PIVOTS });
      const ms = performance.now() - t0;
      console.log(
        `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s} │ ${ms.toFixed(0).padStart(6)} ms │ ${String(solved.nodes).padStart(6)} nodes │ ${String(solved.pivots ?? "?").padStart(7)} pivots │ ${solved.proved ? "proved" : "open  "} │ total ${solved.total} lb ${solved.lowerBound}`,
      );
    }
  }
}
