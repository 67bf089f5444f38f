/// <reference types="node" />
// `npm run bench:assign-lagrange`: what the dual-guided assignment (src/transition/assign/lagrange.ts)
// brings to the `optimal` engine, with it and without it (`lagrange: false`: the engine as before)
// in one run on the bench:assign instances. Per instance:
//  - root: the engine with a node limit of BENCH_NODES (default 2: the root, its cut rounds and its
//    primal step), its best total and time, with and without;
//  - HiGHS's best (bench/lib/assign-ref.ts, BENCH_HIGHS_LIMIT_S, default 60; 0 skips it) and each
//    total's gap above it in cents ("+0": HiGHS's best reached; < 0: better than HiGHS's best);
//  - on the BENCH_TRAJ sizes (default 1000x45,2000x60; "none" skips them): the full engine (default
//    budget) with and without, its incumbent trajectory (seconds: total above HiGHS's best, or the
//    total when HiGHS was skipped), nodes, pivots.
// Totals are the cost search's (Solved.total, members left out included). BENCH_SIZES (default
// 250x20,500x30,1000x45,2000x60), BENCH_SHAPES (random,clustered), BENCH_SEEDS (1), BENCH_RATE (0.3).
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import loadHighs from "highs";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits, type UnitProblem } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { solveAssignRef } from "./lib/assign-ref";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45,2000x60").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const HIGHS_LIMIT_S = Number(process.env.BENCH_HIGHS_LIMIT_S ?? 60);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const NODES = Number(process.env.BENCH_NODES ?? 2);
const TRAJ = new Set((process.env.BENCH_TRAJ ?? "1000x45,2000x60").split(","));

const round1 = (x: number) => Math.round(x * 10) / 10;

function run(problem: UnitProblem, lagrange: boolean, nodeLimit?: number) {
  const trajectory: [number, number][] = [];
  const t0 = performance.now();
  const s = solveOptimal(problem, { lagrange, nodeLimit, onIncumbent: (total) => trajectory.push([round1((performance.now() - t0) / 1000), total]) });
  return { ms: Math.round(performance.now() - t0), total: s.total, proved: s.proved, nodes: s.nodes, pivots: s.pivots ?? 0, trajectory };
}

async function main() {
  const highs = HIGHS_LIMIT_S > 0 ? await loadHighs() : null;
  const rows = [];
  for (const [members, providers] of SIZES) {
    for (const shape of SHAPES) {
      for (let s = 0; s < SEEDS; s++) {
        const { seed, input } = benchInstance(members, providers, shape === "clustered", s, BENCH_RATE);
        const problem = buildUnits(input, "optimal");
        const ref = highs ? solveAssignRef(highs, problem, HIGHS_LIMIT_S) : null;
        if (ref && (!ref.pick || ref.overCapacity.length > 0)) throw new Error(`HiGHS gave no assignment within capacity (${ref.status})`);
        const target = ref ? ref.total : null;
        const gap = (t: number) => (target === null ? "" : ` (${t - target >= 0 ? "+" : ""}${t - target})`);
        const before = run(problem, false, NODES);
        const after = run(problem, true, NODES);
        const name = `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s}`;
        console.log(
          `${name} │ highs ${ref ? `${ref.total} ${ref.status} ${Math.round(ref.ms)} ms` : "skipped"} │ root without ${before.total}${gap(before.total)} ${before.ms} ms │ with ${after.total}${gap(after.total)} ${after.ms} ms │ gained ${before.total - after.total}`,
        );
        const row: Record<string, unknown> = { members, providers, shape, seed, highs: ref && { total: ref.total, status: ref.status, ms: Math.round(ref.ms) }, root: { before, after } };
        if (TRAJ.has(`${members}x${providers}`)) {
          const full = { before: run(problem, false), after: run(problem, true) };
          for (const [label, e] of [["without", full.before], ["with", full.after]] as const) {
            const steps = e.trajectory.filter(([, t], i, a) => i === a.length - 1 || a[i + 1]![0] !== a[i]![0] || t === a[a.length - 1]![1]);
            const shown = steps.map(([sec, t]) => `${sec}s:${target === null ? t : `${t - target >= 0 ? "+" : ""}${t - target}`}`).join(" ");
            console.log(`${" ".repeat(name.length)} │ full ${label.padEnd(7)} ${e.ms} ms ${e.nodes} nodes ${e.pivots} pivots ${e.proved ? "proved" : "open"} total ${e.total}${gap(e.total)} │ ${shown}`);
          }
          row.full = full;
        }
        rows.push(row);
      }
    }
  }
  const out = resolve(process.env.BENCH_OUT ?? "bench/results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "assign-lagrange.json"), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), load_average: loadavg(), rows }, null, 2));
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cpus; results in ${join(out, "assign-lagrange.json")}`);
}

await main();
