// c-MIR cuts on the capacity rows aggregated with the objective cutoff cost·x ≤ ub: valid for every
// assignment no dearer than the incumbent, which is all a proof needs (a dearer one need not stay
// feasible), not for every assignment that fits. Not ub − 1 (costs are whole cents): the incumbent
// itself must satisfy the cuts, since bnb.ts restarts an LP from it with every pool row's slack
// basic (lp.ts start), which a violated row would make infeasible; one cent of a gap of hundreds
// is what it costs. With w_r ≥ 0 per LP row
// (the capacities and the cut rows, each valid for every improving assignment) the row
//   Σ_uk (c_uk + Σ_r w_r a_r,uk) x_uk ≤ ub + Σ_r w_r cap_r
// holds for those (Σ w_r a_r·x ≤ Σ w_r cap_r); with w the LP's cost duals, shifted per unit by its
// largest LP choice (its choices sum to 1), it is the reduced-cost row Σ d_uk x_uk ≤ G, G the gap
// ub − z_LP. Alone it never cuts the LP point (d = 0 where x > 0). Added θ times to one of
// mir.ts's aggregations of tight rows (θ·G/δ a fifth of 1 − f0: KAPPAS) its c-MIR is a little less
// violated at the point, but every choice with a positive reduced cost gets a larger coefficient:
// the directions the LP would escape the cut along. The lexicographic LP's duals (lp.ts: forbidden
// mass, then cost) are combined as y2 + M·y1 (below), and banned choices (Tableau.banned: the
// relief column) are left out, else both made the cut worthless.
// Real coefficients (the duals), so unlike mir.ts this is floating point: the source's f0 kept
// within [0.01, 0.99], every coefficient lowered by a margin and rounded down to a 2⁻²⁰ grid, the
// right-hand side raised and rounded up (all only weaken), coefficients above the right-hand side
// capped just above it (such a choice is impossible in an improving assignment either way), and
// the cuts flagged `tableau` so the cut loop's recovery (cutloop.ts recoverLp) drops them first. The units outside the
// aggregation get no coefficient (lowered to their least, 0 unless a reduced cost is negative:
// their nonzero ones are on choices whose reduced cost is about G or more, which reduced-cost
// fixing already forbids).
// Opt-in (`OptimalOptions.separate` = coversMirCost or rootMirCost): it tightens the bound where the
// incumbent is good, but the searches end mixed. Measured (seed 0; pivots are the budget):
// - from HiGHS's assignment (`BENCH_FROM_REF=1 BENCH_SIZES=1000x45,2000x60 BENCH_SEPARATORS=lifted,
//   +mir.root,+mir.cost npm run bench:assign-cuts`), root gap closed +mir.root → +mir.cost: 1000×45
//   clustered 67.1 → 72.2 %, 2000×60 clustered 37.2 → 38.1 %, 1000×45 random 16.0 → 15.8 %; the
//   open tree's bound ends 1000×45 clustered 181 (lifted) → 100 → 41 cents below the optimum,
//   2000×60 clustered 227 → 160 → 160, 1000×45 random 527 → 480 → 481 (2000×60 random: the LP
//   started from HiGHS's assignment spends the budget, every separator). With GMI cuts too
//   (+mir+gom.root → +mir+gom.root.cost) 2000×60 clustered's root reaches HiGHS's root bound
//   (2957722.3 both; the tree ends 150 below the best known either way). On 600k pivots
//   (BENCH_PIVOTS=600000) from HiGHS's assignment 1000×45 clustered is proved with +mir.cost (314
//   nodes, 525k pivots; 8 cents short on 300k), and ends 70 cents short with +mir.root, 44 with
//   +mir+gom.root. The engine itself on 600k pivots (`BENCH_PIVOTS=600000 BENCH_SHAPES=clustered
//   BENCH_SIZES=1000x45 BENCH_SEPARATORS=default,+mir,+mir.cost npm run bench:assign-engine`) ends
//   open with all three, at 37 / 24 / 115 cents above the optimum: without an incumbent at the
//   root's rounds the cuts come too late. A second round of cuts at the root once its
//   neighbourhoods have an incumbent (HiGHS's restart; a scratch patch of bnb.ts, not kept: that
//   file is not this one's) gave +mir.cost, default pivots, totals 1000×45 random −69 cents against
//   today's default, clustered −159, 2000×60 random +24, clustered −9 (−106, −364, −63, −167
//   against the default with that second round): the lead to follow, none proved.
// - 250×20 / 500×30 from HiGHS's assignment, root gap closed +mir → +mir.cost (`BENCH_NODES=1`):
//   random 93.7 → 98.4 %, 78.6 → 78.7 %, clustered 95.5 → 94.2 %, 58.2 → 58.1 %, on ~2× the pivots.
// - the engine (`BENCH_SIZES=1000x45,2000x60 BENCH_SEPARATORS=default,+mir,+mir.cost npm run
//   bench:assign-engine`): its root rounds have no incumbent yet (the start's relief column is
//   banned), so the cuts come at node-cut restarts only; totals against the default: 1000×45 random
//   +18 cents, clustered −60, 2000×60 random +4, clustered −50 (+mir: −172, −157, +17, +108), in
//   1.4–3× the time (dense rows); none proved. 250×20 / 500×30 (`BENCH_SIZES=250x20,500x30
//   BENCH_SEPARATORS=default,+mir.cost`): all proved, pivots 7,304 → 7,304, 2,798 → 2,241, 6,783 →
//   5,716, 13,624 → 21,762 (clustered 500×30 worse).
import type { Separator, Tableau } from "./cutloop";
import type { Model } from "./lp";
import { coverCuts, cutKey, lhs, type Cut } from "./cuts";
import { aggregate, byRow, mirCuts, mostEfficacious, tightAggregations } from "./mir";

