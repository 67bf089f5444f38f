/// <reference types="node" />
// `npm run bench:assign-cuts`: how much of the root gap the cuts close and what that does to the
// search, today's lifted covers (src/transition/assign/cuts.ts) against the old extended covers
// (bench/lib/cuts-baseline.ts) in the same run. Per instance: the cost search of optimal.ts (step
// 2, at the optimum's count of members left out) once per separator; the LP bound before cuts, the
// bound after the root rounds, HiGHS's optimum, the share of the gap closed, node-cut restarts, nodes, pivots, time,
// and when not proved the open nodes' least bound (treeBound) and how far below HiGHS's optimum it ended.
// Separators: "baseline" (the old extended covers), "lifted" (cuts.ts's lifted covers alone),
// "+gomory" (lifted covers and GMI cuts from the LP's tableau over at most a quarter of the choice
// columns, gomory.ts; not the engine's default: see the note there), "+gom.root" (the same in the
// root's cut rounds only, covers alone at node-cut restarts: gomory.ts rootGomory), "+gom.all" (GMI cuts of any
// density: dense rows make every pivot dearer), "+gom.10" (at most a tenth), "+mir" (c-MIR cuts on
// aggregations of tight rows and the lifted covers, mir.ts), "+mir.cross" (and the rows of two hosts a
// fractional unit is split between, MirOptions.cross), "+mir.root" (c-MIR in the root's rounds
// only), "+mir+gom.root" (c-MIR and GMI cuts in the root's rounds), "+mir.cost" / "+mir.root.cost" (costmir.ts's
// c-MIR with the objective cutoff, at every round and restart, beside +mir's / +mir.root's cuts; "+mir+gom.root.cost": and +mir+gom.root's).
// BENCH_SIZES=250x20,500x30 (members x providers), BENCH_SEEDS (2), BENCH_HIGHS_LIMIT_S (60),
// BENCH_RATE (0.3) as in bench/assign.bench.ts, whose instances these are; BENCH_SHAPES
// (random,clustered); BENCH_SEPARATORS (all of them; e.g. lifted,+gomory); BENCH_NODES (the
// search's node limit; 1: the root's cut rounds alone, for the root gap of the large sizes);
// BENCH_PIVOTS (the search's pivot limit; default the engine's, as solveOptimal gives it);
// BENCH_FROM_REF=1 (start from HiGHS's assignment instead of the fewest-out root's).
import loadHighs from "highs";
import { rootMirGomory, search } from "../src/transition/assign/bnb";
import type { Separator } from "../src/transition/assign/cutloop";
import { coverCuts } from "../src/transition/assign/cuts";
import { coversAndGomory, rootGomory } from "../src/transition/assign/gomory";
import { coversAndMir, mirCuts } from "../src/transition/assign/mir";
import { costMirCuts, coversMirCost, rootMirCost } from "../src/transition/assign/costmir";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstances } from "./lib/assign-instances";
import { costModel, defaultPivotLimit } from "../src/transition/assign/optimal";
import { rootAssignment } from "./lib/assign-phases";
import { solveAssignRef } from "./lib/assign-ref";
import { coverCuts as baselineCuts } from "./lib/cuts-baseline";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 2);
const HIGHS_LIMIT_S = Number(process.env.BENCH_HIGHS_LIMIT_S ?? 60);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
/** Nodes per search (default: bnb's); BENCH_NODES=1 measures the root's cut rounds alone. */
const NODES = process.env.BENCH_NODES ? Number(process.env.BENCH_NODES) : undefined;
/** Pivots per search (default: the engine's, optimal.ts defaultPivotLimit of the capacity rows). */
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;
const FROM_REF = process.env.BENCH_FROM_REF === "1";
const SEPARATORS = ([
  ["baseline", (m, rows, x) => baselineCuts(m, rows, x)],
  ["lifted", (m, rows, x) => coverCuts(m, rows, x)],
  ["+gomory", coversAndGomory],
  ["+gom.root", rootGomory],
  ["+gom.all", (m, rows, x, at) => coversAndGomory(m, rows, x, at, 1)],
  ["+gom.10", (m, rows, x, at) => coversAndGomory(m, rows, x, at, 0.1)],
  ["+mir", coversAndMir],
  ["+mir.cross", (m, rows, x) => [...mirCuts(m, rows, x, { max: Math.max(5, Math.round(m.cap.length / 8)), cross: true }), ...coverCuts(m, rows, x)]],
  ["+mir.root", (m, rows, x, at) => (at?.root ? coversAndMir(m, rows, x, at) : coverCuts(m, rows, x))],
  ["+mir+gom.root", rootMirGomory],
  ["+mir.cost", coversMirCost],
  ["+mir.root.cost", rootMirCost],
  ["+mir+gom.root.cost", (m, rows, x, at) => [...costMirCuts(m, rows, x, at, { max: Math.max(5, Math.round(m.cap.length / 8)) }), ...rootMirGomory(m, rows, x, at)]],
] as [string, Separator][]).filter(([label]) => !process.env.BENCH_SEPARATORS || process.env.BENCH_SEPARATORS.split(",").includes(label)) as [string, Separator][];

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : String(x));

