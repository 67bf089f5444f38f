/// <reference types="node" />
// `npm run bench:assign-branch`: the branching rule of the branch and bound (bnb.ts, branching.ts),
// old against new in the same run. Per instance, the cost search of optimal.ts (step 2, at the
// root's count of members left out, from the root's assignment), once per rule: `pseudo` (the old
// rule: pseudo-costs, the widest cost span before any is learnt) and `reliability` (strong
// branching on columns whose pseudo-costs rest on few samples). Per run: nodes, pivots split into
// node re-solves / strong-branching probes / primal sub-searches / the rest (cut rounds), probes
// and the children they closed, ms, proved and the value; then the ratios against the first rule
// (first / other: > 1, the other is better).
// The pivot and node counts are not noisy, the times are (a shared machine).
// Default instances: 100x10, 250x20, 500x30 random and clustered, then 1000x45 random.
// BENCH_SIZES + BENCH_SHAPES replace them (every size in every shape); BENCH_SEEDS (1),
// BENCH_RATE (0.3), BENCH_PIVOTS (the pivot limit; default: the engine's): lib/assign-compare.ts; BENCH_RULES
// (pseudo,reliability; "+estimate": plunge into the child of best estimate; "+gub": GUB split;
// "+primal": strong-branching probes by the primal simplex, the old probes), BENCH_RELIABILITY (η,λ,max probes,child pivots per row,share,start rows,1 to reuse the probes' bases: the defaults of
// branching.ts RELIABILITY otherwise).
import { RELIABILITY, type BranchRule, type PlungeRule, type ReliabilityOptions, type SplitRule } from "../src/transition/assign/branching";
import { search } from "../src/transition/assign/bnb";
import { costModel } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { rootAssignment } from "./lib/assign-phases";
import { BENCH_RATE, benchSizes, compare, costSearch, msCol, NODES, nodesAndPivots, pad, parseSizes, PIVOTS_RATIO, provedCol, ratioCols, runCostSearch, TIME, valuesDiffer, type Instance } from "./lib/assign-compare";

const DEFAULT: Instance[] = [...parseSizes("100x10,250x20,500x30").flatMap(([m, p]) => ["random", "clustered"].map((sh): Instance => [m, p, sh])), [1000, 45, "random"]];
// A rule: the branching, then optionally "+estimate" (plunge: branching.ts PlungeRule), "+gub" (split: SplitRule)
// and "+primal" (SearchOptions.probeWith: the probes by the primal, as before the dual probes).
const RULES = (process.env.BENCH_RULES ?? "pseudo,reliability").split(",");
const optionsOf = (rule: string) => {
  const [branching, ...more] = rule.split("+");
  return { branching: branching as BranchRule, plunge: (more.includes("estimate") ? "estimate" : "up") as PlungeRule, split: (more.includes("gub") ? "gub" : "column") as SplitRule, reliability: RELIABLE, ...(more.includes("primal") ? { probeWith: "primal" as const } : {}) };
};
const rel = process.env.BENCH_RELIABILITY?.split(",").map(Number);
const RELIABLE: ReliabilityOptions = rel ? { reliable: rel[0]!, lookahead: rel[1]!, maxProbes: rel[2]!, childPivotsPerRow: rel[3]!, share: rel[4] ?? Infinity, startRows: rel[5] ?? 0, reuseProbes: rel[6] === 1 } : RELIABILITY;

console.log(`reliability: η ${RELIABLE.reliable}, λ ${RELIABLE.lookahead}, ≤ ${RELIABLE.maxProbes} probes a node, ≤ ${RELIABLE.childPivotsPerRow} pivots per row a child, share ${RELIABLE.share} + ${RELIABLE.startRows} × rows${RELIABLE.reuseProbes ? ", children from their probes' bases" : ""}`);

// A warm-up search, so the first rule's time does not include the JIT's.
{
  const { input } = benchInstance(60, 6, false, 99, BENCH_RATE);
  const problem = buildUnits(input, "optimal");
  search(costModel(problem, 0), Int32Array.from([...rootAssignment(problem), 1]), { banned: [[problem.units.length, 1]], pivotLimit: 20_000 });
}

compare({
  instances: benchSizes(DEFAULT),
  variants: RULES,
  prepare: costSearch,
  run: (at, rule) => runCostSearch(at, optionsOf(rule)),
  row: ({ variant: rule, r, ms }) =>
    `${rule.padEnd(20)} │ ${nodesAndPivots(r, { strong: true })} │ ${pad(r.strongProbes ?? 0, 5)} probes, ${pad(r.strongClosed ?? 0, 4)} closed │ ${msCol(ms)} │ ${provedCol(r)}`,
  ratio: (a, b) => {
    const dv = b.r.value - a.r.value;
    return `${a.variant}/${b.variant} │ ${ratioCols(a, b, [NODES, PIVOTS_RATIO, TIME])} │ value ${dv >= 0 ? "+" : ""}${dv}` + (valuesDiffer(a.r, b.r) ? "  VALUES DIFFER" : "");
  },
});
