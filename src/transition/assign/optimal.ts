// Mode `optimal`: the least total of monthly costs plus the penalty per provider per member, with
// the most members placed first, within every capacity and keeping groups whole. Exact.
// The objective (cost + M per member left out, M above any total of costs) is lexicographic, and
// one search on it has a weak bound: the LP leaves out fractions of members at M each. So it is
// solved in two exact branch-and-bound searches on the LP relaxation (bnb.ts, lp.ts), each on
// whole-number costs:
//  1. the fewest members left out, D: costs 0 for a placement, |unit| for leaving it out. Its LP
//     bound, rounded up, usually meets the first good assignment at once;
//  2. the least cost with at most D members left out: leaving a unit out costs 0 but takes |unit|
//     of one more capacity, D. No fewer than D can be left out, so exactly D are.
// The total is then cost + M·D, the optimum of the single programme (bench/lib/assign-mip.ts).
import { search, type Model } from "./bnb";
import type { UnitProblem } from "./units";

export interface Solved {
  /** Per unit: the index of its choice, or -1 when it stays unassigned. */
  pick: number[];
  /** The objective with unassigned members at `unassignedCost` each. */
  total: number;
  /** A lower bound on the total, from the roots of both searches. */
  lowerBound: number;
  proved: boolean;
  nodes: number;
}

export function solveOptimal(p: UnitProblem, opts: { nodeLimit?: number } = {}): Solved {
  const units = p.units;
  const R = p.resources.length;
  const res = units.map((u) => [...u.choices.map((c) => c.res), []]);
  const amt = units.map((u) => [...u.choices.map((c) => c.amt), []]);
  const out = (u: number) => units[u]!.choices.length; // the "unassigned" choice's index

  // 1. Fewest members left out; leaving everyone out always fits.
  const fewest: Model = {
    cost: units.map((u) => [...u.choices.map(() => 0), u.members.length]),
    res,
    amt,
    cap: p.resources.map((r) => r.cap),
  };
  const s1 = search(fewest, Int32Array.from(units, (_, u) => out(u)), opts);
  const left = s1.value;

  // 2. Least cost with at most `left` members out (capacity R), from the first search's assignment.
  const cheapest: Model = {
    cost: units.map((u) => [...u.choices.map((c) => c.cost), 0]),
    res: units.map((u, i) => [...res[i]!.slice(0, -1), [R]]),
    amt: units.map((u, i) => [...amt[i]!.slice(0, -1), [u.members.length]]),
    cap: [...fewest.cap, left],
  };
  const s2 = search(cheapest, s1.pick, opts);

  const pick = Array.from(s2.pick, (k, u) => (k === out(u) ? -1 : k));
  const lowerBound = s1.proved ? p.unassignedCost * left + Math.max(0, s2.rootBound) : p.unassignedCost * Math.max(0, s1.rootBound);
  return { pick, total: s2.value + p.unassignedCost * left, lowerBound, proved: s1.proved && s2.proved, nodes: s1.nodes + s2.nodes };
}
