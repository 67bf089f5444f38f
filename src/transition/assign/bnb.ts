// Exact branch and bound for "each unit takes one of its choices, within capacities, least total",
// with whole-number costs, on the exact LP relaxation (lp.ts):
//  - one LP is kept for the whole depth-first search: a branch forbids columns, backtracking allows
//    them again; the basis stays feasible throughout, so each node re-optimises in a few pivots;
//  - bound: the node's LP optimum rounded up (totals are whole numbers); a node whose bound reaches
//    the best known total is closed, as is one whose LP must use a forbidden column;
//  - reduced-cost fixing: a nonbasic column whose reduced cost lifts the bound to the best known
//    total is forbidden below the node;
//  - branching on a fractional unit (at most R of them at an LP vertex): its largest column is
//    taken first (a dive that finds assignments early), then forbidden;
//  - upper bounds: the LP solution rounded and repaired to fit, at the root and every few nodes.
// A dominated choice (another of the unit costs no more and takes no more of any capacity) is
// forbidden from the start: any assignment using it is matched by one using the other.
// When the search ends the incumbent is proven optimal; a node limit bounds the worst case and then
// says so (`proved: false`).
import { GubLp, type Model } from "./lp";

export type { Model } from "./lp";

export interface Searched {
  /** Per unit: the index of its choice. */
  pick: Int32Array;
  value: number;
  /** The root LP bound, rounded up (−∞ when the root was not solved). */
  rootBound: number;
  proved: boolean;
  nodes: number;
}

export interface SearchOptions {
  nodeLimit?: number;
  /** Choices ([unit, choice]) no assignment may take; the incumbent may, and then counts as none. */
  banned?: [number, number][];
}

/** Per unit: 1 for each choice dominated by another (equal ones: the later is dropped). */
export function dominated(m: Model, banned: (u: number, k: number) => boolean = () => false): Int32Array[] {
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
        if (i === j || out[i] || banned(u, i)) continue;
        const strictly = costs[i]! < costs[j]! || !covers(j, i) || i < j;
        if (costs[i]! <= costs[j]! && covers(i, j) && strictly) out[j] = 1;
      }
    }
    return out;
  });
}

const INT_TOL = 1e-6;

