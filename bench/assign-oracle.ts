/// <reference types="node" />
// `npm run bench:assign-oracle`: the true optimum (or the best total and a proved bound) of bench
// instances from an independent, native solver, CBC, run long: are the engine's open instances
// hard to prove (its total is the optimum) or hard to find (the optimum is lower)? The instance is
// the benches' own (benchInstance, the same rate, buildUnits "optimal"), written as the same two
// lexicographic programmes as the HiGHS reference (bench/lib/assign-mip.ts: fewest members out,
// then least cost with at most that many out) in MPS (bench/lib/assign-mps.ts), each given to
// `nice -n 19 cbc` (other benches keep the CPU first) with a time limit; stage 2 gets what stage 1
// left. Both CBC's pick and the engine's are checked against the programme's rows (every unit one
// choice or out, every capacity) and the groups' shared binding host, their totals recomputed.
//
// ORACLE_CASES   size:shape:seed[:sec] list (1000x45:random:0,2000x60:clustered:2:1200,…), sec a
//                case's own CBC limit; default 1000x45 random s0
// ORACLE_SOLVERS any of engine,cbc,highs (default engine,cbc): the engine on its default budget;
//                CBC; HiGHS wasm (bench/lib/assign-ref.ts, one thread) for its dual bound after a long run
// ORACLE_SEC     CBC's time limit over both stages, seconds (1800); ORACLE_THREADS CBC's threads (2)
// ORACLE_CUTOFF  engine: CBC's stage 2 searches only below the engine's cost (the engine in
//                ORACLE_SOLVERS, or its pick from an earlier run's JSON): "infeasible" proves the engine's
//                total the optimum; best: below the least of the engine's, HiGHS's and CBC's saved picks
//                (JSON under bench/results/oracle/), a proof of the best known total or a better one
// ORACLE_HIGHS_S HiGHS's limit (600); BENCH_RATE as bench:assign (0.3)
// ORACLE_SUMMARY=1 prints the saved results of ORACLE_CASES instead (summary() below).
// Writes the .mps, CBC's logs and solutions under bench/.scratch/oracle/, one JSON a case and
// solver under bench/results/oracle/. CBC is not in CI: without `cbc` on PATH the script says so.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { solveOptimal } from "../src/transition/assign/optimal";
import type { AssignInput } from "../src/transition/assign/types";
import { buildUnits, type UnitProblem } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { fewestOutMip, leastCostMip } from "./lib/assign-mip";
import { toMps } from "./lib/assign-mps";
import { checkLin, parseCbc, pickValues, splitGroups, type CbcRun } from "./lib/assign-oracle";
import { evaluatePick } from "./lib/assign-ref";
import type { Lin } from "./lib/reference";

const CASES = (process.env.ORACLE_CASES ?? "1000x45:random:0").split(",").map((c) => {
  const [size, shape, seed, sec] = c.split(":");
  const [members, providers] = size!.split("x").map(Number) as [number, number];
  return { members, providers, clustered: shape === "clustered", s: Number(seed ?? 0), sec: sec ? Number(sec) : undefined };
});
const SOLVERS = new Set((process.env.ORACLE_SOLVERS ?? "engine,cbc").split(","));
const SEC = Number(process.env.ORACLE_SEC ?? 1800);
const THREADS = Number(process.env.ORACLE_THREADS ?? 2);
/** Stage 2 looks only for a cost below a known pick's (cutoff): "engine" the engine's, "best" the least saved one. */
const CUTOFF = process.env.ORACLE_CUTOFF as "engine" | "best" | undefined;
const HIGHS_S = Number(process.env.ORACLE_HIGHS_S ?? 600);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const SCRATCH = resolve("bench/.scratch/oracle");
const RESULTS = resolve(process.env.BENCH_OUT ?? "bench/results", "oracle");

function runCbc(lin: Lin, file: string, sec: number, cutoff?: number): CbcRun {
  const mps = join(SCRATCH, `${file}.mps`);
  const solu = join(SCRATCH, `${file}.sol`);
  writeFileSync(mps, toMps(lin, file.replace(/\W/g, "_")));
  writeFileSync(solu, "");
  const t0 = performance.now();
  // ratio 0 / allow 0.5: both objectives are whole numbers, so stop only at a proof (as HiGHS's options).
  // timeMode elapsed: niced, CBC may get a fraction of a core; its limit is wall time, not its CPU.
  const args = ["-n", "19", "cbc", mps, "timeMode", "elapsed", "sec", String(Math.max(1, Math.round(sec))), "ratio", "0", "allow", "0.5", "threads", String(THREADS), ...(cutoff === undefined ? [] : ["cutoff", String(cutoff)]), "solve", "solu", solu];
  // The log goes straight to its file, to be watched while CBC runs (tail -f).
  const logFile = join(SCRATCH, `${file}.log`);
  const fd = openSync(logFile, "w");
  try {
    spawnSync("nice", args, { stdio: ["ignore", fd, fd] });
  } finally {
    closeSync(fd);
  }
  const wallS = (performance.now() - t0) / 1000;
  const log = readFileSync(logFile, "utf8");
  const solution = readFileSync(solu, "utf8");
  return parseCbc(log, solution || null, wallS);
}

