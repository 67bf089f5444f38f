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
// BENCH_RATE (0.3), BENCH_PIVOTS (the pivot limit; default: the engine's), BENCH_RULES
// (pseudo,reliability; "+estimate": plunge into the child of best estimate; "+gub": GUB split;
// "+primal": strong-branching probes by the primal simplex, the old probes), BENCH_RELIABILITY (η,λ,max probes,child pivots per row,share,start rows,1 to reuse the probes' bases: the defaults of
// branching.ts RELIABILITY otherwise).
import { RELIABILITY, type BranchRule, type PlungeRule, type ReliabilityOptions, type SplitRule } from "../src/transition/assign/branching";
import { search, type Searched } from "../src/transition/assign/bnb";
import { costModel, defaultPivotLimit, fewestModel } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { rootAssignment } from "./lib/assign-phases";

const parseSizes = (s: string) => s.split(",").map((x) => x.split("x").map(Number) as [number, number]);
const DEFAULT: [number, number, string][] = [
  ...parseSizes("100x10,250x20,500x30").flatMap(([m, p]) => ["random", "clustered"].map((sh) => [m, p, sh] as [number, number, string])),
  [1000, 45, "random"],
];
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const INSTANCES = process.env.BENCH_SIZES ? parseSizes(process.env.BENCH_SIZES).flatMap(([m, p]) => SHAPES.map((sh) => [m, p, sh] as [number, number, string])) : DEFAULT.filter(([, , sh]) => SHAPES.includes(sh));
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;
// A rule: the branching, then optionally "+estimate" (plunge: branching.ts PlungeRule), "+gub" (split: SplitRule)
// and "+primal" (SearchOptions.probeWith: the probes by the primal, as before the dual probes).
const RULES = (process.env.BENCH_RULES ?? "pseudo,reliability").split(",");
const optionsOf = (rule: string) => {
  const [branching, ...more] = rule.split("+");
  return { branching: branching as BranchRule, plunge: (more.includes("estimate") ? "estimate" : "up") as PlungeRule, split: (more.includes("gub") ? "gub" : "column") as SplitRule, reliability: RELIABLE, ...(more.includes("primal") ? { probeWith: "primal" as const } : {}) };
};
const rel = process.env.BENCH_RELIABILITY?.split(",").map(Number);
const RELIABLE: ReliabilityOptions = rel ? { reliable: rel[0]!, lookahead: rel[1]!, maxProbes: rel[2]!, childPivotsPerRow: rel[3]!, share: rel[4] ?? Infinity, startRows: rel[5] ?? 0, reuseProbes: rel[6] === 1 } : RELIABILITY;

const pad = (x: number | string, w: number) => String(x).padStart(w);
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));
console.log(`reliability: η ${RELIABLE.reliable}, λ ${RELIABLE.lookahead}, ≤ ${RELIABLE.maxProbes} probes a node, ≤ ${RELIABLE.childPivotsPerRow} pivots per row a child, share ${RELIABLE.share} + ${RELIABLE.startRows} × rows${RELIABLE.reuseProbes ? ", children from their probes' bases" : ""}`);

// A warm-up search, so the first rule's time does not include the JIT's.
{
  const { input } = benchInstance(60, 6, false, 99, BENCH_RATE);
  const problem = buildUnits(input, "optimal");
  search(costModel(problem, 0), Int32Array.from([...rootAssignment(problem), 1]), { banned: [[problem.units.length, 1]], pivotLimit: 20_000 });
}

for (const [members, providers, shape] of INSTANCES) {
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
    const runs: { rule: string; r: Searched; ms: number }[] = [];
    for (const rule of RULES) {
      const t0 = performance.now();
      const r = search(model, start, { banned: [[n, 1]], pivotLimit: PIVOTS ?? defaultPivotLimit(problem.resources.length), ...optionsOf(rule) });
      const ms = performance.now() - t0;
      runs.push({ rule, r, ms });
      const node = r.nodePivots ?? 0;
      const strong = r.strongPivots ?? 0;
      const primal = r.primalPivots ?? 0;
      console.log(
        `${name} ${rule.padEnd(20)} │ ${pad(r.nodes, 6)} nodes │ ${pad(r.pivots, 7)} pivots = node ${pad(node, 7)} + strong ${pad(strong, 7)} + primal ${pad(primal, 6)} + cuts ${pad(r.pivots - node - strong - primal, 6)} │ ` +
          `${pad(r.strongProbes ?? 0, 5)} probes, ${pad(r.strongClosed ?? 0, 4)} closed │ ${pad(ms.toFixed(0), 6)} ms │ ${r.proved ? "proved" : "open  "} ${r.value}`,
      );
    }
    const a = runs[0]!;
    for (const b of runs.slice(1)) {
      console.log(
        `${name} ${a.rule}/${b.rule} │ nodes ×${f2(a.r.nodes / b.r.nodes)} │ pivots ×${f2(a.r.pivots / b.r.pivots)} │ time ×${f2(a.ms / b.ms)} │ value ${b.r.value - a.r.value >= 0 ? "+" : ""}${b.r.value - a.r.value}` +
          (a.r.proved && b.r.proved && a.r.value !== b.r.value ? "  VALUES DIFFER" : ""),
      );
    }
  }
}
