import type { Model } from "../../src/transition/assign/lp";
import type { UnitProblem } from "../../src/transition/assign/units";

/**
 * The single programme of bench/lib/assign-mip.ts as an LP model: each unit's choices, then "out" at a
 * cost per member above any choice's (so leaving all out always fits). Shared by the LP benches and tests.
 */
export function outModel(p: UnitProblem): Model {
  return {
    cost: p.units.map((u) => [...u.choices.map((c) => c.cost), p.unassignedCost * u.members.length]),
    res: p.units.map((u) => [...u.choices.map((c) => c.res), []]),
    amt: p.units.map((u) => [...u.choices.map((c) => c.amt), []]),
    cap: p.resources.map((r) => r.cap),
  };
}
