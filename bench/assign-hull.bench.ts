/// <reference types="node" />
// `npm run bench:assign-hull`: the nature of an unproved instance's gap (1000×45 random s0 first).
// BENCH_PART=highs: HiGHS's best total and its own proved bound (mip_dual_bound) after
// BENCH_HIGHS_LIMIT_S (120) seconds. BENCH_PART=engine (the default): the engine's root bound after
// its cut rounds, and at the root's last LP point, per capacity row and per provider, whether the
// point lies in the convex hull of that row's (provider's) assignments (hull.ts), then the root
// bound the hull cuts reach. BENCH_SIZES (1000x45), BENCH_SEEDS (1), BENCH_FIRST_SEED (0),
// BENCH_SHAPES (random).
import loadHighs from "highs";
import { midSeparator } from "../src/transition/assign/bnb";
import type { Separator } from "../src/transition/assign/cutloop";
import { hullFace, hullTest } from "../src/transition/assign/hull";
import type { Model } from "../src/transition/assign/lp";
import { solveOptimal } from "../src/transition/assign/optimal";
import { buildUnits, type UnitProblem } from "../src/transition/assign/units";
import { solveAssignRef } from "./lib/assign-ref";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const FIRST = Number(process.env.BENCH_FIRST_SEED ?? 0);
const SHAPES = (process.env.BENCH_SHAPES ?? "random").split(",");
const PART = process.env.BENCH_PART ?? "engine";
const HIGHS_S = Number(process.env.BENCH_HIGHS_LIMIT_S ?? 120);

async function highsPart() {
  const highs = await loadHighs();
  for (const [members, providers] of SIZES) for (const shape of SHAPES) for (let s = FIRST; s < FIRST + SEEDS; s++) {
    const problem = buildUnits(benchInstance(members, providers, shape === "clustered", s, 0.3).input, "optimal");
    const ref = solveAssignRef(highs, problem, HIGHS_S);
    console.log(`${members}x${providers} ${shape} s${s} HiGHS ${HIGHS_S} s: ${ref.status}, out ${ref.out}, cost ${ref.cost}, total ${ref.total}, cost bound ${ref.costBound} (gap ${ref.cost - ref.costBound}), ${(ref.ms / 1000).toFixed(1)} s`);
  }
}

const NODES = Number(process.env.BENCH_NODES ?? 1);

/** The blocks: each capacity row alone, and each host's rows together (the cost model's last row, members out, has no host). */
function blocks(p: UnitProblem): { rows: number[][]; hosts: number[][] } {
  const byHost = new Map<string, number[]>();
  p.resources.forEach((r, i) => (byHost.get(r.provider) ?? byHost.set(r.provider, []).get(r.provider)!).push(i));
  return { rows: p.resources.map((_, i) => [i]), hosts: [...byHost.values()].filter((l) => l.length > 1) };
}

/** Per block: the fractional units, the L1 distance of the point from the block's hull, time. */
function testBlocks(m: Model, x: Float64Array[], bs: number[][]) {
  let violated = 0;
  let failed = 0;
  let sum = 0;
  let worst = 0;
  let frac = 0;
  const t0 = performance.now();
  for (const b of bs) {
    const face = hullFace(m, b, x);
    frac += face.units.length;
    const t = hullTest(face);
    if (t.failed) failed++;
    else if (t.distance > 1e-6) (violated++, (sum += t.distance), (worst = Math.max(worst, t.distance)));
  }
  return `${bs.length} blocks, ${frac} fractional units in all, ${violated} violated (Σ distance ${sum.toFixed(4)}, worst ${worst.toFixed(4)}), ${failed} undecided, ${(performance.now() - t0).toFixed(0)} ms`;
}

function enginePart() {
  for (const [members, providers] of SIZES) for (const shape of SHAPES) for (let s = FIRST; s < FIRST + SEEDS; s++) {
    const problem = buildUnits(benchInstance(members, providers, shape === "clustered", s, 0.3).input, "optimal");
    const bs = blocks(problem);
    // The root's separator, recording each root point it is handed (the first root's model first).
    const seen: { m: Model; x: Float64Array[]; bound: number }[] = [];
    const sep: Separator = (m, rows, x, at) => {
      if (at?.root) seen.push({ m, x: x.map((v) => Float64Array.from(v)), bound: at.lp.objective().cost });
      return midSeparator(m, rows, x, at);
    };
    Object.assign(sep, { dualRebuild: midSeparator.dualRebuild, dualCap: midSeparator.dualCap });
    const solved = solveOptimal(problem, { separate: sep, nodeLimit: NODES });
    const se = solved.search!;
    console.log(`${members}x${providers} ${shape} s${s}: root LP ${se.rootLp?.toFixed(2)}, after cuts ${se.rootCut?.toFixed(2)} (${se.cutRounds} rounds), second root ${se.rootCut2?.toFixed(2)}, total ${solved.total}, tree bound ${solved.treeBound?.toFixed(2)}, ${solved.nodes} nodes`);
    const first = seen.filter((p) => p.m === seen[0]!.m);
    for (const at of [first[0]!, first[first.length - 1]!]) {
      console.log(`  root point at bound ${at.bound.toFixed(2)}:`);
      console.log(`    rows:  ${testBlocks(at.m, at.x, bs.rows)}`);
      console.log(`    hosts: ${testBlocks(at.m, at.x, bs.hosts)}`);
    }
  }
}

if (PART === "highs") await highsPart();
else enginePart();