const FRAC = 1e-6;
const MIN_F0 = 0.01;
const GRID = 2 ** -20;
const MARGIN = 1e-7;
const VIOLATION = 1e-4;
/** Divisors tried per aggregation. */
const MAX_DIVISORS = 8;
/**
 * θ·G/δ as a share of 1 − f0. Any θ > 0 makes the cut less violated at the point than the plain
 * c-MIR (f0 grows, so does what rounding loses), so θ is not chosen by violation (that always took
 * the smallest) but set: root bound from HiGHS's optimum (1000×45 clustered, see the header) with
 * 0.01 / 0.03 / 0.05 / 0.1 / 0.2 / 0.3: 1355222.6 / 229.8 / 254.8 / 257.0 / 258.8 / 220.5.
 */
const KAPPAS = [0.2];
/** The first level's dual weight at most (larger ones cancel badly in floating point). */
const M_CAP = 1e9;

export interface CostMirOptions {
  max?: number;
}

/**
 * c-MIR cuts of tight-row aggregations strengthened by the cutoff cost·x ≤ ub (valid for every
 * assignment cheaper than `at.ub`); none without an incumbent or the LP (`at`).
 */
export function costMirCuts(m: Model, rows: number[], x: ArrayLike<number>[], at: Tableau | undefined, opts: CostMirOptions = {}): Cut[] {
  const ub = at?.ub;
  if (!at || ub === undefined || !Number.isFinite(ub)) return [];
  const max = opts.max ?? 20;
  const { lp, model: lm } = at;
  // Banned choices (the relief column) are in no assignment: the cut need not hold at them.
  const ban = at.banned;
  const U = m.cost.length;
  const R = lm.cap.length;
  // w_r ≥ 0: the LP's dual of row r negated (its slack's reduced cost); any w ≥ 0 is valid. lp.ts's
  // objective is lexicographic (forbidden mass, then cost): where the first level's duals are not 0
  // (a forbidden column basic at 0, as the banned relief column is) the cost duals alone price the
  // left-out choices thousands of cents below 0; the duals of the cost LP are y2 + M·y1 for M large
  // enough to lift every allowed column's reduced cost to ≥ 0 (capped: what stays negative is
  // corrected for below, as any negative reduced cost is).
  let M = 0;
  for (let j = 0; j < lp.N; j++) {
    if (lp.forbidden[j]! > 0) continue;
    const d1 = lp.reducedForbidden(j);
    if (!(d1 > 1e-9)) continue;
    const d2 = lp.reducedCost(j);
    if (d2 < 0) M = Math.max(M, (-d2 / d1) * 1.001 + 1);
  }
  M = Math.min(M, M_CAP);
  const w = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const d = lp.reducedCost(lp.N + r) + (M > 0 ? M * lp.reducedForbidden(lp.N + r) : 0);
    w[r] = Number.isFinite(d) && d > 0 ? d : 0;
  }
  // Per unit: γ_uk − γ_u,best (best: its largest LP choice), and G.
  const best = new Int32Array(U);
  const gam: Float64Array[] = [];
  let G = ub;
  for (let r = 0; r < R; r++) G += w[r]! * lm.cap[r]!;
  for (let u = 0; u < U; u++) {
    const xu = x[u]!;
    const K = m.cost[u]!.length;
    const g = new Float64Array(K);
    let b = 0;
    for (let k = 0; k < K; k++) {
      let v = lm.cost[u]![k]!;
      const rs = lm.res[u]![k]!;
      const as = lm.amt[u]![k]!;
      for (let i = 0; i < rs.length; i++) v += w[rs[i]!]! * as[i]!;
      g[k] = v;
      if (xu[k]! > xu[b]! + 1e-12) b = k;
    }
    best[u] = b;
    const gb = g[b]!;
    G -= gb;
    for (let k = 0; k < K; k++) g[k]! -= gb;
    gam.push(g);
  }
  // G ≤ 0: the LP bound is at the cutoff (the node is closed anyway); tiny G: no room for θ.
  if (!(G > 1e-6)) return [];
  // Units whose least γ is below their best's (a negative reduced cost: a forbidden column, or an
  // LP not at its optimum): outside an aggregation their least term still lowers the cut's side.
  const below: [number, number][] = [];
  gam.forEach((g, u) => {
    let mn = 0;
    for (let k = 0; k < g.length; k++) if (!(ban && ban[lp.unitStart[u]! + k]) && g[k]! < mn) mn = g[k]!;
    if (mn < 0) below.push([u, mn]);
  });
  const cols = byRow(m);
  const found: { cut: Cut; eff: number; key: string }[] = [];
  for (const lam of tightAggregations(m, rows, x).values()) {
    const c = costMirOf(m, cols, lam, x, best, gam, G, below, ban, lp.unitStart);
    if (c) found.push(c);
  }
  return mostEfficacious(found, max);
}

