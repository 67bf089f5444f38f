// Lifted GUB cover cuts for the capacity rows, to tighten the LP bound of branch and bound.
// A row r is a knapsack with one choice per unit (a GUB):  Σ a_uk x_uk ≤ b,  Σ_k x_uk ≤ 1,  a ≥ 0
// whole numbers. A cover: units C with a least amount w_u each and Σ_C w_u > b; they cannot all
// take a choice with at least their w_u:
//   Σ_{u∈C} Σ_{k: a_uk ≥ w_u} x_uk  ≤  β,   β = the most of them that fit in b (≤ |C| − 1).
// Separation is exact for that family: the cover with the least Σ_C (1 − y_u(w_u)), y_u(w) the
// LP mass of u's choices of at least w, is a small knapsack solved by dynamic programming over the
// amount (amounts and b are a few hundred at most). A greedy cover (units nearest 1 first) is tried
// too. Each cover is then lifted (Wolsey's GUB lifting, sequential and exact): the other units
// (and the cover units' smaller choices), fractional ones first, each get per choice
//   α_uk = β − D(b − a_uk),   D(c) = the largest Σ α x over the units lifted so far within c,
// D kept by the same dynamic programme. D is a relaxation (a unit's two parts may both count), so
// an α is never more than exact lifting would give: every cut is valid for every assignment that
// fits the row, by construction, whatever the order or the cover. It only removes fractional points.
// Rows of one host (its kinds and its migrations) share units: their sum is one more knapsack, on
// which covers see both limits at once (an option: it added next to nothing on the bench).
import type { Model } from "./lp";

export interface Cut {
  /** Per unit: the choices the cut counts. */
  cols: Map<number, number[]>;
  /** Per unit: each counted choice's coefficient, parallel to `cols` (absent: all 1). */
  coefs?: Map<number, number[]>;
  rhs: number;
  /**
   * Read from the LP's tableau (gomory.ts): fractional coefficients, so the rows that can make a
   * node LP's basis ill-conditioned; bnb.ts drops these first when a node LP fails numerically.
   */
  tableau?: boolean;
}

/** A knapsack row as the separator sees it: per unit, its choices with a positive amount. */
interface Knap {
  cap: number;
  units: number[];
  ks: number[][];
  as: number[][];
  /** Per unit: its distinct amounts, increasing (exactCover's candidate least amounts). */
  ws: number[][];
}

/** Rows with a capacity above this are not separated (the programme is over the capacity). */
const MAX_DP_CAP = 20_000;
const VIOLATION = 1e-4;

