/// <reference types="node" />
// `npm run bench:assign-primal`: how early the `optimal` engine finds the optimum with the current
// neighbourhood schedule (bnb.ts primalSchedule: "new") against the schedules as they were before
// the primal work of issue 15 item 3 (frozen in bench/lib/primal-baseline.ts: "old"), in one run on the same instances
// as bench:assign; BENCH_OFF=1 adds the search without any primal heuristic ("off"). HiGHS solves
// each instance first (BENCH_HIGHS=0 skips it: no target, no "first opt"); then per engine run:
// its time, nodes, pivots and result, the time and node at which its incumbent first reached
// HiGHS's total ("first opt"; "never" when it did not), gap = HiGHS's total minus the engine's (0:
// both optimal; < 0: the engine ended worse), and its incumbents' trajectory (total − the first
// run's final total @ seconds #node) and its total at 1 s, 2 s, 5 s and the end. BENCH_SIZES (default 250x20,500x30,1000x45), BENCH_SHAPES
// (random,clustered), BENCH_SEEDS (1), BENCH_HIGHS_LIMIT_S (60), BENCH_RATE (0.3), BENCH_PIVOTS
// (the pivot limit; default the engine's).
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import loadHighs from "highs";
import type { PrimalFactory } from "../src/transition/assign/schedule";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits, type UnitProblem } from "../src/transition/assign/units";
import { benchInstances } from "./lib/assign-instances";
import { solveAssignRef } from "./lib/assign-ref";
import { primalScheduleBaseline } from "./lib/primal-baseline";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const HIGHS = process.env.BENCH_HIGHS !== "0";
const HIGHS_LIMIT_S = Number(process.env.BENCH_HIGHS_LIMIT_S ?? 60);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;
const OFF = process.env.BENCH_OFF === "1";

const ms = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function runEngine(problem: UnitProblem, variant: "off" | "old" | "new", target: number) {
  let firstMs: number | null = null;
  let firstNode: number | null = null;
  const trajectory: { total: number; s: number; node: number }[] = [];
  const primal: PrimalFactory | undefined = variant === "old" ? primalScheduleBaseline : undefined;
  const t0 = performance.now();
  const solved = solveOptimal(problem, {
    heuristics: variant !== "off",
    primal,
    pivotLimit: PIVOTS,
    onIncumbent: (total, nodes) => {
      const at = performance.now() - t0;
      trajectory.push({ total, s: ms(at / 1000), node: nodes });
      if (firstMs === null && total <= target) {
        firstMs = at;
        firstNode = nodes;
      }
    },
  });
  const engineMs = performance.now() - t0;
  return {
    variant,
    ms: ms(engineMs),
    total: solved.total,
    gap: target - solved.total,
    proved: solved.proved,
    nodes: solved.nodes,
    pivots: solved.pivots ?? 0,
    first_ms: firstMs === null ? null : ms(firstMs),
    first_node: firstNode,
    trajectory,
  };
}

async function main() {
  const highs = HIGHS ? await loadHighs() : null;
  const rows = [];
  for (const { members, providers, clustered, s, seed, input } of benchInstances(SIZES, SEEDS, BENCH_RATE)) {
    const shape = clustered ? "clustered" : "random";
    if (!SHAPES.includes(shape)) continue;
    const problem = buildUnits(input, "optimal");
    // HiGHS's exact two-stage optimum (bench/lib/assign-ref.ts), its pick checked against every capacity.
    let highsMs: number | null = null;
    let highsStatus = "skipped";
    let target = -Infinity;
    if (highs) {
      const ref = solveAssignRef(highs, problem, HIGHS_LIMIT_S);
      if (!ref.pick || ref.overCapacity.length > 0) throw new Error(`HiGHS gave no assignment within capacity (${ref.status})`);
      highsMs = ref.ms;
      highsStatus = ref.status;
      target = ref.total;
    }
    const runs = [...(OFF ? [runEngine(problem, "off", target)] : []), runEngine(problem, "old", target), runEngine(problem, "new", target)];
    const row = { members, providers, shape, seed, highs_ms: highsMs === null ? null : ms(highsMs), highs_status: highsStatus, highs_total: highs ? target : null, runs };
    rows.push(row);
    const base = runs[0]!.total;
    // The incumbent's total at a time: the last one found by then (− before the first).
    const at = (e: (typeof runs)[number], s: number) => e.trajectory.filter((t) => t.s <= s).at(-1)?.total ?? "-";
    const show = (e: (typeof runs)[number]) =>
      `${e.variant} @1s ${at(e, 1)} @2s ${at(e, 2)} @5s ${at(e, 5)} end ${e.total}\n      ${e.variant} ${String(e.ms).padStart(7)} ms ${e.proved ? "proved" : "open  "} ${String(e.nodes).padStart(6)} nodes ${String(e.pivots).padStart(7)} piv, ` +
      (highs ? `first opt ${e.first_ms === null ? "never" : `${e.first_ms} ms @${e.first_node}`}, gap ${e.gap}, ` : "") +
      `total ${e.total}\n      ${e.trajectory.map((t) => `${t.total - base >= 0 ? "+" : ""}${t.total - base}@${t.s}s#${t.node}`).join(" ")}`;
    console.log(`${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s} │ highs ${highsMs === null ? "-" : `${ms(highsMs)} ms ${highsStatus} total ${target}`}`);
    for (const e of runs) console.log(`    ${show(e)}`);
    const old = runs.find((e) => e.variant === "old")!;
    const now = runs.find((e) => e.variant === "new")!;
    console.log(`    new − old: total ${now.total - old.total}, time ×${ms(old.ms / now.ms, 2)} (old ms / new ms)`);
  }
  const out = resolve(process.env.BENCH_OUT ?? "bench/results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "assign-primal.json"), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), load_average: loadavg(), rows }, null, 2));
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cpus; results in ${join(out, "assign-primal.json")}`);
}

await main();
