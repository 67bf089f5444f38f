/// <reference types="node" />
// `npm run bench:assign-lp`: the root LPs of the `optimal` assignment (src/transition/assign/lp.ts)
// against the frozen copy of the LP before the per-pivot speed work (bench/lib/lp-baseline.ts), in
// the same run, so the ratios hold on a shared, noisy machine. Per size and shape it solves the two
// root LPs optimal.ts solves:
//  - `fewest`: members left out (cost |unit| for "out", 0 otherwise), from everyone out;
//  - `cost`: the least cost with at most ⌈fewest⌉ members out, from everyone out made to fit by the
//    banned relief column, with dominated choices forbidden (as bnb.ts does at its root).
// Each prints pivots, time and µs per pivot of both LPs and the ratios (baseline / new); the LP
// values must agree. BENCH_SIZES=250x20,2000x60 picks sizes, BENCH_SEEDS instances per shape (1).
import { availableParallelism, loadavg } from "node:os";
import { dominated } from "../src/transition/assign/bnb";
import { GubLp, type Model } from "../src/transition/assign/lp";
import { buildUnits, type UnitProblem } from "../src/transition/assign/units";
import { benchInstances } from "./lib/assign-instances";
import { GubLp as BaselineLp } from "./lib/lp-baseline";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45,2000x60").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);

interface Root {
  name: string;
  model: Model;
  start: Int32Array;
  /** Columns forbidden before the solve. */
  forbid: number[];
}

/** The two root LPs of optimal.ts for this problem (`left`: members the cost LP may leave out). */
function roots(p: UnitProblem, left: number): Root[] {
  const units = p.units;
  const n = units.length;
  const R = p.resources.length;
  const res = units.map((u) => [...u.choices.map((c) => c.res), []]);
  const amt = units.map((u) => [...u.choices.map((c) => c.amt), []]);
  const allOut = Int32Array.from(units, (u) => u.choices.length);
  const fewest: Model = { cost: units.map((u) => [...u.choices.map(() => 0), u.members.length]), res, amt, cap: p.resources.map((r) => r.cap) };
  const total = units.reduce((s, u) => s + u.members.length, 0);
  const cost: Model = {
    cost: [...units.map((u) => [...u.choices.map((c) => c.cost), 0]), [0, 0]],
    res: [...units.map((u, i) => [...res[i]!.slice(0, -1), [R]]), [[], [R]]],
    amt: [...units.map((u, i) => [...amt[i]!.slice(0, -1), [u.members.length]]), [[], [-total]]],
    cap: [...fewest.cap, left],
  };
  const forbidOf = (m: Model, banned: [number, number][]) => {
    const isBanned = new Set(banned.map(([u, k]) => `${u}/${k}`));
    const dom = dominated(m, (u, k) => isBanned.has(`${u}/${k}`));
    const cols: number[] = [];
    let at = 0;
    m.cost.forEach((cs, u) => cs.forEach((_, k) => (dom[u]![k] || isBanned.has(`${u}/${k}`) ? cols.push(at++) : at++)));
    return cols;
  };
  return [
    { name: "fewest", model: fewest, start: allOut, forbid: forbidOf(fewest, []) },
    { name: "cost", model: cost, start: Int32Array.from([...allOut, 1]), forbid: forbidOf(cost, [[n, 1]]) },
  ];
}

interface Run {
  status: string;
  value: number;
  pivots: number;
  ms: number;
}

function run(Lp: typeof GubLp | typeof BaselineLp, r: Root, reps: number): Run {
  let best = Infinity;
  let out: Run | null = null;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    const lp = new Lp(r.model);
    for (const j of r.forbid) lp.forbidden[j]!++;
    lp.start(r.start);
    const status = lp.solve();
    const ms = performance.now() - t0;
    if (ms < best) {
      best = ms;
      out = { status, value: lp.objective().cost, pivots: lp.pivots, ms };
    }
  }
  return out!;
}

const f = (x: number, d = 1) => (Math.round(x * 10 ** d) / 10 ** d).toFixed(d);

function main() {
  let bad = 0;
  console.log("size      shape     LP     │ R   cols   │ baseline: pivots     ms  µs/piv │ new: pivots     ms  µs/piv │ pivots× time× µs/piv×");
  for (const { members, providers, clustered, s, seed, input } of benchInstances(SIZES, SEEDS, 0.3)) {
    // The seeds of bench/assign.bench.ts, so both benches see the same instances.
    const p = buildUnits(input, "optimal");
    // `left` from the new LP's fewest root (the baseline's is checked equal below).
    const [fewest] = roots(p, 0);
    const probe = run(GubLp, fewest!, 1);
    const left = Math.max(0, Math.ceil(probe.value - 1e-7 * Math.max(1, probe.value)));
    for (const r of roots(p, left)) {
      const reps = members <= 500 ? 3 : 1;
      const b = run(BaselineLp, r, reps);
      const n = run(GubLp, r, reps);
      const agree = b.status === n.status && Math.abs(b.value - n.value) <= 1e-7 * Math.max(1, Math.abs(b.value));
      if (!agree) bad++;
      const cols = r.model.cost.reduce((t, c) => t + c.length, 0);
      console.log(
        `${String(members).padStart(4)}×${String(providers).padEnd(3)} ${(clustered ? "clustered" : "random").padEnd(9)} ${r.name.padEnd(6)} │ ${String(r.model.cap.length).padEnd(3)} ${String(cols).padEnd(6)} │ ` +
          `${String(b.pivots).padStart(15)} ${f(b.ms).padStart(7)} ${f((b.ms * 1000) / b.pivots).padStart(6)} │ ` +
          `${String(n.pivots).padStart(10)} ${f(n.ms).padStart(7)} ${f((n.ms * 1000) / n.pivots).padStart(6)} │ ` +
          `×${f(b.pivots / n.pivots, 2).padEnd(5)} ×${f(b.ms / n.ms, 2).padEnd(5)} ×${f(b.ms / b.pivots / (n.ms / n.pivots), 2)}` +
          (agree ? "" : `  VALUES DIFFER: ${b.status} ${b.value} vs ${n.status} ${n.value}`),
      );
    }
  }
  console.log(`ratios are baseline / new (> 1: the new LP is better); best of 3 up to 500 members; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cpus`);
  if (bad > 0) {
    console.error(`${bad} LP(s) whose value differs from the baseline's`);
    process.exitCode = 1;
  }
}

main();
