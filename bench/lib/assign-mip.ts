// The collective assignment as an integer programme, for HiGHS (tests and bench): the same units
// and choices the engine searches (src/transition/assign/units.ts).
//   minimise Σ cost(u,i)·x(u,i) + M·|u|·z(u)
//   Σ_i x(u,i) + z(u) = 1                 every unit gets one choice or stays out
//   Σ amt(u,i,r)·x(u,i) ≤ cap(r)           every limited provider × kind
import type { UnitProblem } from "../../src/transition/assign/units";
import type { Lin } from "./reference";

export function assignMip(p: UnitProblem): Lin {
  const vars: Lin["vars"] = [];
  const rows: Lin["rows"] = [];
  const perRes: [string, number][][] = p.resources.map(() => []);
  p.units.forEach((unit, u) => {
    const one: [string, number][] = [];
    unit.choices.forEach((c, i) => {
      const name = `x${u}_${i}`;
      vars.push({ name, obj: c.cost, binary: true });
      one.push([name, 1]);
      c.res.forEach((r, k) => perRes[r]!.push([name, c.amt[k]!]));
    });
    vars.push({ name: `z${u}`, obj: p.unassignedCost * unit.members.length, binary: true });
    one.push([`z${u}`, 1]);
    rows.push({ name: `u${u}`, terms: one, sense: "=", rhs: 1 });
  });
  perRes.forEach((terms, r) => {
    if (terms.length > 0) rows.push({ name: `r${r}`, terms, sense: "<=", rhs: p.resources[r]!.cap });
  });
  return { vars, rows };
}

/** Read the choice of each unit back from HiGHS's column values (-1: unassigned). */
export function pickFromSolution(p: UnitProblem, value: (name: string) => number): number[] {
  return p.units.map((unit, u) => unit.choices.findIndex((_, i) => value(`x${u}_${i}`) > 0.5));
}