/** A pick checked three ways: the stage-2 programme's rows at `maxOut`, capacities, groups; total recomputed. */
function checkPick(input: AssignInput, p: UnitProblem, pick: readonly number[], maxOut: number) {
  const e = evaluatePick(p, pick);
  const lin = checkLin(leastCostMip(p, maxOut), pickValues(p, pick));
  return { out: e.out, cost: e.cost, total: e.total, brokenRows: lin.broken, linCost: lin.objective, overCapacity: e.overCapacity.length, splitGroups: splitGroups(input, p, pick).length };
}

async function main() {
  if (SOLVERS.has("cbc") && spawnSync("cbc", ["-quit"], { encoding: "utf8" }).error) {
    console.error("bench:assign-oracle needs CBC's `cbc` on PATH (Debian: apt-get install -y coinor-cbc); it is not in CI.");
    process.exit(2);
  }
  mkdirSync(SCRATCH, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  for (const { members, providers, clustered, s, sec = SEC } of CASES) {
    const { input } = benchInstance(members, providers, clustered, s, BENCH_RATE);
    const p = buildUnits(input, "optimal");
    const name = `${members}x${providers}-${clustered ? "clustered" : "random"}-s${s}`;
    const allOut = p.units.reduce((n, u) => n + u.members.length, 0);
    const save = (solver: string, row: object) => writeFileSync(join(RESULTS, `${name}-${solver}.json`), JSON.stringify({ date: new Date().toISOString(), case: name, solver, ...row }, null, 2));

    // Known assignments of this case (checked): the cutoff's candidates.
    const known: { from: string; out: number; cost: number; pick: number[] }[] = [];
    if (SOLVERS.has("engine")) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const solved = solveOptimal(p);
      const cpu = process.cpuUsage(cpu0);
      const ms = performance.now() - t0;
      const e = evaluatePick(p, solved.pick);
      const check = checkPick(input, p, solved.pick, e.out);
      const row = { total: solved.total, proved: solved.proved, treeBound: solved.treeBound, rootBound: solved.lowerBound, nodes: solved.nodes, pivots: solved.pivots, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), pick: solved.pick, check };
      save("engine", row);
      known.push({ from: "engine", out: e.out, cost: e.cost, pick: solved.pick });
      console.log(`${name} engine: total ${solved.total} (${e.out} out, cost ${e.cost}) ${solved.proved ? "proved" : "open"}, tree bound ${solved.treeBound}, ${solved.nodes} nodes, ${solved.pivots} pivots, CPU ${row.cpuMs} ms │ check: ${check.brokenRows.length} rows broken, ${check.overCapacity} over capacity, ${check.splitGroups} groups split, programme cost ${check.linCost}`);
    }

    // The cutoff may take its picks from earlier runs' JSON (same case), each checked again here.
    for (const from of CUTOFF === "best" ? ["engine", "highs", "cbc", "cbc-cutoff"] : CUTOFF === "engine" ? ["engine"] : []) {
      const saved = join(RESULTS, `${name}-${from}.json`);
      if (known.some((k) => k.from === from) || !existsSync(saved)) continue;
      const pick = (JSON.parse(readFileSync(saved, "utf8")) as { pick: number[] | null }).pick;
      if (!pick || pick.length !== p.units.length) continue;
      const e = evaluatePick(p, pick);
      if (e.overCapacity.length === 0 && splitGroups(input, p, pick).length === 0) known.push({ from, out: e.out, cost: e.cost, pick });
    }
    if (SOLVERS.has("cbc")) {
      const one = runCbc(fewestOutMip(p), `${name}-out`, sec);
      const fewestPick = one.value ? p.units.map((unit, u) => unit.choices.findIndex((_, i) => one.value!(`x${u}_${i}`) > 0.5)) : null;
      const maxOut = fewestPick ? evaluatePick(p, fewestPick).out : allOut;
      // Whole-number costs: a cutoff half a cent below a known cost admits every cheaper assignment and not it.
      const inc = known.filter((k) => k.out === maxOut).sort((a, b) => a.cost - b.cost)[0] ?? null;
      const cut = inc ? inc.cost : null;
      const two = runCbc(leastCostMip(p, maxOut), `${name}-cost`, sec - one.wallS, cut === null ? undefined : cut - 0.5);
      const below = cut !== null && !two.value;
      const pick = two.value ? p.units.map((unit, u) => unit.choices.findIndex((_, i) => two.value!(`x${u}_${i}`) > 0.5)) : below ? inc!.pick : fewestPick;
      const check = pick ? checkPick(input, p, pick, maxOut) : null;
      // As assign-ref: the optimum leaves out ≥ stage 1's bound and ≤ maxOut, so costs ≥ stage 2's bound.
      const outBound = Math.max(0, one.bound);
      // Under a cutoff CBC's bound holds for the costs below it: the optimum is ≥ the lesser of it and the cutoff's cost.
      const infeasible = /infeasible/i.test(two.status);
      const costBound = Math.max(0, cut === null ? two.bound : Math.min(infeasible ? Infinity : two.bound, cut));
      const totalBound = costBound + p.unassignedCost * outBound;
      const proved = one.proved && (two.proved || (cut !== null && infeasible && /proven/i.test(two.status)));
      const strip = ({ value: _, ...rest }: CbcRun) => rest;
      save(cut === null ? "cbc" : "cbc-cutoff", { total: check?.total ?? null, proved, totalBound, out: maxOut, cutoff: cut, pickFrom: two.value ? "cbc" : below ? inc!.from : "cbc stage 1", stages: [strip(one), strip(two)], pick, check });
      console.log(
        `${name} cbc${cut !== null ? ` (below ${inc!.from}'s cost ${cut}; pick from ${two.value ? "CBC" : inc!.from})` : ""}: total ${check?.total ?? "none"} (${maxOut} out) ${proved ? "PROVED optimal" : `open, bound ${totalBound} (gap ${(check?.total ?? NaN) - totalBound})`} │ stage 1 ${one.status} ${one.wallS.toFixed(0)} s, stage 2 ${two.status} ${two.wallS.toFixed(0)} s (CPU ${two.cpuS} s, ${two.nodes} nodes) │ check: ${check ? `${check.brokenRows.length} rows broken, ${check.overCapacity} over capacity, ${check.splitGroups} groups split, cost ${check.cost} vs CBC's ${two.objective}` : "no pick"}`,
      );
    }

    if (SOLVERS.has("highs")) {
      const { default: loadHighs } = await import("highs");
      const { solveAssignRef } = await import("./lib/assign-ref");
      const ref = solveAssignRef(await loadHighs(), p, HIGHS_S);
      const check = ref.pick ? checkPick(input, p, ref.pick, ref.out) : null;
      save("highs", { total: ref.total, proved: ref.proved, status: ref.status, totalBound: ref.totalBound, out: ref.out, stageMs: ref.stageMs.map(Math.round), pick: ref.pick, check });
      console.log(`${name} highs (${HIGHS_S} s): total ${ref.total} ${ref.status}, bound ${ref.totalBound} (gap ${ref.total - ref.totalBound}), stages ${ref.stageMs.map((x) => (x / 1000).toFixed(0)).join(" + ")} s │ check: ${check ? `${check.brokenRows.length} rows broken, ${check.overCapacity} over capacity, ${check.splitGroups} groups split` : "no pick"}`);
    }
  }
}

