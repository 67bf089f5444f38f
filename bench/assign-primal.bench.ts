/// <reference types="node" />
// `npm run bench:assign-primal`: how early the `optimal` engine finds the optimum, with its primal
// heuristics (src/transition/assign/heuristics.ts) and without them (the search as it was), in one
// run on the same instances as bench:assign. HiGHS solves each instance first; then per engine run:
// its time and result, and the time and node at which its incumbent first reached HiGHS's total
// ("first opt"; "never" when it did not). gap: HiGHS's total minus the engine's (0: both optimal;
// < 0: the engine ended worse). BENCH_SIZES (default 250x20,500x30,1000x45), BENCH_SEEDS (2),
// BENCH_HIGHS_LIMIT_S (60), BENCH_RATE (0.3) as in bench/assign.bench.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import loadHighs from "highs";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits, type UnitProblem } from "../src/transition/assign/units";
import { benchInstances } from "./lib/assign-instances";
import { solveAssignRef } from "./lib/assign-ref";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 2);
const HIGHS_LIMIT_S = Number(process.env.BENCH_HIGHS_LIMIT_S ?? 60);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);

const ms = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function runEngine(problem: UnitProblem, heuristics: boolean, target: number) {
  let firstMs: number | null = null;
  let firstNode: number | null = null;
  const t0 = performance.now();
  const solved = solveOptimal(problem, {
    heuristics,
    onIncumbent: (total, nodes) => {
      if (firstMs === null && total <= target) {
        firstMs = performance.now() - t0;
        firstNode = nodes;
      }
    },
  });
  const engineMs = performance.now() - t0;
  return { ms: ms(engineMs), total: solved.total, gap: target - solved.total, proved: solved.proved, nodes: solved.nodes, first_ms: firstMs === null ? null : ms(firstMs), first_node: firstNode };
}

async function main() {
  const highs = await loadHighs();
  const rows = [];
  for (const { members, providers, clustered, s, seed, input } of benchInstances(SIZES, SEEDS, BENCH_RATE)) {
    const problem = buildUnits(input, "optimal");
    // HiGHS's exact two-stage optimum (bench/lib/assign-ref.ts), its pick checked against every capacity.
    const ref = solveAssignRef(highs, problem, HIGHS_LIMIT_S);
    if (!ref.pick || ref.overCapacity.length > 0) throw new Error(`HiGHS gave no assignment within capacity (${ref.status})`);
    const highsMs = ref.ms;
    const highsTotal = ref.total;
    const before = runEngine(problem, false, highsTotal);
    const after = runEngine(problem, true, highsTotal);
    const row = { members, providers, shape: clustered ? "clustered" : "random", seed, highs_ms: ms(highsMs), highs_status: ref.status, highs_total: highsTotal, before, after };
    rows.push(row);
    const show = (e: typeof before) =>
      `${String(e.ms).padStart(7)} ms ${e.proved ? "proved" : "open  "} ${String(e.nodes).padStart(6)} nodes, first opt ${e.first_ms === null ? "never" : `${e.first_ms} ms @${e.first_node}`}, gap ${e.gap}`;
    console.log(`${String(members).padStart(4)}×${String(providers).padStart(2)} ${row.shape.padEnd(9)} s${s} │ highs ${ms(highsMs)} ms ${ref.status} │ before ${show(before)} │ after ${show(after)}`);
  }
  const out = resolve(process.env.BENCH_OUT ?? "bench/results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "assign-primal.json"), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), load_average: loadavg(), rows }, null, 2));
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cpus; results in ${join(out, "assign-primal.json")}`);
}

await main();
