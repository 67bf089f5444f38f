// The branching choice of the branch and bound (bnb.ts): which fractional unit a node splits on.
// A node branches on a fractional unit's largest LP column j (x_j = v): one child takes it, the
// other forbids it. Pseudo-costs estimate the children's bound rise: per column, the LP bound's
// rise per unit of change seen so far when it was taken (up, change 1 − v) or forbidden (down,
// change v); a column not yet branched on counts the average. The best product of the two
// expected rises wins (a balanced pair of children closes the gap on both sides); before any
// rise is learnt, the unit whose LP support spans the widest costs.
// Pure bookkeeping over the LP's state: nothing here pivots.
import type { GubLp } from "./lp";

const INT_TOL = 1e-6;

/** Per column: the bound's rises per unit of change seen so far, both ways, and their averages. */
export class PseudoCosts {
  readonly up: Float64Array;
  readonly down: Float64Array;
  readonly upN: Int32Array;
  readonly downN: Int32Array;
  private upSum = 0;
  private downSum = 0;
  private upCount = 0;
  private downCount = 0;

  constructor(columns: number) {
    this.up = new Float64Array(columns);
    this.down = new Float64Array(columns);
    this.upN = new Int32Array(columns);
    this.downN = new Int32Array(columns);
  }

  /** The bound rose by `rise` when column j moved by `change` (taken: up; forbidden: down). */
  learn(j: number, up: boolean, change: number, rise: number) {
    if (change <= INT_TOL) return;
    const gain = Math.max(0, rise) / change;
    if (up) (this.up[j]! += gain, this.upN[j]!++, (this.upSum += gain), this.upCount++);
    else (this.down[j]! += gain, this.downN[j]!++, (this.downSum += gain), this.downCount++);
  }

  /** Some rise has been seen both ways (before that the averages mean nothing). */
  get learnt(): boolean {
    return this.upCount > 0 && this.downCount > 0;
  }

  /** The expected rise per unit of change of taking column j (its own average, else everyone's). */
  upRate(j: number): number {
    return this.upN[j]! > 0 ? this.up[j]! / this.upN[j]! : this.upCount > 0 ? this.upSum / this.upCount : 0;
  }

  downRate(j: number): number {
    return this.downN[j]! > 0 ? this.down[j]! / this.downN[j]! : this.downCount > 0 ? this.downSum / this.downCount : 0;
  }

  /** The score of a branching on column j at value v: the product of both expected rises. */
  score(j: number, v: number): number {
    return product(this.upRate(j) * (1 - v), this.downRate(j) * v);
  }
}

/** The score of a pair of children's rises (each floored, so a zero on one side still ranks by the other). */
export function product(up: number, down: number): number {
  return Math.max(up, 1e-6) * Math.max(down, 1e-6);
}

/** What the choice reads at a node: the LP (solved), the fractional units, per unit its largest column and value. */
export interface BranchAt {
  lp: GubLp;
  cost: number[][];
  frac: number[];
  fracMark: Uint8Array;
  first: Int32Array;
  firstVal: Float64Array;
  keyVal: Float64Array;
}

/** The unit to branch on by pseudo-costs (the widest cost span before any is learnt). */
export function pseudoChoice(pc: PseudoCosts, at: BranchAt): number {
  const { lp, cost, frac, fracMark, first, firstVal, keyVal } = at;
  const unitStart = lp.unitStart;
  let bu = frac[0]!;
  let score = -1;
  if (!pc.learnt) {
    const lo = new Map<number, number>();
    const hi = new Map<number, number>();
    const see = (u: number, c: number) => {
      lo.set(u, Math.min(lo.get(u) ?? Infinity, c));
      hi.set(u, Math.max(hi.get(u) ?? -Infinity, c));
    };
    for (const u of frac) if (keyVal[u]! > INT_TOL) see(u, cost[u]![lp.key[u]! - unitStart[u]!]!);
    for (let p = 0; p < lp.R; p++) {
      const j = lp.basis[p]!;
      const u = lp.colUnit[j]!;
      if (u >= 0 && fracMark[u] && lp.xw[p]! > INT_TOL) see(u, cost[u]![j - unitStart[u]!]!);
    }
    for (const u of frac) {
      if (hi.get(u)! - lo.get(u)! > score) {
        score = hi.get(u)! - lo.get(u)!;
        bu = u;
      }
    }
    return bu;
  }
  for (const u of frac) {
    const sc = pc.score(unitStart[u]! + first[u]!, firstVal[u]!);
    if (sc > score) {
      score = sc;
      bu = u;
    }
  }
  return bu;
}
