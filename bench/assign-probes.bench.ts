/// <reference types="node" />
// Reliability branching's parameters side by side (branching.ts ReliabilityOptions) on the
// bench:assign instances, the engine alone: per instance ms, nodes, pivots, probes and their
// pivots; per size × shape and overall, each variant against the first: geometric mean of the
// pivot and time ratios (> 1: the variant is better), instances > 5 % better / worse in pivots, unproved.
// Run: `npm run bench:assign-probes`.
// BENCH_SIZES (100x10,250x20,500x30), BENCH_SHAPES (random,clustered), BENCH_SEEDS (3) from BENCH_FIRST_SEED (0),
// BENCH_VARIANTS: `;`-separated overrides of RELIABILITY, `default` for none, e.g.
// `default;skipUp=2;childPivotsPerRow=0.5,lookahead=2;cutoff=true,cutoffLearn=censored` (a value not a number stays a string),
// or a name of NAMED (probe limits by depth and rank, ReliabilityOptions.deepFrom / candidates), or
// of SEARCH (other branching and node-selection settings of the cost search: split, plunge, TreeRules).
// Per run also the total and the gap to a proof (total − the tree's least bound, Solved.treeBound).
// At 1000 × 45 (`BENCH_SIZES=1000x45 BENCH_SHAPES=clustered BENCH_SEEDS=6`) a run of four variants takes ~10 min.
import { RELIABILITY, type ReliabilityOptions } from "../src/transition/assign/branching";
import { solveOptimal, type OptimalOptions, type Solved } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "100x10,250x20,500x30").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const SEEDS = Number(process.env.BENCH_SEEDS ?? 3);
const FIRST_SEED = Number(process.env.BENCH_FIRST_SEED ?? 0);
const NAMED: Record<string, Partial<ReliabilityOptions>> = {
  rootOnly: { deepFrom: 1, deepReliable: 0 },
  deep8: { deepFrom: 8, deepReliable: 4 },
  deep16: { deepFrom: 16, deepReliable: 0 },
  cand2: { candidates: 2 },
  cand4: { candidates: 4 },
  cand6: { candidates: 6 },
  cand4half: { candidates: 4, childPivotsPerRow: 0.5 },
};
/** Search settings beside the probes' (OptimalOptions; bnb.ts SearchOptions.split, plunge, tree). */
const SEARCH: Record<string, OptimalOptions> = {
  gub: { split: "gub" },
  plungeUp: { plunge: "up" },
  depth4: { tree: { plungeDepth: 4 } },
  depth8: { tree: { plungeDepth: 8 } },
  depth16: { tree: { plungeDepth: 16 } },
  stale100: { tree: { staleBest: 100 } },
  stale300: { tree: { staleBest: 300 } },
  est: { tree: { select: "estimate" } },
  est5: { tree: { select: "estimate", boundEvery: 5 } },
  est10: { tree: { select: "estimate", boundEvery: 10 } },
  rel4: { reliability: { ...RELIABILITY, reliable: 4 } },
  rel12: { reliability: { ...RELIABILITY, reliable: 12 } },
  probes12: { reliability: { ...RELIABILITY, maxProbes: 12, lookahead: 4 } },
};
const VARIANTS: { label: string; o: Partial<ReliabilityOptions>; s?: OptimalOptions }[] = (process.env.BENCH_VARIANTS ?? "default").split(";").map((label) => ({
  label,
  s: SEARCH[label],
  o: label === "default" || label in SEARCH ? {} : label in NAMED ? NAMED[label]! : Object.fromEntries(label.split(",").map((kv) => kv.split("=")).map(([k, x]) => [k, x === "true" ? true : x === "false" ? false : Number.isNaN(Number(x)) ? x : Number(x)])),
}));

// Warm the JIT first: the first variant would pay for it.
{
  const { input } = benchInstance(250, 20, false, 0, 0.3);
  for (let i = 0; i < 2; i++) solveOptimal(buildUnits(input, "optimal"));
}
interface Acc { logPiv: number; logMs: number; n: number; better: number; worse: number; open: number }
const acc = new Map<string, Acc>();
for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    for (let s = FIRST_SEED; s < FIRST_SEED + SEEDS; s++) {
      const { input } = benchInstance(members, providers, shape === "clustered", s, 0.3);
      const runs: { label: string; r: Solved; ms: number }[] = [];
      for (const { label, o, s: so } of VARIANTS) {
        const t0 = performance.now();
        const r = solveOptimal(buildUnits(input, "optimal"), { reliability: { ...RELIABILITY, ...o }, ...so });
        runs.push({ label, r, ms: performance.now() - t0 });
      }
      const line = runs.map(({ label, r, ms }) => `${label}: ${ms.toFixed(0)} ms ${r.nodes} nodes ${r.pivots} pivots ${r.search?.strongProbes ?? 0} probes/${r.search?.strongPivots ?? 0} pivots${r.proved ? "" : ` OPEN total ${r.total - runs[0]!.r.total >= 0 ? "+" : ""}${r.total - runs[0]!.r.total} (${r.total}) gap ${r.total - (r.treeBound ?? NaN)}`}`);
      console.log(`${members}x${providers} ${shape} s${s} │ ${line.join(" │ ")}`);
      const a = runs[0]!;
      for (const b of runs.slice(1)) {
        for (const group of [`${members}x${providers} ${shape}`, "all"]) {
          const k = `${group} ${b.label}`;
          const x = acc.get(k) ?? { logPiv: 0, logMs: 0, n: 0, better: 0, worse: 0, open: 0 };
          x.logPiv += Math.log((a.r.pivots ?? 1) / (b.r.pivots ?? 1));
          x.logMs += Math.log(a.ms / b.ms);
          x.n++;
          if ((b.r.pivots ?? 0) < 0.95 * (a.r.pivots ?? 0)) x.better++;
          if ((b.r.pivots ?? 0) > 1.05 * (a.r.pivots ?? 0)) x.worse++;
          if (!b.r.proved) x.open++;
          acc.set(k, x);
        }
      }
    }
  }
}
for (const [k, x] of acc) {
  console.log(`${k.padEnd(48)} │ pivots ×${Math.exp(x.logPiv / x.n).toFixed(2)} time ×${Math.exp(x.logMs / x.n).toFixed(2)} (geometric means, ${VARIANTS[0]!.label} ÷ variant) │ ${x.better} better, ${x.worse} worse by > 5 % │ ${x.open} unproved`);
}
