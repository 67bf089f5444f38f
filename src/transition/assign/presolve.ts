// The reduced model of a restart (HiGHS's: after the root's reduced-cost fixing, presolve and solve
// again; bnb.ts SearchOptions.restartReduce). Pure: `reduceModel` drops the columns the root fixed
// to 0 (their reduced cost lifts the bound to the incumbent: any assignment taking one costs at
// least as much), the banned ones and the dominated ones (bnb.ts dominated: any assignment taking
// one is matched by one as cheap taking its dominator); a unit left with one choice is fixed (its
// cost a constant, its amounts off the capacities); a capacity row that no choices left can
// overfill (each unit's largest amount on it, summed, within its room) is dropped; again until
// nothing changes (dropped rows make more choices dominated). The columns of a given assignment
// (the incumbent) always stay, so it maps over. Exact for what a proof needs: every assignment of
// the reduced model is one of the original (`expand`) with the same total minus `constant`, and an
// assignment of the original cheaper than the incumbent has a match as cheap in the reduced model.
// `mapCuts` carries the root's cuts over; `searchReduced` runs the search on it (RESTART_REDUCE:
// its figures; the default from 600 to 1,300 units only when the root's fixing forbids half the
// columns, RestartReduce.minShare, its budget scaled by the rows, perRow: bnb.ts MID_REDUCE).
import type { Searched, SearchOptions, SearchProfile } from "./bnb";
import type { Cut } from "./cuts";
import type { Model } from "./lp";

export interface Reduced {
  model: Model;
  /** Per reduced unit its original unit, and per reduced choice its original choice. */
  unitOf: Int32Array;
  choiceOf: Int32Array[];
  /** Per reduced row its original row. */
  rowOf: Int32Array;
  /** Per original unit: its fixed choice, or −1 when it is a unit of the reduced model. */
  fixed: Int32Array;
  /** The fixed units' cost: a reduced total plus this is the original's. */
  constant: number;
  /** Choices of the reduced model still banned (only the kept assignment's own can be). */
  banned: [number, number][];
}

/** Per unit: 1 for each choice dominated by another (equal ones: the later is dropped). */
export function dominated(m: Model, banned: (u: number, k: number) => boolean = () => false): Int32Array[] {
  // Each choice's amounts spread on a row-indexed scratch while compared (a Map per choice was
  // built for every search and sub-search), cleared after; a later duplicate row wins, as in a Map.
  const useI = new Float64Array(m.cap.length);
  const useJ = new Float64Array(m.cap.length);
  const spread = (use: Float64Array, u: number, k: number, on: boolean) => {
    const rs = m.res[u]![k]!;
    for (let t = 0; t < rs.length; t++) use[rs[t]!] = on ? m.amt[u]![k]![t]! : 0;
  };
  return m.cost.map((costs, u) => {
    const out = new Int32Array(costs.length);
    const res = m.res[u]!;
    // i takes no more than j of every capacity (useI, useJ: their amounts).
    const covers = (i: number, j: number, ui: Float64Array, uj: Float64Array) => {
      for (const r of res[i]!) if (ui[r]! > 0 && ui[r]! > uj[r]!) return false;
      for (const r of res[j]!) if (uj[r]! < 0 && uj[r]! < ui[r]!) return false;
      return true;
    };
    for (let j = 0; j < costs.length; j++) {
      for (let i = 0; i < costs.length && !out[j]; i++) {
        if (i === j || out[i] || costs[i]! > costs[j]! || banned(u, i)) continue;
        spread(useI, u, i, true);
        spread(useJ, u, j, true);
        if (covers(i, j, useI, useJ) && (costs[i]! < costs[j]! || i < j || !covers(j, i, useJ, useI))) out[j] = 1;
        spread(useI, u, i, false);
        spread(useJ, u, j, false);
      }
    }
    return out;
  });
}

/**
 * The reduced model without the columns `drop(u, k)` says (and the banned and dominated ones),
 * keeping every column of `keep` (one choice per original unit).
 */
