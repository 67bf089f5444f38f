// The large schedule's skipInside and smallRins (schedule.ts LargeSettings), run on small models:
// with skipInside no root neighbourhood is a restriction of one already searched at the root (its
// free units within that one's, the incumbent changed only there), which the default schedule runs;
// smallRins runs RINS between the paced tree calls only on small neighbourhoods; what either returns
// fits, keeps units on usable choices and falls strictly. A whole search with both still reaches
// the proved optimum. rinsRowsFree (the "rinsRows" kind) frees the RINS set and some units on its collision rows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rinsFree, rinsRowsFree, roomLeft, totalCost } from "../../src/transition/assign/heuristics";
import { largeScheduleWith, MID_DEFAULTS, type NeighbourhoodRun } from "../../src/transition/assign/schedule";
import { dualSub, expectBetterPick, expectDefaultOptimum, scheduleArb, scheduleSetup } from "./assign-heuristics-helpers";

/** Is run b a restriction of the earlier run a (LargeSettings.skipInside)? */
const insideOf = (a: NeighbourhoodRun, b: NeighbourhoodRun) => b.free.every((f, u) => (!f || a.free[u]) && (b.from[u] === a.from[u] || a.free[u]));

describe("largeScheduleWith's skipInside and smallRins", () => {
  it("skipInside: no root neighbourhood inside an earlier one (the default runs some); picks fit and fall", () => {
    let restricted = 0;
    fc.assert(
      fc.property(scheduleArb, ({ shape, seed, banEvery, pivotLimit }) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const at = { root: true, nodes: 1, best: start, ub: totalCost(m, start), first, firstVal };
        for (const skipInside of [true, false]) {
          const runs: NeighbourhoodRun[] = [];
          const step = largeScheduleWith({ ...MID_DEFAULTS, skipInside, trace: (r) => runs.push(r) })(m, usable, pivotLimit, undefined, dualSub);
          const out = step(at);
          let best = start;
          for (const pick of out.picks) {
            expectBetterPick(m, usable, best, pick);
            best = pick;
          }
          const inside = runs.some((b, j) => runs.slice(0, j).some((a) => insideOf(a, b)));
          if (skipInside) expect(inside).toBe(false);
          else if (inside) restricted++;
        }
      }),
      { numRuns: 40 },
    );
    expect(restricted).toBeGreaterThan(0);
  });

  it("smallRins: between the paced tree calls, RINS on at most that many units; picks fit and fall", () => {
    let between = 0;
    fc.assert(
      fc.property(scheduleArb, fc.integer({ min: 1, max: 12 }), ({ shape, seed, banEvery, pivotLimit }, most) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const runs: NeighbourhoodRun[] = [];
        const set = { ...MID_DEFAULTS, skipInside: true, smallRins: most, trace: (r: NeighbourhoodRun) => runs.push(r) };
        const step = largeScheduleWith(set)(m, usable, pivotLimit, undefined, dualSub);
        let best = start;
        let spent = 0;
        for (let nodes = 1; nodes < 40; nodes++) {
          const ub = totalCost(m, best);
          // Each node's "LP": the cheapest choice, or the incumbent's for a share of the units.
          const lp = Int32Array.from(first, (k, u) => ((u * 13 + nodes) % 5 === 0 ? k : best[u]!));
          const out = step({ root: nodes === 1, nodes, best, ub, bound: ub - 1000, treeBound: ub - 1000, first: lp, firstVal });
          spent += out.pivots;
          for (const pick of out.picks) {
            expectBetterPick(m, usable, best, pick);
            best = pick;
          }
        }
        for (const r of runs.filter((r) => !r.root)) {
          expect(r.kind).toBe("rins");
          expect(r.free.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(most);
          between++;
        }
        // Root and tree shares; a sub-search may overrun its budget by one refactorised solve at most.
        expect(spent).toBeLessThanOrEqual((MID_DEFAULTS.rootShare + MID_DEFAULTS.treeShare) * pivotLimit + 40 * 200);
      }),
      { numRuns: 30 },
    );
    expect(between).toBeGreaterThan(0);
  });

  it("a whole search with both reaches the default search's proved optimum (100 × 10, 250 × 20)", () => {
    expectDefaultOptimum({ primal: largeScheduleWith({ ...MID_DEFAULTS, skipInside: true, smallRins: 35 }) });
  });
});

describe("rinsRowsFree", () => {
  it("frees the RINS set and at most `more` units on rows where a RINS unit's LP choice finds no room", () => {
    fc.assert(
      fc.property(scheduleArb, fc.integer({ min: 0, max: 8 }), ({ shape, seed, banEvery }, more) => {
        const { m, usable, start, first, firstVal } = scheduleSetup(shape, seed, banEvery);
        const rins = rinsFree(start, first, firstVal);
        const free = rinsRowsFree(m, start, first, firstVal, usable, more);
        const room = roomLeft(m, start);
        let added = 0;
        free.forEach((f, u) => {
          if (rins[u]) return expect(f).toBe(1);
          if (!f) return;
          added++;
          // On a row some RINS unit's LP choice needs more room on than the start leaves.
          const rows = new Set(m.res[u]![start[u]!]!);
          const hit = rins.some((r, v) => r === 1 && first[v] !== start[v] && m.res[v]![first[v]!]!.some((row, i) => rows.has(row) && room[row]! < m.amt[v]![first[v]!]![i]! - 1e-9));
          expect(hit).toBe(true);
        });
        expect(added).toBeLessThanOrEqual(more);
      }),
      { numRuns: 60 },
    );
  });
});
