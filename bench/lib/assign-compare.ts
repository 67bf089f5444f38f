/// <reference types="node" />
// The instance loop shared by the engine's side-by-side benches (assign-dual, assign-tree,
// assign-branch): per bench instance and seed, one timed run per variant, a row each, then a
// ratio line of the first variant against each other one (first / other: > 1, the other is
// better). The benches keep only what differs: their variants, row columns and ratio columns.
// Env (read here, the same in every such bench): BENCH_SIZES, BENCH_SHAPES (random,clustered),
// BENCH_SEEDS (1), BENCH_RATE (0.3), BENCH_PIVOTS (the pivot limit; default: the engine's).
import type { AssignInput } from "../../src/transition/assign/types";
import { search, type SearchOptions, type Searched } from "../../src/transition/assign/bnb";
import type { Model } from "../../src/transition/assign/lp";
import { costModel, defaultPivotLimit, fewestModel } from "../../src/transition/assign/optimal";
import { buildUnits, type UnitProblem } from "../../src/transition/assign/units";
import { benchInstance } from "./assign-instances";
import { rootAssignment } from "./assign-phases";

/** members, providers, shape ("random" or "clustered"). */
export type Instance = [number, number, string];

export const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
export const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
export const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
export const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;

export const parseSizes = (s: string) => s.split(",").map((x) => x.split("x").map(Number) as [number, number]);
const inShapes = (sizes: [number, number][]) => sizes.flatMap(([m, p]) => SHAPES.map((sh): Instance => [m, p, sh]));

/** BENCH_SIZES in every BENCH_SHAPES; without BENCH_SIZES, the default sizes (every shape) or instances (those of BENCH_SHAPES). */
export function benchSizes(defaults: string | Instance[]): Instance[] {
  if (process.env.BENCH_SIZES) return inShapes(parseSizes(process.env.BENCH_SIZES));
  return typeof defaults === "string" ? inShapes(parseSizes(defaults)) : defaults.filter(([, , sh]) => SHAPES.includes(sh));
}

export const pad = (x: number | string, w: number) => String(x).padStart(w);
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));
export const msCol = (ms: number) => `${pad(ms.toFixed(0), 6)} ms`;
export const provedCol = (r: { proved: boolean; value: number }) => `${r.proved ? "proved" : "open  "} ${r.value}`;

/** One variant's run on one instance. */
export interface Run<V, R> {
  variant: V;
  r: R;
  ms: number;
}

/** A ratio column: its label and the figure divided, first run's by the other's. */
export type Ratio<V, R> = [string, (x: Run<V, R>) => number];
export const ratioCols = <V, R>(a: Run<V, R>, b: Run<V, R>, cols: Ratio<V, R>[]) => cols.map(([label, f]) => `${label} ×${f2(f(a) / f(b))}`).join(" │ ");

/**
 * Every instance × seed: `prepare` once, then each variant timed (`run`) and printed (`row`),
 * then one line per other variant (`ratio(first, other)`); each line starts with the instance's name.
 */
export function compare<V, P, R>(o: {
  instances: Instance[];
  variants: V[];
  prepare: (input: AssignInput) => P;
  run: (at: P, variant: V) => R;
  row: (x: Run<V, R>) => string;
  ratio: (a: Run<V, R>, b: Run<V, R>) => string;
}) {
  for (const [members, providers, shape] of o.instances) {
    for (let s = 0; s < SEEDS; s++) {
      const { input } = benchInstance(members, providers, shape === "clustered", s, BENCH_RATE);
      const at = o.prepare(input);
      const name = `${pad(members, 4)}×${String(providers).padEnd(2)} ${shape.padEnd(9)} s${s}`;
      const runs: Run<V, R>[] = [];
      for (const variant of o.variants) {
        const t0 = performance.now();
        const r = o.run(at, variant);
        const run = { variant, r, ms: performance.now() - t0 };
        runs.push(run);
        console.log(`${name} ${o.row(run)}`);
      }
      for (const b of runs.slice(1)) console.log(`${name} ${o.ratio(runs[0]!, b)}`);
    }
  }
}

/** The cost search of optimal.ts (step 2) on an instance: at the root's count of members left out, from the root's assignment. */
export interface CostSearch {
  problem: UnitProblem;
  model: Model;
  start: Int32Array;
}

export function costSearch(input: AssignInput): CostSearch {
  const problem = buildUnits(input, "optimal");
  // Step 1's root as optimal.ts runs it: its bound is the count of members the cost search may leave out.
  const root = search(fewestModel(problem), Int32Array.from(problem.units, (u) => u.choices.length), { nodeLimit: 1, cuts: false });
  return { problem, model: costModel(problem, Math.max(0, root.rootBound)), start: Int32Array.from([...rootAssignment(problem), 1]) };
}

/** That search under `options`, "out" banned, at BENCH_PIVOTS or the engine's pivot limit. */
export function runCostSearch(at: CostSearch, options: SearchOptions): Searched {
  return search(at.model, at.start, { banned: [[at.problem.units.length, 1]], pivotLimit: PIVOTS ?? defaultPivotLimit(at.problem.resources.length), ...options });
}

/** Nodes, and pivots split into node re-solves (and of them the dual's), strong-branching probes, primal sub-searches, the rest (cut rounds). */
export function nodesAndPivots(r: Searched, o: { dual?: boolean; strong?: boolean } = {}) {
  const node = r.nodePivots ?? 0;
  const strong = o.strong ? (r.strongPivots ?? 0) : 0;
  const primal = r.primalPivots ?? 0;
  return (
    `${pad(r.nodes, 6)} nodes │ ${pad(r.pivots, 7)} pivots = node ${pad(node, 7)}` +
    (o.dual ? ` (dual ${pad(r.dualPivots ?? 0, 7)})` : "") +
    (o.strong ? ` + strong ${pad(strong, 7)}` : "") +
    ` + primal ${pad(primal, 6)} + cuts ${pad(r.pivots - node - strong - primal, 6)}`
  );
}

/** Node re-solve pivots per node. */
export const nodePivotsPerNode = (r: Searched) => (r.nodePivots ?? 0) / Math.max(1, r.nodes);

/** The ratio columns every cost-search bench prints. */
export const NODES: Ratio<unknown, Searched> = ["nodes", (x) => x.r.nodes];
export const PIVOTS_RATIO: Ratio<unknown, Searched> = ["pivots", (x) => x.r.pivots];
export const NODE_PIVOTS_PER_NODE: Ratio<unknown, Searched> = ["node piv/node", (x) => nodePivotsPerNode(x.r)];
export const TIME: Ratio<unknown, Searched> = ["time", (x) => x.ms];

/** Both runs proved, to other values: the search is not exact under one of them. */
export const valuesDiffer = (a: Searched, b: Searched) => a.proved && b.proved && a.value !== b.value;