export function search(m: Model, incumbent: Int32Array, opts: SearchOptions = {}): Searched {
  const nodeLimit = opts.nodeLimit ?? 200_000;
  const { cost, res, amt, cap } = m;
  const n = cost.length;
  const R = cap.length;
  const isBanned = new Set((opts.banned ?? []).map(([u, k]) => `${u}/${k}`));
  const valueOf = (pick: ArrayLike<number>) => {
    let t = 0;
    for (let u = 0; u < n; u++) t += isBanned.size > 0 && isBanned.has(`${u}/${pick[u]}`) ? Infinity : cost[u]![pick[u]!]!;
    return t;
  };
  let ub = valueOf(incumbent);
  let best: Int32Array = incumbent.slice();
  let nodes = 0;
  let rootBound = -Infinity;
  if (nodeLimit <= 0 || n === 0) return { pick: best, value: ub, rootBound: n === 0 ? 0 : rootBound, proved: n === 0, nodes };

  const lp = new GubLp(m);
  const { unitStart, forbidden } = lp;
  const dom = dominated(m, (u, k) => isBanned.has(`${u}/${k}`));
  for (let u = 0; u < n; u++) for (let k = 0; k < dom[u]!.length; k++) if (dom[u]![k]) forbidden[unitStart[u]! + k]!++;
  for (const [u, k] of opts.banned ?? []) forbidden[unitStart[u]! + k]!++;

  const left = new Float64Array(R);
  const fits = (u: number, k: number) => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) if (left[rs[i]!]! < amt[u]![k]![i]!) return false;
    return true;
  };
  const take = (u: number, k: number, sign: number) => {
    const rs = res[u]![k]!;
    for (let i = 0; i < rs.length; i++) left[rs[i]!]! -= sign * amt[u]![k]![i]!;
  };
  const allowed = (u: number, k: number) => forbidden[unitStart[u]! + k]! === 0;

  /**
   * An assignment that fits: units by decreasing `weight` (their LP value) take the allowed choice
   * they prefer (`order`) that still fits; then cheaper moves that still fit. Null if a unit cannot.
   */
  const round = (prefer: (u: number) => number[], weight: (u: number) => number): Int32Array | null => {
    left.set(cap);
    const units = Array.from({ length: n }, (_, u) => u).sort((a, b) => weight(b) - weight(a) || a - b);
    const pick = new Int32Array(n);
    for (const u of units) {
      const k = prefer(u).find((k) => allowed(u, k) && fits(u, k));
      if (k === undefined) return null;
      pick[u] = k;
      take(u, k, 1);
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (let u = 0; u < n; u++) {
        const k0 = pick[u]!;
        take(u, k0, -1);
        let kb = k0;
        for (let k = 0; k < cost[u]!.length; k++) if (allowed(u, k) && cost[u]![k]! < cost[u]![kb]! && fits(u, k)) kb = k;
        if (kb !== k0) changed = true;
        pick[u] = kb;
        take(u, kb, 1);
      }
    }
    return pick;
  };
  const orders = cost.map((cs) => cs.map((_, k) => k).sort((a, b) => cs[a]! - cs[b]! || a - b));
  const byCost = (u: number) => orders[u]!;
  const feasible = (pick: Int32Array) => {
    left.set(cap);
    for (let u = 0; u < n; u++) {
      if (!fits(u, pick[u]!)) return false;
      take(u, pick[u]!, 1);
    }
    return true;
  };
  const offer = (pick: Int32Array | null) => {
    if (!pick || !feasible(pick)) return;
    const t = valueOf(pick);
    if (t < ub) {
      ub = t; if (process.env.DBG) console.log("  ub", t, "at node", nodes);
      best = pick.slice();
    }
  };

  // A first assignment: the given one, or a greedy one (cheapest choice that fits, units with the
  // largest spread between their cheapest and dearest choice first) when it is better.
  offer(round(byCost, (u) => Math.max(...cost[u]!) - Math.min(...cost[u]!)));
  lp.start(best);

  // Open nodes, best bound first (deeper first among equal bounds: a plunge). A node is the list
  // of columns it forbids beyond the root's; moving to it undoes the last node's and applies its
  // own, which only changes costs, so the LP's basis stays feasible.
  const open = new Heap<Open>((a, b) => a.bound - b.bound || b.fixes.length - a.fixes.length || a.seq - b.seq);
  let seq = 0;
  open.push({ bound: -Infinity, fixes: [], seq: seq++ });
  const applied: number[] = [];
  let aborted = false;
  while (open.size > 0) {
    const nd = open.pop()!;
    if (nd.bound >= ub) continue;
    if (++nodes > nodeLimit) {
      aborted = true;
      break;
    }
    for (const j of applied) forbidden[j]!--;
    applied.length = 0;
    for (const j of nd.fixes) {
      forbidden[j]!++;
      applied.push(j);
    }
    const status = lp.solve();
    if (status === "limit") {
      aborted = true;
      break;
    }
    if (status === "infeasible") continue;
    const z = lp.objective().cost;
    const bound = Math.ceil(z - 1e-7 * Math.max(1, Math.abs(z)));
    if (nodes === 1) rootBound = bound;
    if (bound >= ub) continue;

    // Per unit: its LP values (the key, plus working columns of the unit).
    const keyVal = lp.keyValues();
    const frac: number[] = [];
    const seen = new Set<number>();
    for (let p = 0; p < R; p++) {
      const j = lp.basis[p]!;
      const u = lp.colUnit[j]!;
      if (u < 0 || seen.has(u)) continue;
      if (lp.xw[p]! > INT_TOL && lp.xw[p]! < 1 - INT_TOL) {
        seen.add(u);
        frac.push(u);
      }
    }
    const lpPick = (u: number) => {
      let kb = lp.key[u]! - unitStart[u]!;
      let vb = keyVal[u]!;
      for (let p = 0; p < R; p++) {
        const j = lp.basis[p]!;
        if (lp.colUnit[j] === u && lp.xw[p]! > vb) {
          vb = lp.xw[p]!;
          kb = j - unitStart[u]!;
        }
      }
      return kb;
    };
    const first = new Int32Array(n);
    for (let u = 0; u < n; u++) first[u] = lpPick(u);
    if (frac.length === 0) {
      // An integral LP optimum: every unit at its largest column, which fits by the LP's rows.
      offer(first);
      continue;
    }
    const fracSet = new Set(frac);
    offer(round((u) => (fracSet.has(u) ? [first[u]!, ...byCost(u)] : [first[u]!]), (u) => (fracSet.has(u) ? 0 : 1)));
    if (bound >= ub) continue;

    // Reduced-cost fixing: x_j = 1 would lift the bound to at least the best known total.
    const fixes = nd.fixes.slice();
    const budget = ub - 1 - z + 1e-7 * Math.max(1, Math.abs(z));
    for (let j = 0; j < lp.N; j++) {
      if (forbidden[j]! > 0 || lp.isBasic(j)) continue;
      if (Math.abs(lp.reducedForbidden(j)) > 1e-9) continue;
      if (lp.reducedCost(j) > budget) fixes.push(j);
    }

    // Branch on the fractional unit with the largest cost spread over its LP support.
    let bu = frac[0]!;
    let spread = -1;
    for (const u of frac) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < cost[u]!.length; k++) {
        if (lp.value(unitStart[u]! + k) <= INT_TOL) continue;
        lo = Math.min(lo, cost[u]![k]!);
        hi = Math.max(hi, cost[u]![k]!);
      }
      if (hi - lo > spread) {
        spread = hi - lo;
        bu = u;
      }
    }
    const bk = first[bu]!;
    // Child 1: the unit takes that choice; child 2: it may not.
    const take1 = fixes.slice();
    for (let k = 0; k < cost[bu]!.length; k++) if (k !== bk && allowed(bu, k)) take1.push(unitStart[bu]! + k);
    open.push({ bound, fixes: take1, seq: seq++ });
    fixes.push(unitStart[bu]! + bk);
    open.push({ bound, fixes, seq: seq++ });
  }
  for (const j of applied) forbidden[j]!--;
  if (process.env.DBG) console.log("  pivots", lp.pivots);
  return { pick: best, value: ub, rootBound, proved: !aborted, nodes };
}

interface Open {
  bound: number;
  fixes: number[];
  seq: number;
}

/** A binary heap, least first by `less`. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly cmp: (a: T, b: T) => number) {}
  get size() {
    return this.items.length;
  }
  push(x: T) {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.cmp(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.cmp(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