export function reduceModel(m: Model, drop: (u: number, k: number) => boolean, keep: ArrayLike<number>, banned: [number, number][] = []): Reduced {
  const n = m.cost.length;
  const R = m.cap.length;
  const isBanned = new Set(banned.map(([u, k]) => `${u}:${k}`));
  const ban = (u: number, k: number) => isBanned.has(`${u}:${k}`);
  // alive[u]: its choices still in (ascending).
  let alive: number[][] = m.cost.map((cs, u) => cs.map((_, k) => k).filter((k) => k === keep[u] || (!drop(u, k) && !ban(u, k))));
  const dom0 = dominated(m, ban);
  alive = alive.map((ks, u) => ks.filter((k) => k === keep[u] || !dom0[u]![k]));
  const fixed = new Int32Array(n).fill(-1);
  const room = Float64Array.from(m.cap);
  const rowIn = new Uint8Array(R).fill(1);
  let constant = 0;
  for (let changed = true; changed; ) {
    changed = false;
    // Units with one choice left: fixed.
    for (let u = 0; u < n; u++) {
      if (fixed[u]! >= 0 || alive[u]!.length !== 1) continue;
      const k = alive[u]![0]!;
      fixed[u] = k;
      constant += m.cost[u]![k]!;
      m.res[u]![k]!.forEach((r, i) => (room[r]! -= m.amt[u]![k]![i]!));
      changed = true;
    }
    // Rows no assignment of what is left can overfill.
    const most = new Float64Array(R);
    const top = new Float64Array(R);
    for (let u = 0; u < n; u++) {
      if (fixed[u]! >= 0) continue;
      top.fill(0);
      for (const k of alive[u]!) m.res[u]![k]!.forEach((r, i) => (top[r] = Math.max(top[r]!, m.amt[u]![k]![i]!)));
      for (let r = 0; r < R; r++) most[r]! += top[r]!;
    }
    for (let r = 0; r < R; r++) {
      if (rowIn[r] && most[r]! <= room[r]!) {
        rowIn[r] = 0;
        changed = true;
      }
    }
    // Choices dominated in what is left (fewer rows, more dominance).
    const sub = build(m, alive, fixed, rowIn, room);
    const dom = dominated(sub.model, (v, k) => ban(sub.unitOf[v]!, sub.choiceOf[v]![k]!));
    sub.unitOf.forEach((u, v) => {
      const before = alive[u]!.length;
      alive[u] = alive[u]!.filter((k, i) => k === keep[u] || !dom[v]![i]);
      if (alive[u]!.length !== before) changed = true;
    });
  }
  const out = build(m, alive, fixed, rowIn, room);
  const bannedOut: [number, number][] = [];
  out.unitOf.forEach((u, v) => out.choiceOf[v]!.forEach((k, i) => ban(u, k) && bannedOut.push([v, i])));
  return { ...out, fixed, constant, banned: bannedOut };
}

function build(m: Model, alive: number[][], fixed: Int32Array, rowIn: Uint8Array, room: Float64Array) {
  const R = m.cap.length;
  const rowOf = Int32Array.from(Array.from({ length: R }, (_, r) => r).filter((r) => rowIn[r]));
  const newRow = new Int32Array(R).fill(-1);
  rowOf.forEach((r, i) => (newRow[r] = i));
  const units = Array.from({ length: m.cost.length }, (_, u) => u).filter((u) => fixed[u]! < 0);
  const choiceOf = units.map((u) => Int32Array.from(alive[u]!));
  const model: Model = { cost: [], res: [], amt: [], cap: Array.from(rowOf, (r) => room[r]!) };
  units.forEach((u, v) => {
    model.cost.push(Array.from(choiceOf[v]!, (k) => m.cost[u]![k]!));
    model.res.push([]);
    model.amt.push([]);
    for (const k of choiceOf[v]!) {
      const rs: number[] = [];
      const as: number[] = [];
      m.res[u]![k]!.forEach((r, i) => {
        if (newRow[r]! >= 0) (rs.push(newRow[r]!), as.push(m.amt[u]![k]![i]!));
      });
      model.res[v]!.push(rs);
      model.amt[v]!.push(as);
    }
  });
  return { model, unitOf: Int32Array.from(units), choiceOf, rowOf };
}

