/// <reference types="node" />
// `npm run bench:assign-engine`: the `optimal` engine alone (no HiGHS) on the bench:assign
// instances: engine ms, nodes, simplex pivots (both searches, sub-searches included), proved.
// BENCH_FIRST_SEED (0) starts the BENCH_SEEDS seeds elsewhere.
// For profiling: `node --cpu-prof bench/.build/assign-engine.mjs`. BENCH_SIZES (default
// 250x20,500x30,1000x45), BENCH_SEEDS (1), BENCH_RATE (0.3), BENCH_SHAPES (random,clustered),
// BENCH_PIVOTS (the pivot limit per search, a list: a number, or "4x" for 4 × the engine's default,
// optimal.ts defaultPivotLimit; default: the engine's). Per run also the cost search's final tree
// bound (`tb`, optimal.ts Solved.treeBound), the gap to a proof (total − tb) and, where HiGHS's
// reference is known (REF below), the total and tb against it; with several budgets, per variant
// how the gap shrinks from one budget to the next (pivots per cent closed). Variants to compare in
// the same run, each instance once per combination, then the ratios of the first to each other:
// - BENCH_SEPARATORS: the cost search's cut separators: "default" (bnb.ts's), "lifted" (cuts.ts's
//   lifted covers), "+gomory" (and GMI cuts at every cut round and node-cut restart), "+gom.root"
//   (GMI cuts at the root's rounds only), gomory.ts; "+mir" (c-MIR cuts on aggregated rows, mir.ts, at
//   every round and restart), "+mir.root" (at the root's rounds only), "+mir+gom.root" (c-MIR and GMI cuts at the root's rounds); "+mir.cost" / "+mir.root.cost" (costmir.ts: c-MIR
//   with the objective cutoff at every round and restart, beside +mir's / +mir.root's cuts; "+mir+gom.root.cost": and +mir+gom.root's); default "default";
// - BENCH_RESOLVE: how nodes below the root re-solve, e.g. `primal,dual`; default: the engine's;
// - BENCH_BRANCHING: the cost search's branching rule and plunge (branching.ts), e.g.
//   `pseudo,reliability,reliability+estimate`; "engine": the engine's defaults; "small": every rule
//   of the small searches together (bnb.ts SMALL_BELOW: reliability with dual probes, plunge by
//   estimate, mir.ts rootMir unless BENCH_SEPARATORS names another than "default", and dual
//   re-solves unless BENCH_RESOLVE says); default "engine";
// - BENCH_ROUND: the node rounding's SearchOptions.roundEvery, e.g. `1,default` (1: every node);
// - BENCH_RESTART: the cost search's second root after its neighbourhoods (bnb.ts
//   SearchOptions.rootRestart), e.g. `0,1,+mir.root.cost` (a BENCH_SEPARATORS label: that
//   separator for the second round's cuts only); default: the engine's;
// - BENCH_SUB: how the neighbourhoods' sub-searches re-solve, e.g. `default,dual` ("default": as
//   the search's nodes; else bnb.ts primalSchedule handed subSearchWith that re-solve).
// - BENCH_CUTOFF: the dual cutoff (bnb.ts SearchOptions.dualCutoff, through ReliabilityOptions.cutoff)
//   and how a child it closes teaches (ReliabilityOptions.cutoffLearn), e.g. `default,off,none,censored`:
//   "default" the engine's, "off" no cutoff, else cutoff on with that cutoffLearn (none, bound, censored, count).
// - BENCH_CAP: the cost search's cap as multiples of the default base (optimal.ts capFactor: the
//   schedule's shares stay of the base, only the tree goes on), e.g. `1,1.5,2,3`; default: the
//   engine's (CAP_FACTOR). With a BENCH_PIVOTS number or "4x" that is the base instead.
import { primalSchedule, rootMirGomory, subSearchWith, type SearchOptions } from "../src/transition/assign/bnb";
import type { Separator } from "../src/transition/assign/cutloop";
import type { PrimalFactory } from "../src/transition/assign/schedule";
import { coverCuts } from "../src/transition/assign/cuts";
import { coversAndGomory, rootGomory } from "../src/transition/assign/gomory";
import { coversAndMir, rootMir } from "../src/transition/assign/mir";
import { costMirCuts, coversMirCost, rootMirCost } from "../src/transition/assign/costmir";
import { defaultPivotLimit, solveOptimal, type OptimalOptions, type Solved } from "../src/transition/assign/optimal";
import { buildUnits } from "../src/transition/assign/units";
import { RELIABILITY, type CutoffLearn, type ReliabilityOptions } from "../src/transition/assign/branching";
import { benchInstance } from "./lib/assign-instances";

