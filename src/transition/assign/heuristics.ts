// Primal heuristics for the branch and bound of bnb.ts: ways to find a better assignment than the
// incumbent early, so the search is left with the proof. Pure functions over the Model of lp.ts, an
// assignment (per unit: a choice index) and the LP point; none changes what it is given.
//  - neighbourhoods (large-neighbourhood search): every unit keeps its incumbent choice except the
//    "free" ones; the sub-problem left (the free units, the room the others leave) is small, and
//    is solved exactly by the same branch and bound with a node budget (`SubSearch`, given by the
//    caller so this file does not import bnb.ts). The free units are chosen by
//      · RINS (relaxation-induced): those whose incumbent choice is not their whole LP choice
//        (rinsRowsFree: and some on the rows where their LP choices find no room);
//      · tight rows: those on the capacities with the least room left (where a better assignment
//        must shuffle units), taken in turns so that successive calls look at other rows;
//      · host swap: the units around the host under most pressure and the roomiest host they
//        could move to (hostSwapFree);
//      · crossover: the units on which the best two incumbents differ (crossoverFree);
//      · local branching: any unit, but at most k of them off the incumbent (maxChanges);
//  - pair moves (an ejection chain of two): a unit moves to a cheaper choice and, when that does
//    not fit, one unit on the capacity that blocks it moves elsewhere to make room, when the sum
//    falls. Only units on a blocking capacity can make room, so only those are tried.
// Every result fits every capacity, takes only usable choices (not banned, not dominated) and is
// never worse than the assignment given. A unit is a group that moves as one, so groups stay whole.
import type { Model } from "./lp";

/** May unit u take choice k (not banned, not dominated)? */
export type Usable = (u: number, k: number) => boolean;

/** A sub-search's budget. */
export interface SubLimits {
  nodeLimit: number;
  pivotLimit: number;
}

/**
 * Solve a model exactly within limits from a start that fits, where the `banned` choices ([unit,
 * choice]) are not allowed (the start may take them: its value is then +∞); the best found (value
 * +∞ if it still takes a banned choice) and the pivots it took.
 */
export type SubSearch = (
  m: Model,
  start: Int32Array,
  banned: [number, number][],
  limits: SubLimits,
) => { pick: Int32Array; value: number; pivots: number; proved?: boolean };

export function totalCost(m: Model, pick: ArrayLike<number>): number {
  let t = 0;
  for (let u = 0; u < m.cost.length; u++) t += m.cost[u]![pick[u]!]!;
  return t;
}

/** Room left on every capacity by an assignment (negative: over). */
export function roomLeft(m: Model, pick: ArrayLike<number>): Float64Array {
  const room = Float64Array.from(m.cap);
  for (let u = 0; u < m.cost.length; u++) {
    const rs = m.res[u]![pick[u]!]!;
    for (let i = 0; i < rs.length; i++) room[rs[i]!]! -= m.amt[u]![pick[u]!]![i]!;
  }
  return room;
}

export function fitsAll(m: Model, pick: ArrayLike<number>): boolean {
  return roomLeft(m, pick).every((x) => x >= 0);
}

/** The sub-problem of the free units: their usable choices, the room the others leave. */
export interface Restricted {
  model: Model;
  /** Sub-unit i is unit units[i]; its choice c is choices[i][c]. */
  units: number[];
  choices: number[][];
  /** The incumbent in the sub-problem's indexes. */
  start: Int32Array;
  /** Sub-problem choices not usable, that the incumbent takes ([sub-unit, choice]). */
  banned: [number, number][];
}

/**
 * Restrict to the free units, and to the units whose assigned choice is not usable (the search's
 * start may take a banned one, made to fit by it: the sub-problem keeps it, banned, for its own
 * LP to drive out). Null when nothing is free to change. Capacities no choice of the free units can
 * overflow are left out: they never bind. With `live`, a free unit keeps only its own choice and the
 * usable ones `live` allows (bnb.ts: not fixed out for good by the root's reduced costs, which no
 * assignment below the incumbent takes).
 */
