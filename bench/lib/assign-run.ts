// One `optimal` run of a bench instance for bench:assign-pivotspeed, which bundles this file twice
// (once with lp.ts redirected to the frozen bench/lib/lp-pivotbase.ts) and alternates the two in one process.
import { solveOptimal, type OptimalOptions } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { benchInstance } from "./assign-instances";

export interface RunOut {
  pivots: number;
  nodes: number;
  total: number;
  bound: number;
  proved: boolean;
  /** CPU (user + system) of the solve, ms. */
  cpu: number;
}

/** The engine (its defaults, `pivotLimit` when given, and `opts`) on bench instance members × providers. */
export function run(members: number, providers: number, clustered: boolean, seed: number, pivotLimit?: number, opts: OptimalOptions = {}): RunOut {
  const problem = buildUnits(benchInstance(members, providers, clustered, seed, 0.3).input, "optimal");
  const c0 = process.cpuUsage();
  const s = solveOptimal(problem, pivotLimit ? { ...opts, pivotLimit } : opts);
  const cu = process.cpuUsage(c0);
  return { pivots: s.pivots ?? 0, nodes: s.nodes ?? 0, total: s.total, bound: s.treeBound ?? NaN, proved: s.proved, cpu: (cu.user + cu.system) / 1000 };
}
