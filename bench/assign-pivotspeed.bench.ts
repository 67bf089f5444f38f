/// <reference types="node" />
// `npm run bench:assign-pivotspeed`: the engine on the current lp.ts and on the frozen copy of it at
// fab70e9 (bench/lib/lp-pivotbase.ts) in ONE process, alternating (base, new, base, new, …), so the
// CPU ratio holds on a shared machine. Each pair must agree on pivots, nodes, total and bound (a pure
// speed change: the search path may not move); it prints per case the median CPU of each, the ratio of their sums and each pair's ratio.
// BENCH_SIZES (2000x60), BENCH_SHAPES (random,clustered), BENCH_SEEDS (1), BENCH_FIRST_SEED (0),
// BENCH_REPEATS (3), BENCH_PIVOTS (the engine's own budget when unset: a smaller one for quick checks),
// BENCH_ORACLE_DIR: bench:assign-profile's fromOracleTree instead of the defaults (the search started
// from the oracle's saved pick, no neighbourhoods: every pivot in the tree; a case without one is skipped).
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { OptimalOptions } from "../src/transition/assign/optimal";
import type { RunOut } from "./lib/assign-run";

const gc = (globalThis as { gc?: () => void }).gc; // node --expose-gc (the npm script sets it)
type Run = (m: number, p: number, clustered: boolean, seed: number, pivotLimit?: number, opts?: OptimalOptions) => RunOut;
const ORACLE = process.env.BENCH_ORACLE_DIR;
/** fromOracleTree's options for a case (the least saved total's pick), or null without a saved pick. */
function fromOracle(name: string): OptimalOptions | null {
  const saved = ["cbc", "cbc-cutoff", "highs"].flatMap((k) => {
    const f = `${ORACLE}/${name}-${k}.json`;
    if (!existsSync(f)) return [];
    const r = JSON.parse(readFileSync(f, "utf8")) as { total: number | null; pick: number[] | null };
    return r.total !== null && r.pick ? [{ total: r.total, pick: r.pick }] : [];
  });
  const best = saved.sort((a, b) => a.total - b.total)[0];
  return best ? { start: best.pick, heuristics: false } : null;
}

async function bundle(out: string, frozen: boolean): Promise<Run> {
  await build({
    entryPoints: ["bench/lib/assign-run.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: out,
    logLevel: "warning",
    plugins: frozen
      ? [{ name: "frozen-lp", setup: (b) => b.onResolve({ filter: /^\.\/lp$/ }, (a) => (a.importer.includes("transition/assign") ? { path: resolve("bench/lib/lp-pivotbase.ts") } : undefined)) }]
      : [],
  });
  return ((await import(pathToFileURL(resolve(out)).href)) as { run: Run }).run;
}

const SIZES = (process.env.BENCH_SIZES ?? "2000x60").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SHAPES = (process.env.BENCH_SHAPES ?? "random,clustered").split(",");
const SEEDS = Number(process.env.BENCH_SEEDS ?? 1);
const FIRST = Number(process.env.BENCH_FIRST_SEED ?? 0);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PIVOTS = process.env.BENCH_PIVOTS ? Number(process.env.BENCH_PIVOTS) : undefined;

const base = await bundle("bench/.build/pivotspeed-base.mjs", true);
const next = await bundle("bench/.build/pivotspeed-new.mjs", false);
base(100, 10, false, 99); // warm both
next(100, 10, false, 99);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const all: number[] = [];
for (const [m, p] of SIZES) {
  for (const shape of SHAPES) {
    for (let s = FIRST; s < FIRST + SEEDS; s++) {
      const opts = ORACLE ? fromOracle(`${m}x${p}-${shape}-s${s}`) : {};
      if (!opts) {
        console.log(`${m}x${p} ${shape} s${s}: skipped (no saved oracle pick)`);
        continue;
      }
      const ratios: number[] = [];
      const cpus: [number[], number[]] = [[], []];
      let same = true;
      let line = "";
      for (let r = 0; r < REPEATS; r++) {
        // ABBA order, a collection before each run: neither side pays for the other's garbage or runs first always.
        const one = (f: Run) => (gc?.(), f(m, p, shape === "clustered", s, PIVOTS, opts));
        const [a, b] = r % 2 === 0 ? [one(base), one(next)] : ((x, y) => [y, x])(one(next), one(base));
        same &&= a.pivots === b.pivots && a.nodes === b.nodes && a.total === b.total && Object.is(a.bound, b.bound);
        ratios.push(b.cpu / a.cpu);
        cpus[0].push(a.cpu);
        cpus[1].push(b.cpu);
        line = `${b.pivots} pivots, ${b.nodes} nodes, total ${b.total}, bound ${b.bound}${b.proved ? ", proved" : ""}`;
        if (!same) line += ` │ BASE ${a.pivots} pivots, ${a.nodes} nodes, total ${a.total}, bound ${a.bound}`;
      }
      const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
      all.push(sum(cpus[1]) / sum(cpus[0]));
      console.log(
        `${m}x${p} ${shape} s${s}: ${same ? "same path" : "PATH DIFFERS"} │ ${line} │ CPU base ${median(cpus[0]).toFixed(0)} ms, new ${median(cpus[1]).toFixed(0)} ms, new/base ×${(sum(cpus[1]) / sum(cpus[0])).toFixed(3)} summed (pairs ${ratios.map((x) => x.toFixed(3)).join(" ")})`,
      );
    }
  }
}
if (all.length > 1) console.log(`median of the cases' summed ratios ×${median(all).toFixed(3)}`);