export function restrict(m: Model, pick: ArrayLike<number>, free: ArrayLike<number>, usable: Usable, maxChanges?: number, live?: Usable): Restricted | null {
  const n = m.cost.length;
  const R = m.cap.length;
  const room = Float64Array.from(m.cap);
  const units: number[] = [];
  const choices: number[][] = [];
  const banned: [number, number][] = [];
  for (let u = 0; u < n; u++) {
    const mustMove = !usable(u, pick[u]!);
    const ks = free[u] || mustMove ? m.cost[u]!.map((_, k) => k).filter((k) => k === pick[u] || (usable(u, k) && (!live || live(u, k)))) : [];
    if (ks.length > 1 || mustMove) {
      if (mustMove) banned.push([units.length, ks.indexOf(pick[u]!)]);
      units.push(u);
      choices.push(ks);
      continue;
    }
    const rs = m.res[u]![pick[u]!]!;
    for (let i = 0; i < rs.length; i++) room[rs[i]!]! -= m.amt[u]![pick[u]!]![i]!;
  }
  if (units.length === 0) return null;
  // Most a row can be asked for by the free units (each at its largest amount there).
  const most = new Float64Array(R);
  const negative = new Uint8Array(R);
  units.forEach((u, i) => {
    const top = new Map<number, number>();
    for (const k of choices[i]!) {
      m.res[u]![k]!.forEach((r, j) => {
        const a = m.amt[u]![k]![j]!;
        if (a < 0) negative[r] = 1;
        top.set(r, Math.max(top.get(r) ?? 0, a));
      });
    }
    for (const [r, a] of top) most[r]! += a;
  });
  const rowOf = new Int32Array(R).fill(-1);
  const cap: number[] = [];
  for (let r = 0; r < R; r++) {
    if (negative[r] || most[r]! > room[r]! + 1e-9) {
      rowOf[r] = cap.length;
      cap.push(room[r]!);
    }
  }
  const cost: number[][] = [];
  const res: number[][][] = [];
  const amt: number[][][] = [];
  const start = new Int32Array(units.length);
  units.forEach((u, i) => {
    const ks = choices[i]!;
    cost.push(ks.map((k) => m.cost[u]![k]!));
    res.push(ks.map((k) => m.res[u]![k]!.filter((r) => rowOf[r]! >= 0).map((r) => rowOf[r]!)));
    amt.push(ks.map((k) => m.amt[u]![k]!.filter((_, j) => rowOf[m.res[u]![k]![j]!]! >= 0)));
    start[i] = ks.indexOf(pick[u]!);
  });
  // Local branching: one more row, every choice but the incumbent's takes 1 of its `maxChanges`.
  if (maxChanges !== undefined) {
    const row = cap.length;
    cap.push(maxChanges);
    units.forEach((_, i) => {
      for (let c = 0; c < choices[i]!.length; c++) if (c !== start[i]) (res[i]![c]!.push(row), amt[i]![c]!.push(1));
    });
  }
  return { model: { cost, res, amt, cap }, units, choices, start, banned };
}

/**
 * Re-solve the free units exactly (within the limits) with the others kept (and, with
 * `maxChanges`, at most that many of them off their incumbent choice: local branching); the whole assignment
 * when it is cheaper, else null. `pivots`: the work the sub-search took either way; `units` the
 * sub-problem's size and `proved` whether its search ended (nothing better in the neighbourhood),
 * for a caller that sizes the next neighbourhood by how this one went.
 */
export function solveNeighbourhood(
  m: Model,
  pick: Int32Array,
  free: ArrayLike<number>,
  usable: Usable,
  sub: SubSearch,
  limits: SubLimits,
  maxChanges?: number,
  live?: Usable,
): { pick: Int32Array | null; pivots: number; units: number; proved?: boolean } {
  const r = restrict(m, pick, free, usable, maxChanges, live);
  if (!r) return { pick: null, pivots: 0, units: 0 };
  const before = r.banned.length > 0 ? Infinity : totalCost(r.model, r.start);
  const s = sub(r.model, r.start, r.banned, limits);
  const seen = { pivots: s.pivots, units: r.units.length, proved: s.proved };
  if (!(s.value < before)) return { pick: null, ...seen };
  const out = pick.slice();
  r.units.forEach((u, i) => (out[u] = r.choices[i]![s.pick[i]!]!));
  // The sub-problem's rows are the only ones the free units could overflow; checked all the same.
  const ok = fitsAll(m, out) && out.every((k, u) => usable(u, k)) && (r.banned.length > 0 || totalCost(m, out) < totalCost(m, pick));
  return { pick: ok ? out : null, ...seen };
}

