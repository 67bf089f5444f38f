// Exact top-K bundles. A bundle is a partition of the needs into blocks, each served by a distinct
// provider (with that provider's best offers for the block): two bundles differ when some need goes
// to another provider. Blocks are listed in canonical order (each block holds the lowest need still
// uncovered), so every bundle is one path from "all needs" to "none".
//
// A plain K-best DP over subsets cannot forbid one provider in two blocks (its state does not know
// which providers are used), and such a split pays the provider's fixed costs twice, so it is
// never a bundle we want. Hence a DP for the bound and a search for the bundles:
//
// 1. h[R]: the least units to cover R when providers may repeat — a DP over subsets (3^k / 2 steps)
//    on the best option of each block. It is a lower bound of the true cost (a relaxation) and
//    consistent, so it guides a best-first search.
// 2. Best-first search with lazy successors: a node's children are generated one at a time in
//    increasing order (a small heap over its blocks, each block's options sorted), so every pop
//    pushes at most two nodes. Children reusing a provider, or that cannot fit the budget even in
//    the relaxation, are skipped. Complete bundles come out in increasing (units, path) order,
//    where the path compares block masks then provider ranks (ids): ties are deterministic.
import { bucket, type Options } from "./options";
import type { Problem } from "./problem";

/** Least units (h) and least cost (hc) to cover each subset, providers allowed to repeat. */
export function relaxedBounds(k: number, opts: Options, withCost: boolean): { h: Float64Array; hc: Float64Array | null } {
  const size = 1 << k;
  const h = new Float64Array(size);
  const hc = withCost ? new Float64Array(size) : null;
  const { bestU, bestC } = opts;
  for (let R = 1; R < size; R++) {
    const low = R & -R;
    const rest = R ^ low;
    let best = Infinity;
    let bestCost = Infinity;
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const T = sub | low;
      const v = bestU[T]! + h[R ^ T]!;
      if (v < best) best = v;
      if (hc) {
        const c = bestC[T]! + hc[R ^ T]!;
        if (c < bestCost) bestCost = c;
      }
      if (sub === 0) break;
    }
    h[R] = best;
    if (hc) hc[R] = bestCost;
  }
  return { h, hc };
}

interface Node {
  f: number;
  g: number;
  gc: number;
  R: number;
  opt: number;
  parent: Node | null;
  iter: Iter | null;
  path: number[] | null;
}

/** The lazily merged children of one node: one cursor per block T containing the lowest need. */
interface Iter {
  node: Node;
  used: Set<number>;
  ts: number[];
  /** Position in the sorted block, or −1 while the block is unsorted and cur is its best valid option. */
  pos: number[];
  /** The option the cursor stands on. */
  cur: number[];
  keys: number[];
  /** Cursor indexes kept as a binary heap on (key, T). */
  heap: number[];
}

export interface SearchResult {
  /** Each bundle as its option indexes, best first. */
  bundles: { options: number[]; units: number; cost: number }[];
  /** Pops done, for the bench. */
  pops: number;
}

/** Enough for any sane catalogue; bounds the time spent when fewer than K bundles exist. */
const MAX_POPS = 200_000;

