/// <reference types="node" />
// The neighbourhood schedules from 600 to 1,300 units side by side (schedule.ts midSchedule, the default
// there, against largeSchedule, the default before it), each instance solved by both in turns,
// BENCH_REPEAT times (1), in one run after an untimed warm-up: ms, nodes, pivots (the cost search's split: primal
// sub-searches, node re-solves, strong-branching probes), proved, total and the gap to a proof
// (total − the cost search's final tree bound), then per instance the medians' ratios.
// Run: `npm run bench:assign-schedule`. BENCH_SIZES (1000x45), BENCH_SEEDS (2), BENCH_FIRST_SEED (0),
// BENCH_SHAPES (random,clustered), BENCH_SCHEDULES (mid,large; also "mid-tree": MID_DEFAULTS with
// tree neighbourhoods to the end, treeNear off; "mid-live", "mid-root2", "mid-root2-rins",
// "mid-fall5": LargeSettings' opt-in live, root2Share, afterFall, as schedule.ts measured them;
// "mid-noskip", "mid-small35": MID_DEFAULTS without skipInside (its default), with smallRins 35; "large-skip": LARGE_DEFAULTS with skipInside).
import { LARGE_DEFAULTS, largeSchedule, largeScheduleWith, MID_DEFAULTS, midSchedule, type PrimalFactory } from "../src/transition/assign/schedule";
import { solveOptimal, type Solved } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 2);
const FIRST_SEED = Number(process.env.BENCH_FIRST_SEED ?? 0);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const ALL: Record<string, PrimalFactory> = {
  mid: midSchedule,
  large: largeSchedule,
  "mid-tree": largeScheduleWith({ ...MID_DEFAULTS, treeNear: undefined }),
  // schedule.ts LargeSettings' opt-in settings, on MID_DEFAULTS.
  "mid-live": largeScheduleWith({ ...MID_DEFAULTS, live: true }),
  "mid-root2": largeScheduleWith({ ...MID_DEFAULTS, live: true, root2Share: 0.1, root2Kinds: ["rins", "cross"] }),
  "mid-root2-rins": largeScheduleWith({ ...MID_DEFAULTS, live: true, root2Share: 0.06, root2Kinds: ["rins"] }),
  "mid-fall5": largeScheduleWith({ ...MID_DEFAULTS, afterFall: 5 }),
  // skipInside (no root neighbourhood inside one already searched there), smallRins (RINS at nearly whole tree nodes).
  "mid-noskip": largeScheduleWith({ ...MID_DEFAULTS, skipInside: false }),
  "mid-small35": largeScheduleWith({ ...MID_DEFAULTS, skipInside: true, smallRins: 35 }),
  "large-skip": largeScheduleWith({ ...LARGE_DEFAULTS, skipInside: true }),
};
const SCHEDULES = (process.env.BENCH_SCHEDULES ?? "mid,large").split(",").map((label) => {
  if (!ALL[label]) throw new Error(`BENCH_SCHEDULES: unknown ${label} (${Object.keys(ALL).join(", ")})`);
  return [label, ALL[label]] as const;
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
// One small instance untimed first (JIT), with each schedule: the first solve of a process is slower.
for (const [, primal] of SCHEDULES) solveOptimal(buildUnits(benchInstance(250, 20, true, 0, 0.3).input, "optimal"), { primal });
for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    for (let s = FIRST_SEED; s < FIRST_SEED + SEEDS; s++) {
      const { input } = benchInstance(members, providers, shape === "clustered", s, 0.3);
      const name = `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s}`;
      const runs = new Map<string, { ms: number[]; solved: Solved }>();
      for (let rep = 0; rep < REPEAT; rep++) {
        for (const [label, primal] of SCHEDULES) {
          const t0 = performance.now();
          const solved = solveOptimal(buildUnits(input, "optimal"), { primal });
          const ms = performance.now() - t0;
          const run = runs.get(label) ?? { ms: [], solved };
          run.ms.push(ms);
          runs.set(label, run);
          const q = solved.search;
          console.log(
            `${name} ${label.padEnd(8)} │ ${ms.toFixed(0).padStart(6)} ms │ ${String(solved.nodes).padStart(5)} nodes │ ${String(solved.pivots).padStart(7)} pivots (sub ${q?.primalPivots}, nodes ${q?.nodePivots}, probes ${q?.strongPivots}) │ ${solved.proved ? "proved" : "open  "} │ total ${solved.total} gap ${solved.total - (solved.treeBound ?? NaN)}`,
          );
        }
      }
      const [first, ...others] = SCHEDULES.map(([label]) => [label, runs.get(label)!] as const);
      for (const [label, b] of others) {
        const a = first![1];
        console.log(`${name} ratios ${first![0]}/${label} │ time ×${(median(a.ms) / median(b.ms)).toFixed(2)} │ pivots ×${((a.solved.pivots ?? 0) / (b.solved.pivots ?? 1)).toFixed(2)} │ total ${a.solved.total - b.solved.total >= 0 ? "+" : ""}${a.solved.total - b.solved.total} cents`);
      }
    }
  }
}
