// A dual-guided primal heuristic for the branch and bound of bnb.ts: from the LP's duals y (a
// choice's reduced cost is cost − y·use, as in lp.ts; the cut rows' duals included, the model then
// holds the cuts) a whole assignment, and ejection chains that polish it and the incumbent.
//  1. construct: units in the order of regret (second-best minus best reduced cost: the ones that
//     lose most by not getting their best first), each to its best reduced-cost choice that still
//     fits, the LP's own column first among equals; a unit that fits nowhere is placed by an
//     ejection chain of any cost (below);
//  2. improve: first-improvement ejection chains on the true costs — a unit moves to a cheaper
//     choice; when that overfills a row, a unit on that row moves on to a choice using less of it,
//     and so on, up to CHAIN_DEPTH moves, while the sum of the cost changes stays negative. The row
//     room is kept incrementally and the loop allocates nothing;
//  3. optionally (`rounds`), repeat with perturbed duals: a subgradient step on the Lagrangian (each
//     unit at its best reduced cost): rows it overfills get dearer, rows it leaves slack cheaper;
//  4. the incumbent (`start`) polished by the same chains; the best of all is returned.
// Measured at 1000 × 45 random (ROUNDS below): 1 lands 0.31% above the root LP (0.17% after 2),
// behind the search's own first incumbent (0.09%); 4 is what pays (−358 cents at the root).
// Pure: takes the model, the duals and the usable choices, returns an assignment that fits (or
// null) and its total. A unit is a group that moves as one, so groups stay whole; "leaving out"
// is one of a unit's choices in the cost model (optimal.ts costModel), on its own row.
import type { Usable } from "./heuristics";
import type { Model } from "./lp";

export interface LagrangeOptions {
  /** Choices a unit may take (not banned, not dominated). */
  usable: Usable;
  /** Assignments built from perturbed duals after the one from y (default ROUNDS: none). */
  rounds?: number;
  /** Elementary steps (a row checked, a choice tried) over the whole call (default WORK). */
  work?: number;
  /**
   * Per unit, the choice to try first among those of equal reduced cost (the LP's largest column):
   * at the LP's duals most units have several choices at the least reduced cost (degenerate), and
   * the LP point says which one the capacities were planned for.
   */
  prefer?: Int32Array | null;
  /** An assignment that fits to polish too (the incumbent): the result is never worse than it. */
  start?: Int32Array | null;
}

export interface LagrangeResult {
  /** Per unit: its choice, or null when no round built an assignment that fits. */
  pick: Int32Array | null;
  value: number;
  /** The round whose assignment was best (−1: the polished start), and the work spent. */
  bestRound: number;
  work: number;
}

/**
 * Perturbed rounds after the LP's duals: none by default. Measured at 1000 × 45 random (root LP
 * 1464798.5, incumbent 1466063): the LP's duals build 1469395 (1467253 after the chains); every
 * subgradient round, even at a twentieth of Polyak's step, built worse (1489624–1510302 after the
 * chains): at the LP's duals most units tie on several choices, so the Lagrangian solution
 * overfills rows wholesale and its gradient is noise. The polished incumbent did best (1465705).
 */
const ROUNDS = 0;
const WORK = 20_000_000;
const CHAIN_DEPTH = 3;
/** The first subgradient step's share of Polyak's (a full step moved the duals far: +3% at 1000 × 45). */
const THETA = 0.05;
/** Share of the work each round may spend polishing its assignment; the incumbent gets the rest. */
const ROUND_SHARE = 0.1;
/** Most units tried on a full row by a level of a chain that recurses (so a chain's work stays bounded). */
const CHAIN_WIDTH = 12;

