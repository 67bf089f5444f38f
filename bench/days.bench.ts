/// <reference types="node" />
// `npx tsx bench/days.bench.ts`: the control room's burn-down asks lib/days `today()` once per hour of
// activity (up to 8,760 rows a year). Baseline in the same run: a new Intl.DateTimeFormat per call,
// as `today()` did before it kept one per zone. Prints the ratio and checks both give the same days.
import { today } from "../src/lib/days";

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const perCall = (now: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
const hours = Array.from({ length: 8_760 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000));

const time = (f: (d: Date) => string) => {
  const start = performance.now();
  for (const h of hours) f(h);
  return performance.now() - start;
};
for (const h of hours) if (perCall(h) !== today(h)) throw new Error(`different days at ${h.toISOString()}`);
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) ratios.push(time(perCall) / time(today));
ratios.sort((a, b) => a - b);
console.log(`today() over ${hours.length} hours: ×${ratios[Math.floor(ROUNDS / 2)]!.toFixed(1)} faster than a formatter per call (median of ${ROUNDS}; range ×${ratios[0]!.toFixed(1)}–×${ratios.at(-1)!.toFixed(1)})`);