/** The original assignment of a reduced one. */
export function expand(red: Reduced, pick: ArrayLike<number>): Int32Array {
  const out = Int32Array.from(red.fixed);
  red.unitOf.forEach((u, v) => (out[u] = red.choiceOf[v]![pick[v]!]!));
  return out;
}

/** The reduced assignment of an original one whose choices are all in the reduced model (the kept one). */
export function restrict(red: Reduced, pick: ArrayLike<number>): Int32Array {
  return Int32Array.from(red.unitOf, (u, v) => {
    const i = red.choiceOf[v]!.indexOf(pick[u]!);
    if (i < 0) throw new Error(`restrict: unit ${u}'s choice ${pick[u]} is not in the reduced model`);
    return i;
  });
}

/** SearchOptions.restartReduce's settings. */
export interface RestartReduce {
  /** The reduced root's own neighbourhood turns (default false: the original root's just ran on the same incumbent). */
  rootPrimal?: boolean;
  /**
   * "parent" (default): the reduced search keeps the original's rules (separator, branching,
   * plunge, re-solve, rounding, schedule) whatever its size; "own": the defaults of its own size
   * (a 864-unit model reduced below 600 units takes the small rules).
   */
  rules?: "parent" | "own";
  /** Reduced restarts again inside the reduced search (default 0). */
  again?: number;
  /** The original root's cuts mapped over as the reduced root's first pool (default true; false: re-separated only). */
  cuts?: boolean;
  /**
   * The rest of the pivot budget scaled by the rows (original ÷ reduced), as optimal.ts's budget is
   * work (pivots × rows): a reduced pivot is cheaper (default false: the rest as it is).
   */
  perRow?: boolean;
  /**
   * Reduce only when the root's reduced-cost fixing forbids at least this share of the columns
   * (SCIP's restart rule: a restart must remove enough); below it the plain second root runs
   * (default 0: always reduce).
   */
  minShare?: number;
}

/**
 * The cuts on the reduced model: a fixed unit's coefficient moves to the right-hand side, dropped
 * columns leave (no reduced assignment takes them); a cut no reduced assignment can violate is
 * left out. Valid where the original was: every reduced assignment is an original one.
 */
export function mapCuts(red: Reduced, cuts: Cut[]): Cut[] {
  const redOf = new Int32Array(red.fixed.length).fill(-1);
  red.unitOf.forEach((u, v) => (redOf[u] = v));
  const out: Cut[] = [];
  for (const c of cuts) {
    let rhs = c.rhs;
    let most = 0;
    const cols = new Map<number, number[]>();
    const coefs = new Map<number, number[]>();
    for (const [u, ks] of c.cols) {
      const a = c.coefs?.get(u);
      const v = redOf[u]!;
      if (v < 0) {
        const i = ks.indexOf(red.fixed[u]!);
        if (i >= 0) rhs -= a ? a[i]! : 1;
        continue;
      }
      const ch = red.choiceOf[v]!;
      const rk: number[] = [];
      const ra: number[] = [];
      ks.forEach((k, i) => {
        const at = ch.indexOf(k);
        if (at >= 0) (rk.push(at), ra.push(a ? a[i]! : 1));
      });
      if (rk.length === 0) continue;
      cols.set(v, rk);
      coefs.set(v, ra);
      most += Math.max(0, ...ra);
    }
    if (most <= rhs) continue;
    out.push({ cols, coefs, rhs, tableau: c.tableau });
  }
  return out;
}

/**
 * The restart's search on the reduced model: from the incumbent mapped over, on what is left of the
 * budget (`opts.nodeLimit`, `opts.pivotLimit`), its root cut rounds re-separated on the reduced
 * rows with the incumbent known. `search` is bnb.ts's (passed in: no import cycle at run time).
 * `opts` are the options to run it with, in the original's row and unit numbering (hostOf,
 * banned, onIncumbent, profile: mapped here).
 */
