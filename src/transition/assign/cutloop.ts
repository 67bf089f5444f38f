// The cut loop of the search (bnb.ts): a separator's interface, the pool of cuts, the root's
// rounds (separate, rebuild the LP with the pool as extra rows, re-solve, until the bound stalls)
// and the node-cut restarts deeper in the tree. GubLp takes no rows in place, so every round is a
// new LP started from the old one's basis; a rebuild that fails numerically leaves the state as it
// was (rebuild, recoverLp).
import { withCuts, type Cut } from "./cuts";
import { closesAt, GubLp, type Model } from "./lp";

/**
 * Finds cuts (valid for every assignment that fits) violated at the LP point x[u][k] on the given
 * rows; `at`: the LP that point is the optimum of, on its model (m and the cuts in it so far), for
 * separators that read its tableau (gomory.ts), and whether it is the root's (the cut rounds) or a
 * node's deeper in the tree (a node-cut restart).
 */
export type Separator = ((m: Model, rows: number[], x: Float64Array[], at?: Tableau) => Cut[]) & {
  /**
   * The LP rebuilt with this separator's cuts re-solves by the dual simplex (withDualRebuild); a
   * number k: a cut loop's rounds from the k-th on (the first k by the primal), node-cut restarts always.
   */
  dualRebuild?: boolean | number;
  /** The dual re-solve's pivots at most, per row of the rebuilt LP, before the primal takes over (default DUAL_REBUILD_ROWS). */
  dualCap?: number;
  /**
   * Node-cut restarts with this separator (bnb.ts; defaults FIRST_RESTART, RESTART_GROWTH,
   * MAX_RESTARTS; SearchOptions.firstRestart wins); `least`: a restart due waits for a node whose
   * bound is the tree's least (it holds the gap).
   */
  restarts?: { first?: number; growth?: number; max?: number; least?: boolean };
  /**
   * The pool's size: new cuts a round at most and cuts in the pool at most, per row of the model
   * (defaults: max(10, R/2) and max(30, 2R)); `age`: the rounds a cut stays slack before it leaves
   * (default CUT_AGE). Opt-in: bench:assign-profile `fotPool…` variants, figures in ARCHITECTURE.md.
   */
  pool?: { perRound?: number; max?: number; age?: number };
};
export interface Tableau {
  lp: GubLp;
  model: Model;
  root?: boolean;
  /** The incumbent's value: separators may cut off every assignment not below it (costmir.ts). */
  ub?: number;
  /** Per column (units' choices in order): 1 when no assignment may take it (bnb.ts SearchOptions.banned). */
  banned?: Uint8Array;
}

/** A cut of the pool and the rounds it has been slack in a row. */
export interface PoolCut {
  cut: Cut;
  age: number;
}

export interface CutState {
  lp: GubLp;
  model: Model;
  /** Pivots of the LPs replaced so far. */
  spent: number;
  aborted: boolean;
  pool: PoolCut[];
  /** The cuts that are the current LP's rows after the model's, in order (updated by rebuild). */
  inLp: Cut[];
  /** The LP optimum after each round (the first: before any cut). */
  rounds: number[];
  /** The separator gets no tableau (no GMI cuts): set once a node LP failed numerically (recoverLp). */
  noTableau: boolean;
  /** Per column: banned (bnb.ts SearchOptions.banned), for separators' Tableau. */
  banned?: Uint8Array;
  /** Set by a rebuild: the LP it replaced and its rows' places in the new one (GubLp.carry: the waiting nodes' bases follow). */
  replaced?: { prev: GubLp; rowMap: Int32Array };
}

/**
 * Root rounds at most; a round that moves the bound less than STALL of the first gap ends them.
 * SearchOptions.cutStall measured other shares on 30 small instances (100×10 seeds 0–2, 250×20 and
 * 500×30 seeds 0–5, both shapes; pivots, 752,820 at 0.003): 0.01 970,521 and two more unproved,
 * 0.03 ×1.72 on the first 20; 0.001 740,115 but 5 instances 5–144 % dearer (500×30 random s1
 * 29,011 → 70,687). Rounds cost separation time more than pivots, yet the bound they buy pays.
 */
