// The two searches of src/transition/assign/optimal.ts as separate steps, for the cut bench: it
// runs the cost search (step 2) itself, once per cut separator, at the optimum's left-out count.
// These mirror optimal.ts's `fewest` and `cheapest` models; keep them in step with it.
import { search, type Model } from "../../src/transition/assign/bnb";
import type { UnitProblem } from "../../src/transition/assign/units";

/** Step 1's root: an assignment that fits (choice indexes, the last one "out" per unit). */
export function rootAssignment(p: UnitProblem): Int32Array {
  const units = p.units;
  const fewest: Model = {
    cost: units.map((u) => [...u.choices.map(() => 0), u.members.length]),
    res: units.map((u) => [...u.choices.map((c) => c.res), []]),
    amt: units.map((u) => [...u.choices.map((c) => c.amt), []]),
    cap: p.resources.map((r) => r.cap),
  };
  return search(fewest, Int32Array.from(units, (u) => u.choices.length), { nodeLimit: 1, cuts: false }).pick;
}

/** Step 2's model: least cost with at most `left` members out; the last unit is the banned relief. */
export function costModel(p: UnitProblem, left: number): Model {
  const units = p.units;
  const R = p.resources.length;
  const total = units.reduce((s, u) => s + u.members.length, 0);
  return {
    cost: [...units.map((u) => [...u.choices.map((c) => c.cost), 0]), [0, 0]],
    res: [...units.map((u) => [...u.choices.map((c) => c.res), [R]]), [[], [R]]],
    amt: [...units.map((u) => [...u.choices.map((c) => c.amt), [u.members.length]]), [[], [-total]]],
    cap: [...p.resources.map((r) => r.cap), left],
  };
}
