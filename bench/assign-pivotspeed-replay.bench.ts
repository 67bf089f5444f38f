/// <reference types="node" />
// `npm run bench:assign-pivotspeed-replay`: lp.ts's dualRow, exchange (B⁻¹'s update) and ftran against
// their frozen copies at fab70e9 (bench/lib/lp-kernels-baseline.ts) on the same inputs: during one
// `optimal` run every call is made by both, in turn first (dualRow: the units' duals invalidated
// before each, so neither reuses the other's; exchange: the LP's state put back between them), the
// outputs compared bit for bit (candidates, |α|, d, Harris's bound; B⁻¹ and the duals; w), each timed.
// Prints per kernel the total time of each and the ratio new/base. BENCH_SIZES (2000x60), BENCH_SHAPES
// (random,clustered), BENCH_SEEDS (1), BENCH_FIRST_SEED (0), BENCH_PIVOTS (the engine's own budget when unset).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { GubLp } from "../src/transition/assign/lp";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { dualRowBase, exchangeBase, ftranBase } from "./lib/lp-kernels-baseline";

const SIZES = (process.env.BENCH_SIZES ?? "2000x60").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const FIRST = Number(process.env.BENCH_FIRST_SEED ?? 0);
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;

const proto = GubLp.prototype as any;
const current = proto.dualRow as (this: any, dir: number) => number;
let tBase = 0;
let tNew = 0;
let rows = 0;
let diff = 0;
let calls = 0;
let tFirst = 0;
proto.dualRow = function (this: any, dir: number): number {
  const order = (calls++ & 1) === 0 ? [0, 1] : [1, 0];
  const out: { n: number; j: Int32Array; a: Float64Array; d: Float64Array; th: number }[] = [];
  for (const which of order) {
    this.stamp++; // π_u recomputed by each
    const t0 = performance.now();
    const n = which === 0 ? dualRowBase(this, dir) : current.call(this, dir);
    const dt = performance.now() - t0;
    if (which === order[0]) tFirst += dt;
    if (which === 0) tBase += dt;
    else tNew += dt;
    out[which] = { n, j: this.candJ.slice(0, n), a: this.candA.slice(0, n), d: this.candD.slice(0, n), th: this.rowThetaMax };
  }
  const [b, c] = out as [(typeof out)[0], (typeof out)[0]];
  const key = (o: typeof b) => [...o.j].map((j, i) => `${j}:${o.a[i]}:${o.d[i]}`).sort().join(",");
  if (b.n !== c.n || !Object.is(b.th, c.th) || key(b) !== key(c)) diff++;
  rows++;
  return out[order[1]!]!.n; // the arrays hold the last pass's candidates (the same as the other's unless counted in `diff`)
};
// exchange: B⁻¹, the duals and the basis entries it changes, saved before and put back between the two.
const currentEx = proto.exchange as (this: any, e: number, p0: number, theta: number) => void;
const ex = { base: 0, next: 0, n: 0, diff: 0 };
proto.exchange = function (this: any, e: number, p0: number, theta: number): void {
  const first = (ex.n++ & 1) === 0;
  const binv0 = this.binv.slice();
  const y10 = this.y1.slice();
  const y20 = this.y2.slice();
  const [stamp, level1, left, posE, x0] = [this.stamp, this.level1, this.basis[p0], this.pos[e], this.xw[p0]];
  const one = (base: boolean) => {
    const t0 = performance.now();
    if (base) exchangeBase(this, e, p0, theta);
    else currentEx.call(this, e, p0, theta);
    const dt = performance.now() - t0;
    if (base) ex.base += dt;
    else ex.next += dt;
    return [this.binv.slice(), this.y1.slice(), this.y2.slice()] as Float64Array[];
  };
  const a = one(first);
  this.binv.set(binv0);
  this.y1.set(y10);
  this.y2.set(y20);
  [this.stamp, this.level1, this.basis[p0], this.pos[e], this.xw[p0]] = [stamp, level1, left, posE, x0];
  this.pos[left] = p0;
  const b = one(!first);
  for (let k = 0; k < 3; k++) if (a[k]!.some((v, i) => !Object.is(v, b[k]![i]))) return void ex.diff++;
};
// ftran: w from this.t, by both.
const currentFt = proto.ftran as (this: any) => void;
const ft = { base: 0, next: 0, n: 0, diff: 0 };
proto.ftran = function (this: any): void {
  const first = (ft.n++ & 1) === 0;
  const out: Float64Array[] = [];
  for (const base of first ? [true, false] : [false, true]) {
    const t0 = performance.now();
    if (base) ftranBase(this);
    else currentFt.call(this);
    const dt = performance.now() - t0;
    if (base) ft.base += dt;
    else ft.next += dt;
    out.push(this.w.slice());
  }
  if (out[0]!.some((v, i) => !Object.is(v, out[1]![i]))) ft.diff++;
};
type Kernel = { base: number; next: number; n: number; diff: number };
const reset = (k: Kernel) => void (k.base = k.next = k.n = k.diff = 0);
const line = (name: string, k: Kernel) => `${name} ${k.n} calls, ${k.diff} differ, base ${k.base.toFixed(0)} ms, new ${k.next.toFixed(0)} ms, ×${(k.next / k.base).toFixed(3)}`;
for (const [m, p] of SIZES) {
  for (const shape of SHAPES) {
    for (let s = FIRST; s < FIRST + SEEDS; s++) {
      tBase = tNew = tFirst = 0;
      rows = diff = 0;
      reset(ex);
      reset(ft);
      const problem = buildUnits(benchInstance(m, p, shape === "clustered", s, 0.3).input, "optimal");
      const r = solveOptimal(problem, PIVOTS ? { pivotLimit: PIVOTS } : {});
      console.log(
        `${m}x${p} ${shape} s${s}: ${r.pivots} pivots, ${r.nodes} nodes, total ${r.total} │ dualRow ${rows} calls, ${diff} differ, base ${tBase.toFixed(0)} ms, new ${tNew.toFixed(0)} ms, ×${(tNew / tBase).toFixed(3)} (first of a pair ${tFirst.toFixed(0)} ms, second ${(tBase + tNew - tFirst).toFixed(0)} ms) │ ${line("exchange", ex)} │ ${line("ftran", ft)}`,
      );
    }
  }
}
