// The HiGHS reference of the `optimal` assignment, exact on its lexicographic objective (fewest
// members left out, then least monthly cost) the way the engine solves it (optimal.ts): two HiGHS
// solves on whole-number objectives, (1) the fewest members out D, (2) the least cost with at most D
// out. One big-M objective (cost + M per member out, ≈1e8 in cents) is not exact: HiGHS's
// tolerances scale with it and it reported "Optimal" for totals tens of cents above the optimum.
// The answer is checked here, not trusted: the pick must fit every capacity, and its total is
// recomputed from the units' costs. Used by the tests (HiGHS inside workerd) and every bench.
import type { Highs } from "highs";
import { capacityUse, type UnitProblem } from "../../src/transition/assign/units";
import { fewestOutMip, leastCostMip, pickFromSolution } from "./assign-mip";
import { toLpText } from "./reference";

// Both objectives are whole numbers (members, cents), so an absolute gap below 1 proves the optimum:
// mip_abs_gap 0.5 (half a cent, margin for the bound's rounding) and mip_rel_gap 0 (the default 1e-4
// relative gap would let a total of 100,000 cents stop 10 cents short). mip_feasibility_tolerance
// 1e-7 (default 1e-6): a column counted as 1 while at 1 − 1e-7 cannot push a row of whole amounts
// over its capacity even summed over thousands of columns; the pick is checked again below anyway.
export const HIGHS_OPTIONS = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, mip_feasibility_tolerance: 1e-7 } as const;

// Stable C API model-status codes (highs.constants.modelStatus) as the legacy Status strings.
const STATUS: Record<number, string> = {
  7: "Optimal", 8: "Infeasible", 13: "Time limit reached", 14: "Iteration limit reached", 15: "Unknown", 17: "Interrupted",
};

interface Stage {
  status: string;
  /** Column values by name; null when HiGHS found no feasible point. */
  value: ((name: string) => number) | null;
  /** HiGHS's proved lower bound on the stage's objective (mip_dual_bound), rounded up to a whole number. */
  bound: number;
  ms: number;
}

/**
 * One HiGHS solve of LP text; the parse is inside the time, as a caller handing over text would pay it.
 * Neither stage can be infeasible (everyone out fits stage 1; stage 1's pick fits stage 2), yet this
 * HiGHS's presolve once called a 12-member stage 2 infeasible that it solves to the engine's optimum
 * without presolve (the instance is in tests/transition/assign-ref.test.ts): such a verdict is
 * solved again with presolve off, both runs in the time. So is a run that fails outright (HiGHS
 * status -1 on an instance of that test's, which it solves without presolve).
 */
function solveStage(highs: Highs, lp: string, timeLimitS: number): Stage {
  const t0 = performance.now();
  const first = solveOrFail(highs, lp, timeLimitS, {});
  if (first !== "failed" && first.status !== "Infeasible") return first;
  // Failed or called infeasible: neither can be true of these stages, so again without presolve.
  const spentS = (performance.now() - t0) / 1000;
  const again = solveOnce(highs, lp, timeLimitS - spentS, { presolve: "off" });
  return { ...again, ms: performance.now() - t0 };
}

/** `solveOnce`, with a run HiGHS itself fails (status -1) as "failed" instead of a throw. */
function solveOrFail(highs: Highs, lp: string, timeLimitS: number, extra: { presolve?: "off" }): Stage | "failed" {
  try {
    return solveOnce(highs, lp, timeLimitS, extra);
  } catch (e) {
    if (e instanceof Error && /status -1/.test(e.message)) return "failed";
    throw e;
  }
}

