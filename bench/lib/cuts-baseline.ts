// FROZEN copy of src/transition/assign/cuts.ts as it was before the assign-cuts branch (greedy
// extended GUB covers, one per row), kept only so `npm run bench:assign-cuts` can compare the old
// cuts with the new ones in the same run, on the same machine load. Do not import from src/ code.
// Cover cuts for a capacity row with one choice per unit (GUB covers), to tighten the root LP.
// Row r: Σ a_ukr x_uk ≤ cap_r, at most one x_uk = 1 per unit. Take a set C of units and a least
// amount w_u for each with Σ_C w_u > cap_r: they cannot all take a choice with at least their w_u,
//   Σ_{u∈C} Σ_{k: a_ukr ≥ w_u} x_uk  +  Σ_{u∉C} Σ_{k: a_ukr ≥ max_C w} x_uk  ≤  |C| − 1
// (the second sum extends it: any unit outside C with at least the largest w can stand in for a
// member of C, so |C| of them would again overflow the row). Valid for every assignment, so a cut
// only removes fractional LP points. Amounts must be non-negative on the rows given.
import type { Model } from "../../src/transition/assign/lp";

export interface Cut {
  /** Per unit: the choices the cut counts. */
  cols: Map<number, number[]>;
  rhs: number;
}

/**
 * Violated covers of the given rows at the LP point `x` (x[u][k]), at most one per row.
 * Greedy: the units nearest to 1 on the row first, each at the least amount its LP support takes.
 */
export function coverCuts(m: Model, rows: number[], x: Float64Array[]): Cut[] {
  const U = m.cost.length;
  // Per row: per unit, the (choice, amount) pairs that use it.
  const uses = new Map<number, Map<number, [number, number][]>>(rows.map((r) => [r, new Map()]));
  for (let u = 0; u < U; u++) {
    m.res[u]!.forEach((rs, k) =>
      rs.forEach((r, i) => {
        const byUnit = uses.get(r);
        const a = m.amt[u]![k]![i]!;
        if (!byUnit || a <= 0) return;
        const l = byUnit.get(u) ?? [];
        l.push([k, a]);
        byUnit.set(u, l);
      }),
    );
  }
  const cuts: Cut[] = [];
  for (const r of rows) {
    const byUnit = uses.get(r)!;
    const cands: { u: number; w: number; y: number }[] = [];
    for (const [u, l] of byUnit) {
      let w = Infinity;
      for (const [k, a] of l) if (x[u]![k]! > 1e-9) w = Math.min(w, a);
      if (w === Infinity) continue;
      let y = 0;
      for (const [k, a] of l) if (a >= w) y += x[u]![k]!;
      cands.push({ u, w, y });
    }
    cands.sort((a, b) => b.y - a.y || b.w - a.w || a.u - b.u);
    const cap = m.cap[r]!;
    const c: typeof cands = [];
    let sum = 0;
    for (const cd of cands) {
      if (sum > cap) break;
      c.push(cd);
      sum += cd.w;
    }
    if (sum <= cap) continue;
    // Drop the farthest from 1 while the rest still overflows the row.
    c.sort((a, b) => a.y - b.y || a.w - b.w);
    while (c.length > 1 && sum - c[0]!.w > cap) sum -= c.shift()!.w;
    let slack = 0;
    for (const cd of c) slack += 1 - cd.y;
    const inC = new Map(c.map((cd) => [cd.u, cd.w]));
    const wmax = Math.max(...c.map((cd) => cd.w));
    // Violation with the extension counted too.
    let lhs = 0;
    const cols = new Map<number, number[]>();
    for (const [u, l] of byUnit) {
      const w = inC.get(u) ?? wmax;
      const ks = l.filter(([, a]) => a >= w).map(([k]) => k);
      if (ks.length === 0) continue;
      cols.set(u, ks);
      for (const k of ks) lhs += x[u]![k]!;
    }
    if (slack < 1 && lhs > c.length - 1 + 1e-6) cuts.push({ cols, rhs: c.length - 1 });
  }
  return cuts;
}

/** The model with the cuts as more capacity rows (each counted choice takes 1 of its cut's row). */
export function withCuts(m: Model, cuts: Cut[]): Model {
  const res = m.res.map((l) => l.map((rs) => rs.slice()));
  const amt = m.amt.map((l) => l.map((as) => as.slice()));
  const cap = m.cap.slice();
  for (const cut of cuts) {
    const r = cap.length;
    cap.push(cut.rhs);
    for (const [u, ks] of cut.cols) {
      for (const k of ks) {
        res[u]![k]!.push(r);
        amt[u]![k]!.push(1);
      }
    }
  }
  return { cost: m.cost, res, amt, cap };
}
