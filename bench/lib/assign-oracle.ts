// Pure helpers of bench/assign-oracle.ts (the CBC oracle), apart so the tests can load them in
// workerd: CBC's log and solution read back, and an assignment checked against the integer
// programme itself (its rows) and against the input's groups, independently of the engine.
import { BINDING_KINDS, type AssignInput } from "../../src/transition/assign/types";
import type { UnitProblem } from "../../src/transition/assign/units";
import type { Lin } from "./reference";

export interface CbcRun {
  /** CBC's "Result - …" line, e.g. "Optimal solution found", "Stopped on time limit". */
  status: string;
  proved: boolean;
  objective: number | null;
  /** Its proved lower bound, rounded up to a whole number (the objective itself when proved). */
  bound: number;
  /** Column values by name (nonzero ones; the rest are 0); null without a feasible point. */
  value: ((name: string) => number) | null;
  nodes: number | null;
  cpuS: number | null;
  wallS: number;
}

/** CBC's log and `solu` file, read: its result line, objective, lower bound and the column values. */
export function parseCbc(log: string, solution: string | null, wallS: number): CbcRun {
  const num = (re: RegExp) => {
    const m = log.match(re);
    return m ? Number(m[1]) : null;
  };
  const status = log.match(/^Result - (.+)$/m)?.[1]?.trim() ?? "no result (see log)";
  const proved = /^Optimal solution found/.test(status);
  const objective = num(/^Objective value:\s+(\S+)/m);
  const lower = num(/^Lower bound:\s+(\S+)/m);
  let value: CbcRun["value"] = null;
  if (solution && objective !== null && !/^Infeasible|^Integer infeasible/.test(solution)) {
    const byName = new Map<string, number>();
    for (const line of solution.split("\n").slice(1)) {
      const m = line.match(/^\s*(?:\*\*)?\s*\d+\s+(\S+)\s+(\S+)/);
      if (m) byName.set(m[1]!, Number(m[2]));
    }
    value = (name) => byName.get(name) ?? 0;
  }
  const raw = proved ? objective : lower;
  return {
    status,
    proved,
    objective,
    bound: raw === null ? -Infinity : Math.ceil(raw - 1e-6),
    value,
    nodes: num(/^Enumerated nodes:\s+(\S+)/m),
    cpuS: num(/^Time \(CPU seconds\):\s+(\S+)/m),
    wallS,
  };
}

/** Rows of `lin` an assignment (column values) breaks; its objective. The check on the programme itself. */
export function checkLin(lin: Lin, value: (name: string) => number): { broken: string[]; objective: number } {
  const broken: string[] = [];
  for (const v of lin.vars) {
    const x = value(v.name);
    if (v.binary && x !== 0 && x !== 1) broken.push(`${v.name}=${x}`);
  }
  for (const r of lin.rows) {
    const lhs = r.terms.reduce((s, [n, c]) => s + c * value(n), 0);
    if (r.sense === "<=" ? lhs > r.rhs : r.sense === ">=" ? lhs < r.rhs : lhs !== r.rhs) broken.push(r.name);
  }
  return { broken, objective: lin.vars.reduce((s, v) => s + v.obj * value(v.name), 0) };
}

/** A pick (per unit: choice or -1) as the programmes' 0/1 column values. */
export function pickValues(p: UnitProblem, pick: readonly number[]): (name: string) => number {
  const on = new Set<string>();
  pick.forEach((k, u) => on.add(k < 0 ? `z${u}` : `x${u}_${k}`));
  return (name) => (on.has(name) ? 1 : 0);
}

/** Groups whose placed members' binding services are not all on one host, read from the input. */
export function splitGroups(input: AssignInput, p: UnitProblem, pick: readonly number[]): string[][] {
  const option = new Map<string, number>();
  pick.forEach((k, u) => {
    if (k < 0) return;
    p.units[u]!.members.forEach((m, j) => option.set(input.members[m]!.id, p.units[u]!.choices[k]!.picks[j]!));
  });
  return input.groups.filter((g) => {
    const hosts = new Set<string>();
    for (const id of g) {
      const o = option.get(id);
      if (o === undefined) continue;
      const member = input.members.find((m) => m.id === id)!;
      for (const it of member.options[o]!.items) if (BINDING_KINDS.has(it.kind)) hosts.add(it.provider_id);
    }
    return hosts.size > 1;
  });
}

