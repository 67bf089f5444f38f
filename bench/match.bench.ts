/// <reference types="node" />
// `npm run bench:match`: the matching engine against glpk.js and HiGHS solving the same instances
// as integer programmes, in one run. Prints a table and writes bench/results/match.json.
// The script bundles this file with esbuild first, as wrangler bundles the Worker: run through a
// loader that keeps modules apart (tsx), every imported call pays a getter the Worker never pays.
// BENCH_SIZES=8x150,10x150 picks sizes (k x P); all of them by default.
// The optimality gap (solver's best minus engine's best, in objective units) must be zero.
//
// engine = match() end to end: filters and their messages, covers, exact top-5 search, explanations.
// Its p99 is given twice: over all runs, and over the runs during which no other process preempted
// it (no involuntary context switch): on a shared machine the first mostly measures the neighbours.
// solvers = the same filters (buildProblem), building the model, and solving it for the best bundle only.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import GLPK from "glpk.js/node";
import loadHighs from "highs";
import { buildOptions } from "../src/matching/covers";
import { match } from "../src/matching/engine";
import { buildProblem } from "../src/matching/problem";
import { topBundles } from "../src/matching/search";
import type { MatchOptions } from "../src/matching/types";
import { type Instance, instance } from "./lib/instances";
import { buildMip, type Evaluated, fromSolution, toGlpk, toLpText } from "./lib/reference";

const KS = [4, 6, 8, 10];
const PS = [20, 60, 150];
const PICKED = process.env.BENCH_SIZES?.split(",").map((s) => s.trim().toLowerCase());
const ENGINE_INSTANCES = Number(process.env.BENCH_INSTANCES ?? 200);
const ENGINE_REPS = 5;
const SOLVER_INSTANCES = Number(process.env.BENCH_SOLVER_INSTANCES ?? 30);
const OPTS: MatchOptions = { lang: "fr", memberCountry: "BE" };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const ms = (x: number, digits = 3) => +x.toFixed(digits);

/** Collect garbage between sizes when node runs with --expose-gc, so one size does not pay for another. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

type Glpk = Awaited<ReturnType<typeof GLPK>>;
type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** The engine's time on every instance (ENGINE_REPS runs each), and its best objective. */
function timeEngine(instances: Instance[]) {
  collect();
  const all: number[] = [];
  /** Runs during which the process was not preempted (no involuntary context switch): the engine's own time, GC included. */
  const unpreempted: number[] = [];
  const perInstance: number[] = [];
  const best: (number | null)[] = [];
  let bundles = 0;
  let pops = 0;
  for (const inst of instances) {
    const mine: number[] = [];
    for (let r = 0; r < ENGINE_REPS; r++) {
      const switches = process.resourceUsage().involuntaryContextSwitches;
      const t0 = performance.now();
      const res = match(inst.request, inst.offers, OPTS);
      const t = performance.now() - t0;
      mine.push(t);
      if (process.resourceUsage().involuntaryContextSwitches === switches) unpreempted.push(t);
      if (r === 0) bundles += res.bundles.length;
    }
    all.push(...mine);
    perInstance.push(quantile(mine, 0.5));
    // The objective of the best bundle, for the gap (not timed).
    const { problem } = buildProblem(inst.request, inst.offers, OPTS);
    const top = problem.k > 0 ? topBundles(problem, buildOptions(problem), 1) : { bundles: [], pops: 0 };
    pops += top.pops;
    best.push(top.bundles[0]?.units ?? null);
  }
  return { all, unpreempted, perInstance, best, bundles, pops };
}

/** A solver's time on the first instances and its largest gap to the engine. */
function timeSolver(instances: Instance[], best: (number | null)[], solve: (inst: Instance) => { solution: Evaluated | null; infeasible: boolean }) {
  collect();
  const times: number[] = [];
  let gap = 0;
  let short = 0;
  instances.slice(0, SOLVER_INSTANCES).forEach((inst, i) => {
    const t0 = performance.now();
    const { solution, infeasible } = solve(inst);
    times.push(performance.now() - t0);
    const engine = best[i]!;
    if (engine === null || solution === null) {
      if (!(engine === null && infeasible)) gap = Infinity;
      return;
    }
    if (solution.units < engine) throw new Error(`the engine missed the optimum: ${engine} > ${solution.units}`);
    if (solution.units > engine) short++;
    gap = Math.max(gap, solution.units - engine);
  });
  return { times, gap, short };
}

const viaHighs = (highs: Highs) => (inst: Instance) => {
  const { problem } = buildProblem(inst.request, inst.offers, OPTS);
  if (problem.k === 0) return { solution: null, infeasible: true };
  const sol = highs.solve(toLpText(buildMip(problem)), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 } as never);
  if (sol.Status !== "Optimal") return { solution: null, infeasible: sol.Status === "Infeasible" };
  return { solution: fromSolution(problem, (n) => (sol.Columns[n] as { Primal?: number } | undefined)?.Primal ?? 0), infeasible: false };
};