const SIZES = (process.env.BENCH_SIZES ?? "250x20,500x30,1000x45").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
/** The first seed (BENCH_SEEDS seeds from it; default 0). */
const FIRST_SEED = Number(process.env.BENCH_FIRST_SEED ?? 0);
const BENCH_RATE = Number(process.env.BENCH_RATE ?? 0.3);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const PIVOTS = (process.env.BENCH_PIVOTS ?? "default").split(",");
/** A BENCH_PIVOTS entry as a limit for R capacity rows: "default" (undefined: the engine's), "4x", or a number. */
const pivotsOf = (p: string, R: number): number | undefined => (p === "default" ? undefined : p.endsWith("x") ? Math.round(Number(p.slice(0, -1)) * defaultPivotLimit(R)) : Number(p));
/**
 * HiGHS's best totals and bounds (BENCH_HIGHS_LIMIT_S=60, `npm run bench:assign` at b516179, seed 0;
 * equal when HiGHS proved it): "size shape seed" → [best, bound].
 */
const REF: Record<string, [number, number]> = {
  "1000x45 random 0": [325700983, 325700775],
  "1000x45 clustered 0": [394812839, 394812839],
  "2000x60 random 0": [1303132914, 1303132914],
  "2000x60 clustered 0": [1784896586, 1784896562],
};
const ALL: Record<string, Separator | undefined> = { default: undefined, lifted: (m, rows, x) => coverCuts(m, rows, x), "+gomory": coversAndGomory, "+gom.root": rootGomory, "+mir": coversAndMir, "+mir.root": (m, rows, x, at) => (at?.root ? coversAndMir(m, rows, x, at) : coverCuts(m, rows, x)), "+mir+gom.root": rootMirGomory, "+mir.cost": coversMirCost, "+mir.root.cost": rootMirCost, "+mir+gom.root.cost": (m, rows, x, at) => [...costMirCuts(m, rows, x, at, { max: Math.max(5, Math.round(m.cap.length / 8)) }), ...rootMirGomory(m, rows, x, at)] };
const SEPARATORS = (process.env.BENCH_SEPARATORS ?? "default").split(",").map((label) => {
  if (!(label in ALL)) throw new Error(`BENCH_SEPARATORS: unknown ${label} (${Object.keys(ALL).join(", ")})`);
  return [label, ALL[label]] as const;
});
const SMALL_RULES: Pick<OptimalOptions, "branching" | "plunge" | "reSolveWith" | "separate"> = { branching: "reliability", plunge: "estimate", reSolveWith: process.env.BENCH_RESOLVE ? undefined : "dual", separate: rootMir };
const BRANCHING = (process.env.BENCH_BRANCHING ?? "engine").split(",").map((label): [string, Pick<OptimalOptions, "branching" | "plunge" | "reSolveWith" | "separate">] => {
  if (label === "engine") return [label, {}];
  if (label === "small") return [label, SMALL_RULES];
  const [branching, ...more] = label.split("+");
  if (branching !== "pseudo" && branching !== "reliability") throw new Error(`BENCH_BRANCHING: unknown ${label}`);
  return [label, { branching, plunge: more.includes("estimate") ? "estimate" : "up" }];
});
const ROUND = process.env.BENCH_ROUND ? process.env.BENCH_ROUND.split(",").map((r) => (r === "default" ? undefined : Number(r))) : [undefined];
const SUB = (process.env.BENCH_SUB ?? "default").split(",").map((label): [string, PrimalFactory | undefined] => {
  if (label === "default") return [label, undefined];
  if (label !== "dual" && label !== "primal") throw new Error(`BENCH_SUB: unknown ${label}`);
  const sub = subSearchWith(label);
  return [label, (m, usable, pivotLimit, hostOf) => primalSchedule(m, usable, pivotLimit, hostOf, sub)];
});
const RESTART = process.env.BENCH_RESTART
  ? process.env.BENCH_RESTART.split(",").map((r): [string, SearchOptions["rootRestart"]] => {
      if (r === "0" || r === "1") return [r, r === "1"];
      if (!ALL[r]) throw new Error(`BENCH_RESTART: unknown ${r}`);
      return [r, ALL[r]];
    })
  : [["", undefined] as [string, SearchOptions["rootRestart"]]];
const CUTOFF = (process.env.BENCH_CUTOFF ?? "default").split(",").map((label): [string, ReliabilityOptions | undefined] => {
  if (label === "default") return [label, undefined];
  if (label === "off") return [label, { ...RELIABILITY, cutoff: false }];
  if (!["none", "bound", "censored", "count"].includes(label)) throw new Error(`BENCH_CUTOFF: unknown ${label}`);
  return [label, { ...RELIABILITY, cutoff: true, cutoffLearn: label as CutoffLearn }];
});
const CAP = process.env.BENCH_CAP ? process.env.BENCH_CAP.split(",").map(Number) : [undefined];
const RESOLVE = process.env.BENCH_RESOLVE ? (process.env.BENCH_RESOLVE.split(",") as NonNullable<SearchOptions["reSolveWith"]>[]) : [undefined];