/** RINS: free the units whose incumbent choice is not the LP's whole choice (x = 1). */
export function rinsFree(pick: ArrayLike<number>, lpChoice: ArrayLike<number>, lpValue: ArrayLike<number>): Uint8Array {
  const free = new Uint8Array(pick.length);
  for (let u = 0; u < pick.length; u++) if (pick[u] !== lpChoice[u] || lpValue[u]! < 1 - 1e-6) free[u] = 1;
  return free;
}

/**
 * RINS and the rows where its units collide: the RINS set, and of the units on a capacity some RINS
 * unit's LP choice needs more room on than the incumbent leaves there (units sitting on their whole
 * LP choice, outside every RINS set), up to `more` of those whose next usable choice costs least
 * more: where the RINS units' LP choices need room made. Opt-in (schedule.ts kind "rinsRows"):
 * right after the root's RINS at 1000 × 45 clustered s0–s2 it never found a better assignment on
 * its 6.1k–6.7k pivots, and s2 lost its proof.
 */
export function rinsRowsFree(m: Model, pick: ArrayLike<number>, lpChoice: ArrayLike<number>, lpValue: ArrayLike<number>, usable: Usable, more: number): Uint8Array {
  const n = m.cost.length;
  const free = rinsFree(pick, lpChoice, lpValue);
  const room = roomLeft(m, pick);
  const hit = new Uint8Array(m.cap.length);
  for (let u = 0; u < n; u++) {
    if (!free[u] || lpChoice[u] === pick[u]) continue;
    const k = lpChoice[u]!;
    m.res[u]![k]!.forEach((r, i) => {
      if (room[r]! < m.amt[u]![k]![i]! - 1e-9) hit[r] = 1;
    });
  }
  const orders = costOrders(m.cost);
  const extra: [number, number][] = [];
  for (let u = 0; u < n; u++) {
    if (free[u] || !m.res[u]![pick[u]!]!.some((r) => hit[r])) continue;
    const e = extraOf(m.cost, orders, u, pick[u]!, usable);
    if (e < Infinity) extra.push([e, u]);
  }
  extra.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, u] of extra.slice(0, more)) free[u] = 1;
  return free;
}

/**
 * Free about `size` units around the capacities with the least room left (as a share of the
 * capacity), starting at the `turn`-th tightest so that successive turns look at other rows: the
 * units on such a row, and those with a cheaper usable choice that would take it.
 */
export function tightFree(m: Model, pick: ArrayLike<number>, usable: Usable, size: number, turn: number): Uint8Array {
  const n = m.cost.length;
  const R = m.cap.length;
  const room = roomLeft(m, pick);
  const on: number[][] = Array.from({ length: R }, () => []);
  const wants: number[][] = Array.from({ length: R }, () => []);
  for (let u = 0; u < n; u++) {
    const ku = pick[u]!;
    for (const r of m.res[u]![ku]!) on[r]!.push(u);
    m.cost[u]!.forEach((c, k) => {
      if (c < m.cost[u]![ku]! && usable(u, k)) for (const r of m.res[u]![k]!) wants[r]!.push(u);
    });
  }
  const rows = Array.from({ length: R }, (_, r) => r)
    .filter((r) => wants[r]!.length > 0 && m.cap[r]! > 0)
    .sort((a, b) => room[a]! / m.cap[a]! - room[b]! / m.cap[b]! || a - b);
  const free = new Uint8Array(n);
  if (rows.length === 0) return free;
  let count = 0;
  for (let i = 0; i < rows.length && count < size; i++) {
    const r = rows[(turn + i) % rows.length]!;
    for (const u of [...wants[r]!, ...on[r]!]) if (!free[u] && count < size) (free[u] = 1), count++;
  }
  return free;
}

/** Per unit its choices by cost, ascending (ties: the lower choice first). */
export function costOrders(cost: number[][]): number[][] {
  return cost.map((cs) => cs.map((_, k) => k).sort((a, b) => cs[a]! - cs[b]! || a - b));
}

/**
 * What unit v's cheapest usable choice other than kv costs more than kv (Infinity: none), in the
 * order `orders[v]` (costs ascending): a pair move needs v to move for less than its gain.
 */