export function topBundles(problem: Problem, opts: Options, K: number): SearchResult {
  const k = problem.k;
  const cap = problem.budgetCap;
  const { h, hc } = relaxedBounds(k, opts, cap !== Infinity);
  const full = (1 << k) - 1;
  const result: SearchResult = { bundles: [], pops: 0 };
  if (k === 0 || h[full] === Infinity || (hc && hc[full]! > cap)) return result;
  const { T: oT, P: oP, J: oJ, units, cost } = opts;

  const pathOf = (n: Node): number[] => {
    if (n.path) return n.path;
    const p = n.parent ? [...pathOf(n.parent), n.opt] : [];
    n.path = p;
    return p;
  };
  const cmpPath = (a: Node, b: Node): number => {
    const pa = pathOf(a);
    const pb = pathOf(b);
    const m = Math.min(pa.length, pb.length);
    for (let i = 0; i < m; i++) {
      const x = pa[i]!;
      const y = pb[i]!;
      if (x === y) continue;
      return oT[x]! - oT[y]! || oP[x]! - oP[y]! || oJ[x]! - oJ[y]!;
    }
    return pa.length - pb.length;
  };
  const less = (a: Node, b: Node) => a.f < b.f || (a.f === b.f && cmpPath(a, b) < 0);

  // Global binary heap of nodes.
  const heap: Node[] = [];
  const push = (n: Node) => {
    let i = heap.push(n) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = (): Node => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };

  // Cursor heap helpers for an iterator.
  const cLess = (it: Iter, a: number, b: number) => it.keys[a]! < it.keys[b]! || (it.keys[a] === it.keys[b] && it.ts[a]! < it.ts[b]!);
  const siftDown = (it: Iter, i: number) => {
    const hp = it.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < hp.length && cLess(it, hp[l]!, hp[m]!)) m = l;
      if (r < hp.length && cLess(it, hp[r]!, hp[m]!)) m = r;
      if (m === i) return;
      [hp[i], hp[m]] = [hp[m]!, hp[i]!];
      i = m;
    }
  };
  const valid = (it: Iter, o: number, rest: number) => !it.used.has(oP[o]!) && !(hc && it.node.gc + cost[o]! + hc[rest]! > cap);
  /**
   * Put cursor c on the best valid option of its block at or after pos[c]; false when none is left.
   * A block not sorted yet is scanned for its best valid option (pos = −1), and sorted only if the
   * search ever needs its second one: most blocks are looked at once.
   */
  const settle = (it: Iter, c: number): boolean => {
    const t = it.ts[c]!;
    const rest = it.node.R ^ t;
    const a = opts.start[t]!;
    const z = opts.start[t + 1]!;
    const { order } = opts;
    let found = -1;
    if (!opts.sorted[t] && it.pos[c] === 0) {
      for (let i = a; i < z; i++) {
        const o = order[i]!;
        if (!valid(it, o, rest)) continue;
        if (found < 0 || units[o]! < units[found]! || (units[o] === units[found] && (oP[o]! < oP[found]! || (oP[o] === oP[found] && oJ[o]! < oJ[found]!)))) found = o;
      }
      it.pos[c] = -1;
    } else {
      if (it.pos[c] === -1) {
        const sortedView = bucket(opts, t);
        it.pos[c] = sortedView.indexOf(it.cur[c]!) + 1;
      }
      for (let p = it.pos[c]!; a + p < z; p++) {
        const o = order[a + p]!;
        if (!valid(it, o, rest)) continue;
        it.pos[c] = p;
        found = o;
        break;
      }
    }
    if (found < 0) return false;
    it.cur[c] = found;
    it.keys[c] = it.node.g + units[found]! + h[rest]!;
    return true;
  };
  const emit = (it: Iter) => {
    if (it.heap.length === 0) return;
    const c = it.heap[0]!;
    const o = it.cur[c]!;
    const t = it.ts[c]!;
    push({ f: it.keys[c]!, g: it.node.g + units[o]!, gc: it.node.gc + cost[o]!, R: it.node.R ^ t, opt: o, parent: it.node, iter: null, path: null });
  };
  const advance = (it: Iter) => {
    const c = it.heap[0]!;
    if (it.pos[c] !== -1) it.pos[c]! += 1;
    if (settle(it, c)) siftDown(it, 0);
    else {
      const last = it.heap.pop()!;
      if (it.heap.length > 0) {
        it.heap[0] = last;
        siftDown(it, 0);
      }
    }
  };
  const expand = (n: Node) => {
    const used = new Set<number>();
    for (let x: Node | null = n; x && x.parent; x = x.parent) used.add(oP[x.opt]!);
    const it: Iter = { node: n, used, ts: [], pos: [], cur: [], keys: [], heap: [] };
    const low = n.R & -n.R;
    const rest = n.R ^ low;
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const t = sub | low;
      if (opts.start[t + 1]! > opts.start[t]! && h[n.R ^ t]! !== Infinity) {
        const c = it.ts.length;
        it.ts.push(t);
        it.pos.push(0);
        it.cur.push(-1);
        it.keys.push(0);
        if (settle(it, c)) it.heap.push(c);
      }
      if (sub === 0) break;
    }
    for (let i = (it.heap.length >> 1) - 1; i >= 0; i--) siftDown(it, i);
    n.iter = it;
    emit(it);
  };

  const dedupe = problem.budgetCap !== Infinity && problem.nPref > 0;
  const seen = new Set<string>();
  push({ f: h[full]!, g: 0, gc: 0, R: full, opt: -1, parent: null, iter: null, path: [] });
  while (heap.length > 0 && result.bundles.length < K && result.pops < MAX_POPS) {
    const n = pop();
    result.pops++;
    if (n.parent) {
      const it = n.parent.iter!;
      advance(it);
      emit(it);
    }
    if (n.R !== 0) {
      expand(n);
      continue;
    }
    const options = pathOf(n);
    if (dedupe) {
      // Frontier mode can reach one partition through several offer choices: keep its best.
      const key = options.map((o) => `${oT[o]}:${oP[o]}`).join(",");
      if (seen.has(key)) continue;
      seen.add(key);
    }
    result.bundles.push({ options, units: n.g, cost: n.gc });
  }
  return result;
}
