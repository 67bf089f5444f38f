// The options the search combines: for a subset T of needs, a provider able to cover it and what
// that costs. Stored as parallel typed arrays (no object per option) and bucketed by T.
import type { Choice } from "./choice";

export interface Options {
  /** How many options there are; the arrays below may be longer. */
  n: number;
  /** Option fields, by option index. */
  T: Int32Array;
  P: Int32Array;
  units: Float64Array;
  cost: Float64Array;
  /** The set U of fixed-cost offers (bitmask over the provider's fixed-cost offers). */
  V: Int32Array;
  /** Frontier mode: needs taking their best mismatching offer (bitmask over T); -1 for each need's best. */
  B: Int32Array;
  /** Rank of the option among its provider's options for T (0: best by objective). */
  J: Int32Array;
  /** order[start[T] .. start[T+1]) are the options covering exactly T. */
  start: Int32Array;
  order: Int32Array;
  /** Whether bucket T is sorted by (units, provider rank, J). */
  sorted: Uint8Array;
  /** Least units and least cost over the options of T (Infinity if none). */
  bestU: Float64Array;
  bestC: Float64Array;
}

function grow<A extends Int32Array | Float64Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(size);
  b.set(a);
  return b;
}

/** Append an option, doubling the arrays when full. */
export function add(out: Options, T: number, P: number, units: number, cost: number, V: number, B: number, J: number): void {
  if (out.n === out.T.length) {
    const size = Math.max(64, 2 * out.n);
    out.T = grow(out.T, size);
    out.P = grow(out.P, size);
    out.units = grow(out.units, size);
    out.cost = grow(out.cost, size);
    out.V = grow(out.V, size);
    out.B = grow(out.B, size);
    out.J = grow(out.J, size);
  }
  const i = out.n++;
  out.T[i] = T;
  out.P[i] = P;
  out.units[i] = units;
  out.cost[i] = cost;
  out.V[i] = V;
  out.B[i] = B;
  out.J[i] = J;
}

export function popcount(x: number): number {
  let n = 0;
  while (x) (x &= x - 1), n++;
  return n;
}

/** Scratch arrays reused across providers (sized 2^k). */
export interface Scratch {
  bu: Float64Array;
  bc: Float64Array;
  bv: Int32Array;
  su: Float64Array;
  sc: Float64Array;
  /** Per-need choices, reused for each set U. */
  choice: Choice;
}

/** Sort bucket T on first use: the search only looks past the first option of a few buckets. */
export function bucket(opts: Options, t: number): Int32Array {
  const a = opts.start[t]!;
  const b = opts.start[t + 1]!;
  const view = opts.order.subarray(a, b);
  if (!opts.sorted[t]) {
    opts.sorted[t] = 1;
    const { units, P, J } = opts;
    const sorted = Array.from(view).sort((x, y) => units[x]! - units[y]! || P[x]! - P[y]! || J[x]! - J[y]!);
    view.set(sorted);
  }
  return view;
}
