// The first search of src/transition/assign/optimal.ts as a step of its own, for the cut bench: it
// runs the cost search (optimal.ts's costModel) itself, once per cut separator, at the optimum's
// left-out count, from this root's assignment.
import { search } from "../../src/transition/assign/bnb";
import { fewestModel } from "../../src/transition/assign/optimal";
import type { UnitProblem } from "../../src/transition/assign/units";

/** Step 1's root: an assignment that fits (choice indexes, the last one "out" per unit). */
export function rootAssignment(p: UnitProblem): Int32Array {
  return search(fewestModel(p), Int32Array.from(p.units, (u) => u.choices.length), { nodeLimit: 1, cuts: false }).pick;
}
