// The collective assignment as integer programmes, for HiGHS (tests and bench): the same units and
// choices the engine searches (src/transition/assign/units.ts). x(u,i) = 1 when unit u takes its
// choice i, z(u) = 1 when it stays out; every programme has the rows
//   Σ_i x(u,i) + z(u) = 1                 every unit gets one choice or stays out
//   Σ amt(u,i,r)·x(u,i) ≤ cap(r)           every limited provider × kind
// The objective is lexicographic (fewest members out, then least cost), solved exactly in two
// stages as the engine does (bench/lib/assign-ref.ts): fewestOutMip, then leastCostMip at that
// count. assignMip folds both into one objective with a big-M (≈1e8 with costs in cents): HiGHS's
// tolerances are then too coarse to tell totals a few cents apart, so it is only used for its LP
// relaxation (tests/transition/assign-lp.test.ts), never as the MIP reference.
import type { UnitProblem } from "../../src/transition/assign/units";
import type { Lin } from "./reference";

/** The rows every programme shares and one column per choice and per "out", with the given objective. */
function withObjective(p: UnitProblem, choiceObj: (u: number, i: number) => number, outObj: (u: number) => number): Lin {
  const vars: Lin["vars"] = [];
  const rows: Lin["rows"] = [];
  const perRes: [string, number][][] = p.resources.map(() => []);
  p.units.forEach((unit, u) => {
    const one: [string, number][] = [];
    unit.choices.forEach((c, i) => {
      const name = `x${u}_${i}`;
      vars.push({ name, obj: choiceObj(u, i), binary: true });
      one.push([name, 1]);
      c.res.forEach((r, k) => perRes[r]!.push([name, c.amt[k]!]));
    });
    vars.push({ name: `z${u}`, obj: outObj(u), binary: true });
    one.push([`z${u}`, 1]);
    rows.push({ name: `u${u}`, terms: one, sense: "=", rhs: 1 });
  });
  perRes.forEach((terms, r) => {
    if (terms.length > 0) rows.push({ name: `r${r}`, terms, sense: "<=", rhs: p.resources[r]!.cap });
  });
  return { vars, rows };
}

/** The single big-M programme: minimise Σ cost(u,i)·x(u,i) + M·|u|·z(u). LP relaxation tests only. */
export function assignMip(p: UnitProblem): Lin {
  return withObjective(p, (u, i) => p.units[u]!.choices[i]!.cost, (u) => p.unassignedCost * p.units[u]!.members.length);
}

/** Stage 1: minimise the members left out, Σ |u|·z(u) (small whole numbers). */
export function fewestOutMip(p: UnitProblem): Lin {
  return withObjective(p, () => 0, (u) => p.units[u]!.members.length);
}

/** Stage 2: minimise Σ cost(u,i)·x(u,i) with at most `maxOut` members left out (one more row). */
export function leastCostMip(p: UnitProblem, maxOut: number): Lin {
  const lin = withObjective(p, (u, i) => p.units[u]!.choices[i]!.cost, () => 0);
  const terms = p.units.map((unit, u): [string, number] => [`z${u}`, unit.members.length]);
  if (terms.length > 0) lin.rows.push({ name: "out", terms, sense: "<=", rhs: maxOut });
  return lin;
}

/** Read the choice of each unit back from HiGHS's column values (-1: unassigned). */
export function pickFromSolution(p: UnitProblem, value: (name: string) => number): number[] {
  return p.units.map((unit, u) => unit.choices.findIndex((_, i) => value(`x${u}_${i}`) > 0.5));
}
