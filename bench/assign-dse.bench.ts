/// <reference types="node" />
// `npm run bench:assign-dse`: the dual phase's leaving-row rule alone — lp.ts with Dantzig's rule (the
// largest infeasibility) beside lp.ts with dual steepest edge (setDualSteepest), on the same dual
// re-solves: from the root LP's optimum, dives of random branches (a basic column forbidden, or a
// unit held to one choice) chosen on the first LP's point and applied to both. Each re-solve must end
// at the same objective (a correctness check); the pivots and CPU of every re-solve are summed per LP,
// the ratios printed. BENCH_SIZES (1000x45,2000x60), BENCH_SEEDS (2), BENCH_DIVES (40), BENCH_DEPTH (6).
import { benchInstance } from "./lib/assign-instances";
import { outModel } from "./lib/assign-model";
import { rng } from "./lib/instances";
import { GubLp, setDualSteepest } from "../src/transition/assign/lp";
import { buildUnits } from "../src/transition/assign/units";

const SIZES = (process.env.BENCH_SIZES ?? "1000x45,2000x60").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 2);
const DIVES = Number(process.env.BENCH_DIVES ?? 40);
const DEPTH = Number(process.env.BENCH_DEPTH ?? 6);

/** A branch on `lp`'s point: a fractional basic column forbidden, or a unit with a fractional column held to one choice. */
function branch(lp: GubLp, rand: () => number): number[] {
  const x = lp.values();
  const frac: number[] = [];
  for (let j = 0; j < lp.N; j++) if (lp.forbidden[j] === 0 && x[j]! > 1e-6 && x[j]! < 1 - 1e-6) frac.push(j);
  if (frac.length === 0) return [];
  const j = frac[Math.floor(rand() * frac.length)]!;
  if (rand() < 0.5) return [j];
  let u = 0;
  while (lp.unitStart[u + 1]! <= j) u++;
  const out: number[] = [];
  for (let k = lp.unitStart[u]!; k < lp.unitStart[u + 1]!; k++) if (k !== j && lp.forbidden[k] === 0) out.push(k);
  return out;
}

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

let allA = 0;
let allB = 0;
for (const [members, providers] of SIZES) {
  for (const clustered of [false, true]) {
    for (let s = 0; s < SEEDS; s++) {
      const p = buildUnits(benchInstance(members, providers, clustered, s, 0.3).input, "optimal");
      const m = outModel(p);
      const out = p.units.map((u) => u.choices.length);
      const lps = [new GubLp(m), new GubLp(m)] as const;
      for (const lp of lps) {
        lp.start(out);
        lp.solve();
      }
      const root = lps.map((lp) => lp.snapshot());
      const pivots = [0, 0];
      const ms = [0, 0];
      let mismatch = 0;
      let solves = 0;
      const rand = rng(s * 7919 + members);
      for (let d = 0; d < DIVES; d++) {
        lps.forEach((lp, i) => lp.restore(root[i]!));
        const fixed: number[] = [];
        for (let k = 0; k < DEPTH; k++) {
          const fix = branch(lps[0], rand);
          if (fix.length === 0) break;
          const status: string[] = [];
          lps.forEach((lp, i) => {
            for (const j of fix) lp.forbidden[j]!++;
            const old = setDualSteepest(i === 1);
            const p0 = lp.pivots;
            const t0 = cpu();
            status.push(lp.solveDual());
            ms[i]! += cpu() - t0;
            pivots[i]! += lp.pivots - p0;
            setDualSteepest(old);
          });
          fixed.push(...fix);
          solves++;
          if (status[0] !== status[1] || (status[0] === "optimal" && Math.abs(lps[0].objective().cost - lps[1].objective().cost) > 1e-6 * Math.max(1, Math.abs(lps[0].objective().cost)))) mismatch++;
          if (status[0] !== "optimal") break;
        }
        for (const lp of lps) for (const j of fixed) lp.forbidden[j]!--;
      }
      allA += ms[0]!;
      allB += ms[1]!;
      console.log(
        `${members}x${providers} ${clustered ? "clustered" : "random"} s${s}: ${solves} re-solves │ Dantzig ${pivots[0]} pivots ${ms[0]!.toFixed(0)} ms │ steepest ${pivots[1]} pivots ${ms[1]!.toFixed(0)} ms │ pivots ×${(pivots[1]! / pivots[0]!).toFixed(2)}, CPU ×${(ms[1]! / ms[0]!).toFixed(2)}${mismatch ? ` │ ${mismatch} MISMATCHED` : ""}`,
      );
    }
  }
}
console.log(`all: CPU ×${(allB / allA).toFixed(2)} (steepest over Dantzig)`);
