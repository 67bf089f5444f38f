// The collective assignment: members, hosts with their capacities, groups and a penalty in; an
// assignment per member, or the reason it has none, out. Pure, deterministic, no I/O.
import type { CapacityKind } from "../capacity/model";
import { solveOptimal } from "./optimal";
import { solveStable } from "./stable";
import type { AssignInput, AssignMode, AssignResult, Assignment, Unassigned } from "./types";
import { buildUnits, optionCost, providersOf } from "./units";

export interface AssignOptions {
  /** `optimal`: how many search nodes before answering the best found (then `proved_optimal` is false). */
  nodeLimit?: number;
}

export function assign(input: AssignInput, mode: AssignMode, opts: AssignOptions = {}): AssignResult {
  const problem = buildUnits(input, mode);
  let pick: number[];
  let proved = true;
  let stable: boolean | null = null;
  let treeBound: number | undefined;
  if (mode === "optimal") {
    const solved = solveOptimal(problem, { nodeLimit: opts.nodeLimit });
    pick = solved.pick;
    proved = solved.proved;
    treeBound = solved.treeBound;
  } else {
    ({ pick, stable } = solveStable(input, problem));
  }

  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  const used = new Map<string, Partial<Record<CapacityKind, number>>>();
  let objective = 0;
  problem.units.forEach((unit, u) => {
    const i = pick[u]!;
    if (i < 0) {
      for (const mi of unit.members) unassigned.push({ member_id: input.members[mi]!.id, reason: unit.empty ?? "capacity_full" });
      return;
    }
    const choice = unit.choices[i]!;
    unit.members.forEach((mi, k) => {
      const m = input.members[mi]!;
      const o = m.options[choice.picks[k]!]!;
      objective += optionCost(o, input.penalty_cents);
      for (const it of o.items) {
        const kinds = used.get(it.provider_id) ?? {};
        kinds[it.kind] = (kinds[it.kind] ?? 0) + 1;
        used.set(it.provider_id, kinds);
      }
      for (const p of providersOf(o)) {
        const kinds = used.get(p)!;
        kinds.migrations = (kinds.migrations ?? 0) + 1;
      }
      assignments.push({ member_id: m.id, items: o.items, monthly_cents: o.monthly_cents, providers: providersOf(o).length });
    });
  });
  assignments.sort((a, b) => (a.member_id < b.member_id ? -1 : 1));
  unassigned.sort((a, b) => (a.member_id < b.member_id ? -1 : 1));
  const lower = mode === "optimal" ? lowerBound(objective, proved, treeBound, problem.unassignedCost * unassigned.length) : null;
  return { assignments, unassigned, objective_cents: objective, proved_optimal: mode === "optimal" ? proved : false, lower_bound_cents: lower, stable, used };
}

/**
 * The least cost any assignment leaving as few members out could have, on `objective_cents`'s scale.
 * The search's tree bound is on its total (cost + unassignedCost per member out); whenever it has
 * one, the members left out are proved the fewest possible, so taking theirs off leaves a bound on
 * the cost. The LP's whole cents are kept: a float a hair above a whole number must not round up.
 */
function lowerBound(objective: number, proved: boolean, treeBound: number | undefined, outCost: number): number | null {
  if (proved) return objective;
  if (treeBound === undefined || !Number.isFinite(treeBound)) return null;
  return Math.min(objective, Math.max(0, Math.ceil(treeBound - outCost - 1e-6)));
}