const viaGlpk = (glpk: Glpk) => (inst: Instance) => {
  const { problem } = buildProblem(inst.request, inst.offers, OPTS);
  if (problem.k === 0) return { solution: null, infeasible: true };
  const res = glpk.solve(toGlpk(buildMip(problem), glpk) as never, { msglev: glpk.GLP_MSG_OFF, mipgap: 0, presol: true });
  if (res.result.status !== glpk.GLP_OPT) return { solution: null, infeasible: res.result.status === glpk.GLP_NOFEAS };
  return { solution: fromSolution(problem, (n) => res.result.vars[n] ?? 0), infeasible: false };
};

async function main() {
  const glpk = await GLPK();
  const highs = await loadHighs();
  const sizes = KS.flatMap((k) => PS.map((P) => ({ k, P }))).filter(({ k, P }) => !PICKED || PICKED.includes(`${k}x${P}`));
  // Each size's instances are made just before it is measured and dropped after: holding every
  // size's catalogues at once would make the bench's own heap, not the engine, set the GC pauses.
  const instancesOf = (k: number, P: number, n = ENGINE_INSTANCES) => Array.from({ length: n }, (_, i) => instance(1000 * k + 10 * P + i * 7919, k, P));
  // Warm the JIT up on every size before measuring any (with fewer sizes picked, each gets more rounds).
  const rounds = Math.max(2, Math.ceil(24 / sizes.length));
  for (const { k, P } of sizes) {
    const warm = instancesOf(k, P, 50);
    for (let round = 0; round < rounds; round++) for (const inst of warm) match(inst.request, inst.offers, OPTS);
  }

  const rows = sizes.map(({ k, P }) => {
    const instances = instancesOf(k, P);
    const e = timeEngine(instances);
    const h = timeSolver(instances, e.best, viaHighs(highs));
    const g = timeSolver(instances, e.best, viaGlpk(glpk));
    const e50 = quantile(e.all, 0.5);
    const row = {
      k,
      P,
      offers: Math.round(instances.reduce((s, x) => s + x.offers.length, 0) / instances.length),
      engine_p50_ms: ms(e50),
      engine_p99_ms: ms(quantile(e.all, 0.99)),
      /** The same without the runs other processes preempted (a shared machine's noise, not the engine's). */
      engine_unpreempted_p50_ms: ms(quantile(e.unpreempted, 0.5)),
      engine_unpreempted_p99_ms: ms(quantile(e.unpreempted, 0.99)),
      preempted_runs: ms(1 - e.unpreempted.length / e.all.length, 3),
      /** p99 over instances of each one's median time. */
      engine_p99_instance_median_ms: ms(quantile(e.perInstance, 0.99)),
      engine_max_instance_median_ms: ms(Math.max(...e.perInstance)),
      highs_p50_ms: ms(quantile(h.times, 0.5), 2),
      highs_p99_ms: ms(quantile(h.times, 0.99), 2),
      glpk_p50_ms: ms(quantile(g.times, 0.5), 2),
      glpk_p99_ms: ms(quantile(g.times, 0.99), 2),
      highs_over_engine_p50: ms(quantile(h.times, 0.5) / e50, 1),
      glpk_over_engine_p50: ms(quantile(g.times, 0.5) / e50, 1),
      gap_highs: h.gap,
      gap_glpk: g.gap,
      solver_short_of_optimum: h.short + g.short,
      bundles_per_instance: ms(e.bundles / instances.length, 2),
      search_pops_mean: ms(e.pops / instances.length, 1),
    };
    console.log(
      `k=${String(k).padStart(2)} P=${String(P).padStart(3)} offers≈${String(row.offers).padStart(3)} │ engine p50 ${row.engine_p50_ms} p99 ${row.engine_p99_ms} (unpreempted ${row.engine_unpreempted_p99_ms}) ms │ ` +
        `highs p50 ${row.highs_p50_ms} ms (×${row.highs_over_engine_p50}) │ glpk p50 ${row.glpk_p50_ms} ms (×${row.glpk_over_engine_p50}) │ gap ${row.gap_highs}/${row.gap_glpk}`,
    );
    return row;
  });

  const out = resolve(process.env.BENCH_OUT ?? "bench/results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "match.json"),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), load_average: loadavg(), engine_instances: ENGINE_INSTANCES, engine_reps: ENGINE_REPS, solver_instances: SOLVER_INSTANCES, rows }, null, 2),
  );
  console.table(
    rows.map((r) => ({
      k: r.k, P: r.P, "engine p50": r.engine_p50_ms, "engine p99": r.engine_p99_ms, "p99 unpreempted": r.engine_unpreempted_p99_ms, "preempted": r.preempted_runs,
      "highs p50": r.highs_p50_ms, "glpk p50": r.glpk_p50_ms, "×highs": r.highs_over_engine_p50, "×glpk": r.glpk_over_engine_p50, gap: `${r.gap_highs}/${r.gap_glpk}`,
    })),
  );
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cpus; results in ${join(out, "match.json")}`);
  if (rows.some((r) => r.gap_highs !== 0 || r.gap_glpk !== 0)) {
    console.error("non-zero optimality gap");
    process.exitCode = 1;
  }
}

await main();
