// The large instances' new neighbourhoods (src/transition/assign/heuristics.ts): host swap, crossover
// of two incumbents and local branching (at most k units change), and the large schedule running
// them all in turn (schedule.ts largeScheduleWith). Whatever they return fits every capacity, keeps each
// unit (a group moves as one) on one of its own choices, takes no banned choice, moves only free
// units (local branching: at most k of them) and is never worse than its start.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssignShape } from "../../bench/lib/assign-instances";
import { search, type Model } from "../../src/transition/assign/bnb";
import { LARGE_DEFAULTS, largeScheduleWith } from "../../src/transition/assign/schedule";
import { crossoverFree, fitsAll, hostSwapFree, restrict, solveNeighbourhood, totalCost, type Usable } from "../../src/transition/assign/heuristics";
import { dualSub, heuristicModel, shapeArb, startOf, subSearch as sub } from "./assign-heuristics-helpers";

const arb = fc.record({
  shape: shapeArb(30),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  /** Every `banEvery`-th (unit, choice) pair is banned (never the "out" choice). */
  banEvery: fc.integer({ min: 2, max: 7 }),
});

function setup({ shape, seed, banEvery }: { shape: AssignShape; seed: number; banEvery: number }) {
  const { m, hostOf } = heuristicModel(shape, seed);
  const usable: Usable = (u, k) => k === m.cost[u]!.length - 1 || (u * 31 + k * 17 + seed) % banEvery !== 0;
  return { m, hostOf, usable, start: startOf(m, usable, seed) };
}

/** Fits, each unit on one of its choices (a changed one usable), only free units moved, never worse. */
function checkResult(m: Model, usable: Usable, start: Int32Array, out: Int32Array, free: Uint8Array) {
  expect(out.length).toBe(m.cost.length);
  out.forEach((k, u) => {
    expect(Number.isInteger(k) && k >= 0 && k < m.cost[u]!.length).toBe(true);
    if (k !== start[u]) {
      expect(usable(u, k)).toBe(true);
      expect(free[u]).toBe(1);
    }
  });
  expect(fitsAll(m, out)).toBe(true);
  expect(totalCost(m, out)).toBeLessThan(totalCost(m, start));
}