export function searchReduced(
  search: (m: Model, start: Int32Array, opts: SearchOptions) => Searched,
  m: Model,
  drop: (u: number, k: number) => boolean,
  best: Int32Array,
  ub: number,
  cuts: Cut[],
  opts: SearchOptions,
  nodesBefore: number,
  perRow = false,
): { red: Reduced; s: Searched } {
  const prof = opts.profile;
  const t0 = prof ? performance.now() : 0;
  const red = reduceModel(m, drop, best, opts.banned ?? []);
  if (prof) prof.presolve = { ms: performance.now() - t0, pivots: 0, n: 1 };
  const hostOf = opts.hostOf;
  const own: SearchProfile | undefined = prof ? {} : undefined;
  const s = search(red.model, restrict(red, best), {
    ...opts,
    banned: red.banned,
    pivotLimit: perRow && opts.pivotLimit !== undefined ? Math.round((opts.pivotLimit * m.cap.length) / Math.max(1, red.model.cap.length)) : opts.pivotLimit,
    cutPool: mapCuts(red, cuts),
    hostOf: hostOf && Array.from(red.rowOf, (r) => hostOf[r]!),
    profile: own,
    onIncumbent:
      opts.onIncumbent &&
      ((pick, value, at) => {
        if (value + red.constant < ub) opts.onIncumbent!(expand(red, pick), value + red.constant, nodesBefore + at);
      }),
  });
  if (prof && own) for (const [k, v] of Object.entries(own)) prof[`red.${k}`] = v;
  return { red, s };
}

/*
 * RESTART_REDUCE (SearchOptions.restartReduce): as below, always reducing, it was opt-in; with the
 * share rule (RestartReduce.minShare 0.5) it is the default from 600 to 1,300 units (bnb.ts
 * MID_REDUCE: 1000 × 45 seeds 0–17, no proof lost, one gained, open totals −306 cents). Seeds 6–17
 * always reducing (scratch script, solveOptimal default and restartReduce: true per instance):
 * random s7 loses its proof (1 cent short at the budget, share 49.5 %), s16 gains one; open totals
 * +363, +189, −113, −27, −172, +231 (random s6, s8, s10, s14, s15, s17), clustered +4, −266, +561,
 * −32, −466, +28, −60, −39 (s6, s8, s11, s12, s14–s17); at low shares the reduced model is hardly
 * smaller and its tree mostly found worse incumbents (the tree bounds end about equal).
 * On MID_REDUCE, `again: 1` (the 16 instances of seeds 0–16 that reduce, scratch script):
 * random s5 loses its proof (gap 5), s1 +24, s14 +286, s10 −13 cents; proofs on 0.6–1.4× the
 * pivots (random s11 107.2k → 70.4k, clustered s9 48.5k → 56.2k, s10 14.2k → 19.2k): opt-in.
 * The first measurements, always reducing: opt-in, not a default at any size. Measured by a
 * scratch script calling solveOptimal per variant, one variant after the other per instance, on a
 * busy 2-core machine (wall times noisy: compare within an instance; pivots, nodes and totals are
 * deterministic); the same runs: `BENCH_SIZES=1000x45 BENCH_SEEDS=6 BENCH_VARIANTS=default,reduce,
 * reduceAgain,reduceRootPrimal,reduceRecut npm run bench:assign-profile` (2000×60:
 * default,rootRestart,reduce,reduceSmall; the option off is the base, bit for bit):
 * - what it reduces: 1000×45 (864–873 units, 7.3k columns, 127–139 rows): 16–60 % of the columns
 *   fixed by reduced cost (HiGHS: 48–76 %), with dominance 2.3k–5.9k columns left, 805–828 units
 *   (the fixed ones all members left out, constant 0), rows 93–139; 2000×60 s0 random 1,640 units,
 *   6.4k of 14.6k columns, 143 of 177 rows, clustered 10.9k columns, all rows. A pivot took
 *   ×0.70–0.97 the time of the unreduced search's (pricing: fewer columns; rows hardly drop).
 * - 1000×45 seeds 0–5, reduce against the base (cents; BENCH_SEEDS=6): random s0 +73, s1 −54, s2
 *   proved either way (84.8k → 94.2k pivots, time ×0.93), s3 +76, s4 −19, s5 +26; clustered s0
 *   proved (70.9k → 65.9k pivots, ×0.81), s1 proved (45.1k → 75.4k pivots, 145 → 689 nodes),
 *   s2 −2, s3 +28, s4 +37, s5 the same total, now proved (76.3k pivots; the base ends 3 short).
 *   Four proofs instead of three, five totals higher. `again: 1` (a second reduction inside):
 *   +73, −55, proved, −81, +22, −17 and proved; clustered proved, proved, +61, +130, 0, proved
 *   (five proofs, four totals higher). `rootPrimal` (the reduced root's neighbourhoods too): +45,
 *   +5, proved, +76, −58, −2; proved, proved, +18, +23, +70, proved. Re-separated only
 *   (`cuts: false`, seeds 0–2): the reduced root's bound after its rounds fell below the first
 *   root's (clustered s0 −20 cents) and random s2, clustered s0 lost their proofs.
 * - 2000×60 s0 with the second root on (base without it → restart → reduce → reduce with the small
 *   rules): random totals +8, +30, +43 cents against the base, clustered +476, +451, +138; the small
 *   rules on the reduced model cost 179–193 µs a pivot against 82–91 (not affordable).
 * - 500×30 seeds 0–2 (the small rules, all proved either way): pivots 165.8k → 245.2k (clustered
 *   s2 83.6k → 135.8k, random s1 49.1k → 75.4k), with `again: 1` 153.6k (s1 37.4k, s2 83.0k).
 * The searches' paths move with the reduced root's vertex and cuts, and the totals with them; no
 * variant kept every total and proof while saving time, so it stays opt-in.
 */

