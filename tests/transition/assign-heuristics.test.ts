// The primal heuristics of the `optimal` search (src/transition/assign/heuristics.ts): whatever they
// return fits every capacity, keeps each unit (a group moves as one) on one of its own choices,
// takes no banned or unusable choice and is never worse than the assignment they were given; a
// neighbourhood with every unit free is the whole problem, solved exactly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignInstance, type AssignShape } from "../../bench/lib/assign-instances";
import { search, type Model } from "../../src/transition/assign/bnb";
import { fitsAll, pairMoves, restrict, rinsFree, solveNeighbourhood, tightFree, totalCost, type SubSearch, type Usable } from "../../src/transition/assign/heuristics";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { heuristicModel, shapeArb, startOf } from "./assign-heuristics-helpers";

const modelOf = (shape: AssignShape, seed: number): Model => heuristicModel(shape, seed).m;

const sub: SubSearch = (m, start, banned, limits) => {
  const s = search(m, start, { ...limits, banned, heuristics: false });
  return { pick: s.pick, value: s.value, pivots: s.pivots, proved: s.proved };
};

const arb = fc.record({
  shape: shapeArb(30),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  /** Every `banEvery`-th (unit, choice) pair is banned (never the "out" choice). */
  banEvery: fc.integer({ min: 2, max: 7 }),
});

function setup({ shape, seed, banEvery }: { shape: AssignShape; seed: number; banEvery: number }) {
  const m = modelOf(shape, seed);
  const usable: Usable = (u, k) => k === m.cost[u]!.length - 1 || (u * 31 + k * 17 + seed) % banEvery !== 0;
  return { m, usable, start: startOf(m, usable, seed) };
}

function checkResult(m: Model, usable: Usable, start: Int32Array, out: Int32Array) {
  expect(out.length).toBe(m.cost.length);
  out.forEach((k, u) => {
    expect(Number.isInteger(k) && k >= 0 && k < m.cost[u]!.length).toBe(true);
    if (k !== start[u]) expect(usable(u, k)).toBe(true);
  });
  expect(fitsAll(m, out)).toBe(true);
  expect(totalCost(m, out)).toBeLessThanOrEqual(totalCost(m, start));
}

describe("primal heuristics", () => {
  it("pair moves fit, keep units on usable choices and never raise the total; none is left to make", () => {
    fc.assert(
      fc.property(arb, (a) => {
        const { m, usable, start } = setup(a);
        expect(fitsAll(m, start)).toBe(true);
        const out = pairMoves(m, start, usable);
        checkResult(m, usable, start, out);
        // A local optimum: running again moves nothing.
        expect(Array.from(pairMoves(m, out, usable))).toEqual(Array.from(out));
      }),
      { numRuns: 150 },
    );
  });

  it("neighbourhoods (RINS, tight rows) fit, respect bans and only return a strictly cheaper assignment", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5 }), (a, size, turn) => {
        const { m, usable, start } = setup(a);
        // An "LP choice" per unit: its cheapest usable choice, fully taken.
        const lpChoice = Int32Array.from(m.cost, (cs, u) => cs.map((_, k) => k).filter((k) => usable(u, k)).sort((x, y) => cs[x]! - cs[y]!)[0]!);
        for (const free of [rinsFree(start, lpChoice, new Float64Array(m.cost.length).fill(1)), tightFree(m, start, usable, size, turn)]) {
          const r = solveNeighbourhood(m, start, free, usable, sub, { nodeLimit: 200, pivotLimit: 5_000 });
          expect(r.pivots).toBeGreaterThanOrEqual(0);
          if (r.pick === null) continue;
          checkResult(m, usable, start, r.pick);
          expect(totalCost(m, r.pick)).toBeLessThan(totalCost(m, start));
          // Only free units moved.
          r.pick.forEach((k, u) => (free[u] ? undefined : expect(k).toBe(start[u])));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("with every unit free, the neighbourhood is the whole problem and reaches the search's optimum", () => {
    fc.assert(
      fc.property(arb, (a) => {
        const { m, usable, start } = setup(a);
        const banned: [number, number][] = [];
        m.cost.forEach((cs, u) => cs.forEach((_, k) => usable(u, k) || banned.push([u, k])));
        const whole = search(m, start, { banned, heuristics: false });
        // The claim is about the neighbourhood, not the search's reach: a draw whose whole search
        // the default node budget leaves open is skipped (one tight 27-unit draw, root gap 1.6 %,
        // takes 165k nodes: a known weakness: members 27, providers 3, options 6,
        // random, grouped 0, slack 0.5, rate 0, seed 17, banEvery 3). Where it proves, the neighbourhood
        // must prove too, on ten times that budget, and end on the same optimum.
        fc.pre(whole.proved);
        const r = solveNeighbourhood(m, start, new Uint8Array(m.cost.length).fill(1), usable, sub, { nodeLimit: 200_000, pivotLimit: 1_000_000 });
        if (r.units > 0) expect(r.proved).toBe(true); // no units: each one's start is its only usable choice
        const value = r.pick ? totalCost(m, r.pick) : totalCost(m, start);
        expect(value).toBe(whole.value);
      }),
      { numRuns: 60 },
    );
  });

  it("a start on a banned choice is restricted with it banned, and a result leaves it", () => {
    fc.assert(
      fc.property(arb, (a) => {
        const { m, usable, start } = setup(a);
        // Unit 0 out (its dearest choice, no capacity: it still fits), declared unusable: it must
        // move, free or not.
        const u0k = m.cost[0]!.length - 1;
        start[0] = u0k;
        const strict: Usable = (u, k) => (u === 0 && k === u0k ? false : usable(u, k));
        const r = restrict(m, start, new Uint8Array(m.cost.length), strict);
        expect(r).not.toBeNull();
        expect(r!.units).toContain(0);
        expect(r!.banned).toEqual([[r!.units.indexOf(0), r!.choices[r!.units.indexOf(0)]!.indexOf(start[0]!)]]);
        const out = solveNeighbourhood(m, start, new Uint8Array(m.cost.length), strict, sub, { nodeLimit: 200, pivotLimit: 5_000 });
        if (out.pick) {
          expect(strict(0, out.pick[0]!)).toBe(true);
          expect(fitsAll(m, out.pick)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("the engine proves the same optimum with and without them, and reports each better incumbent down to it", () => {
    fc.assert(
      fc.property(arb, ({ shape, seed }) => {
        const p = buildUnits(assignInstance(shape, seed), "optimal");
        const seen: number[] = [];
        const on = solveOptimal(p, { heuristics: true, onIncumbent: (total) => seen.push(total) });
        const off = solveOptimal(p, { heuristics: false });
        expect(on.proved && off.proved).toBe(true);
        expect(on.total).toBe(off.total);
        // Strictly better each time (within one cost search); the last is the answer.
        for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeLessThan(seen[i - 1]!);
        if (seen.length > 0) expect(seen.at(-1)).toBe(on.total);
      }),
      { numRuns: 60 },
    );
  });
});
