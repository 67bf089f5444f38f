// Mode `optimal`: the least total of monthly costs plus the penalty per provider per member, with
// the most members placed first, within every capacity and keeping groups whole. Exact, by
// Lagrangian branch and bound:
//  - bound: price each capacity (λ ≥ 0); the units are then independent, each takes its least
//    priced choice, and Σ_units least − λ·cap is a lower bound on every assignment below the node
//    (its best value over λ is the LP relaxation's bound). λ is improved by subgradient ascent,
//    warm-started from the parent node.
//  - upper bound: a priced solution that fits is an assignment; a repair heuristic makes others fit.
//  - reduced-cost fixing: a choice whose priced excess over its unit's least already reaches the
//    best known total (less one cent: totals are whole cents) is forbidden below the node.
//  - branching: on the most over-used capacity, the unit taking most of it either keeps its least
//    priced choice or loses it.
// When the search ends the answer is proven optimal; a node limit bounds the worst case and then
// says so (`proved: false`).
import type { UnitProblem } from "./units";

export interface Solved {
  /** Per unit: the index of its choice, or -1 when it stays unassigned. */
  pick: number[];
  /** The objective with unassigned members at `unassignedCost` each. */
  total: number;
  /** The root's lower bound. */
  lowerBound: number;
  proved: boolean;
  nodes: number;
}

const EPS = 1e-6;