function solveOnce(highs: Highs, lp: string, timeLimitS: number, extra: { presolve?: "off" }): Stage {
  const t0 = performance.now();
  const model = highs.createModel({ format: "lp", data: lp });
  try {
    // HiGHS takes only finite numbers; no limit is its default (infinite).
    model.options.set(Number.isFinite(timeLimitS) ? { ...HIGHS_OPTIONS, ...extra, time_limit: Math.max(timeLimitS, 0.001) } : { ...HIGHS_OPTIONS, ...extra });
    model.run();
    const ms = performance.now() - t0;
    const code = model.getModelStatus();
    const status = STATUS[code] ?? `status ${code}`;
    const feasible = Number(model.info.get("primal_solution_status")) === 2;
    let value: Stage["value"] = null;
    if (feasible) {
      const cols = model.getSolution().colValue;
      const byName = new Map<string, number>();
      for (let j = 0; j < cols.length; j++) byName.set(model.getColName(j), cols[j]!);
      value = (name) => byName.get(name) ?? 0;
    }
    const dual = Number(model.info.get("mip_dual_bound"));
    const bound = Number.isFinite(dual) ? Math.ceil(dual - 1e-6) : -Infinity;
    return { status, value, bound, ms };
  } finally {
    model.dispose();
  }
}

export interface AssignRef {
  /** "Optimal" only when both stages proved their optimum; else the first unproved stage's status. */
  status: string;
  proved: boolean;
  /** Per unit: its choice or -1 (out); null when HiGHS found no assignment at all. */
  pick: number[] | null;
  /** Members out, cost and total (cost + unassignedCost per member out, as the engine's `total`), recomputed from the pick. */
  out: number;
  cost: number;
  total: number;
  /** A proved lower bound on the total: members out ≥ outBound, and the optimum's cost ≥ costBound. */
  outBound: number;
  costBound: number;
  totalBound: number;
  /** Resources the pick overflows (none when HiGHS is right). */
  overCapacity: number[];
  /** Time of each stage (LP parse included) and their sum. */
  stageMs: [number, number];
  ms: number;
}

/** Members out, cost and the resources over capacity of an assignment (per unit: choice or -1). */
export function evaluatePick(p: UnitProblem, pick: readonly number[]): { out: number; cost: number; total: number; overCapacity: number[] } {
  let out = 0;
  let cost = 0;
  p.units.forEach((unit, u) => {
    const k = pick[u]!;
    if (k < 0) out += unit.members.length;
    else cost += unit.choices[k]!.cost;
  });
  const overCapacity = [...capacityUse(p, pick)].flatMap((x, r) => (x > p.resources[r]!.cap ? [r] : []));
  return { out, cost, total: cost + p.unassignedCost * out, overCapacity };
}

/**
 * The exact lexicographic optimum by HiGHS. With `timeLimitS`, stage 1 gets it and stage 2 what is
 * left; a stage stopped early keeps its best assignment and its proved bound.
 */
export function solveAssignRef(highs: Highs, p: UnitProblem, timeLimitS = Infinity): AssignRef {
  const fewest = solveStage(highs, toLpText(fewestOutMip(p)), timeLimitS);
  // Leaving everyone out always fits, so stage 1 has an assignment unless stopped before any.
  const fewestPick = fewest.value ? pickFromSolution(p, fewest.value) : null;
  const maxOut = fewestPick ? evaluatePick(p, fewestPick).out : p.units.reduce((n, u) => n + u.members.length, 0);
  const least = solveStage(highs, toLpText(leastCostMip(p, maxOut)), timeLimitS - fewest.ms / 1000);
  const pick = least.value ? pickFromSolution(p, least.value) : fewestPick;
  const e = pick ? evaluatePick(p, pick) : { out: NaN, cost: NaN, total: NaN, overCapacity: [] };
  const proved = fewest.status === "Optimal" && least.status === "Optimal";
  // The optimum leaves out D* ≤ maxOut members, so it is a point of stage 2: its cost is at least
  // stage 2's bound. Costs are prices, never negative: 0 bounds the cost when stage 2 gave nothing.
  const outBound = Math.max(0, fewest.bound);
  const costBound = Math.max(0, least.bound);
  return {
    status: fewest.status !== "Optimal" ? `${fewest.status} (stage 1)` : least.status === "Optimal" ? "Optimal" : `${least.status} (stage 2)`,
    proved,
    pick,
    ...e,
    outBound,
    costBound,
    totalBound: costBound + p.unassignedCost * outBound,
    stageMs: [fewest.ms, least.ms],
    ms: fewest.ms + least.ms,
  };
}