async function main() {
  const highs = await loadHighs();
  for (const { members, providers, clustered, s, seed, input } of benchInstances(SIZES, SEEDS, BENCH_RATE)) {
    if (!SHAPES.includes(clustered ? "clustered" : "random")) continue;
    const problem = buildUnits(input, "optimal");
    // HiGHS's exact two-stage optimum (bench/lib/assign-ref.ts): members out, then cost at that count.
    const ref = solveAssignRef(highs, problem, HIGHS_LIMIT_S);
    if (!ref.pick || ref.overCapacity.length > 0) throw new Error(`HiGHS gave no assignment within capacity (${ref.status})`);
    const left = ref.out;
    const cost = ref.cost;
    const model = costModel(problem, left);
    // BENCH_FROM_REF=1: start from HiGHS's assignment (is the bound, not the incumbent, what blocks a proof?).
    const start = FROM_REF ? Int32Array.from([...ref.pick.map((k, u) => (k < 0 ? problem.units[u]!.choices.length : k)), 0]) : Int32Array.from([...rootAssignment(problem), 1]);
    const name = `${String(members).padStart(4)}×${String(providers).padStart(2)} ${(clustered ? "clustered" : "random").padEnd(9)} s${s}`;
    console.log(`${name} │ optimum ${cost}${ref.proved ? "" : ` (HiGHS: ${ref.status}, best known; bound ${ref.costBound})`}, ${left} out`);
    for (const [label, separate] of SEPARATORS) {
      const t0 = performance.now();
      const r = search(model, start, { separate, banned: [[problem.units.length, 1]], nodeLimit: NODES, pivotLimit: PIVOTS ?? defaultPivotLimit(problem.resources.length) });
      const ms = performance.now() - t0;
      const closed = ((r.rootCut! - r.rootLp!) / (cost - r.rootLp!)) * 100;
      console.log(
        `    ${label.padEnd(8)} │ LP ${f1(r.rootLp!)} → cuts ${f1(r.rootCut!)} (${r.cutRounds} rounds; ${r.restarts} node-cut restarts, ${r.cuts} cuts kept) │ gap closed ${f1(closed)}% │ ${r.nodes} nodes, ${r.pivots} pivots, ${Math.round(ms)} ms │ ${r.proved ? "proved" : "NOT proved"} ${r.value}${r.value === cost ? "" : ` (${r.value - cost > 0 ? "+" : ""}${r.value - cost})`}${r.proved ? "" : ` │ tree bound ${f1(r.treeBound ?? NaN)} (${f1(cost - (r.treeBound ?? NaN))} below the optimum)`}`,
      );
    }
  }
}

await main();
