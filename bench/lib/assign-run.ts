// One `optimal` run of a bench instance for bench:assign-pivotspeed, which bundles this file twice
// (once with lp.ts redirected to the frozen bench/lib/lp-pivotbase.ts) and alternates the two in one process.
import { solveOptimal } from "../../src/transition/assign/optimal";
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

/** The default engine (`pivotLimit` when given) on bench instance members × providers. */
export function run(members: number, providers: number, clustered: boolean, seed: number, pivotLimit?: number): RunOut {
  const problem = buildUnits(benchInstance(members, providers, clustered, seed, 0.3).input, "optimal");
  const c0 = process.cpuUsage();
  const s = solveOptimal(problem, pivotLimit ? { pivotLimit } : {});
  const cu = process.cpuUsage(c0);
  return { pivots: s.pivots ?? 0, nodes: s.nodes ?? 0, total: s.total, bound: s.treeBound ?? NaN, proved: s.proved, cpu: (cu.user + cu.system) / 1000 };
}