/** The given rows as knapsacks, and the sums of pairs of them that share most of their choices. */
export function knapsacks(m: Model, rows: number[], aggregate = true): Knap[] {
  const at = new Map<number, Map<number, [number, number][]>>(rows.map((r) => [r, new Map()]));
  const U = m.cost.length;
  const pairs = new Map<string, number>();
  const count = new Map<number, number>();
  for (let u = 0; u < U; u++) {
    m.res[u]!.forEach((rs, k) => {
      const mine: number[] = [];
      rs.forEach((r, i) => {
        const byUnit = at.get(r);
        const a = m.amt[u]![k]![i]!;
        if (!byUnit || a <= 0) return;
        const l = byUnit.get(u) ?? [];
        l.push([k, a]);
        byUnit.set(u, l);
        mine.push(r);
        count.set(r, (count.get(r) ?? 0) + 1);
      });
      for (let i = 0; i < mine.length; i++) for (let j = i + 1; j < mine.length; j++) {
        const key = `${Math.min(mine[i]!, mine[j]!)}/${Math.max(mine[i]!, mine[j]!)}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    });
  }
  const out: Knap[] = [];
  const toKnap = (cap: number, byUnit: Map<number, [number, number][]>): Knap => {
    const units = [...byUnit.keys()].sort((a, b) => a - b);
    const as = units.map((u) => byUnit.get(u)!.map(([, a]) => a));
    return { cap, units, ks: units.map((u) => byUnit.get(u)!.map(([k]) => k)), as, ws: as.map((a) => [...new Set(a)].sort((p, q) => p - q)) };
  };
  for (const r of rows) if (m.cap[r]! <= MAX_DP_CAP && at.get(r)!.size > 0) out.push(toKnap(m.cap[r]!, at.get(r)!));
  if (!aggregate) return out;
  // Two rows most of whose choices take both (one host's kinds and migrations): their sum.
  for (const [key, both] of pairs) {
    const [r1, r2] = key.split("/").map(Number) as [number, number];
    if (both < 0.5 * Math.min(count.get(r1)!, count.get(r2)!)) continue;
    const cap = m.cap[r1]! + m.cap[r2]!;
    if (cap > MAX_DP_CAP) continue;
    const sum = new Map<number, Map<number, number>>();
    for (const r of [r1, r2]) {
      for (const [u, l] of at.get(r)!) {
        const s = sum.get(u) ?? new Map<number, number>();
        for (const [k, a] of l) s.set(k, (s.get(k) ?? 0) + a);
        sum.set(u, s);
      }
    }
    out.push(toKnap(cap, new Map([...sum].map(([u, s]) => [u, [...s]]))));
  }
  return out;
}

/**
 * Violated lifted covers of the given rows at the LP point `x` (x[u][k]): at most two per knapsack
 * (the exact cover, the greedy one), most violated first. `aggregate`: the sums of a host's rows
 * too (off by default: on the bench instances they moved the root bound by < 4 cents of ~60 closed
 * and doubled the separation time).
 */
export function coverCuts(m: Model, rows: number[], x: Float64Array[], opts: { aggregate?: boolean } = {}): Cut[] {
  const found: { cut: Cut; viol: number }[] = [];
  const seen = new Set<string>();
  // The knapsacks of a model are built once (a search separates on the same model every round).
  const key = `${opts.aggregate ?? false}|${rows.join(",")}`;
  let ks = built.get(m);
  if (ks?.key !== key) built.set(m, (ks = { key, ks: knapsacks(m, rows, opts.aggregate ?? false) }));
  for (const kn of ks.ks) {
    for (const cover of [exactCover(kn, x), greedyCover(kn, x)]) {
      if (!cover) continue;
      const cut = lift(kn, cover, x);
      if (!cut) continue;
      const key = cutKey(cut);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ cut, viol: lhs(cut, x) - cut.rhs });
    }
  }
  return found.sort((a, b) => b.viol - a.viol).map((f) => f.cut);
}

const built = new WeakMap<Model, { key: string; ks: Knap[] }>();

/** Σ α x of a cut at the LP point. */
export function lhs(cut: Cut, x: ArrayLike<number>[]): number {
  let s = 0;
  for (const [u, ks] of cut.cols) {
    const cs = cut.coefs?.get(u);
    ks.forEach((k, i) => (s += (cs ? cs[i]! : 1) * x[u]![k]!));
  }
  return s;
}

/** A cut's identity: its right-hand side and its (unit, choice, coefficient) terms by unit. */
export function cutKey(cut: Cut): string {
  const parts: string[] = [];
  for (const [u, ks] of [...cut.cols].sort((a, b) => a[0] - b[0])) parts.push(`${u}:${ks.map((k, i) => `${k}*${cut.coefs?.get(u)?.[i] ?? 1}`).join(",")}`);
  return `${cut.rhs}|${parts.join(";")}`;
}

/** A cover: positions in the knapsack's units, and the least amount each is counted from. */
type Cover = { idx: number; w: number }[];

/** y_u(w): the LP mass of the unit's choices of at least w on this knapsack. */
function mass(kn: Knap, i: number, w: number, x: Float64Array[]): number {
  let y = 0;
  const xu = x[kn.units[i]!]!;
  const as = kn.as[i]!;
  const ks = kn.ks[i]!;
  for (let j = 0; j < as.length; j++) if (as[j]! >= w) y += xu[ks[j]!]!;
  return y;
}

/**
 * The cover with the least Σ (1 − y_u(w_u)): a knapsack over "amount reached, capped at b + 1",
 * each unit with a positive y taking at most one of its amounts. Null when no such cover.
 */
function exactCover(kn: Knap, x: Float64Array[]): Cover | null {
  const T = kn.cap + 1;
  // Candidate (unit, w): the distinct amounts whose mass is positive.
  const items: { idx: number; opts: { w: number; c: number }[] }[] = [];
  for (let i = 0; i < kn.units.length; i++) {
    const ws = kn.ws[i]!;
    const opts: { w: number; c: number }[] = [];
    for (const w of ws) {
      const y = mass(kn, i, w, x);
      if (y > 1e-9) opts.push({ w: Math.min(w, T), c: 1 - y });
    }
    if (opts.length > 0) items.push({ idx: i, opts });
  }
  if (items.length === 0) return null;
  // best[t]: least cost reaching amount t (T: at least T); per item, the option that improved t
  // (−1: the item not taken there) and the amount it came from.
  let best = new Float64Array(T + 1).fill(Infinity);
  best[0] = 0;
  let next = new Float64Array(T + 1);
  const W = T + 1;
  const pick = new Int16Array(items.length * W).fill(-1);
  const from = new Int32Array(items.length * W);
  items.forEach((it, i) => {
    next.set(best);
    for (let t = 0; t <= T; t++) {
      const bt = best[t]!;
      if (bt === Infinity) continue;
      for (let j = 0; j < it.opts.length; j++) {
        const o = it.opts[j]!;
        const t2 = Math.min(T, t + o.w);
        const c = bt + o.c;
        if (c < next[t2]! - 1e-12) {
          next[t2] = c;
          pick[i * W + t2] = j;
          from[i * W + t2] = t;
        }
      }
    }
    [best, next] = [next, best];
  });
  if (!(best[T]! < 1 - VIOLATION)) return null;
  const cover: Cover = [];
  let t = T;
  for (let i = items.length - 1; i >= 0 && t > 0; i--) {
    const j = pick[i * W + t]!;
    if (j < 0) continue;
    const idx = items[i]!.idx;
    const o = items[i]!.opts[j]!;
    // The unit's least amount at or above the (capped) w: the cover counts its choices from there.
    cover.push({ idx, w: Math.min(...kn.as[idx]!.filter((a) => a >= o.w)) });
    t = from[i * W + t]!;
  }
  return minimal(kn, cover, x);
}

/** Units nearest to 1 first, each at the least amount of its LP support, until the row overflows. */
function greedyCover(kn: Knap, x: Float64Array[]): Cover | null {
  const cands: { idx: number; w: number; y: number }[] = [];
  for (let i = 0; i < kn.units.length; i++) {
    const u = kn.units[i]!;
    let w = Infinity;
    kn.as[i]!.forEach((a, j) => {
      if (x[u]![kn.ks[i]![j]!]! > 1e-9) w = Math.min(w, a);
    });
    if (w === Infinity) continue;
    cands.push({ idx: i, w, y: mass(kn, i, w, x) });
  }
  cands.sort((a, b) => b.y - a.y || b.w - a.w || a.idx - b.idx);
  const c: Cover = [];
  let sum = 0;
  for (const cd of cands) {
    if (sum > kn.cap) break;
    c.push(cd);
    sum += cd.w;
  }
  if (sum <= kn.cap) return null;
  return minimal(kn, c, x);
}

/** Drop the cover units farthest from 1 while the rest still overflows the row. */
function minimal(kn: Knap, cover: Cover, x: Float64Array[]): Cover | null {
  let sum = cover.reduce((s, c) => s + c.w, 0);
  if (sum <= kn.cap) return null;
  const c = cover.map((cd) => ({ ...cd, y: mass(kn, cd.idx, cd.w, x) })).sort((a, b) => a.y - b.y || a.w - b.w);
  while (c.length > 1 && sum - c[0]!.w > kn.cap) sum -= c.shift()!.w;
  return c.map(({ idx, w }) => ({ idx, w }));
}

/** The cover lifted over the whole knapsack; null when the result is not violated at x. */
function lift(kn: Knap, cover: Cover, x: Float64Array[]): Cut | null {
  const b = kn.cap;
  // D[c]: the largest Σ α x within amount c over the parts lifted so far (non-decreasing in c).
  const D = new Int32Array(b + 1);
  const coefOf = new Map<number, Map<number, number>>(); // position → choice → α
  const add = (i: number, js: number[], alpha: number[]) => {
    // In place from the top: D[c − a] (a ≥ 1) is still the old value when D[c] is updated, and
    // each c takes at most one of the part's choices. A part lifted to all 0 (most of them) leaves D as it is.
    let any = false;
    for (let q = 0; q < js.length; q++) if (alpha[q]! > 0) any = true;
    if (!any) return; // nothing to count (its coefficients all 0): D stays
    for (let c = b; c >= 1; c--) {
      let v = D[c]!;
      for (let q = 0; q < js.length; q++) {
        const a = kn.as[i]![js[q]!]!;
        if (alpha[q]! > 0 && a <= c && D[c - a]! + alpha[q]! > v) v = D[c - a]! + alpha[q]!;
      }
      D[c] = v;
    }
    const m = coefOf.get(i) ?? new Map<number, number>();
    js.forEach((j, q) => alpha[q]! > 0 && m.set(kn.ks[i]![j]!, alpha[q]!));
    coefOf.set(i, m);
  };
  const inCover = new Map(cover.map((c) => [c.idx, c.w]));
  for (const { idx, w } of cover) {
    const js = kn.as[idx]!.map((a, j) => (a >= w ? j : -1)).filter((j) => j >= 0);
    add(idx, js, js.map(() => 1));
  }
  const beta = D[b]!;
  if (beta >= cover.length) return null; // not a cover after all
  // The rest, one part per unit (a cover unit's smaller choices are a part of their own):
  // fractional LP mass first (they may gain the most), then by LP mass.
  const parts: { i: number; js: number[]; y: number }[] = [];
  for (let i = 0; i < kn.units.length; i++) {
    const w = inCover.get(i);
    const as = kn.as[i]!;
    const js: number[] = [];
    for (let j = 0; j < as.length; j++) if (w === undefined || as[j]! < w) js.push(j);
    if (js.length === 0) continue;
    const xu = x[kn.units[i]!]!;
    let y = 0;
    for (const j of js) y += xu[kn.ks[i]![j]!]!;
    parts.push({ i, js, y });
  }
  const fr = (y: number) => (y > 1e-9 && y < 1 - 1e-9 ? 1 : 0);
  parts.sort((p, q) => fr(q.y) - fr(p.y) || q.y - p.y || p.i - q.i);
  for (const p of parts) {
    const alpha = p.js.map((j) => {
      const a = kn.as[p.i]![j]!;
      return a > b ? beta : Math.max(0, beta - D[b - a]!);
    });
    add(p.i, p.js, alpha);
  }
  const cols = new Map<number, number[]>();
  const coefs = new Map<number, number[]>();
  let all1 = true;
  for (const [i, m] of [...coefOf].sort((a, b2) => a[0] - b2[0])) {
    if (m.size === 0) continue;
    const ks = [...m.keys()].sort((a, b2) => a - b2);
    cols.set(kn.units[i]!, ks);
    coefs.set(kn.units[i]!, ks.map((k) => m.get(k)!));
    if (ks.some((k) => m.get(k) !== 1)) all1 = false;
  }
  const cut: Cut = all1 ? { cols, rhs: beta } : { cols, coefs, rhs: beta };
  return lhs(cut, x) > beta + VIOLATION ? cut : null;
}

/** The model with the cuts as more capacity rows (each counted choice takes its coefficient of its cut's row). */
export function withCuts(m: Model, cuts: Cut[]): Model {
  const res = m.res.map((l) => l.map((rs) => rs.slice()));
  const amt = m.amt.map((l) => l.map((as) => as.slice()));
  const cap = m.cap.slice();
  for (const cut of cuts) {
    const r = cap.length;
    cap.push(cut.rhs);
    for (const [u, ks] of cut.cols) {
      const cs = cut.coefs?.get(u);
      ks.forEach((k, i) => {
        res[u]![k]!.push(r);
        amt[u]![k]!.push(cs ? cs[i]! : 1);
      });
    }
  }
  return { cost: m.cost, res, amt, cap };
}
