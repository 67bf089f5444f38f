/// <reference types="node" />
// `npm run bench:assign-profile`: where an `optimal` run's time and pivots go, per phase of the cost
// search (bnb.ts SearchOptions.profile: root LP, root cut rounds, root neighbourhoods, the second
// root, node re-solves, strong-branching probes — and of them the nodes whose probes changed the
// pseudo-cost choice or closed a child, "probe.changed" —, node-cut restarts, tree neighbourhoods,
// node rounding) and the fewest-out search ("fewest"), with each incumbent's total, node and time:
// how much of the tree runs after the optimum is found. Variants by name (BENCH_VARIANTS, a list of
// the names in NAMED), each instance once per variant. BENCH_SIZES (1000x45), BENCH_SEEDS (1),
// BENCH_FIRST_SEED (0), BENCH_SHAPES (random,clustered); BENCH_QUIET=1 prints one line a run.
// Pivots and nodes are deterministic; the wall times are the machine's (CPU: the process's user +
// system time, steadier than wall time on a shared machine).
// Variants per case (PER_CASE: `fromOracle`…) start from bench:assign-oracle's saved pick of the
// instance (bench/results/oracle/, BENCH_ORACLE_DIR), skipped without one; BENCH_DIFF=1 prints each
// run's pick against that pick and what the neighbourhoods held of it (bench/lib/assign-diff.ts);
// BENCH_SAVE_PICKS=dir saves each proved run's pick there as the case's "proved" pick.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { SearchProfile } from "../src/transition/assign/bnb";
import { MID_REDUCE, midSeparator, primalSchedule } from "../src/transition/assign/bnb";
import { RELIABILITY } from "../src/transition/assign/branching";
import { secondRoot } from "../src/transition/assign/root2";
import { treeCuts } from "../src/transition/assign/treecuts";
import { RINS_HOSTS, withRinsHosts, type RinsHostsSettings } from "../src/transition/assign/rinshosts";
import { hullCuts, withHullCuts } from "../src/transition/assign/hull";
import type { Separator } from "../src/transition/assign/cutloop";
import { defaultPivotLimit, solveOptimal, undominatedPick, type OptimalOptions } from "../src/transition/assign/optimal";
import { coverCuts } from "../src/transition/assign/cuts";
import { largeSchedule, largeScheduleWith, MID_DEFAULTS, midSchedule, type LargeSettings } from "../src/transition/assign/schedule";
import { buildUnits } from "../src/transition/assign/units";
import { setDualSteepest } from "../src/transition/assign/lp";
import type { StopRule } from "../src/transition/assign/stop";
import { benchInstance } from "./lib/assign-instances";
import { held, pickDiff } from "./lib/assign-diff";
import type { NeighbourhoodRun } from "../src/transition/assign/schedule";

