// Small UnitProblems by hand and their enumeration, for property tests on tiny instances (≤ 6 units × ≤ 4 choices).
import fc from "fast-check";
import { evaluatePick } from "../../bench/lib/assign-ref";
import type { Unit, UnitProblem } from "../../src/transition/assign/units";

/** A unit problem as units.ts builds it: unassignedCost above any total of assigned costs. */
export function problemOf(units: TinyUnits, caps: number[]): UnitProblem {
  const us: Unit[] = units.map((u, i) => ({
    members: Array.from({ length: u.members }, (_, k) => i * 10 + k),
    choices: u.choices.map((c) => ({ picks: [], cost: c.cost, res: c.use.map(([r]) => r), amt: c.use.map(([, a]) => a), host: null })),
    empty: u.choices.length === 0 ? "no_offer" : null,
  }));
  const total = us.reduce((n, u) => n + Math.max(0, ...u.choices.map((c) => c.cost)), 0);
  return { units: us, resources: caps.map((cap, r) => ({ provider: `p${r}`, kind: "mailbox", cap })), unassignedCost: total + 1 };
}

export interface Enumerated { pick: number[]; out: number; cost: number; total: number }

/** Every assignment within capacities (each unit: a choice, or -1 for out), with its members out, cost and total. */
export function feasiblePicks(p: UnitProblem): Enumerated[] {
  const all: Enumerated[] = [];
  const pick = new Array<number>(p.units.length).fill(-1);
  const walk = (u: number) => {
    if (u === p.units.length) {
      const e = evaluatePick(p, pick);
      if (e.overCapacity.length === 0) all.push({ pick: pick.slice(), out: e.out, cost: e.cost, total: e.total });
      return;
    }
    for (let k = -1; k < p.units[u]!.choices.length; k++) {
      pick[u] = k;
      walk(u + 1);
    }
    pick[u] = -1;
  };
  walk(0);
  return all;
}

export type TinyUnits = { members: number; choices: { cost: number; use: [number, number][] }[] }[];

/** Up to 6 units of 1–3 members, each with up to 4 choices over R resources, and R capacities of 0–8 (problemOf's input). */
export function tinyUnitsArb(R: number, least: { choices: number; uses: number }): fc.Arbitrary<[TinyUnits, number[]]> {
  const use = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: R - 1 }), fc.integer({ min: 1, max: 4 })), { selector: ([r]) => r, minLength: least.uses, maxLength: R });
  const choice = fc.record({ cost: fc.integer({ min: 0, max: 5_000 }), use });
  const unit = fc.record({ members: fc.integer({ min: 1, max: 3 }), choices: fc.array(choice, { minLength: least.choices, maxLength: 4 }) });
  return fc.tuple(fc.array(unit, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 8 }), { minLength: R, maxLength: R }));
}
