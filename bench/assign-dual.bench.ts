/// <reference types="node" />
// `npm run bench:assign-dual`: how branch and bound's children re-solve (bnb.ts SearchOptions
// reSolveWith), the primal with forbidden columns as a first-level cost (the old way) against the
// dual simplex from the parent's optimum (lp.ts GubLp.solveDual), in the same run. Per instance,
// the cost search of optimal.ts (step 2, at the root's count of members left out, from the root's
// assignment) both ways: nodes, pivots (node re-solves, of them the dual's, primal sub-searches,
// cut rounds), node pivots per node, the dual re-solves the primal had to take over, ms; then the
// ratios (primal / dual: > 1, the dual is better). Pivot counts are not noisy, times are (a shared
// machine); alternative optima may give other trees, so compare pivots per node too.
// BENCH_SIZES (default 250x20,500x30), BENCH_SHAPES (random,clustered), BENCH_SEEDS (1),
// BENCH_RATE (0.3), BENCH_PIVOTS (the pivot limit; default: the engine's).
import { search, type SearchOptions, type Searched } from "../src/transition/assign/bnb";
import { costModel, defaultPivotLimit, fewestModel } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { rootAssignment } from "./lib/assign-phases";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;
const MODES: NonNullable<SearchOptions["reSolveWith"]>[] = ["primal", "dual"];

const pad = (x: number | string, w: number) => String(x).padStart(w);
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    const clustered = shape === "clustered";
    for (let s = 0; s < SEEDS; s++) {
      const { input } = benchInstance(members, providers, clustered, s, BENCH_RATE);
      const problem = buildUnits(input, "optimal");
      const n = problem.units.length;
      // Step 1's root as optimal.ts runs it: its bound is the count of members the cost search may leave out.
      const root = search(fewestModel(problem), Int32Array.from(problem.units, (u) => u.choices.length), { nodeLimit: 1, cuts: false });
      const model = costModel(problem, Math.max(0, root.rootBound));
      const start = Int32Array.from([...rootAssignment(problem), 1]);
      const name = `${pad(members, 4)}×${String(providers).padEnd(2)} ${shape.padEnd(9)} s${s}`;
      const runs: { r: Searched; ms: number }[] = [];
      for (const mode of MODES) {
        const t0 = performance.now();
        const r = search(model, start, { banned: [[n, 1]], pivotLimit: PIVOTS ?? defaultPivotLimit(problem.resources.length), reSolveWith: mode });
        const ms = performance.now() - t0;
        runs.push({ r, ms });
        const node = r.nodePivots ?? 0;
        const primal = r.primalPivots ?? 0;
        console.log(
          `${name} ${mode.padEnd(6)} │ ${pad(r.nodes, 6)} nodes │ ${pad(r.pivots, 7)} pivots = node ${pad(node, 7)} (dual ${pad(r.dualPivots ?? 0, 7)}) + primal ${pad(primal, 6)} + cuts ${pad(r.pivots - node - primal, 6)} │ ` +
            `${pad((node / Math.max(1, r.nodes)).toFixed(1), 6)} node piv/node │ ${pad(r.dualFallbacks ?? 0, 4)} fallbacks │ ${pad(ms.toFixed(0), 6)} ms │ ${r.proved ? "proved" : "open  "} ${r.value}`,
        );
      }
      const [a, b] = runs as [{ r: Searched; ms: number }, { r: Searched; ms: number }];
      const perNode = (x: Searched) => (x.nodePivots ?? 0) / Math.max(1, x.nodes);
      const perMs = (x: { r: Searched; ms: number }) => x.ms / Math.max(1, x.r.nodes);
      console.log(
        `${name} ratios │ nodes ×${f2(a.r.nodes / b.r.nodes)} │ pivots ×${f2(a.r.pivots / b.r.pivots)} │ node piv/node ×${f2(perNode(a.r) / perNode(b.r))} │ ms/node ×${f2(perMs(a) / perMs(b))} │ time ×${f2(a.ms / b.ms)}` +
          (a.r.proved && b.r.proved && a.r.value !== b.r.value ? `  VALUES DIFFER: ${a.r.value} vs ${b.r.value}` : ""),
      );
    }
  }
}