const SIZES = (process.env.BENCH_SIZES ?? "1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const FIRST = Number(process.env.BENCH_FIRST_SEED ?? 0);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const QUIET = !!process.env.BENCH_QUIET;
const TRACE = !!process.env.BENCH_TRACE;
/** BENCH_DIFF=1: each run's pick against the oracle's saved one (bench/lib/assign-diff.ts), and how much of it the neighbourhoods freed. */
const DIFF = !!process.env.BENCH_DIFF;
const SAVE = process.env.BENCH_SAVE_PICKS;

/** The 600–1,300-unit defaults (bnb.ts DUAL_BELOW) at any size: for 2000×60 (1,730+ units). */
const MID_RULES: OptimalOptions = { separate: midSeparator, reSolveWith: "dual", branching: "reliability", plunge: "estimate", rootRestart: true, restartReduce: MID_REDUCE, primal: midSchedule };
/** The mid schedule (600 to 1,300 units) on other settings; the default schedule elsewhere. */
const mid = (set: LargeSettings): OptimalOptions["primal"] => (m, usable, pivotLimit, hostOf, sub) =>
  m.cost.length >= 600 && m.cost.length < 1300 ? largeScheduleWith(set)(m, usable, pivotLimit, hostOf, sub) : primalSchedule(m, usable, pivotLimit, hostOf, sub);
/** The defaults from 1,300 units before bnb.ts LARGE_REDUCE (lifted covers, primal re-solves, pseudo-costs, "up", no second root, largeSchedule). */
const LARGE_OLD: OptimalOptions = {
  separate: (m, rows, x) => coverCuts(m, rows, x),
  reSolveWith: "primal",
  branching: "pseudo",
  plunge: "up",
  rootRestart: false,
  restartReduce: false,
  primal: (m, ...rest) => (m.cost.length >= 1300 ? largeSchedule : primalSchedule)(m, ...rest),
};
/** rinshosts.ts's late neighbourhood on the default schedule from 600 units. */
const rinsHosts = (set: RinsHostsSettings): OptimalOptions["primal"] => (m, ...rest) => (m.cost.length >= 600 ? withRinsHosts(midSchedule, set) : primalSchedule)(m, ...rest);
/** hull.ts's cuts in every round, the root's and the node-cut restarts' (withHullCuts: the root's only). */
const hullEverywhere = (base: Separator): Separator =>
  Object.assign((m: Parameters<Separator>[0], rows: number[], x: Parameters<Separator>[2], at: Parameters<Separator>[3]) => [...hullCuts(m, rows, x), ...base(m, rows, x, at)], { dualRebuild: base.dualRebuild, dualCap: base.dualCap, restarts: base.restarts });
/** A separator with another cut pool size (cutloop.ts Separator.pool). */
const pooled = (base: Separator, pool: NonNullable<Separator["pool"]>): Separator =>
  Object.assign((...a: Parameters<Separator>) => base(...a), { dualRebuild: base.dualRebuild, dualCap: base.dualCap, restarts: base.restarts, pool });
const ADAPT: StopRule = { extra: 0.5, window: 0.25, slack: 1.5, step: 0.1 };
const NAMED: Record<string, OptimalOptions> = {
  default: {},
  /** lp.ts's dual steepest edge (setDualSteepest) on the default settings: every dual phase, the probes' only, the node re-solves' only. */
  dse: {},
  dseProbes: {},
  dseNodes: {},
  largeOld: LARGE_OLD,
  norestart: { firstRestart: 1e9 },
  restart300: { firstRestart: 300 },
  rel4: { reliability: { ...RELIABILITY, reliable: 4 } },
  share25: { reliability: { ...RELIABILITY, share: 0.25 } },
  share100: { reliability: { ...RELIABILITY, share: 1 } },
  probes4: { reliability: { ...RELIABILITY, maxProbes: 4 } },
  look2: { reliability: { ...RELIABILITY, lookahead: 2 } },
  tree20: { primal: mid({ ...MID_DEFAULTS, nodesBetween: 20 }) },
  round1: { roundEvery: 1 },
  round4: { roundEvery: 4 },
  // The second root on the reduced model (bnb.ts SearchOptions.restartReduce; its phases as "red.…").
  reduce: { restartReduce: true },
  reduceRecut: { restartReduce: { cuts: false } },
  reduceAgain: { restartReduce: { again: 1 } },
  reduceRootPrimal: { restartReduce: { rootPrimal: true } },
  // The default before bnb.ts MID_REDUCE (the plain second root from 600 to 1,300 units).
  noreduce: { restartReduce: false },
  // Only when the root's fixing forbids at least half the columns (RestartReduce.minShare).
  reduce50: { restartReduce: { minShare: 0.5 } },
  reduce40: { restartReduce: { minShare: 0.4 } },
  reducePerRow: { restartReduce: { minShare: 0.5, perRow: true } },
  reduceSmall: { restartReduce: true, reSolveWith: "dual", branching: "reliability", plunge: "estimate" },
  rootRestart: { rootRestart: true },
  // The neighbourhood sub-searches' rules (bnb.ts SearchOptions.subRules).
  subOwn: { subRules: "own" },
  subOwnRoot: { subRules: "ownRoot" },
  subOwn60: { subRules: { ownFrom: 60 } },
  subOwn100: { subRules: { ownFrom: 100 } },
  subOwn150: { subRules: { ownFrom: 150 } },
  // The mid rules (MID_RULES) at 2000×60, on its default budget (base 100k pivots there, cap 2×) and on
  // fixed budgets of 200k / 400k (pivotLimit sets base and cap: the schedule's shares scale too).
  // hull.ts's lifted Fenchel cuts of single rows before midSeparator's in the root's rounds.
  hullRows: { separate: withHullCuts(midSeparator) },
  midRules: MID_RULES,
  midRules200k: { ...MID_RULES, pivotLimit: 200_000 },
  midRules400k: { ...MID_RULES, pivotLimit: 400_000 },
  // And a second reduction inside the reduced search (RestartReduce.again).
  midAgain: { ...MID_RULES, restartReduce: { ...MID_REDUCE, again: 1 } },
  midAgain200k: { ...MID_RULES, restartReduce: { ...MID_REDUCE, again: 1 }, pivotLimit: 200_000 },
  midAgain400k: { ...MID_RULES, restartReduce: { ...MID_REDUCE, again: 1 }, pivotLimit: 400_000 },
  // And reducing from 30 % of the columns fixed (RestartReduce.minShare).
  midAgain30: { ...MID_RULES, restartReduce: { ...MID_REDUCE, minShare: 0.3, again: 1 } },
  midAgain30_200k: { ...MID_RULES, restartReduce: { ...MID_REDUCE, minShare: 0.3, again: 1 }, pivotLimit: 200_000 },
  midAgain30_400k: { ...MID_RULES, restartReduce: { ...MID_REDUCE, minShare: 0.3, again: 1 }, pivotLimit: 400_000 },
  // Node selection (bnb.ts TreeRules): bases carried over node-cut restarts, plunges limited.
  carry: { tree: { carry: true } },
  nocarry: { tree: { carry: false } },
  q25: { tree: { plungeGap: 0.25 } },
  carryq25: { tree: { carry: true, plungeGap: 0.25 } },
  carryq0: { tree: { carry: true, plungeGap: 0 } },
  // Tree neighbourhoods paced by work (schedule.ts LargeSettings.treePivots: every 3 / 5 / 8 % of the
  // base in the search's own pivots instead of every 40 nodes), alone and with carry.
  work3: { primal: mid({ ...MID_DEFAULTS, treePivots: 0.03 }) },
  work5: { primal: mid({ ...MID_DEFAULTS, treePivots: 0.05 }) },
  work8: { primal: mid({ ...MID_DEFAULTS, treePivots: 0.08 }) },
  carryWork3: { tree: { carry: true }, primal: mid({ ...MID_DEFAULTS, treePivots: 0.03 }) },
  carryWork5: { tree: { carry: true }, primal: mid({ ...MID_DEFAULTS, treePivots: 0.05 }) },
  carryWork8: { tree: { carry: true }, primal: mid({ ...MID_DEFAULTS, treePivots: 0.08 }) },
  // The second root's extra cuts (root2.ts secondRoot), re-measured on the 1.5× cap.
  r2ccs: { rootRestart: secondRoot({ cost: true, cross: true, share: 0.25 }) },
  r2cc: { rootRestart: secondRoot({ cost: true, cross: true }) },
  r2cross: { rootRestart: secondRoot({ cross: true }) },
  r2cost: { rootRestart: secondRoot({ cost: true }) },
  // hull.ts's cuts first in the second root's rounds only (plain or reduced: the incumbent known, the model smaller).
  r2hull: { rootRestart: withHullCuts(midSeparator) },
  // Gentler r2hull (branch r2gentle): at most 5 / 15 hull cuts a round; on the reduced second root
  // only (the plain one keeps midSeparator); only in rounds whose gap is at most 30 / 100 / 300 cents.
  r2hullMax5: { rootRestart: withHullCuts(midSeparator, { max: 5 }) },
  r2hullMax15: { rootRestart: withHullCuts(midSeparator, { max: 15 }) },
  r2hullRed: { rootRestart: Object.assign(withHullCuts(midSeparator), { only: "reduced" as const }) },
  r2hullGap30: { rootRestart: withHullCuts(midSeparator, { maxGap: 30 }) },
  r2hullGap100: { rootRestart: withHullCuts(midSeparator, { maxGap: 100 }) },
  r2hullGap300: { rootRestart: withHullCuts(midSeparator, { maxGap: 300 }) },
  // Cuts in the tree (treecuts.ts): c-MIR, GMI, cutoff c-MIR at node-cut restarts; restarts at the
  // tree's least node, or more of them (first 50, ×2, at most 8).
  treeCovers: { separate: treeCuts({ mir: false }) },
  treeMir: { separate: treeCuts() },
  treeMirGmi: { separate: treeCuts({ gomory: true }) },
  treeMirCost: { separate: treeCuts({ cost: true }) },
  treeMirLeast: { separate: treeCuts({ restarts: { least: true } }) },
  treeMirMore: { separate: treeCuts({ restarts: { first: 50, growth: 2, max: 8 } }) },
  treeMirMoreLeast: { separate: treeCuts({ restarts: { first: 50, growth: 2, max: 8, least: true } }) },
  // The cap (optimal.ts CAP_FACTOR, 1.5 × the base) at 2 and 3 × the base; BENCH_TRACE=1 prints the gap at each quarter base.
  cap2: { capFactor: 2 },
  cap3: { capFactor: 3 },
  // The adaptive stop (stop.ts, OptimalOptions.stop; in bases): at the 1.5 × cap, a step of 0.1 base
  // more while the bound's rise over the last quarter base would close the gap within the ceiling
  // (cap + `extra`) with half again to spare; "Stall" also stops before the cap, from 1 base, a bound
  // that rose by at most 2 cents over the last half base.
  adapt: { stop: ADAPT },
  adaptStall: { stop: { ...ADAPT, stall: { after: 1, window: 0.5, rise: 2 } } },
  adapt1: { stop: { ...ADAPT, extra: 1 } },
  // rinshosts.ts: RINS plus the units on the hosts where its LP choices collide, late in the tree
  // (3 hosts, after 80 nodes without a better incumbent, 8 % of the base each within 24 %), and smaller and sooner.
  rinsHosts: { primal: rinsHosts(RINS_HOSTS) },
  rinsHosts2: { primal: rinsHosts({ hosts: 2, every: 40, sub: 0.06, share: 0.18 }) },
};
/**
 * Bound-side settings measured from the optimum (PER_CASE `fot<name>`: fromOracleTree with them;
 * `Cap3` suffixes: on 3 × the base, how far a proof is). Figures in ARCHITECTURE.md ("The proof's
 * size from the optimum"): R2hull (hull cuts at the second root only) shrank all seven proofs
 * measured; nothing on the branching side did.
 */
const BOUND: Record<string, OptimalOptions> = {
  Base: {},
  Cap3: { capFactor: 3 },
  // Strong branching: every candidate probed down to depth 4 / 8, then the default η.
  Fsb4: { reliability: { ...RELIABILITY, reliable: 1e9, maxProbes: 1e9, lookahead: 1e9, share: Infinity, deepFrom: 4, deepReliable: RELIABILITY.reliable } },
  Fsb8: { reliability: { ...RELIABILITY, reliable: 1e9, maxProbes: 1e9, lookahead: 1e9, share: Infinity, deepFrom: 8, deepReliable: RELIABILITY.reliable } },
  // A higher η, the probes' cap doubled (and uncapped), longer probes, a longer look-ahead.
  Rel16: { reliability: { ...RELIABILITY, reliable: 16, share: 1 } },
  Share1: { reliability: { ...RELIABILITY, share: 1 } },
  ShareInf: { reliability: { ...RELIABILITY, share: Infinity } },
  Long3: { reliability: { ...RELIABILITY, childPivotsPerRow: 3 } },
  Look8: { reliability: { ...RELIABILITY, lookahead: 8, maxProbes: 16, share: 1 } },
  // The root's cuts: hull cuts first, the second root's cutoff c-MIR (+ cross, more a round), more rounds.
  Hull: { separate: withHullCuts(midSeparator) },
  R2cost: { rootRestart: secondRoot({ cost: true }) },
  // Hull cuts at both roots, the second's with the cutoff c-MIR; hull cuts at node-cut restarts too; on smaller faces.
  HullR2cost: { separate: withHullCuts(midSeparator), rootRestart: ((r2) => Object.assign(withHullCuts(r2), { stall: r2.stall, only: r2.only }))(secondRoot({ cost: true })) },
  HullTree: { separate: hullEverywhere(midSeparator) },
  // A larger cut pool (cutloop.ts Separator.pool, per row): 4R cuts kept, R new a round, slack 6 rounds.
  Pool4: { separate: pooled(midSeparator, { max: 4 }) },
  Pool4R: { separate: pooled(midSeparator, { max: 4, perRound: 1 }) },
  Pool4Age6: { separate: pooled(midSeparator, { max: 4, age: 6 }) },
  HullPool4: { separate: pooled(withHullCuts(midSeparator), { max: 4 }) },
  Hull20: { separate: withHullCuts(midSeparator, { maxUnits: 20 }) },
  R2ccs: { rootRestart: secondRoot({ cost: true, cross: true, share: 0.25 }) },
  R2costShare: { rootRestart: secondRoot({ cost: true, share: 0.25 }) },
  R2costRel16: { rootRestart: secondRoot({ cost: true }), reliability: { ...RELIABILITY, reliable: 16, share: 1 } },
  // Hull cuts at the second root only (the incumbent known, the model reduced), with or without the cutoff c-MIR.
  R2hull: { rootRestart: withHullCuts(midSeparator) },
  R2hullProp: { rootRestart: withHullCuts(midSeparator), propagate: true },
  R2hullCap3: { rootRestart: withHullCuts(midSeparator), capFactor: 3 },
  R2hullCost: { rootRestart: ((r2) => Object.assign(withHullCuts(r2), { stall: r2.stall, only: r2.only }))(secondRoot({ cost: true })) },
  Stall01: { cutStall: 0.001 },
  // Cuts in the tree: c-MIR and cutoff c-MIR at node-cut restarts.
  TreeMirCost: { separate: treeCuts({ cost: true }) },
  // Node selection: the least bound always (no plunge past the least waiting bound).
  Q0: { tree: { plungeGap: 0 } },
  // Capacity propagation of the fixings at each node (propagate.ts).
  Prop: { propagate: true },
};
/**
 * The least-total pick the oracle saved for a case (bench:assign-oracle's JSON under bench/results/oracle/:
 * CBC's, CBC's under a cutoff, HiGHS's), or null.
 */
function oraclePick(name: string): { total: number; pick: number[] } | null {
  const dir = process.env.BENCH_ORACLE_DIR ?? "bench/results/oracle";
  const saved = ["cbc", "cbc-cutoff", "highs", "proved"].flatMap((k) => {
    const f = `${dir}/${name}-${k}.json`;
    if (!existsSync(f)) return [];
    const r = JSON.parse(readFileSync(f, "utf8")) as { total: number | null; pick: number[] | null };
    return r.total !== null && r.pick ? [{ total: r.total, pick: r.pick }] : [];
  });
  return saved.sort((a, b) => a.total - b.total)[0] ?? null;
}
/** Variants per case (name as the oracle's: 1000x45-random-s3): the optimum's pick as the start (OptimalOptions.start). */
const PER_CASE: Record<string, (name: string) => OptimalOptions | null> = {
  // The decisive experiment: the search started from the best saved pick (the optimum where proved); skipped without one.
  fromOracle: (name) => {
    const o = oraclePick(name);
    return o && { start: o.pick };
  },
  // The same with no neighbourhoods (every pivot to the tree), and on 3 or 6 × the base (how far a proof is).
  fromOracleTree: (name) => {
    const o = oraclePick(name);
    return o && { start: o.pick, heuristics: false };
  },
  fromOracleCap3: (name) => {
    const o = oraclePick(name);
    return o && { start: o.pick, capFactor: 3 };
  },
  fromOracleCap6: (name) => {
    const o = oraclePick(name);
    return o && { start: o.pick, capFactor: 6 };
  },
  // Bound-side variants from the optimum, no neighbourhoods (fromOracleTree plus BOUND[x]): the
  // pivots and nodes to a proof (or the gap at the cap) move only with branching, cuts and fixing.
  ...Object.fromEntries(Object.entries(BOUND).map(([k, extra]) => [`fot${k}`, (name: string) => {
    const o = oraclePick(name);
    return o && { start: o.pick, heuristics: false, ...extra };
  }])),
};
const VARIANTS = (process.env.BENCH_VARIANTS ?? "default").split(",").map((v): [string, OptimalOptions | ((name: string) => OptimalOptions | null)] => {
  if (v in PER_CASE) return [v, PER_CASE[v]!];
  if (!(v in NAMED)) throw new Error(`BENCH_VARIANTS: unknown ${v} (${[...Object.keys(NAMED), ...Object.keys(PER_CASE)].join(", ")})`);
  return [v, NAMED[v]!];
});

// JIT first, on a small instance.
solveOptimal(buildUnits(benchInstance(100, 10, false, 99, 0.3).input, "optimal"));
for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    for (let s = FIRST; s < FIRST + SEEDS; s++) {
      for (const [label, variant] of VARIANTS) {
        const opts = typeof variant === "function" ? variant(`${members}x${providers}-${shape}-s${s}`) : variant;
        if (!opts) {
          console.log(`${members}x${providers} ${shape} s${s} ${label}: skipped (no saved oracle pick)`);
          continue;
        }
        const { input } = benchInstance(members, providers, shape === "clustered", s, 0.3);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const problem = buildUnits(input, "optimal");
        const build = performance.now() - t0;
        const prof: SearchProfile = {};
        const found: [number, number, number][] = [];
        const gaps: [number, number][] = []; // the cost search's (pivots, incumbent − least open bound), at each node
        // BENCH_DIFF: the neighbourhoods traced (the default schedule from 600 units, midSchedule, as it is).
        const runs: NeighbourhoodRun[] = [];
        const traced = DIFF && !opts.primal && problem.units.length >= 600 ? { primal: largeScheduleWith({ ...MID_DEFAULTS, trace: (r: NeighbourhoodRun) => runs.push(r) }) } : {};
        const steepBefore = setDualSteepest(label === "dse" ? true : label === "dseProbes" ? "probes" : label === "dseNodes" ? "nodes" : false);
        const solved = solveOptimal(problem, {
          ...opts,
          ...traced,
          profile: prof,
          onIncumbent: (total, nodes) => found.push([total, nodes, performance.now() - t0]),
          onBound: TRACE ? (pivots, bound, ub) => gaps.push([pivots, ub - bound]) : undefined,
        });
        const ms = performance.now() - t0;
        setDualSteepest(steepBefore);
        const cu = process.cpuUsage(c0);
        const cpu = (cu.user + cu.system) / 1000;
        const se = solved.search;
        const last = found[found.length - 1];
        console.log(
          `${members}x${providers} ${shape} s${s} ${label}: ${ms.toFixed(0)} ms (CPU ${cpu.toFixed(0)}), ${solved.nodes} nodes, ${solved.pivots} pivots, ${solved.proved ? "proved" : "open"}, total ${solved.total} gap ${solved.total - (solved.treeBound ?? NaN)} │ probes ${se?.strongProbes} (${se?.strongPivots} pivots, ${se?.strongClosed} children closed), restarts ${se?.restarts} │ last incumbent at node ${last?.[1]}, ${last?.[2].toFixed(0)} ms`,
        );
        if (TRACE) {
          // The gap at each quarter of the base (the cost search's pivots), while it ran.
          const base = defaultPivotLimit(problem.resources.length);
          const at: string[] = [];
          for (let q = 1; q <= 16 && gaps.length > 0 && q * base * 0.25 <= gaps[gaps.length - 1]![0]; q++) {
            let g = NaN;
            for (const [p, v] of gaps) if (p <= q * base * 0.25) g = v;
            at.push(`${(q * 0.25).toFixed(2)}:${g}`);
          }
          console.log(`   gap by base share (base ${base}): ${at.join(" ")} │ search ${se?.pivots} pivots, extended ${se?.extended ?? 0}${se?.stalled ? ", stalled" : ""}`);
        }
        // BENCH_SAVE_PICKS=dir: a proved run's pick as the case's "proved" pick there (a start for the fot… variants).
        if (SAVE && solved.proved) writeFileSync(`${SAVE}/${members}x${providers}-${shape}-s${s}-proved.json`, JSON.stringify({ total: solved.total, pick: solved.pick }));
        const saved = DIFF ? oraclePick(`${members}x${providers}-${shape}-s${s}`) : null;
        // Dominated choices as the search sees them (equal-cost twins are no difference).
        const opt = saved && { ...saved, pick: undominatedPick(problem, saved.pick) };
        if (opt) {
          const d = pickDiff(problem, solved.pick, opt.pick);
          console.log(`   vs the oracle's ${opt.total} (+${solved.total - opt.total}): ${d.units} units differ (${d.groups} groups), on ${d.hosts} hosts, ${d.rows} rows (full: ${d.fullA} at ours, ${d.fullB} at the optimum), cost delta ${d.delta} │ most: ${d.top.map(([h, k]) => `${h}:${k}`).join(" ")}`);
          // Neighbourhoods of the cost search on the whole model (the reduced restart's are on other unit indices): the optimum's difference from their start they freed.
          const n = problem.units.length;
          const to = [...opt.pick.map((k, u) => (k < 0 ? problem.units[u]!.choices.length : k)), 0];
          const full = runs.filter((r) => r.free.length === n + 1);
          for (const r of full) {
            const h = held(r.free, r.from, to);
            console.log(`     ${r.root ? "root" : `node ${r.nodes}`} ${r.kind}: ${r.units} units, ${r.pivots} pivots${r.proved ? " (ended)" : ""}, ${r.after < r.before ? `found −${r.before - r.after}` : "nothing"} │ held ${h.held} of the ${h.of} units its start differs from the optimum on`);
          }
          const red = runs.length - full.length - runs.filter((r) => r.free.length === n).length;
          console.log(`     + ${red} in the reduced restart (${runs.filter((r) => r.free.length !== n + 1 && r.free.length !== n && r.after < r.before).length} found)`);
        }
        if (QUIET) continue;
        let sum = build;
        console.log(`   buildUnits     ${build.toFixed(0).padStart(6)} ms`);
        for (const [k, v] of Object.entries(prof).sort((a, b) => b[1].ms - a[1].ms)) {
          if (k !== "probe.changed") sum += v.ms;
          const per = v.pivots && v.n ? ` (${(v.pivots / v.n).toFixed(1)} a call, ${((1000 * v.ms) / v.pivots).toFixed(0)} µs a pivot)` : "";
          console.log(`   ${k.padEnd(14)} ${v.ms.toFixed(0).padStart(6)} ms ${((100 * v.ms) / ms).toFixed(1).padStart(5)} % ${String(v.pivots).padStart(7)} pivots ${String(v.n).padStart(4)} calls${per}`);
        }
        console.log(`   the rest       ${(ms - sum).toFixed(0).padStart(6)} ms`);
        console.log(`   incumbents (total@node/ms): ${found.map(([t, n, at]) => `${t}@${n}/${at.toFixed(0)}`).join(" ")}`);
      }
    }
  }
}
