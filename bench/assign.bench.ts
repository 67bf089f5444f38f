/// <reference types="node" />
// `npm run bench:assign`: the collective assignment's `optimal` mode against HiGHS solving the same
// integer programme (bench/lib/assign-mip.ts), in one run, on random and clustered instances.
// Prints one line per size and writes bench/results/assign.json. The objective gap (HiGHS's optimum
// minus the engine's, in cents) must be zero; the time ratio is HiGHS's time over the engine's
// (the target is ≥ 3). BENCH_SIZES=100x10,500x30 picks sizes (members x providers);
// BENCH_SEEDS sets how many instances per size and shape (2 by default); BENCH_RATE the share of
// hosts with a weekly rate (0.3 by default).
// Both sides get the same units (buildUnits is timed with the engine, not with HiGHS: HiGHS is
// given the finished model text, its LP parse included in its time).
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import loadHighs from "highs";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { assignInstance } from "./lib/assign-instances";
import { assignMip, pickFromSolution } from "./lib/assign-mip";
import { toLpText } from "./lib/reference";

const SIZES = (process.env.BENCH_SIZES ?? "100x10,250x20,500x30,1000x45,2000x60").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 2);
const HIGHS_LIMIT_S = Number(process.env.BENCH_HIGHS_LIMIT_S ?? 120);
/** Share of hosts with a weekly rate (member migrations as one more resource each); BENCH_RATE=0 for none. */
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);

const ms = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const highs = await loadHighs();
  const rows = [];
  for (const [members, providers] of SIZES) {
    for (const clustered of [false, true]) {
      for (let s = 0; s < SEEDS; s++) {
        const seed = members * 131 + providers * 7 + s + (clustered ? 50_000 : 0);
        const input = assignInstance({ members, providers, options: 8, clustered, grouped: 0.2, slack: 1.05, rate: BENCH_RATE }, seed);
        const t0 = performance.now();
        const problem = buildUnits(input, "optimal");
        const solved = solveOptimal(problem);
        const engineMs = performance.now() - t0;

        const lp = toLpText(assignMip(problem));
        const t1 = performance.now();
        const sol = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: HIGHS_LIMIT_S } as never);
        const highsMs = performance.now() - t1;
        const value = (n: string) => (sol.Columns[n] as { Primal?: number } | undefined)?.Primal ?? 0;
        const hp = pickFromSolution(problem, value);
        let highsTotal = 0;
        problem.units.forEach((u, i) => (highsTotal += hp[i]! < 0 ? problem.unassignedCost * u.members.length : u.choices[hp[i]!]!.cost));
        const row = {
          members, providers, shape: clustered ? "clustered" : "random", seed,
          units: problem.units.length,
          choices: problem.units.reduce((n, u) => n + u.choices.length, 0),
          resources: problem.resources.length,
          engine_ms: ms(engineMs), highs_ms: ms(highsMs), highs_status: sol.Status,
          highs_over_engine: ms(highsMs / engineMs, 2),
          engine_total: solved.total, highs_total: highsTotal,
          /** HiGHS's total minus the engine's: 0 when both are optimal; < 0 if the engine missed the optimum. */
          gap_cents: highsTotal - solved.total,
          engine_proved: solved.proved, engine_nodes: solved.nodes,
          root_gap_cents: ms(solved.total - solved.lowerBound, 2),
        };
        rows.push(row);
        console.log(
          `${String(members).padStart(4)}×${String(providers).padStart(2)} ${row.shape.padEnd(9)} │ engine ${row.engine_ms} ms (${row.engine_proved ? "proved" : "NOT proved"}, ${row.engine_nodes} nodes) │ highs ${row.highs_ms} ms ${row.highs_status} │ ×${row.highs_over_engine} │ gap ${row.gap_cents}`,
        );
      }
    }
  }
  const out = resolve(process.env.BENCH_OUT ?? "bench/results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "assign.json"), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), load_average: loadavg(), rows }, null, 2));
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cpus; results in ${join(out, "assign.json")}`);
  if (rows.some((r) => r.gap_cents !== 0 && r.highs_status === "Optimal")) {
    console.error("non-zero objective gap against HiGHS");
    process.exitCode = 1;
  }
}

await main();