export function solveOptimal(p: UnitProblem, opts: { nodeLimit?: number; rootIterations?: number; nodeIterations?: number } = {}): Solved {
  const nodeLimit = opts.nodeLimit ?? 20_000;
  const n = p.units.length;
  const R = p.resources.length;
  const cap = p.resources.map((r) => r.cap);
  // Choice k == choices.length stands for "unassigned": cost M·|u|, no resource.
  const cost = p.units.map((u) => [...u.choices.map((c) => c.cost), p.unassignedCost * u.members.length]);
  const res = p.units.map((u) => [...u.choices.map((c) => c.res), []]);
  const amt = p.units.map((u) => [...u.choices.map((c) => c.amt), []]);
  /** allowed[u][k] > 0: not forbidden (a counter of forbids, so undoing is a decrement). */
  const forbidden = p.units.map((u) => new Int32Array(u.choices.length + 1));
  const undo: [number, number][] = [];
  const forbid = (u: number, k: number) => {
    forbidden[u]![k]!++;
    undo.push([u, k]);
  };
  const rollback = (mark: number) => {
    while (undo.length > mark) {
      const [u, k] = undo.pop()!;
      forbidden[u]![k]!--;
    }
  };

  const reducedOf = (lambda: Float64Array, u: number, k: number) => {
    let r = cost[u]![k]!;
    const rs = res[u]![k]!;
    const as = amt[u]![k]!;
    for (let j = 0; j < rs.length; j++) r += lambda[rs[j]!]! * as[j]!;
    return r;
  };
  const realTotal = (pick: ArrayLike<number>) => {
    let t = 0;
    for (let u = 0; u < n; u++) t += cost[u]![pick[u]!]!;
    return t;
  };

  let ub = Infinity;
  let best: Int32Array = new Int32Array(n);
  const offer = (pick: Int32Array) => {
    const t = realTotal(pick);
    if (t < ub) {
      ub = t;
      best = pick.slice();
    }
  };

  interface Priced {
    bound: number;
    arg: Int32Array;
    g: Float64Array;
    use: Float64Array;
  }
  /** Each unit's least priced allowed choice; null when a unit has none left (the node is empty). */
  const price = (lambda: Float64Array): Priced | null => {
    const arg = new Int32Array(n);
    const g = new Float64Array(n);
    const use = new Float64Array(R);
    let bound = 0;
    for (let u = 0; u < n; u++) {
      let b = Infinity;
      let at = -1;
      const f = forbidden[u]!;
      for (let k = 0; k < f.length; k++) {
        if (f[k]! > 0) continue;
        const r = reducedOf(lambda, u, k);
        if (r < b - EPS) {
          b = r;
          at = k;
        }
      }
      if (at < 0) return null;
      arg[u] = at;
      g[u] = b;
      bound += b;
      const rs = res[u]![at]!;
      const as = amt[u]![at]!;
      for (let j = 0; j < rs.length; j++) use[rs[j]!]! += as[j]!;
    }
    for (let r = 0; r < R; r++) bound -= lambda[r]! * cap[r]!;
    return { bound, arg, g, use };
  };

  /** Units by decreasing regret take their least priced allowed choice that still fits; unassigned if none. */
  const repair = (lambda: Float64Array) => {
    const left = cap.slice();
    const fits = (u: number, k: number) => res[u]![k]!.every((r, j) => left[r]! >= amt[u]![k]![j]!);
    const ranked = p.units.map((_, u) => {
      const ks = [...forbidden[u]!.keys()].filter((k) => forbidden[u]![k]! === 0);
      ks.sort((a, b) => reducedOf(lambda, u, a) - reducedOf(lambda, u, b) || a - b);
      const regret = ks.length > 1 ? reducedOf(lambda, u, ks[1]!) - reducedOf(lambda, u, ks[0]!) : Infinity;
      return { u, ks, regret };
    });
    ranked.sort((a, b) => b.regret - a.regret || a.u - b.u);
    const pick = new Int32Array(n);
    for (const { u, ks } of ranked) {
      const k = ks.find((k) => fits(u, k));
      if (k === undefined) return null; // unassigned was forbidden here and nothing fits
      pick[u] = k;
      res[u]![k]!.forEach((r, j) => (left[r]! -= amt[u]![k]![j]!));
    }
    // Then cheaper moves that still fit, on real costs.
    for (let u = 0; u < n; u++) {
      const k0 = pick[u]!;
      res[u]![k0]!.forEach((r, j) => (left[r]! += amt[u]![k0]![j]!));
      let kb = k0;
      for (let k = 0; k < cost[u]!.length; k++) if (forbidden[u]![k]! === 0 && cost[u]![k]! < cost[u]![kb]! && fits(u, k)) kb = k;
      pick[u] = kb;
      res[u]![kb]!.forEach((r, j) => (left[r]! -= amt[u]![kb]![j]!));
    }
    return pick;
  };

  /** Subgradient ascent from `start`; returns the best priced state seen (null: the node is empty). */
  const ascend = (start: Float64Array, iterations: number): { lambda: Float64Array; priced: Priced } | null => {
    let lambda = start.slice();
    let first = price(lambda);
    if (!first) return null;
    let bestL = lambda;
    let bestP = first;
    let theta = 1;
    let stale = 0;
    let cur = first;
    for (let it = 0; it < iterations; it++) {
      const s = new Float64Array(R);
      let norm = 0;
      let feasible = true;
      let slackValue = 0;
      for (let r = 0; r < R; r++) {
        s[r] = cur.use[r]! - cap[r]!;
        if (s[r]! > 0) feasible = false;
        else slackValue += lambda[r]! * -s[r]!;
        if (lambda[r]! <= 0 && s[r]! < 0) s[r] = 0;
        norm += s[r]! * s[r]!;
      }
      if (feasible) {
        offer(cur.arg);
        if (slackValue < 1 - EPS) break; // complementary: this bound is the node's optimum
      }
      if (norm === 0 || ub - bestP.bound < 1 - EPS) break;
      const target = Number.isFinite(ub) ? ub : bestP.bound + Math.abs(bestP.bound) * 0.05 + 100;
      const step = (theta * Math.max(1, target - cur.bound)) / norm;
      const next = new Float64Array(R);
      for (let r = 0; r < R; r++) next[r] = Math.max(0, lambda[r]! + step * s[r]!);
      lambda = next;
      const pr = price(lambda);
      if (!pr) return null;
      cur = pr;
      if (cur.bound > bestP.bound + EPS) {
        bestP = cur;
        bestL = lambda;
        stale = 0;
      } else if (++stale >= 5) {
        theta /= 2;
        stale = 0;
        if (theta < 1e-3) break;
      }
    }
    return { lambda: bestL, priced: bestP };
  };

  let nodes = 0;
  let aborted = false;
  let rootBound = -Infinity;

  const node = (lambda0: Float64Array, iterations: number) => {
    if (aborted) return;
    if (++nodes > nodeLimit) {
      aborted = true;
      return;
    }
    const mark = undo.length;
    let lambda = lambda0;
    let bu = -1;
    let bk = -1;
    for (;;) {
      const state = ascend(lambda, iterations);
      if (!state) break;
      lambda = state.lambda;
      const priced = state.priced;
      if (rootBound === -Infinity) rootBound = priced.bound;
      if (priced.bound > ub - 1 + EPS) break;
      if (nodes === 1 || nodes % 8 === 0) {
        const h = repair(lambda);
        if (h) offer(h);
        if (priced.bound > ub - 1 + EPS) break;
      }
      // Reduced-cost fixing below this node.
      const budget = ub - 1 - priced.bound;
      for (let u = 0; u < n; u++) {
        const f = forbidden[u]!;
        for (let k = 0; k < f.length; k++) if (f[k]! === 0 && reducedOf(lambda, u, k) - priced.g[u]! > budget + EPS) forbid(u, k);
      }
      let worst = -1;
      let over = 0;
      for (let r = 0; r < R; r++) {
        if (priced.use[r]! - cap[r]! > over) {
          over = priced.use[r]! - cap[r]!;
          worst = r;
        }
      }
      if (worst < 0) offer(priced.arg); // the priced choices fit: an assignment
      // Branch on the unit taking most of the most over-used capacity; when they all fit but the
      // bound is not closed, on the unit with the least regret (the nearest tie).
      let score = -Infinity;
      for (let u = 0; u < n; u++) {
        const k = priced.arg[u]!;
        if (forbidden[u]![k]! > 0) continue;
        let open = 0;
        for (const f of forbidden[u]!) if (f === 0) open++;
        if (open < 2) continue; // nothing to branch on
        let s = -Infinity;
        if (worst >= 0) {
          const j = res[u]![k]!.indexOf(worst);
          if (j >= 0) s = amt[u]![k]![j]!;
        } else {
          let second = Infinity;
          for (let k2 = 0; k2 < forbidden[u]!.length; k2++) if (k2 !== k && forbidden[u]![k2]! === 0) second = Math.min(second, reducedOf(lambda, u, k2));
          if (second !== Infinity) s = -(second - priced.g[u]!);
        }
        if (s > score) {
          score = s;
          bu = u;
          bk = k;
        }
      }
      if (bu >= 0 || worst < 0) break; // a branch, or a leaf (every unit down to one choice)
      // No taker of the over-used capacity can change: if none lost its choice to the fixing, the
      // node is infeasible; else price again.
      let changed = false;
      for (let u = 0; u < n && !changed; u++) if (forbidden[u]![priced.arg[u]!]! > 0) changed = true;
      if (!changed) break;
    }
    if (bu >= 0) {
      // Child 1: the unit keeps that choice (its others forbidden); child 2: it loses it.
      const m1 = undo.length;
      for (let k = 0; k < forbidden[bu]!.length; k++) if (k !== bk && forbidden[bu]![k]! === 0) forbid(bu, k);
      node(lambda, opts.nodeIterations ?? 40);
      rollback(m1);
      forbid(bu, bk);
      node(lambda, opts.nodeIterations ?? 40);
    }
    rollback(mark);
  };

  node(new Float64Array(R), opts.rootIterations ?? 400);
  const pick = Array.from(best, (k, u) => (k === p.units[u]!.choices.length ? -1 : k));
  return { pick, total: ub, lowerBound: rootBound, proved: !aborted, nodes };
}
