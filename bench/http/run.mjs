// `npm run bench:http`: the Worker as deployed (built by `wrangler deploy --dry-run --outdir`) runs in
// workerd through Miniflare's API, next to a bare Hono route (bench/http/bare.ts) in the same runtime,
// with a local D1 migrated and seeded with the demo catalogue through the real import API.
// For each route, in one run: p50/p99 latency seen by the client, and CPU time per request measured
// as the workerd process's CPU time (least of 4 blocks) (/proc/<pid>/stat, user + system) over N sequential requests —
// an upper bound on the Worker's CPU time, since it includes the runtime's HTTP handling and local
// D1's SQLite, which the bare route pays too (its figure is the floor). Ratios are against the bare route.
import { readdirSync, readFileSync } from "node:fs";
import { startBench } from "./setup.mjs";
import { summarise } from "./stats.mjs";

const N = Number(process.env.BENCH_N ?? 400);
const WARMUP = 60;

/** The workerd process Miniflare started (our child), and its CPU time in ms. */
function workerdPid() {
  const kids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(fields[1]) === process.pid && /workerd/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
    } catch {
      return false;
    }
  });
  if (kids.length !== 1) throw new Error(`expected one workerd child, found ${kids.length}`);
  return kids[0];
}
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
}

async function main() {
  const { mf, routes, call } = await startBench();
  try {
    const pid = workerdPid();
    for (const r of routes) for (let i = 0; i < WARMUP; i++) await call(r);
    // Latency: the routes interleaved, so load on the machine falls on all of them alike.
    const latencies = routes.map(() => []);
    for (let i = 0; i < N; i++) {
      for (const [j, r] of routes.entries()) {
        const t0 = performance.now();
        await call(r);
        latencies[j].push(performance.now() - t0);
      }
    }
    // CPU: blocks of N/4 requests per route, in rounds; the least per route (the least disturbed block).
    const cpu = routes.map(() => Infinity);
    for (let round = 0; round < 4; round++) {
      for (const [j, r] of routes.entries()) {
        const c0 = cpuMs(pid);
        for (let i = 0; i < N / 4; i++) await call(r);
        cpu[j] = Math.min(cpu[j], (cpuMs(pid) - c0) / (N / 4));
      }
    }
    const results = routes.map((r, j) => summarise(r.name, latencies[j], cpu[j]));
    const base = results[0];
    const f = (n) => n.toFixed(2).padStart(7);
    console.log(`\n${N} sequential requests per route after ${WARMUP} warm-up, in workerd (Miniflare), demo catalogue seeded.`);
    console.log(`${"route".padEnd(36)}  p50 ms  p99 ms  cpu ms/req  p50×bare  cpu×bare`);
    for (const r of results) console.log(`${r.name.padEnd(36)} ${f(r.p50)} ${f(r.p99)}   ${f(r.cpu)}   ${f(r.p50 / base.p50)}  ${f(r.cpu / base.cpu)}`);
    const dir = results.find((r) => r.name.includes("(directory)"));
    const bareD1 = results.find((r) => r.name.includes("directory SQL"));
    console.log(`Directory against the bare route running its SQL on the same D1: p50 ${(dir.p50 / bareD1.p50).toFixed(2)}×, CPU ${(dir.cpu / bareD1.cpu).toFixed(2)}×.`);
    console.log(`Directory p50 is ${(dir.p50 / base.p50).toFixed(2)}× the bare route (target ≤ 1.5×); the heaviest route uses ${Math.max(...results.map((r) => r.cpu)).toFixed(2)} ms CPU per request (target well inside 10 ms).`);
  } finally {
    await mf.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
