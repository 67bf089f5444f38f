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
import { hullCuts, hullFace, hullStats, hullTest } from "../src/transition/assign/hull";
import type { Model } from "../src/transition/assign/lp";
import { costModel, fewestModel, solveOptimal } from "../src/transition/assign/optimal";
import { search } from "../src/transition/assign/bnb";
import { coverCuts, withCuts, type Cut } from "../src/transition/assign/cuts";
import { lpPoint } from "../src/transition/assign/cutloop";
import { GubLp } from "../src/transition/assign/lp";
import { rootAssignment } from "./lib/assign-phases";
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

/** The root's separator with hull cuts first (single rows; `hosts`: the hosts' blocks too). */
function withHull(hosts: number[][] | null, base: Separator | null): Separator {
  const sep: Separator = (m, rows, x, at) => [...(at?.root ? hullCuts(m, rows, x, { blocks: hosts ?? undefined, liftStates: LIFT_STATES }) : []), ...(base ? base(m, rows, x, at) : [])];
  return Object.assign(sep, { dualRebuild: midSeparator.dualRebuild, dualCap: midSeparator.dualCap });
}

const LIFT_STATES = Number(process.env.BENCH_LIFT_STATES ?? 20_000);
const VARIANTS = (process.env.BENCH_VARIANTS ?? "mid,mid+rows,mid+hosts").split(",");

function enginePart() {
  for (const [members, providers] of SIZES) for (const shape of SHAPES) for (let s = FIRST; s < FIRST + SEEDS; s++) {
    const problem = buildUnits(benchInstance(members, providers, shape === "clustered", s, 0.3).input, "optimal");
    const bs = blocks(problem);
    for (const v of VARIANTS) {
      const [name, stall] = v.split("@");
      const base = name!.startsWith("mid") ? midSeparator : null;
      const inner = name!.endsWith("+rows") ? withHull(null, base) : name!.endsWith("+hosts") ? withHull(bs.hosts, base) : base!;
      // The root's separator, recording each root point it is handed (the first root's model first).
      const seen: { m: Model; x: Float64Array[]; bound: number }[] = [];
      const sep: Separator = (m, rows, x, at) => {
        if (at?.root) seen.push({ m, x: x.map((xs) => Float64Array.from(xs)), bound: at.lp.objective().cost });
        return inner(m, rows, x, at);
      };
      Object.assign(sep, { dualRebuild: midSeparator.dualRebuild, dualCap: midSeparator.dualCap });
      for (const k of Object.keys(hullStats) as (keyof typeof hullStats)[]) hullStats[k] = 0;
      const c0 = process.cpuUsage();
      const solved = solveOptimal(problem, { separate: sep, nodeLimit: NODES, cutStall: stall === undefined ? undefined : Number(stall) });
      const cu = process.cpuUsage(c0);
      const se = solved.search!;
      console.log(`${members}x${providers} ${shape} s${s} ${v}: root LP ${se.rootLp?.toFixed(2)}, after cuts ${se.rootCut?.toFixed(2)} (+${((se.rootCut ?? NaN) - (se.rootLp ?? NaN)).toFixed(2)}; ${se.cutRounds} rounds, ${se.cuts} cuts kept), second root ${se.rootCut2?.toFixed(2)}, total ${solved.total}, tree bound ${solved.treeBound?.toFixed(2)}, ${solved.nodes} nodes, ${solved.pivots} pivots, CPU ${((cu.user + cu.system) / 1000).toFixed(0)} ms │ hull ${JSON.stringify({ ...hullStats, ms: Math.round(hullStats.ms) })}`);
      if (!process.env.BENCH_TEST) continue;
      const first = seen.filter((p) => p.m === seen[0]!.m);
      for (const at of [first[0]!, first[first.length - 1]!]) {
        console.log(`  root point at bound ${at.bound.toFixed(2)}:`);
        console.log(`    rows:  ${testBlocks(at.m, at.x, bs.rows)}`);
        console.log(`    hosts: ${testBlocks(at.m, at.x, bs.hosts)}`);
      }
    }
  }
}

/**
 * BENCH_PART=closure: the plain root LP with one family's cuts only, round after round, none ever
 * dropped (unlike the search's cut loop), until none is violated or BENCH_ROUNDS (25): the bound
 * of the LP within that family's closure. Families (BENCH_FAMILIES): covers (cuts.ts), rows (hull
 * of each row), hosts (hull of each host's rows together, lifting within BENCH_LIFT_STATES),
 * rows+hosts.
 */
function closurePart() {
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
  const fams = (process.env.BENCH_FAMILIES ?? "covers,rows,rows+hosts").split(",");
  for (const [members, providers] of SIZES) for (const shape of SHAPES) for (let s = FIRST; s < FIRST + SEEDS; s++) {
    const problem = buildUnits(benchInstance(members, providers, shape === "clustered", s, 0.3).input, "optimal");
    const bs = blocks(problem);
    const n = problem.units.length;
    // The fewest-out floor, as optimal.ts takes it (its first root's bound).
    const out = Math.max(0, search(fewestModel(problem), Int32Array.from(problem.units, (u) => u.choices.length), { nodeLimit: 1, cuts: false }).rootBound);
    for (const fam of fams) {
      const c0 = process.cpuUsage();
      for (const k of Object.keys(hullStats) as (keyof typeof hullStats)[]) hullStats[k] = 0;
      const m = costModel(problem, out);
      const R0 = m.cap.length;
      const rows = bs.rows.map(([r]) => r!);
      let lp = new GubLp(m);
      lp.forbidden[lp.unitStart[n]! + 1] = 1;
      lp.start(Int32Array.from([...rootAssignment(problem), 1]));
      lp.solve(10_000_000);
      const lp0 = lp.objective().cost;
      const cuts: Cut[] = [];
      const trace: string[] = [];
      let round = 0;
      for (; round < ROUNDS; round++) {
        const { x } = lpPoint(lp, m);
        const fresh = fam === "covers" ? coverCuts(m, rows, x) : hullCuts(m, rows, x, { rows: fam !== "hosts", blocks: fam.includes("hosts") ? bs.hosts : undefined, liftStates: LIFT_STATES });
        if (fresh.length === 0) break;
        cuts.push(...fresh);
        const next = new GubLp(withCuts(m, cuts), { surplusFrom: R0 });
        next.forbidden[next.unitStart[n]! + 1] = 1;
        const rowMap = Int32Array.from({ length: lp.R }, (_, r) => r);
        if (!next.startFrom(lp, rowMap)) break;
        if (next.solve(10_000_000) !== "optimal") break;
        lp = next;
        trace.push(lp.objective().cost.toFixed(1));
      }
      const cu = process.cpuUsage(c0);
      console.log(`${members}x${providers} ${shape} s${s} closure ${fam}: LP ${lp0.toFixed(2)} → ${lp.objective().cost.toFixed(2)} (+${(lp.objective().cost - lp0).toFixed(2)}) in ${round} rounds, ${cuts.length} cuts, CPU ${((cu.user + cu.system) / 1000).toFixed(0)} ms │ ${trace.join(" ")} │ hull ${JSON.stringify({ ...hullStats, ms: Math.round(hullStats.ms) })}`);
    }
  }
}

if (PART === "highs") await highsPart();
else if (PART === "closure") closurePart();
else enginePart();