export function extraOf(cost: number[][], orders: number[][], v: number, kv: number, usable: Usable): number {
  for (const k2 of orders[v]!) if (k2 !== kv && usable(v, k2)) return cost[v]![k2]! - cost[v]![kv]!;
  return Infinity;
}

/**
 * Pair moves until none lowers the total: a unit to a cheaper usable choice, alone when it fits,
 * else with one unit on a capacity that blocks it moving to another usable choice, when the two
 * changes together cost less. Returns a new assignment (the same one when nothing moved).
 */
export function pairMoves(m: Model, start: ArrayLike<number>, usable: Usable, maxPasses = 50): Int32Array {
  const n = m.cost.length;
  const pick = Int32Array.from(start);
  const room = roomLeft(m, pick);
  const { cost, res, amt } = m;
  // A blocked move tries the units on its row in the order they last joined it (as a Set per row
  // deleted from and re-added to at every trial move did: assign-pairmoves.test.ts keeps that
  // version). That order is a stamp per unit: joining again is a new stamp, and a row's units are
  // its members sorted by stamp. Was a list per row re-appended to at every trial (lazy deletion):
  // the trials' re-joins were most of this function's time.
  const members: number[][] = m.cap.map(() => []);
  const stamp = new Float64Array(n);
  const lifted = new Uint8Array(n);
  let clock = 0;
  for (let u = 0; u < n; u++) {
    stamp[u] = ++clock;
    for (const r of res[u]![pick[u]!]!) members[r]!.push(u);
  }
  const shift = (u: number, k: number, sign: number) => {
    const rs = res[u]![k]!;
    const as = amt[u]![k]!;
    for (let i = 0; i < rs.length; i++) room[rs[i]!]! -= sign * as[i]!;
  };
  const lift = (u: number, k: number) => {
    shift(u, k, -1);
    lifted[u] = 1;
  };
  /** u placed on k (its rows' members change only when k is not where it was), joining last. */
  const place = (u: number, k: number, was: number) => {
    shift(u, k, 1);
    lifted[u] = 0;
    stamp[u] = ++clock;
    if (k === was) return;
    for (const r of res[u]![was]!) {
      const L = members[r]!;
      const at = L.indexOf(u);
      L[at] = L[L.length - 1]!;
      L.pop();
    }
    for (const r of res[u]![k]!) members[r]!.push(u);
  };
  const blocking = (u: number, k: number): number => {
    const rs = res[u]![k]!;
    const as = amt[u]![k]!;
    for (let i = 0; i < rs.length; i++) if (room[rs[i]!]! < as[i]! - 1e-9) return rs[i]!;
    return -1;
  };
  /** Whether u's choice k fits once v leaves its choice kv (blocking(u, k) < 0 with v lifted). */
  const fitsWithout = (u: number, k: number, v: number, kv: number): boolean => {
    const rs = res[u]![k]!;
    const as = amt[u]![k]!;
    const vr = res[v]![kv]!;
    const va = amt[v]![kv]!;
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i]!;
      let have = room[r]!;
      for (let j = 0; j < vr.length; j++) if (vr[j] === r) have += va[j]!;
      if (have < as[i]! - 1e-9) return false;
    }
    return true;
  };
  const orders = costOrders(cost);
  // extraOf per unit for the choice it had when computed (usable does not change within a call).
  const extra = new Float64Array(n);
  const extraFor = new Int32Array(n).fill(-1);
  const extraAt = (v: number, kv: number) => {
    if (extraFor[v] !== kv) (extra[v] = extraOf(cost, orders, v, kv, usable)), (extraFor[v] = kv);
    return extra[v]!;
  };
  const onRow: number[] = [];
  for (let pass = 0, better = true; better && pass < maxPasses; pass++) {
    better = false;
    for (let u = 0; u < n; u++) {
      const ku = pick[u]!;
      lift(u, ku);
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
        // The row's placed units by stamp: its members sorted in place (insertion sort: mostly in
        // order from the last time), a snapshot, as the moves below change the stamps.
        const L = members[r0]!;
        for (let j = 1; j < L.length; j++) {
          const v = L[j]!;
          const sv = stamp[v]!;
          let i = j;
          while (i > 0 && stamp[L[i - 1]!]! > sv) (L[i] = L[i - 1]!), i--;
          L[i] = v;
        }
        onRow.length = 0;
        for (const v of L) if (!lifted[v]) onRow.push(v);
        for (const v of onRow) {
          const kv = pick[v]!;
          // Most units on the row cannot move for less than the gain, or do not make room for k:
          // seen without moving them (amounts are whole, so the room's arithmetic is exact either
          // way), only their order changes.
          if (extraAt(v, kv) >= gain || !fitsWithout(u, k, v, kv)) {
            stamp[v] = ++clock;
            continue;
          }
          lift(v, kv);
          if (blocking(u, k) < 0) {
            shift(u, k, 1);
            for (const k2 of orders[v]!) {
              if (cost[v]![k2]! - cost[v]![kv]! >= gain) break;
              if (k2 !== kv && usable(v, k2) && blocking(v, k2) < 0) {
                pick[v] = k2;
                done = true;
                break;
              }
            }
            shift(u, k, -1);
          }
          place(v, pick[v]!, kv);
          if (done) {
            pick[u] = k;
            break;
          }
        }
        if (done) break;
      }
      place(u, pick[u]!, ku);
      if (done) better = true;
    }
  }
  return pick;
}

