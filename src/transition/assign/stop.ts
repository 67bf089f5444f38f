// The cost search's adaptive stop (bnb.ts SearchOptions.stop): at its pivot cap a search whose
// tree bound is closing on the incumbent fast enough goes on, in steps, up to a hard ceiling; a
// search whose bound has stalled may stop before the cap. Pure: it sees only the search's own
// record of its least open bound over its pivots (never the instance or a reference optimum).

/** The tree's least open bound (never above the incumbent) sampled over the search's pivots. */
export interface BoundTrace {
  pivots: number[];
  bound: number[];
}

export interface StopRule {
  /** Pivots the search may run beyond its cap at most (the hard ceiling: cap + extra). */
  extra: number;
  /** Pivots over which the bound's rise is measured (the last `window` of the trace). */
  window: number;
  /** The projected pivots to close the gap, times this, must fit before the ceiling (bounds rise ever slower). */
  slack: number;
  /** Pivots granted at a time: the rule is asked again when they are spent. */
  step: number;
  /** Extend only when the gap (incumbent − least bound) is at most this (default: any). */
  maxGap?: number;
  /** Stop before the cap, from `after` pivots, once the bound rose by no more than `rise` over the last `window` pivots (default never). */
  stall?: { after: number; window: number; rise?: number };
}

/** Records `bound` at `pivots` when at least `every` pivots passed since the last sample (the trace stays short). */
export function sample(trace: BoundTrace, pivots: number, bound: number, every: number): void {
  if (!Number.isFinite(bound)) return;
  const k = trace.pivots.length;
  if (k > 0 && pivots < trace.pivots[k - 1]! + every) return;
  trace.pivots.push(pivots);
  trace.bound.push(bound);
}

/** The trace's bound at or before `pivots` (-Infinity before its first sample). */
export function boundAt(trace: BoundTrace, pivots: number): number {
  let lo = 0;
  let hi = trace.pivots.length; // first sample after `pivots`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trace.pivots[mid]! <= pivots) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -Infinity : trace.bound[lo - 1]!;
}

/**
 * The new pivot limit for a search at its limit `limit` (`at` pivots done, least bound `bound`,
 * incumbent `ub`), whose ceiling is `ceiling`: `limit + rule.step` (within the ceiling) when the
 * gap is at most maxGap and the bound's rise over the last window, kept up, would close it within
 * the ceiling with `slack` to spare; else `limit` (stop).
 */
export function extendTo(trace: BoundTrace, at: number, bound: number, ub: number, limit: number, ceiling: number, rule: StopRule): number {
  const gap = ub - bound;
  if (!(gap > 0) || at >= ceiling || gap > (rule.maxGap ?? Infinity)) return limit;
  const then = boundAt(trace, at - rule.window);
  const rise = bound - then;
  if (!(rise > 0) || !Number.isFinite(then)) return limit;
  const need = (gap / rise) * rule.window;
  if (at + rule.slack * need > ceiling) return limit;
  return Math.min(ceiling, Math.max(limit, at) + rule.step);
}

/** Whether a search at `at` pivots (least bound `bound`) stops early: its bound stalled over the rule's window (StopRule.stall). */
export function stalled(trace: BoundTrace, at: number, bound: number, rule: StopRule): boolean {
  const s = rule.stall;
  if (!s || at < s.after || trace.pivots.length === 0 || trace.pivots[0]! > at - s.window) return false;
  return bound - boundAt(trace, at - s.window) <= (s.rise ?? 0);
}

/** A rule given in multiples of the search's base budget (optimal.ts OptimalOptions.stop) in pivots. */
export function stopPivots(rule: StopRule, base: number): StopRule {
  const at = (x: number) => Math.round(x * base);
  return { ...rule, extra: at(rule.extra), window: at(rule.window), step: at(rule.step), stall: rule.stall && { ...rule.stall, after: at(rule.stall.after), window: at(rule.stall.window) } };
}