/**
 * The search's answer after a reduced restart: `outer`, the original search's record up to its
 * second root, joined with the reduced search's (work summed); its assignment when better, proved
 * when the reduced search proves. Its tree bound: the original root's holds everywhere, the reduced
 * tree's only below the incumbent (every assignment it left out costs at least that).
 */
export function joinReduced(outer: Searched, red: Reduced, s: Searched): Searched {
  const better = s.value + red.constant < outer.value;
  const value = better ? s.value + red.constant : outer.value;
  const sum = (a: number | undefined, b: number | undefined) => (a ?? 0) + (b ?? 0);
  return {
    ...outer,
    pick: better ? expand(red, s.pick) : outer.pick,
    value,
    proved: s.proved,
    nodes: outer.nodes + s.nodes,
    cutRounds: sum(outer.cutRounds, s.cutRounds),
    cuts: sum(outer.cuts, s.cuts),
    pivots: outer.pivots + s.pivots,
    restarts: sum(outer.restarts, s.restarts),
    primalPivots: sum(outer.primalPivots, s.primalPivots),
    rootCut2: (s.rootCut ?? NaN) + red.constant,
    nodePivots: sum(outer.nodePivots, s.nodePivots),
    restores: sum(outer.restores, s.restores),
    pops: sum(outer.pops, s.pops),
    popPivots: sum(outer.popPivots, s.popPivots),
    dualPivots: sum(outer.dualPivots, s.dualPivots),
    dualFallbacks: sum(outer.dualFallbacks, s.dualFallbacks),
    nodeCutoffs: sum(outer.nodeCutoffs, s.nodeCutoffs),
    recovered: sum(outer.recovered, s.recovered),
    treeBound: s.proved ? value : Math.min(value, Math.max(outer.rootBound, (s.treeBound ?? -Infinity) + red.constant)),
    strongProbes: sum(outer.strongProbes, s.strongProbes),
    strongPivots: sum(outer.strongPivots, s.strongPivots),
    strongClosed: sum(outer.strongClosed, s.strongClosed),
    reduced: { units: red.model.cost.length, cols: red.model.cost.reduce((t, c) => t + c.length, 0), rows: red.model.cap.length, constant: red.constant },
  };
}