export function lagrangeAssign(m: Model, y0: ArrayLike<number>, opts: LagrangeOptions): LagrangeResult {
  const s = new LagrangeState(m, opts.usable, opts.work ?? WORK);
  let best: Int32Array | null = null;
  let bestValue = Infinity;
  let bestRound = -2;
  const R = m.cap.length;
  const y = new Float64Array(R);
  for (let r = 0; r < R; r++) y[r] = Math.min(0, y0[r] ?? 0);
  const rounds = opts.rounds ?? ROUNDS;
  let theta = THETA;
  let lastL = -Infinity;
  const share = Math.floor((opts.work ?? WORK) * ROUND_SHARE);
  for (let round = 0; round <= rounds && s.work > 0; round++) {
    const built = s.construct(y, opts.prefer ?? null);
    // Each round polishes with at most its share of the work, so the later rounds and the start get some.
    if (built) s.improve(Math.max(0, s.work - share));
    if (built) {
      const t = s.total();
      if (t < bestValue) {
        bestValue = t;
        best = s.choices();
        bestRound = round;
      }
    }
    if (round === rounds) break;
    // Subgradient step on the rows the Lagrangian solution overfills (g < 0) or leaves slack.
    const L = s.lagrangian(y);
    if (L <= lastL) theta /= 2;
    lastL = Math.max(lastL, L);
    const g = s.gradient;
    let norm = 0;
    for (let r = 0; r < R; r++) if (!(y[r] === 0 && g[r]! > 0)) norm += g[r]! * g[r]!;
    if (norm === 0) break; // the Lagrangian solution fits: it is optimal for these duals
    // Polyak's step towards the best total known; when none yet, towards 0.1% above L.
    const target = bestValue < Infinity ? bestValue : L + 1e-3 * Math.abs(L) + 1;
    const step = (theta * Math.max(1, target - L)) / norm;
    for (let r = 0; r < R; r++) y[r] = Math.min(0, y[r]! + step * g[r]!);
  }
  // The incumbent, polished by the same chains, with the work left.
  if (opts.start && s.load(opts.start)) {
    s.improve();
    if (s.total() < bestValue) {
      best = s.choices();
      bestValue = s.total();
      bestRound = -1;
    }
  }
  return { pick: best, value: bestValue, bestRound, work: (opts.work ?? WORK) - s.work };
}

/** The model flattened into columns, an assignment and its room: the workspace of every round. */
class LagrangeState {
  readonly n: number;
  readonly R: number;
  readonly unitStart: Int32Array;
  readonly colUnit: Int32Array;
  readonly cost: Float64Array;
  readonly colStart: Int32Array;
  readonly colRes: Int32Array;
  readonly colAmt: Float64Array;
  readonly cap: Float64Array;
  /** Per unit, its usable columns by true cost (byCost) and, per round, by reduced cost (byRc). */
  readonly useStart: Int32Array;
  readonly byCost: Int32Array;
  readonly byRc: Int32Array;
  /** Per row, the columns that take some of it (to find the units on a full row). */
  readonly rowStart: Int32Array;
  readonly rowCols: Int32Array;
  readonly rc: Float64Array;
  readonly room: Float64Array;
  /** Per unit, its column (−1: none yet). */
  readonly pick: Int32Array;
  readonly gradient: Float64Array;
  /** The chain being tried: units moved and the columns they left (undo), columns added (rows to check). */
  private readonly chainUnit = new Int32Array(CHAIN_DEPTH + 1);
  private readonly chainFrom = new Int32Array(CHAIN_DEPTH + 1);
  private chainLen = 0;
  private readonly order: Int32Array;
  private readonly regret: Float64Array;
  work: number;

  constructor(
    m: Model,
    usable: Usable,
    work: number,
  ) {
    this.work = work;
    const n = m.cost.length;
    const R = m.cap.length;
    this.n = n;
    this.R = R;
    this.unitStart = new Int32Array(n + 1);
    let nnz = 0;
    for (let u = 0; u < n; u++) {
      this.unitStart[u + 1] = this.unitStart[u]! + m.cost[u]!.length;
      for (const rs of m.res[u]!) nnz += rs.length;
    }
    const N = this.unitStart[n]!;
    this.colUnit = new Int32Array(N);
    this.cost = new Float64Array(N);
    this.colStart = new Int32Array(N + 1);
    this.colRes = new Int32Array(nnz);
    this.colAmt = new Float64Array(nnz);
    const rowCount = new Int32Array(R + 1);
    const useList: number[] = [];
    this.useStart = new Int32Array(n + 1);
    let at = 0;
    for (let u = 0; u < n; u++) {
      for (let k = 0; k < m.cost[u]!.length; k++) {
        const j = this.unitStart[u]! + k;
        this.colUnit[j] = u;
        this.cost[j] = m.cost[u]![k]!;
        this.colStart[j] = at;
        m.res[u]![k]!.forEach((r, i) => {
          this.colRes[at] = r;
          this.colAmt[at++] = m.amt[u]![k]![i]!;
          if (m.amt[u]![k]![i]! > 0) rowCount[r + 1]!++;
        });
        if (usable(u, k)) useList.push(j);
      }
      this.useStart[u + 1] = useList.length;
    }
    this.colStart[N] = at;
    this.byCost = Int32Array.from(useList);
    for (let u = 0; u < n; u++) this.byCost.subarray(this.useStart[u]!, this.useStart[u + 1]!).sort((a, b) => this.cost[a]! - this.cost[b]! || a - b);
    this.byRc = this.byCost.slice();
    this.rowStart = new Int32Array(R + 1);
    for (let r = 0; r < R; r++) this.rowStart[r + 1] = this.rowStart[r]! + rowCount[r + 1]!;
    this.rowCols = new Int32Array(this.rowStart[R]!);
    const fill = this.rowStart.slice(0, R);
    for (let j = 0; j < N; j++) for (let i = this.colStart[j]!; i < this.colStart[j + 1]!; i++) if (this.colAmt[i]! > 0) this.rowCols[fill[this.colRes[i]!]!++] = j;
    this.cap = Float64Array.from(m.cap);
    this.rc = new Float64Array(N);
    this.room = new Float64Array(R);
    this.pick = new Int32Array(n).fill(-1);
    this.gradient = new Float64Array(R);
    this.order = new Int32Array(n);
    this.regret = new Float64Array(n);
  }

