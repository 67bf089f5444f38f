/// <reference types="node" />
// `npm run bench:assign-tree`: the node re-solve path of the branch and bound (bnb.ts, lp.ts), old
// against new in the same run. Per instance, the cost search of optimal.ts (step 2, at the root's
// count of members left out, from the root's assignment) twice: `last` re-solves a node taken from
// the heap from wherever the previous node left the LP (the old behaviour), `parent` from the basis
// its parent stored with it. Per run: nodes, pivots split into node re-solves / primal sub-searches
// / cut rounds, node pivots per node and per node taken from the heap (the ones the change is
// about: a plunged child starts from its parent's basis either way), ms; then the ratios (last / parent: > 1, the new is better).
// The pivot counts are not noisy, the times are (a shared machine); but the trees differ: another
// start basis may give another optimal vertex (alternative optima), hence other branchings, so the
// node counts swing either way by tens of percent; compare the pivots per node, over several seeds.
// BENCH_SIZES (default 100x10,250x20,500x30), BENCH_SHAPES (random,clustered), BENCH_SEEDS (1),
// BENCH_RATE (0.3), BENCH_PIVOTS (the pivot limit; default: the engine's): lib/assign-compare.ts.
// BENCH_TREE (default last,parent): the variants, also node selection (bnb.ts TreeRules) on the
// parent re-solve: "carry" (bases carried over node-cut restarts), "q25" (plungeGap 0.25), "carry+q25";
// "last" and "parent" without carry (below 600 units the search's default carries).
// BENCH_FROM_BEST=k: every variant starts from the engine's assignment on k × its budget
// (solveOptimal), without heuristics, on 4 × the budget (or BENCH_PIVOTS): the incumbent fixed, how
// fast each rule raises the least bound to a proof (bnb.ts TREE_RULES' figures).
import type { SearchOptions, Searched, TreeRules } from "../src/transition/assign/bnb";
import { defaultPivotLimit, solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import type { AssignInput } from "../src/transition/assign/types";
import { benchSizes, compare, costSearch, msCol, NODE_PIVOTS_PER_NODE, NODES, nodePivotsPerNode, nodesAndPivots, pad, PIVOTS, PIVOTS_RATIO, provedCol, ratioCols, runCostSearch, TIME, valuesDiffer, type CostSearch } from "./lib/assign-compare";

type Mode = string;
const perPop = (r: Searched) => (r.popPivots ?? 0) / Math.max(1, r.pops ?? 0);
/** A BENCH_TREE variant as search options: "last", "parent", or TreeRules ("carry", "q25", joined by "+"). */
const optionsOf = (mode: Mode): SearchOptions => {
  if (mode === "last" || mode === "parent") return { reSolve: mode, tree: { carry: false } };
  const tree: TreeRules = {};
  for (const part of mode.split("+")) {
    if (part === "carry") tree.carry = true;
    else if (/^q\d+$/.test(part)) tree.plungeGap = Number(part.slice(1)) / 100;
    else throw new Error(`BENCH_TREE: unknown ${part}`);
  }
  return { reSolve: "parent", tree };
};

const FROM_BEST = Number(process.env.BENCH_FROM_BEST ?? 0);
/** The cost search, from the engine's assignment on FROM_BEST × its budget when asked. */
const prepare = (input: AssignInput): CostSearch => {
  const at = costSearch(input);
  if (!FROM_BEST) return at;
  const opt = solveOptimal(buildUnits(input, "optimal"), { pivotLimit: Math.round(FROM_BEST * defaultPivotLimit(at.problem.resources.length)) });
  return { ...at, start: opt.search!.pick };
};
const fromBest = (at: CostSearch): SearchOptions => (FROM_BEST ? { heuristics: false, pivotLimit: PIVOTS ?? 4 * defaultPivotLimit(at.problem.resources.length) } : {});

compare({
  instances: benchSizes("100x10,250x20,500x30"),
  variants: (process.env.BENCH_TREE ?? "last,parent").split(","),
  prepare,
  run: (at, mode) => runCostSearch(at, { ...optionsOf(mode), ...fromBest(at) }),
  row: ({ variant: mode, r, ms }) =>
    `${mode.padEnd(9)} │ ${nodesAndPivots(r)} │ ${pad(nodePivotsPerNode(r).toFixed(1), 6)} node piv/node │ ${pad(r.pops ?? 0, 5)} popped: ${pad(perPop(r).toFixed(1), 6)} piv/popped │ ${msCol(ms)} │ ${provedCol(r)}`,
  ratio: (a, b) =>
    `ratios │ ${ratioCols(a, b, [NODES, PIVOTS_RATIO, NODE_PIVOTS_PER_NODE, ["piv/popped", (x) => perPop(x.r)], TIME])}` + (valuesDiffer(a.r, b.r) ? `  VALUES DIFFER: ${a.r.value} vs ${b.r.value}` : ""),
});