describe("large instances' neighbourhoods", () => {
  it("host swap frees at most `size` units, all around two hosts, and its result fits, respects bans and is cheaper", () => {
    let found = 0;
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 5 }), (a, size, turn) => {
        const { m, hostOf, usable, start } = setup(a);
        const free = hostSwapFree(m, start, usable, hostOf, size, turn);
        const freed = free.reduce((s, x) => s + x, 0);
        expect(freed).toBeLessThanOrEqual(size);
        // Two hosts hold them all: every freed unit is on one of them or has a usable choice there.
        const near = (u: number) => new Set(m.cost[u]!.flatMap((_, k) => (k === start[u] || usable(u, k) ? m.res[u]![k]!.map((r) => hostOf[r]!) : [])));
        const freedUnits = m.cost.map((_, u) => u).filter((u) => free[u]);
        const hosts = [...new Set(hostOf)];
        const covered = hosts.some((a) => hosts.some((b) => freedUnits.every((u) => near(u).has(a) || near(u).has(b))));
        if (freed > 0) expect(covered).toBe(true);
        const r = solveNeighbourhood(m, start, free, usable, sub, { nodeLimit: 200, pivotLimit: 5_000 });
        if (r.pick) (checkResult(m, usable, start, r.pick, free), found++);
      }),
      { numRuns: 100 },
    );
    // The starts are poor (each unit's dearest choice that fits): host swaps often find better.
    expect(found).toBeGreaterThan(10);
  });

  it("a row of no host (−1) is never a host; no host at all frees nothing", () => {
    fc.assert(
      fc.property(arb, (a) => {
        const { m, usable, start } = setup(a);
        const none = Int32Array.from(m.cap, () => -1);
        expect(hostSwapFree(m, start, usable, none, 50, 0).every((x) => x === 0)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("crossover frees exactly the units on which two assignments differ, and its result fits and is cheaper", () => {
    fc.assert(
      fc.property(arb, (a) => {
        const { m, usable, start } = setup(a);
        // A second incumbent: the whole problem's optimum (the search from the start).
        const banned: [number, number][] = [];
        m.cost.forEach((cs, u) => cs.forEach((_, k) => usable(u, k) || banned.push([u, k])));
        const opt = search(m, start, { banned, heuristics: false }).pick;
        const free = crossoverFree(start, opt);
        free.forEach((f, u) => expect(f).toBe(start[u] !== opt[u] ? 1 : 0));
        const r = solveNeighbourhood(m, start, free, usable, sub, { nodeLimit: 20_000, pivotLimit: 100_000 });
        // The optimum is in the neighbourhood: the crossover reaches its value.
        if (totalCost(m, opt) < totalCost(m, start)) {
          expect(r.pick).not.toBeNull();
          checkResult(m, usable, start, r.pick!, free);
          expect(totalCost(m, r.pick!)).toBe(totalCost(m, opt));
        } else expect(r.pick).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it("local branching changes at most k units, fits, respects bans and is cheaper; with k ≥ every unit it is the whole problem", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 6 }), (a, k) => {
        const { m, usable, start } = setup(a);
        const n = m.cost.length;
        const all = new Uint8Array(n).fill(1);
        const r = restrict(m, start, all, usable, k);
        if (r) {
          // The extra row: capacity k, every choice but the incumbent's takes 1 of it.
          const row = r.model.cap.length - 1;
          expect(r.model.cap[row]).toBe(k);
          r.units.forEach((_, i) => r.choices[i]!.forEach((_, c) => expect(r.model.res[i]![c]!.includes(row)).toBe(c !== r.start[i])));
        }
        const out = solveNeighbourhood(m, start, all, usable, sub, { nodeLimit: 2_000, pivotLimit: 20_000 }, k);
        if (out.pick) {
          checkResult(m, usable, start, out.pick, all);
          expect(out.pick.filter((c, u) => c !== start[u]).length).toBeLessThanOrEqual(k);
        }
        // k as large as the units: no limit, the whole problem's optimum.
        const banned: [number, number][] = [];
        m.cost.forEach((cs, u) => cs.forEach((_, c) => usable(u, c) || banned.push([u, c])));
        const whole = search(m, start, { banned, heuristics: false });
        const wide = solveNeighbourhood(m, start, all, usable, sub, { nodeLimit: 20_000, pivotLimit: 100_000 }, n);
        expect(wide.pick ? totalCost(m, wide.pick) : totalCost(m, start)).toBe(whole.value);
      }),
      { numRuns: 60 },
    );
  });

  it("the large schedule with every neighbourhood returns assignments that fit, respect bans and fall strictly, within rootShare + treeShare", () => {
    const every = largeScheduleWith({ ...LARGE_DEFAULTS, kinds: ["rins", "tight", "host", "cross", "local"], rootMax: 0.55 });
    let improved = 0;
    fc.assert(
      fc.property(arb, fc.constantFrom(2_000, 20_000, 100_000), (a, pivotLimit) => {
        const { m, hostOf, usable, start } = setup(a);
        const n = m.cost.length;
        const first = Int32Array.from(m.cost, (cs, u) => cs.map((_, k) => k).filter((k) => usable(u, k)).sort((x, y) => cs[x]! - cs[y]!)[0]!);
        const firstVal = new Float64Array(n).fill(1);
        const step = every(m, usable, pivotLimit, hostOf, dualSub);
        let best = start;
        let spent = 0;
        for (const [root, nodes] of [[true, 1], [false, 2], [false, 45], [false, 90], [false, 135], [false, 180]] as const) {
          const out = step({ root, nodes, best, ub: totalCost(m, best), bound: 0, first, firstVal });
          spent += out.pivots;
          for (const pick of out.picks) {
            checkResult(m, usable, best, pick, new Uint8Array(n).fill(1));
            best = pick;
          }
        }
        if (totalCost(m, best) < totalCost(m, start)) improved++;
        // A sub-search may overrun its budget by one refactorised solve at most.
        expect(spent).toBeLessThanOrEqual((LARGE_DEFAULTS.rootShare + LARGE_DEFAULTS.treeShare) * pivotLimit + 6 * 200);
      }),
      { numRuns: 60 },
    );
    expect(improved).toBeGreaterThan(15);
  });
});