const CUT_ROUNDS = 30;
export const STALL = 0.003;
/** A cut slack this many rounds in a row leaves the pool. */
const CUT_AGE = 3;

/**
 * A dual re-solve of a rebuilt LP (withDualRebuild) takes at most this many pivots per row of it,
 * then the primal takes over. In the 1000×45 root rounds (seeds 0–5, both shapes) it needed
 * 1.6–2.6 × R in the first round and 0.1–0.9 × R later, the primal 1,000–2,200 pivots; but it can
 * crawl: 1000×45 random s1 with c-MIR at R/4 took 77,506 dual pivots in one round before it gave
 * up, and the search ended at its root. A cap of 2 stopped many first rounds (wasted work).
 */
const DUAL_REBUILD_ROWS = 4;

/** The LP point per unit (x[u][k]) and its cut rows' slacks. */
export function lpPoint(lp: GubLp, m: Model): { x: Float64Array[]; slack: Float64Array } {
  const xv = lp.values();
  const x = m.cost.map((_, u) => xv.subarray(lp.unitStart[u]!, lp.unitStart[u + 1]!));
  return { x, slack: xv.subarray(lp.N + m.cap.length) };
}

/**
 * A new LP on m plus the cuts of `pool` (which becomes the state's pool), with the old one's
 * forbidden columns, solved from the old LP's basis (its point stays; a cut it violates starts on
 * its surplus column, which the first level drives out), or from `start` when that basis cannot
 * carry over (a tight cut was dropped). False, and the state as it was (the old LP, solved, and
 * its pool), when the new LP fails numerically (a singular basis: dense cut rows, gomory.ts, can
 * be nearly parallel); the pivots spent on it still count. `dual`: a warm start re-solves by the
 * dual simplex (withDualRebuild).
 */
export function rebuild(m: Model, st: CutState, pool: PoolCut[], start: Int32Array, pivotLimit: number, fresh = false, dual = false, dualCap = DUAL_REBUILD_ROWS): boolean {
  const cuts = pool.map((p) => p.cut);
  const model = withCuts(m, cuts);
  const R0 = m.cap.length;
  let lp: GubLp | null = null;
  try {
    lp = new GubLp(model, { surplusFrom: R0 });
    lp.forbidden.set(st.lp.forbidden.subarray(0, st.lp.N));
    lp.inheritDead(st.lp);
    const at = new Map(cuts.map((c, i) => [c, R0 + i]));
    const rowMap = Int32Array.from({ length: st.lp.R }, (_, r) => (r < R0 ? r : (at.get(st.inLp[r - R0]!) ?? -1)));
    const warm = !fresh && lp.startFrom(st.lp, rowMap);
    if (!warm) lp.start(start);
    const left = Math.max(0, pivotLimit - st.spent - st.lp.pivots);
    let status = warm && dual ? lp.solveDual(Math.min(left, Math.ceil(dualCap * lp.R))) : lp.solve(left);
    // A dual re-solve past its cap gives up (its start basis back) or stops in the primal: the primal goes on.
    if (warm && dual && status === "limit" && lp.pivots < left) status = lp.solve(left - lp.pivots);
    st.spent += st.lp.pivots;
    st.replaced = { prev: st.lp, rowMap };
    st.lp = lp;
    st.model = model;
    st.inLp.length = 0;
    st.inLp.push(...cuts);
    if (pool !== st.pool) (st.pool.length = 0), st.pool.push(...pool);
    if (status === "limit") st.aborted = true;
    return true;
  } catch {
    st.spent += lp?.pivots ?? 0;
    return false;
  }
}

