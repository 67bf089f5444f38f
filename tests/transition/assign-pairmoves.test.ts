// heuristics.ts pairMoves orders the units per row by a stamp per unit (it used a Set per row, then
// lists with lazy deletion): the same moves in the same order, so the same assignment as the Set
// version (kept here as the reference), on small models and the cost model of a bench-sized one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benchInstance } from "../../bench/lib/assign-instances";
import type { Model } from "../../src/transition/assign/bnb";
import { pairMoves, roomLeft, type Usable } from "../../src/transition/assign/heuristics";
import { costModel } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { heuristicModel, shapeArb, startOf } from "./assign-heuristics-helpers";

/** pairMoves as it was, with a Set of units per row. */
function pairMovesSets(m: Model, start: ArrayLike<number>, usable: Usable, maxPasses = 50): Int32Array {
  const n = m.cost.length;
  const pick = Int32Array.from(start);
  const room = roomLeft(m, pick);
  const { cost, res, amt } = m;
  const on: Set<number>[] = m.cap.map(() => new Set());
  const put = (u: number, k: number, sign: number) => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) {
      room[rs[i]!]! -= sign * amt[u]![k]![i]!;
      if (sign > 0) on[rs[i]!]!.add(u);
      else on[rs[i]!]!.delete(u);
    }
  };
  for (let u = 0; u < n; u++) for (const r of res[u]![pick[u]!]!) on[r]!.add(u);
  const blocking = (u: number, k: number): number => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) if (room[rs[i]!]! < amt[u]![k]![i]! - 1e-9) return rs[i]!;
    return -1;
  };
  const orders = cost.map((cs) => cs.map((_, k) => k).sort((a, b) => cs[a]! - cs[b]! || a - b));
  for (let pass = 0, better = true; better && pass < maxPasses; pass++) {
    better = false;
    for (let u = 0; u < n; u++) {
      const ku = pick[u]!;
      put(u, ku, -1);
      let done = false;
      for (const k of orders[u]!) {
        if (cost[u]![k]! >= cost[u]![ku]!) break;
        if (!usable(u, k)) continue;
        const r0 = blocking(u, k);
        if (r0 < 0) {
          pick[u] = k;
          done = true;
          break;
        }
        const gain = cost[u]![ku]! - cost[u]![k]!;
        for (const v of [...on[r0]!]) {
          const kv = pick[v]!;
          put(v, kv, -1);
          if (blocking(u, k) < 0) {
            put(u, k, 1);
            for (const k2 of orders[v]!) {
              if (cost[v]![k2]! - cost[v]![kv]! >= gain) break;
              if (k2 !== kv && usable(v, k2) && blocking(v, k2) < 0) {
                pick[v] = k2;
                done = true;
                break;
              }
            }
            put(u, k, -1);
          }
          put(v, pick[v]!, 1);
          if (done) {
            pick[u] = k;
            break;
          }
        }
        if (done) break;
      }
      put(u, pick[u]!, 1);
      if (done) better = true;
    }
  }
  return pick;
}

describe("pairMoves", () => {
  it("makes the same moves as the Set version (small models, bans, every pass limit)", () => {
    fc.assert(
      fc.property(shapeArb(40), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 4 }), (shape, seed, banEvery, passes) => {
        const { m } = heuristicModel(shape, seed);
        const usable: Usable = (u, k) => k === m.cost[u]!.length - 1 || (u * 31 + k * 17 + seed) % banEvery !== 0;
        const start = startOf(m, usable, seed);
        expect(Array.from(pairMoves(m, start, usable, passes))).toEqual(Array.from(pairMovesSets(m, start, usable, passes)));
        expect(Array.from(pairMoves(m, start, usable))).toEqual(Array.from(pairMovesSets(m, start, usable)));
      }),
      { numRuns: 150 },
    );
  });

  it("makes the same moves on a 250 × 20 cost model from everyone out (many trial moves per row)", () => {
    for (const clustered of [false, true]) {
      const p = buildUnits(benchInstance(250, 20, clustered, 0, 0.3).input, "optimal");
      const m = costModel(p, p.units.reduce((t, u) => t + u.members.length, 0));
      // From everyone out (room for all on the out row), each unit in turn its cheapest choice
      // that fits: a start with many cheaper moves blocked by a full row.
      const n = m.cost.length;
      const start = Int32Array.from(m.cost, (cs, u) => (u === n - 1 ? 0 : cs.length - 1));
      const room = roomLeft(m, start);
      const shift = (u: number, k: number, sign: number) => m.res[u]![k]!.forEach((r, i) => (room[r]! -= sign * m.amt[u]![k]![i]!));
      for (let u = 0; u < n - 1; u++) {
        shift(u, start[u]!, -1);
        const ks = m.cost[u]!.map((_, k) => k).sort((a, b) => m.cost[u]![b]! - m.cost[u]![a]!);
        start[u] = ks.find((k) => m.res[u]![k]!.every((r, i) => room[r]! >= m.amt[u]![k]![i]!))!;
        shift(u, start[u]!, 1);
      }
      const usable: Usable = (u, k) => !(u === n - 1 && k === 1);
      const ours = pairMoves(m, start, usable);
      expect(Array.from(ours)).toEqual(Array.from(pairMovesSets(m, start, usable)));
    }
  });
});