/**
 * ORACLE_SUMMARY=1: no solving, one line a case from the saved JSON: the least total any solver
 * found and the highest proved bound (CBC's and HiGHS's; the engine's tree bound is its own), so the
 * engine's distance to the optimum splits into its primal side (total − best) and its bound side
 * (best bound − tree bound) — exact when some solver proved the optimum.
 */
function summary() {
  type Saved = { total: number | null; proved?: boolean; totalBound?: number; treeBound?: number; cutoff?: number | null };
  for (const { members, providers, clustered, s } of CASES) {
    const name = `${members}x${providers}-${clustered ? "clustered" : "random"}-s${s}`;
    const read = (solver: string): Saved | null => (existsSync(join(RESULTS, `${name}-${solver}.json`)) ? (JSON.parse(readFileSync(join(RESULTS, `${name}-${solver}.json`), "utf8")) as Saved) : null);
    const engine = read("engine");
    const others = ["highs", "cbc", "cbc-cutoff"].flatMap((k): [string, Saved][] => {
      const r = read(k);
      return r ? [[k, r]] : [];
    });
    if (!engine) {
      console.log(`${name}: no engine run saved`);
      continue;
    }
    const totals = [engine.total!, ...others.flatMap(([, r]) => (r.total === null ? [] : [r.total]))];
    const best = Math.min(...totals);
    const proved = others.some(([, r]) => r.proved);
    const bound = Math.max(...others.map(([, r]) => r.totalBound ?? -Infinity));
    const side = others.map(([k, r]) => `${k} ${r.total}${r.proved ? " proved" : ` bound ${r.totalBound}`}${r.cutoff ? ` (below ${r.cutoff})` : ""}`).join(", ");
    console.log(
      `${name}: engine ${engine.total} (tree bound ${engine.treeBound}) │ ${side} │ ${proved ? `optimum ${best}` : `best ${best}, bound ${bound}`}: engine +${engine.total! - best} above it, its tree bound ${proved ? `${best - engine.treeBound!} below the optimum` : `≥ ${bound - engine.treeBound!} below the best bound`}`,
    );
  }
}

if (process.argv[1]?.includes("assign-oracle")) {
  if (process.env.ORACLE_SUMMARY === "1") summary();
  else await main();
}