/** Crossover: free the units on which two assignments differ (the best two incumbents). */
export function crossoverFree(a: ArrayLike<number>, b: ArrayLike<number>): Uint8Array {
  const free = new Uint8Array(a.length);
  for (let u = 0; u < a.length; u++) if (a[u] !== b[u]) free[u] = 1;
  return free;
}

/**
 * Host swap: about `size` units around two hosts (`hostOf`: per capacity row its host, −1 for a row
 * of none), the `turn`-th under most pressure (the cents its capacities keep from units that have a
 * cheaper usable choice there) and, of the hosts its units could move to, the one with the most
 * room left (a share of its capacity): the units that want the first, those on the first that can
 * move to the second, then the others on either. Where a better assignment must move units out of
 * a full host to make room for those that want it.
 */
export function hostSwapFree(m: Model, pick: ArrayLike<number>, usable: Usable, hostOf: ArrayLike<number>, size: number, turn: number): Uint8Array {
  const n = m.cost.length;
  const H = Math.max(0, ...Array.from(hostOf, (h) => h + 1));
  const free = new Uint8Array(n);
  if (H === 0) return free;
  const room = roomLeft(m, pick);
  const pressure = new Float64Array(H);
  const share = new Float64Array(H).fill(Infinity);
  m.cap.forEach((c, r) => {
    const h = hostOf[r]!;
    if (h >= 0 && c > 0) share[h] = Math.min(share[h]!, room[r]! / c);
  });
  const hostsOf = (u: number, k: number) => new Set(m.res[u]![k]!.map((r) => hostOf[r]!).filter((h) => h >= 0));
  const on: number[][] = Array.from({ length: H }, () => []);
  const wants: number[][] = Array.from({ length: H }, () => []);
  for (let u = 0; u < n; u++) {
    const ku = pick[u]!;
    for (const h of hostsOf(u, ku)) on[h]!.push(u);
    m.cost[u]!.forEach((c, k) => {
      if (c >= m.cost[u]![ku]! || !usable(u, k)) return;
      for (const h of hostsOf(u, k)) (pressure[h]! += m.cost[u]![ku]! - c), wants[h]!.push(u);
    });
  }
  const ranked = Array.from({ length: H }, (_, h) => h)
    .filter((h) => pressure[h]! > 0)
    .sort((a, b) => pressure[b]! - pressure[a]! || a - b);
  if (ranked.length === 0) return free;
  const a = ranked[turn % ranked.length]!;
  // The host with the most room that some unit on `a` may move to.
  let b = -1;
  const canMove = new Map<number, number[]>();
  for (const u of on[a]!) {
    m.cost[u]!.forEach((_, k) => {
      if (k === pick[u] || !usable(u, k)) return;
      for (const h of hostsOf(u, k)) if (h !== a) canMove.set(h, [...(canMove.get(h) ?? []), u]);
    });
  }
  for (const h of canMove.keys()) if (b < 0 || share[h]! > share[b]! || (share[h] === share[b] && h < b)) b = h;
  let count = 0;
  const add = (us: number[]) => {
    for (const u of us) if (!free[u] && count < size) (free[u] = 1), count++;
  };
  add(wants[a]!);
  if (b >= 0) add(canMove.get(b)!);
  add(on[a]!);
  if (b >= 0) add(on[b]!);
  return free;
}
