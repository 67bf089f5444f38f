// Small random models and their enumerated assignments, for the cut tests (assign-cuts*.test.ts).
import { expect } from "vitest";
import { search, type Searched } from "../../src/transition/assign/bnb";
import type { Separator } from "../../src/transition/assign/cutloop";
import { GubLp, type Model } from "../../src/transition/assign/lp";

/** A small model from a seed: units with 1–4 choices plus an "out" choice taking nothing (last). */
export function randomModel(seed: number): Model {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const U = int(2, 6);
  const R = int(1, 3);
  const m: Model = { cost: [], res: [], amt: [], cap: Array.from({ length: R }, () => int(1, 12)) };
  for (let u = 0; u < U; u++) {
    const K = int(1, 4);
    const cost: number[] = [];
    const res: number[][] = [];
    const amt: number[][] = [];
    for (let k = 0; k < K; k++) {
      const rs = Array.from({ length: R }, (_, r) => r).filter(() => rnd() < 0.7);
      res.push(rs);
      amt.push(rs.map(() => int(0, 7)));
      cost.push(int(0, 50));
    }
    cost.push(60);
    res.push([]);
    amt.push([]);
    m.cost.push(cost);
    m.res.push(res);
    m.amt.push(amt);
  }
  return m;
}

/** Every assignment (choice per unit) that fits all rows. */
export function assignments(m: Model): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const used = new Array<number>(m.cap.length).fill(0);
  const walk = (u: number) => {
    if (u === m.cost.length) return void out.push(pick.slice());
    for (let k = 0; k < m.cost[u]!.length; k++) {
      m.res[u]![k]!.forEach((r, i) => (used[r]! += m.amt[u]![k]![i]!));
      if (m.res[u]![k]!.every((r) => used[r]! <= m.cap[r]!)) {
        pick[u] = k;
        walk(u + 1);
      }
      m.res[u]![k]!.forEach((r, i) => (used[r]! -= m.amt[u]![k]![i]!));
    }
  };
  walk(0);
  return out;
}

/** A small linear congruential generator in [0, 1), so a fast-check seed replays the same draws. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 48271) + 11) >>> 0) / 2 ** 32;
}

/** The model's costs lowered by up to 40 at random (the relief column stays 100): LP points that are fractional. */
export const skewedCost = (m: Model, rnd: () => number) => m.cost.map((cs) => cs.map((c, k) => (k === cs.length - 1 ? 100 : Math.round(c - 40 * rnd()))));

export const asPoint = (m: Model, pick: number[]) => m.cost.map((cs, u) => Float64Array.from(cs, (_, k) => (pick[u] === k ? 1 : 0)));

/** The LP optimum of the model under the given costs. */
export function lpPoint(m: Model, cost: number[][]): Float64Array[] {
  const lp = new GubLp({ ...m, cost });
  lp.start(m.cost.map((c) => c.length - 1));
  expect(lp.solve()).toBe("optimal");
  const v = lp.values();
  return m.cost.map((_, u) => v.slice(lp.unitStart[u]!, lp.unitStart[u + 1]!));
}

/** A random model whose rows of one "host" are taken together (as a mailbox and a domain row are). */
export function linkedModel(seed: number): Model {
  const m = randomModel(seed);
  // Each choice on row 0 also takes 1 on a last row (a count of members), cap about a third of them.
  const R = m.cap.length;
  let n = 0;
  m.res.forEach((l, u) =>
    l.forEach((rs, k) => {
      if (!rs.includes(0)) return;
      rs.push(R);
      m.amt[u]![k]!.push(1);
      n++;
    }),
  );
  return { ...m, cap: [...m.cap, Math.max(1, Math.floor(n / 3))] };
}

/**
 * m with each unit's last choice ("out") at 100, above the others, so capacity is contended; the
 * total of an assignment, the enumerated optimum and the all-out start.
 */
export function contended(m: Model) {
  const mc: Model = { ...m, cost: m.cost.map((cs) => cs.map((c, k) => (k === cs.length - 1 ? 100 : c))) };
  const value = (p: ArrayLike<number>) => {
    let t = 0;
    for (let u = 0; u < p.length; u++) t += mc.cost[u]![p[u]!]!;
    return t;
  };
  return { mc, value, best: Math.min(...assignments(mc).map(value)), start: Int32Array.from(mc.cost, (c) => c.length - 1) };
}

/** Each separator, without and with node cuts from node 1, proves the contended model's enumerated optimum: their searches. */
export function provedWithEach(m: Model, separators: Separator[]): Searched[] {
  const { mc, best, start } = contended(m);
  const out: Searched[] = [];
  for (const separate of separators)
    for (const firstRestart of [undefined, 1]) {
      const r = search(mc, start, { separate, firstRestart });
      expect(r.proved).toBe(true);
      expect(r.value).toBe(best);
      expect(r.rootBound).toBeLessThanOrEqual(best);
      out.push(r);
    }
  return out;
}
