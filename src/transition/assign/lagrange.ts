// Exact branch and bound for "each unit takes one of its choices, within capacities, least total",
// with integer costs. The last choice of every unit is "unassigned" (it uses no capacity unless the
// model says so). Bound by Lagrangian relaxation:
//  - price each capacity (λ ≥ 0); the units are then independent, each takes its least priced
//    choice, and Σ_units least − λ·cap is a lower bound on every assignment below the node (its
//    best value over λ is the LP relaxation's bound). λ is improved by subgradient ascent, warm-
//    started from the parent node. Totals are whole numbers, so a node whose bound exceeds the best
//    known total less one is closed.
//  - upper bound: a priced solution that fits is an assignment; a repair heuristic makes others fit.
//  - reduced-cost fixing: a choice whose priced excess over its unit's least already reaches the
//    best known total (less one) is forbidden below the node.
//  - branching: on the most over-used capacity, the unit taking most of it either keeps its least
//    priced choice or loses it.
// A dominated choice (another of the unit costs no more and takes no more of any capacity) is
// dropped before the search: any assignment using it is matched by one using the other.
// When the search ends the incumbent is proven optimal; a node limit bounds the worst case and then
// says so (`proved: false`).

export interface Model {
  /** Per unit, per choice: whole-number cost. */
  cost: number[][];
  /** Per unit, per choice: the capacities it takes (parallel arrays of index and amount). */
  res: number[][][];
  amt: number[][][];
  cap: number[];
}

export interface Searched {
  /** Per unit: the index of its choice. */
  pick: Int32Array;
  value: number;
  rootBound: number;
  proved: boolean;
  nodes: number;
}

export interface SearchOptions {
  nodeLimit?: number;
  rootIterations?: number;
  nodeIterations?: number;
}

const EPS = 1e-6;

/** Per unit: 1 for each choice dominated by another (equal ones: the later is dropped). */
export function dominated(m: Model): Int32Array[] {
  return m.cost.map((costs, u) => {
    const out = new Int32Array(costs.length);
    const use = costs.map((_, k) => new Map(m.res[u]![k]!.map((r, j) => [r, m.amt[u]![k]![j]!])));
    const covers = (i: number, j: number) => {
      // i takes no more than j of every capacity.
      for (const [r, a] of use[i]!) if (a > 0 && a > (use[j]!.get(r) ?? 0)) return false;
      for (const [r, a] of use[j]!) if (a < 0 && a < (use[i]!.get(r) ?? 0)) return false;
      return true;
    };
    for (let j = 0; j < costs.length; j++) {
      for (let i = 0; i < costs.length && !out[j]; i++) {
        if (i === j || out[i]) continue;
        const strictly = costs[i]! < costs[j]! || !covers(j, i) || i < j;
        if (costs[i]! <= costs[j]! && covers(i, j) && strictly) out[j] = 1;
      }
    }
    return out;
  });
}

export function search(m: Model, incumbent: Int32Array, opts: SearchOptions = {}): Searched {
  const nodeLimit = opts.nodeLimit ?? 20_000;
  const { cost, res, amt, cap } = m;
  const n = cost.length;
  const R = cap.length;
  /** forbidden[u][k] > 0: forbidden below the current node (a counter, so undoing is a decrement). */
  const forbidden = dominated(m);
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
  const valueOf = (pick: ArrayLike<number>) => {
    let t = 0;
    for (let u = 0; u < n; u++) t += cost[u]![pick[u]!]!;
    return t;
  };

  let ub = valueOf(incumbent);
  let best: Int32Array = incumbent.slice();
  const offer = (pick: Int32Array) => {
    const t = valueOf(pick);
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

  /** Units by decreasing regret take their least priced allowed choice that still fits; null if one cannot. */
  const repair = (lambda: Float64Array) => {
    const left = cap.slice();
    const fits = (u: number, k: number) => res[u]![k]!.every((r, j) => left[r]! >= amt[u]![k]![j]!);
    const take = (u: number, k: number, sign: number) => res[u]![k]!.forEach((r, j) => (left[r]! -= sign * amt[u]![k]![j]!));
    const ranked = cost.map((_, u) => {
      const ks = [...forbidden[u]!.keys()].filter((k) => forbidden[u]![k]! === 0);
      const rc = new Map(ks.map((k) => [k, reducedOf(lambda, u, k)]));
      ks.sort((a, b) => rc.get(a)! - rc.get(b)! || a - b);
      const regret = ks.length > 1 ? rc.get(ks[1]!)! - rc.get(ks[0]!)! : Infinity;
      return { u, ks, regret };
    });
    ranked.sort((a, b) => b.regret - a.regret || a.u - b.u);
    const pick = new Int32Array(n);
    for (const { u, ks } of ranked) {
      const k = ks.find((k) => fits(u, k));
      if (k === undefined) return null;
      pick[u] = k;
      take(u, k, 1);
    }
    // Then cheaper moves that still fit, on real costs, until none is left.
    for (let changed = true; changed; ) {
      changed = false;
      for (let u = 0; u < n; u++) {
        const k0 = pick[u]!;
        take(u, k0, -1);
        let kb = k0;
        for (let k = 0; k < cost[u]!.length; k++) if (forbidden[u]![k]! === 0 && cost[u]![k]! < cost[u]![kb]! && fits(u, k)) kb = k;
        if (kb !== k0) changed = true;
        pick[u] = kb;
        take(u, kb, 1);
      }
    }
    return pick;
  };

  /** Subgradient ascent from `start`; returns the best priced state seen (null: the node is empty). */
  const ascend = (start: Float64Array, iterations: number): { lambda: Float64Array; priced: Priced } | null => {
    let lambda = start.slice();
    const first = price(lambda);
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
        if (slackValue < EPS) break; // complementary: this bound is the node's optimum
      }
      if (norm === 0 || bestP.bound > ub - 1 + EPS) break;
      const target = Math.min(ub, bestP.bound + Math.abs(bestP.bound) * 0.05 + 1);
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
      if (nodes === 1) rootBound = Math.max(rootBound, priced.bound);
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
  return { pick: best, value: ub, rootBound, proved: !aborted, nodes };
}
