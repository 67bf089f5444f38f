/// <reference types="node" />
// `npm run bench:assign-pivotspeed-replay`: lp.ts's dualRow against its frozen copy at fab70e9
// (bench/lib/dualrow-baseline.ts) on the same rows: during one `optimal` run every tableau row is
// computed by both, in turn first (the units' duals invalidated before each, so neither reuses the
// other's), the outputs compared bit for bit (candidates, |α|, d, Harris's bound), each timed.
// Prints the total time of each and the ratio new/base. BENCH_SIZES (2000x60), BENCH_SHAPES
// (random,clustered), BENCH_SEEDS (1), BENCH_FIRST_SEED (0), BENCH_PIVOTS (the engine's own budget when unset).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { GubLp } from "../src/transition/assign/lp";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";
import { dualRowBase } from "./lib/dualrow-baseline";

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
for (const [m, p] of SIZES) {
  for (const shape of SHAPES) {
    for (let s = FIRST; s < FIRST + SEEDS; s++) {
      tBase = tNew = tFirst = 0;
      rows = diff = 0;
      const problem = buildUnits(benchInstance(m, p, shape === "clustered", s, 0.3).input, "optimal");
      const r = solveOptimal(problem, PIVOTS ? { pivotLimit: PIVOTS } : {});
      console.log(
        `${m}x${p} ${shape} s${s}: ${r.pivots} pivots, ${r.nodes} nodes, total ${r.total} │ ${rows} rows, ${diff} differ │ base ${tBase.toFixed(0)} ms, new ${tNew.toFixed(0)} ms, ×${(tNew / tBase).toFixed(3)} │ first of a pair ${tFirst.toFixed(0)} ms, second ${(tBase + tNew - tFirst).toFixed(0)} ms`,
      );
    }
  }
}