  /** The assignment as per-unit choice indexes (pick holds columns). */
  choices(): Int32Array {
    return Int32Array.from(this.pick, (j, u) => j - this.unitStart[u]!);
  }

  total(): number {
    let t = 0;
    for (let u = 0; u < this.n; u++) t += this.cost[this.pick[u]!]!;
    return t;
  }

  private add(j: number, sign: number) {
    for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) this.room[this.colRes[i]!]! -= sign * this.colAmt[i]!;
  }

  private fits(j: number): boolean {
    for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) if (this.room[this.colRes[i]!]! < this.colAmt[i]! - 1e-9) return false;
    return true;
  }

  /** Take an assignment as it is (per unit a choice index); false when it does not fit or takes an unusable choice. */
  load(start: Int32Array): boolean {
    this.room.set(this.cap);
    for (let u = 0; u < this.n; u++) {
      const j = this.unitStart[u]! + start[u]!;
      let ok = false;
      for (let p = this.useStart[u]!; p < this.useStart[u + 1]! && !ok; p++) ok = this.byCost[p] === j;
      if (!ok) return false;
      this.pick[u] = j;
      this.add(j, 1);
    }
    for (let r = 0; r < this.R; r++) if (this.room[r]! < -1e-9) return false;
    return true;
  }

  /** Units by regret, each to its best reduced-cost choice that fits, else by a chain; false if one cannot be placed. */
  construct(y: Float64Array, prefer: Int32Array | null): boolean {
    const { n, rc, byRc, useStart, order, regret } = this;
    for (let u = 0; u < n; u++) {
      const a = useStart[u]!;
      const b = useStart[u + 1]!;
      let best = Infinity;
      let second = Infinity;
      for (let p = a; p < b; p++) {
        const j = byRc[p]!;
        let d = this.cost[j]!;
        for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) d -= y[this.colRes[i]!]! * this.colAmt[i]!;
        // Within a rounding error of the least, the preferred column goes first.
        if (prefer && j === this.unitStart[u]! + prefer[u]!) d -= 1e-6 * Math.max(1, Math.abs(d));
        rc[j] = d;
        if (d < best) (second = best), (best = d);
        else if (d < second) second = d;
      }
      this.work -= b - a;
      byRc.subarray(a, b).sort((x, z) => rc[x]! - rc[z]! || x - z);
      regret[u] = second - best; // Infinity for a unit with one choice: it goes first
      order[u] = u;
    }
    order.sort((a, b) => regret[b]! - regret[a]! || a - b);
    this.room.set(this.cap);
    this.pick.fill(-1);
    for (let i = 0; i < n; i++) {
      const u = order[i]!;
      let placed = false;
      for (let p = useStart[u]!; p < useStart[u + 1]! && !placed; p++) {
        const j = byRc[p]!;
        if (this.fits(j)) {
          this.pick[u] = j;
          this.add(j, 1);
          placed = true;
        }
      }
      this.work -= useStart[u + 1]! - useStart[u]!;
      // Fits nowhere: the cheapest choice (by reduced cost) that a chain of other moves makes room for.
      for (let p = useStart[u]!; p < useStart[u + 1]! && !placed; p++) placed = this.chain(u, byRc[p]!, Infinity);
      if (!placed) return false;
    }
    return true;
  }

  /** The Lagrangian value at y (each unit at its best reduced cost, + y·cap) and its gradient cap − use. */
  lagrangian(y: Float64Array): number {
    const { n, rc, byRc, useStart, gradient } = this;
    gradient.set(this.cap);
    let L = 0;
    for (let r = 0; r < this.R; r++) L += y[r]! * this.cap[r]!;
    for (let u = 0; u < n; u++) {
      if (useStart[u + 1] === useStart[u]) continue;
      const j = byRc[useStart[u]!]!; // byRc and rc are y's (construct ran on it)
      L += rc[j]!;
      for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) gradient[this.colRes[i]!]! -= this.colAmt[i]!;
    }
    return L;
  }

  /** First-improvement ejection chains until none improves or the work left falls to `floor`. */
  improve(floor = 0) {
    const { n, byCost, useStart, cost, pick } = this;
    for (let better = true; better && this.work > floor; ) {
      better = false;
      for (let u = 0; u < n && this.work > floor; u++) {
        const cu = cost[pick[u]!]!;
        for (let p = useStart[u]!; p < useStart[u + 1]!; p++) {
          const j = byCost[p]!;
          if (cost[j]! >= cu) break;
          if (this.chain(u, j, cu - cost[j]!)) {
            better = true;
            break;
          }
        }
      }
    }
  }

  /**
   * Move u to column j, then make room on the rows that overfills by moving units on them on, up to
   * CHAIN_DEPTH moves in all, the cost changes after u's summing to less than `budget`. True: done
   * (applied); false: everything undone.
   */
  private chain(u: number, j: number, budget: number): boolean {
    this.chainLen = 0;
    this.move(u, j);
    if (this.fix(budget, CHAIN_DEPTH - 1)) return true;
    this.undo(0);
    return false;
  }

  private move(u: number, j: number) {
    this.chainUnit[this.chainLen] = u;
    this.chainFrom[this.chainLen++] = this.pick[u]!;
    if (this.pick[u]! >= 0) this.add(this.pick[u]!, -1);
    this.pick[u] = j;
    this.add(j, 1);
  }

  private undo(to: number) {
    while (this.chainLen > to) {
      const c = --this.chainLen;
      const u = this.chainUnit[c]!;
      this.add(this.pick[u]!, -1);
      this.pick[u] = this.chainFrom[c]!;
      if (this.pick[u]! >= 0) this.add(this.pick[u]!, 1);
    }
  }

  /** A row the chain's moves overfill (only rows of the columns it added can be), or −1. */
  private overfull(): number {
    for (let c = 0; c < this.chainLen; c++) {
      const j = this.pick[this.chainUnit[c]!]!;
      for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) if (this.room[this.colRes[i]!]! < -1e-9) return this.colRes[i]!;
    }
    return -1;
  }

  private inChain(v: number): boolean {
    for (let c = 0; c < this.chainLen; c++) if (this.chainUnit[c] === v) return true;
    return false;
  }

  private fix(budget: number, depth: number): boolean {
    const r = this.overfull();
    this.work -= 1;
    if (r < 0) return true;
    if (depth === 0 || this.work <= 0) return false;
    const { pick, cost, byCost, useStart, rowCols, rowStart, colUnit } = this;
    const mark = this.chainLen;
    let tried = 0;
    for (let q = rowStart[r]!; q < rowStart[r + 1]!; q++) {
      const jv = rowCols[q]!;
      const v = colUnit[jv]!;
      if (pick[v] !== jv || this.inChain(v)) continue;
      // A level that recurses tries only the first CHAIN_WIDTH units on the row; the last one
      // (a move that must fit at once, no recursion) may look at them all.
      if (depth > 1 && ++tried > CHAIN_WIDTH) break;
      const onRow = this.amountOn(jv, r);
      const cv = cost[jv]!;
      for (let p = useStart[v]!; p < useStart[v + 1]!; p++) {
        const k = byCost[p]!;
        const d = cost[k]! - cv;
        if (d >= budget) break;
        this.work -= 1;
        if (k === jv || this.amountOn(k, r) >= onRow) continue; // it must free some of r
        this.move(v, k);
        if (this.fix(budget - d, depth - 1)) return true;
        this.undo(mark);
      }
      if (this.work <= 0) return false;
    }
    return false;
  }

  private amountOn(j: number, r: number): number {
    for (let i = this.colStart[j]!, e = this.colStart[j + 1]!; i < e; i++) if (this.colRes[i] === r) return this.colAmt[i]!;
    return 0;
  }
}