/**
 * The separator, its rounds' LPs re-solved by the dual simplex (GubLp.solveDual) rather than the
 * primal. Adding cuts keeps the old optimum dual feasible: each violated cut's surplus column
 * (startFrom) is a forbidden basic column with a value, which the dual phase drives out. Opt-in:
 * the main search's rebuilt LPs (root rounds, both roots) take ~10× fewer pivots (1000×45 seeds
 * 0–1: clustered 14,534 → 1,224 and 6,571 → 813, random 13,048 → 1,499 and 13,990 → 1,441; CPU
 * ×0.25–0.5), but they end on other optimal vertices, so other cuts follow: root bounds after the
 * rounds −12.4, −0.1 (clustered) and −6.5, +8.5 cents (random); clustered s0 no longer proved on
 * the default budget (gap 26), s1 proved on 95.7k pivots instead of 42.6k, random totals −185,
 * +17 cents; 500×30 proved both ways, pivots random s0 6.8k → 3.1k, s1 29.0k → 33.8k, clustered
 * s0 13.6k → 12.3k, s1 3.4k → 1.5k.
 * Measured with a scratch script timing `withDualRebuild(rootMirGomory)` / `(rootMir)` against the
 * defaults (the report of the branch `gmi`).
 * `fromRound` k: the first k rounds of each cut loop by the primal, the later ones by the dual.
 * 1000×45 seeds 0–5 (scratch script, solveOptimal with `separate` = withDualRebuild(rootMirGomory,
 * k), default budget; report of the branch `cutround`), proved clustered of 6: default 2 (s0, s1),
 * k = 0: 3 (s0 lost), k = 1: 4, k = 2: 4 (s0 on 52.6k pivots instead of 71.0k, s1 49.7k instead
 * of 45.1k, s2 and s5 proved where the default stops 5 and 3 cents short, s3 and s4 open 32 and
 * 52 cents short instead of 36 and 34), k = 3: 3; random totals against the default, k = 2: +41,
 * 0, proved both (80.1k pivots instead of 84.8k), −489, −14, +43 cents. Before the cap
 * (DUAL_REBUILD_ROWS; the clustered figures above are the same with it): k = 2 random +41, +103,
 * proved both (97.8k), −91, −14, −17; k = 0: −112, +17, proved both, −96, +59, +12; k = 3 never
 * higher (−108, −17, proved both, −262, −44, −2) but clustered s4 +83 and s5 unproved. None kept
 * every total; k = 2 became the default from 600 to 1,300 units on seeds 0–11 (bnb.ts midSeparator).
 */
export function withDualRebuild(separate: Separator, fromRound = 0, capPerRow = DUAL_REBUILD_ROWS): Separator {
  const s: Separator = (m, rows, x, at) => separate(m, rows, x, at);
  s.dualRebuild = fromRound > 0 ? fromRound : true;
  s.dualCap = capPerRow;
  return s;
}

/** What a separator may read of the LP: its tableau, unless a node LP failed numerically. */
const tableauOf = (st: CutState, root: boolean, ub: number): Tableau | undefined => (st.noTableau ? undefined : { lp: st.lp, model: st.model, root, ub, banned: st.banned });

/**
 * A node LP failed numerically (a singular basis at a refactorisation: the updated inverse drifted
 * on the fractional, nearly dependent rows of GMI cuts, gomory.ts). The LP is rebuilt without the
 * pool's tableau cuts, from `start` (the incumbent: all slacks basic, so a well-conditioned basis;
 * not from the failed LP's), solved with the node's fixes, and no tableau cuts are separated for
 * the rest of the search. Failing that, without any cut. False when even that fails (the caller
 * then stops unproved: never a thrown error, never a bound from a broken basis).
 */
export function recoverLp(m: Model, st: CutState, start: Int32Array, pivotLimit: number): boolean {
  st.noTableau = true;
  if (rebuild(m, st, st.pool.filter((p) => !p.cut.tableau), start, pivotLimit, true)) return true;
  return rebuild(m, st, [], start, pivotLimit, true);
}

/** Ages the pool's cuts at the current LP point; true when some cut is slack. */
function age(st: CutState, slack: Float64Array): boolean {
  let any = false;
  st.pool.forEach((p, i) => {
    if (slack[i]! > 1e-6) (p.age++, (any = true));
    else p.age = 0;
  });
  return any;
}

/** New cuts a round and cuts in the pool at most, for R capacity rows (Separator.pool, per row; else max(10, R/2) and max(30, 2R)). */
function poolSize(separate: Separator, R: number): { perRound: number; maxPool: number } {
  const p = separate.pool;
  return {
    perRound: p?.perRound !== undefined ? Math.max(10, Math.round(p.perRound * R)) : Math.max(10, R >> 1),
    maxPool: p?.max !== undefined ? Math.max(30, Math.round(p.max * R)) : Math.max(30, 2 * R),
  };
}

