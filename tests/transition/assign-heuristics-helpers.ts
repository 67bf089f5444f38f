// Shared by the primal heuristics' tests (assign-heuristics*.test.ts): small models from the bench's
// instance generator, a poor start that fits, the instance shapes, the schedules' set-up and pick checks, and the search as a sub-search.
import fc from "fast-check";
import { expect } from "vitest";
import { assignInstance, benchInstance, type AssignShape } from "../../bench/lib/assign-instances";
import { search, subSearchWith, type Model } from "../../src/transition/assign/bnb";
import { fitsAll, totalCost, type SubSearch, type Usable } from "../../src/transition/assign/heuristics";
import { solveOptimal, type OptimalOptions } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";

/** Units' choices, then "out" (no capacity, a high cost): everyone out always fits; per row its host. */
export function heuristicModel(shape: AssignShape, seed: number): { m: Model; hostOf: Int32Array } {
  const p = buildUnits(assignInstance(shape, seed), "optimal");
  const ids = new Map<string, number>();
  for (const r of p.resources) if (!ids.has(r.provider)) ids.set(r.provider, ids.size);
  return {
    m: {
      cost: p.units.map((u) => [...u.choices.map((c) => c.cost), 5_000 * u.members.length]),
      res: p.units.map((u) => [...u.choices.map((c) => c.res), []]),
      amt: p.units.map((u) => [...u.choices.map((c) => c.amt), []]),
      cap: p.resources.map((r) => r.cap),
    },
    hostOf: Int32Array.from(p.resources, (r) => ids.get(r.provider)!),
  };
}

/** A poor start that fits: each unit, in a seeded order, its dearest usable choice that still fits, else out. */
export function startOf(m: Model, usable: Usable, seed: number): Int32Array {
  const pick = Int32Array.from(m.cost, (c) => c.length - 1);
  const order = m.cost.map((_, u) => u).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
  for (const u of order) {
    const ks = m.cost[u]!.map((_, k) => k).filter((k) => usable(u, k)).sort((a, b) => m.cost[u]![b]! - m.cost[u]![a]!);
    for (const k of ks) {
      const was = pick[u]!;
      pick[u] = k;
      if (fitsAll(m, pick)) break;
      pick[u] = was;
    }
  }
  return pick;
}

/** Instance shapes of up to `maxMembers` members. */
export const shapeArb = (maxMembers: number) =>
  fc.record({
    members: fc.integer({ min: 2, max: maxMembers }),
    providers: fc.integer({ min: 1, max: 6 }),
    options: fc.integer({ min: 1, max: 6 }),
    clustered: fc.boolean(),
    grouped: fc.constantFrom(0, 0.3, 0.6),
    slack: fc.constantFrom(0.5, 0.8, 1, 1.5),
    rate: fc.constantFrom(0, 0.5),
  });

/** The search itself as a neighbourhood's sub-search, without heuristics. */
/** A schedule test's draw: a model (up to 40 members), a seed, which choices are banned (every banEvery-th), a pivot limit. */
export const scheduleArb = fc.record({
  shape: shapeArb(40),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  banEvery: fc.integer({ min: 2, max: 7 }),
  pivotLimit: fc.constantFrom(2_000, 20_000, 100_000),
});

/**
 * A schedule test's set-up for a scheduleArb draw: the model, every banEvery-th choice unusable
 * (never a unit's last), a poor start, and an "LP point" (each unit whole on its cheapest usable choice).
 */
export function scheduleSetup(shape: AssignShape, seed: number, banEvery: number) {
  const { m } = heuristicModel(shape, seed);
  const usable: Usable = (u, k) => k === m.cost[u]!.length - 1 || (u * 31 + k * 17 + seed) % banEvery !== 0;
  const start = startOf(m, usable, seed);
  const first = Int32Array.from(m.cost, (cs, u) => cs.map((_, k) => k).filter((k) => usable(u, k)).sort((x, y) => cs[x]! - cs[y]!)[0]!);
  const firstVal = new Float64Array(m.cost.length).fill(1);
  return { m, usable, start, first, firstVal };
}

/** A schedule's pick against the incumbent it replaces: one choice per unit, usable where it changed, fits, strictly cheaper. */
export function expectBetterPick(m: Model, usable: Usable, best: Int32Array, pick: Int32Array) {
  expect(pick.length).toBe(m.cost.length);
  pick.forEach((k, u) => {
    expect(k >= 0 && k < m.cost[u]!.length).toBe(true);
    if (k !== best[u]) expect(usable(u, k)).toBe(true);
  });
  expect(fitsAll(m, pick)).toBe(true);
  expect(totalCost(m, pick)).toBeLessThan(totalCost(m, best));
}

/** What a search re-solving by the dual hands its schedule (bnb.ts subSearchWith): the schedules' tests solve their neighbourhoods with it. */
export const dualSub: SubSearch = subSearchWith("dual");

export const subSearch: SubSearch = (m, start, banned, limits) => {
  const s = search(m, start, { ...limits, banned, heuristics: false });
  return { pick: s.pick, value: s.value, pivots: s.pivots, proved: s.proved };
};

/**
 * A whole search with other options (a schedule's opt-in settings) on the bench's 100 × 10 and
 * 250 × 20 instances, both shapes: proved, it reaches the default search's proved optimum; open,
 * it is no better than it.
 */
export function expectDefaultOptimum(opts: OptimalOptions) {
  for (const [members, providers] of [
    [100, 10],
    [250, 20],
  ] as const) {
    for (const clustered of [false, true]) {
      const input = benchInstance(members, providers, clustered, 0, 0.3).input;
      const base = solveOptimal(buildUnits(input, "optimal"));
      const opt = solveOptimal(buildUnits(input, "optimal"), opts);
      expect(base.proved).toBe(true);
      if (opt.proved) expect(opt.total).toBe(base.total);
      else expect(opt.total).toBeGreaterThanOrEqual(base.total);
    }
  }
}
