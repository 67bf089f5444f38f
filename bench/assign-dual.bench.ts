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
// BENCH_RATE (0.3), BENCH_PIVOTS (the pivot limit; default: the engine's): lib/assign-compare.ts.
import type { SearchOptions, Searched } from "../src/transition/assign/bnb";
import { benchSizes, compare, costSearch, msCol, NODE_PIVOTS_PER_NODE, NODES, nodePivotsPerNode, nodesAndPivots, pad, PIVOTS_RATIO, provedCol, ratioCols, runCostSearch, TIME, valuesDiffer, type Run } from "./lib/assign-compare";

type Mode = NonNullable<SearchOptions["reSolveWith"]>;
const msPerNode = (x: Run<Mode, Searched>) => x.ms / Math.max(1, x.r.nodes);

compare({
  instances: benchSizes("250x20,500x30"),
  variants: ["primal", "dual"] as Mode[],
  prepare: costSearch,
  run: (at, mode) => runCostSearch(at, { reSolveWith: mode }),
  row: ({ variant: mode, r, ms }) =>
    `${mode.padEnd(6)} │ ${nodesAndPivots(r, { dual: true })} │ ${pad(nodePivotsPerNode(r).toFixed(1), 6)} node piv/node │ ${pad(r.dualFallbacks ?? 0, 4)} fallbacks │ ${msCol(ms)} │ ${provedCol(r)}`,
  ratio: (a, b) =>
    `ratios │ ${ratioCols(a, b, [NODES, PIVOTS_RATIO, NODE_PIVOTS_PER_NODE, ["ms/node", msPerNode], TIME])}` + (valuesDiffer(a.r, b.r) ? `  VALUES DIFFER: ${a.r.value} vs ${b.r.value}` : ""),
});