/**
 * Separate, re-solve, separate again while the bound moves (by at least STALL of the gap between
 * the first LP bound and `ub`) and cuts are found. At most max(10, R/2) new cuts a round and 2R in
 * the pool (each row makes every pivot dearer); cuts slack CUT_AGE rounds in a row are dropped, and
 * at the end every slack one (a slack row does not hold the optimum up: the bound stays).
 * Tried at 1000×45 (seeds 0–5, both shapes, the first root's bound after its rounds, BENCH_NODES
 * 1 in a scratch script): choosing a round's cuts across families by efficacy, dropping nearly
 * parallel ones (cosine above 0.9 or 0.98) or keeping R/4: Σ −71, −32, −52 cents over the 12
 * instances (the separators' own ranking and quotas do better); the pool's 2R cap never binds
 * there (aging empties it first).
 */
export function cutRounds(m: Model, rows: number[], st: CutState, ub: number, start: Int32Array, pivotLimit: number, separate: Separator, stallShare: number) {
  const R = m.cap.length;
  const { perRound, maxPool } = poolSize(separate, R);
  const cutAge = separate.pool?.age ?? CUT_AGE;
  const z0 = st.rounds[0]!;
  // Without an incumbent yet, the gap is taken as 0.1% of the bound.
  const stall = Math.max(0.5, stallShare * (Math.min(ub, z0 + 1e-3 * Math.abs(z0)) - z0));
  for (let round = 0; round < CUT_ROUNDS; round++) {
    const { x, slack } = lpPoint(st.lp, m);
    age(st, slack);
    const fresh = separate(m, rows, x, tableauOf(st, true, ub)).slice(0, perRound);
    if (fresh.length === 0) break;
    const kept = st.pool.filter((p) => p.age < cutAge);
    const pool = [...kept.slice(Math.max(0, kept.length + fresh.length - maxPool)), ...fresh.map((cut) => ({ cut, age: 0 }))];
    const dr = separate.dualRebuild;
    if (!rebuild(m, st, pool, start, pivotLimit, false, dr === true || (typeof dr === "number" && round >= dr), separate.dualCap)) break;
    if (st.aborted) return;
    const z = st.lp.objective().cost;
    const prev = st.rounds[st.rounds.length - 1]!;
    st.rounds.push(z);
    if (closesAt(z, ub)) break;
    if (z - prev < stall) break;
  }
  const { slack } = lpPoint(st.lp, m);
  if (age(st, slack)) {
    rebuild(m, st, st.pool.filter((p) => p.age === 0), start, pivotLimit);
  }
}

/** Node cuts: at the first node past FIRST_RESTART nodes, then past ×RESTART_GROWTH as many, at most MAX_RESTARTS times. */
export const FIRST_RESTART = 100;
export const RESTART_GROWTH = 3;
export const MAX_RESTARTS = 4;

/**
 * Cuts at a node deep in the tree: covers are valid for every assignment, so the ones the node's
 * LP violates join the pool for every node. GubLp takes no rows in place, so this is a restart: a
 * new LP with the pool (the node's fixes carried in `forbidden`), solved from the incumbent. Hence
 * only now and then. False when the node's LP violates no cut (nothing rebuilt).
 */
export function nodeCuts(m: Model, rows: number[], st: CutState, start: Int32Array, ub: number, pivotLimit: number, separate: Separator): boolean {
  const R = m.cap.length;
  const { x } = lpPoint(st.lp, m);
  const { perRound, maxPool } = poolSize(separate, R);
  const fresh = separate(m, rows, x, tableauOf(st, false, ub)).slice(0, perRound);
  if (fresh.length === 0) return false;
  const kept = st.pool.slice(Math.max(0, st.pool.length + fresh.length - maxPool));
  return rebuild(m, st, [...kept, ...fresh.map((cut) => ({ cut, age: 0 }))], start, pivotLimit, false, !!separate.dualRebuild, separate.dualCap);
}