/** Every combination of the variants asked for, labelled by what differs. */
const VARIANTS: { label: string; opts: OptimalOptions }[] = SEPARATORS.flatMap(([sepLabel, separate]) =>
  BRANCHING.flatMap(([brLabel, branching]) =>
    RESOLVE.flatMap((reSolveWith) =>
      ROUND.flatMap((roundEvery) =>
        SUB.flatMap(([subLabel, primal]) =>
          RESTART.flatMap(([restartLabel, rootRestart]) =>
            CUTOFF.flatMap(([cutLabel, reliability]) =>
              CAP.map((capFactor) => ({
                label: [SEPARATORS.length > 1 ? sepLabel : "", BRANCHING.length > 1 ? brLabel : "", reSolveWith ?? "", ROUND.length > 1 ? `round${roundEvery ?? "."}` : "", SUB.length > 1 ? `sub.${subLabel}` : "", RESTART.length > 1 ? `restart${restartLabel}` : "", CUTOFF.length > 1 ? `cut.${cutLabel}` : "", capFactor !== undefined ? `cap${capFactor}` : ""].filter(Boolean).join("+"),
                // A separator named in BENCH_SEPARATORS wins over "small"'s rootMir.
                opts: { ...branching, separate: sepLabel === "default" ? branching.separate : separate, reSolveWith: reSolveWith ?? branching.reSolveWith, roundEvery, primal, rootRestart, reliability, capFactor },
              })),
            ),
          ),
        ),
      ),
    ),
  ),
);

const sign = (x: number) => `${x >= 0 ? "+" : ""}${x}`;
for (const [members, providers] of SIZES) {
  for (const shape of SHAPES) {
    const clustered = shape === "clustered";
    for (let s = FIRST_SEED; s < FIRST_SEED + SEEDS; s++) {
      const { input } = benchInstance(members, providers, clustered, s, BENCH_RATE);
      const name = `${String(members).padStart(4)}×${String(providers).padStart(2)} ${shape.padEnd(9)} s${s}`;
      const ref = REF[`${members}x${providers} ${shape} ${s}`];
      const R = buildUnits(input, "optimal").resources.length;
      const runs: { label: string; pivots: string; solved: Solved; ms: number }[] = [];
      for (const budget of PIVOTS) {
        for (const { label, opts } of VARIANTS) {
          const t0 = performance.now();
          const problem = buildUnits(input, "optimal");
          // With a BENCH_CAP, a BENCH_PIVOTS budget is the base and the cap its multiple.
          const limit = pivotsOf(budget, R);
          const solved = solveOptimal(problem, opts.capFactor !== undefined ? { pivotBase: limit, ...opts } : { pivotLimit: limit, ...opts });
          const ms = performance.now() - t0;
          runs.push({ label, pivots: budget, solved, ms });
          const tb = solved.treeBound ?? NaN;
          const tag = [PIVOTS.length > 1 ? `p${budget}` : "", label].filter(Boolean).join(" ");
          console.log(
            `${name}${tag ? ` ${tag.padEnd(14)}` : ""} │ ${ms.toFixed(0).padStart(6)} ms │ ${String(solved.nodes).padStart(6)} nodes │ ${String(solved.pivots ?? "?").padStart(7)} pivots │ ${solved.proved ? "proved" : "open  "} │ total ${solved.total} tb ${tb} gap ${solved.total - tb}${solved.search?.rootFixed ? ` fixed ${solved.search.rootFixed} root ${solved.search.rootCut?.toFixed(1)} root2 ${solved.search.rootCut2?.toFixed(1)}` : ""}${ref ? ` │ vs HiGHS total ${sign(solved.total - ref[0])} tb ${sign(tb - ref[0])}` : ""}`,
          );
        }
      }
      // Every other variant against the first at the same budget (first / other: > 1, the other is better).
      for (const budget of PIVOTS) {
        const same = runs.filter((r) => r.pivots === budget);
        const a = same[0]!;
        same.slice(1).forEach((b) => {
          console.log(
            `${name}${PIVOTS.length > 1 ? ` p${budget}` : ""} ratios ${a.label}/${b.label} │ time ×${(a.ms / b.ms).toFixed(2)} │ nodes ×${(a.solved.nodes / b.solved.nodes).toFixed(2)} │ pivots ×${((a.solved.pivots ?? 0) / (b.solved.pivots ?? 1)).toFixed(2)} │ total ${sign(b.solved.total - a.solved.total)} cents`,
          );
        });
      }
      // Per variant, the gap (total − tree bound) from one budget to the next: pivots per cent closed.
      if (PIVOTS.length > 1) {
        for (const { label } of VARIANTS) {
          const mine = runs.filter((r) => r.label === label);
          const steps = mine.slice(1).map((b, i) => {
            const a = mine[i]!;
            const closed = a.solved.total - (a.solved.treeBound ?? NaN) - (b.solved.total - (b.solved.treeBound ?? NaN));
            return `${a.pivots}→${b.pivots}: ${sign(-closed)} cents${closed > 0 ? `, ${Math.round(((b.solved.pivots ?? 0) - (a.solved.pivots ?? 0)) / closed)} pivots/cent` : ""}`;
          });
          console.log(`${name} gap ${label || "engine"} │ ${mine.map((r) => r.solved.total - (r.solved.treeBound ?? NaN)).join(" → ")} │ ${steps.join(" │ ")}`);
        }
      }
    }
  }
}