const floor = Math.floor;

function costMirOf(
  m: Model,
  cols: { u: number[]; k: number[]; a: number[] }[],
  lam: Map<number, number>,
  x: ArrayLike<number>[],
  best: Int32Array,
  gam: Float64Array[],
  G: number,
  below: [number, number][],
  ban: Uint8Array | undefined,
  unitStart: Int32Array,
): { cut: Cut; eff: number; key: string } | null {
  // The aggregation's α per unit (shifted below by the same best choice as γ) and β.
  const agg = aggregate(m, cols, lam);
  const alpha = agg.alpha;
  let beta = agg.beta;
  const units = [...alpha.keys()].sort((a, b) => a - b);
  const divisors = new Set<number>();
  for (const u of units) {
    const a = alpha.get(u)!;
    const ab = a[best[u]!]!;
    beta -= ab;
    const xu = x[u]!;
    for (let k = 0; k < a.length; k++) {
      a[k]! -= ab;
      const d = Math.abs(a[k]!);
      if (d > 0 && xu[k]! > FRAC && xu[k]! < 1 - FRAC) divisors.add(d);
    }
  }
  if (divisors.size === 0) return null;
  // The cut of divisor δ and weight θ on the cost row: Σ F((α + θγ)/δ) x ≤ ⌊(β + θG)/δ⌋, each unit
  // then shifted to a least coefficient of 0; its violation and norm, the coefficients when asked.
  const cutOf = (delta: number, theta: number, coef: Map<number, Float64Array> | null) => {
    const bd = (beta + theta * G) / delta;
    const f0 = bd - floor(bd);
    if (f0 < MIN_F0 || f0 > 1 - MIN_F0) return null;
    let rhs = floor(bd);
    const F = (v: number) => {
      const q = floor(v);
      return q + Math.max(0, v - q - f0) / (1 - f0);
    };
    let lhsX = 0;
    let norm = 0;
    const per: { u: number; f: Float64Array }[] = [];
    for (const u of units) {
      const a = alpha.get(u)!;
      const g = gam[u]!;
      const f = new Float64Array(a.length);
      const s0 = unitStart[u]!;
      let mn = Infinity;
      for (let k = 0; k < a.length; k++) {
        f[k] = F((a[k]! + theta * g[k]!) / delta);
        if (!(ban && ban[s0 + k]) && f[k]! < mn) mn = f[k]!;
      }
      rhs -= mn;
      for (let k = 0; k < a.length; k++) f[k]! -= mn;
      per.push({ u, f });
    }
    // The other units' terms, each at least F(θ·least γ/δ) (F is nondecreasing), dropped.
    for (const [u, mn] of below) if (!alpha.has(u)) rhs -= F((theta * mn) / delta);
    if (!(rhs > 0)) return null;
    // Safe form: coefficients lowered by a margin, capped just above the right-hand side, on the grid.
    const scale = Math.max(1, rhs);
    const top = rhs + 1;
    const R = Math.ceil((rhs + MARGIN * scale) / GRID) * GRID;
    for (const { u, f } of per) {
      const xu = x[u]!;
      const s0 = unitStart[u]!;
      let any = false;
      for (let k = 0; k < f.length; k++) {
        const c = ban && ban[s0 + k] ? 0 : Math.floor(Math.min(top, f[k]! - MARGIN * scale) / GRID) * GRID;
        f[k] = c > GRID ? c : 0;
        if (f[k]! > 0) {
          any = true;
          lhsX += f[k]! * xu[k]!;
          norm += f[k]! * f[k]!;
        }
      }
      if (any && coef) coef.set(u, f);
    }
    return { rhs: R, lhs: lhsX, norm };
  };
  let won: { eff: number; delta: number; theta: number } | null = null;
  const ds = [...divisors].sort((p, q) => p - q).slice(0, MAX_DIVISORS);
  for (const D of ds) {
    for (const s of [1, 2, 4]) {
      const delta = D / s;
      const b0 = beta / delta;
      const f00 = b0 - floor(b0);
      for (const kappa of KAPPAS) {
        const theta = (kappa * (1 - f00) * delta) / G;
        const c = cutOf(delta, theta, null);
        if (!c || c.norm === 0) continue;
        const eff = (c.lhs - c.rhs) / Math.sqrt(c.norm);
        if (eff > VIOLATION && (!won || eff > won.eff + 1e-12)) won = { eff, delta, theta };
      }
    }
  }
  if (!won) return null;
  const coef = new Map<number, Float64Array>();
  const { rhs } = cutOf(won.delta, won.theta, coef)!;
  const out = new Map<number, number[]>();
  const coefs = new Map<number, number[]>();
  for (const [u, f] of coef) {
    const ks: number[] = [];
    const cs: number[] = [];
    f.forEach((c, k) => c > 0 && (ks.push(k), cs.push(c)));
    out.set(u, ks);
    coefs.set(u, cs);
  }
  const cut: Cut = { cols: out, coefs, rhs, tableau: true };
  if (!(lhs(cut, x) > rhs + VIOLATION)) return null;
  return { cut, eff: won.eff, key: cutKey(cut) };
}

const perCall = (m: Model) => Math.max(5, Math.round(m.cap.length / 8));

/**
 * c-MIR cuts (plain and with the cutoff) and covers at every round and node-cut restart: the
 * incumbent at the root's rounds is often only the start's, at restarts it is the neighbourhoods'.
 */
export const coversMirCost: Separator = (m, rows, x, at) => [
  ...costMirCuts(m, rows, x, at, { max: perCall(m) }),
  ...mirCuts(m, rows, x, { max: perCall(m) }),
  ...coverCuts(m, rows, x),
];

/** mir.ts rootMir (c-MIR in the root's rounds, covers at restarts) with the cutoff c-MIR cuts everywhere. */
export const rootMirCost: Separator = (m, rows, x, at) => [
  ...costMirCuts(m, rows, x, at, { max: perCall(m) }),
  ...(at?.root ? mirCuts(m, rows, x, { max: perCall(m) }) : []),
  ...coverCuts(m, rows, x),
];
