// `npm run bench:http`: the Worker as deployed (built by `wrangler deploy --dry-run --outdir`) runs in
// workerd through Miniflare's API, next to a bare Hono route (bench/http/bare.ts) in the same runtime,
// with a local D1 migrated and seeded with the demo catalogue through the real import API.
// For each route, in one run: p50/p99 latency seen by the client, and CPU time per request measured
// as the workerd process's CPU time (least of 4 blocks) (/proc/<pid>/stat, user + system) over N sequential requests —
// an upper bound on the Worker's CPU time, since it includes the runtime's HTTP handling and local
// D1's SQLite, which the bare route pays too (its figure is the floor). Ratios are against the bare route.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { grantSql } from "../../scripts/steward-sql.mjs";
import { newKey } from "../../scripts/steward.mjs";
import { summarise } from "./stats.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = join(root, "bench/.build/http");
const N = Number(process.env.BENCH_N ?? 400);
const WARMUP = 60;

function buildWorker() {
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", join(out, "worker")], { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } });
  if (run.status !== 0) throw new Error(run.stdout + run.stderr);
}

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
  buildWorker();
  await build({ entryPoints: [join(root, "bench/http/bare.ts")], bundle: true, format: "esm", platform: "neutral", outfile: join(out, "bare.js"), logLevel: "warning" });
  const mf = new Miniflare({
    workers: [
      {
        name: "chatiere",
        modules: true,
        scriptPath: join(out, "worker/index.js"),
        compatibilityDate: "2026-04-01",
        compatibilityFlags: ["nodejs_compat"],
        routes: ["chatiere.bench/*"],
        d1Databases: { DB: "bench-db" },
        r2Buckets: { BACKUPS: "bench-backups" },
        queueProducers: { MAIL_QUEUE: { queueName: "bench-mail" } },
        bindings: { ENVIRONMENT: "development", TRANSITION_DEADLINE: "2027-12-31T23:00:00Z", BETTER_AUTH_SECRET: "bench-better-auth-secret-0123456789abcdef" },
      },
      { name: "bare", modules: true, scriptPath: join(out, "bare.js"), compatibilityDate: "2026-04-01", routes: ["bare.bench/*"], d1Databases: { DB: "bench-db" } },
    ],
  });
  try {
    const db = await mf.getD1Database("DB", "chatiere");
    for (const file of readdirSync(join(root, "migrations")).filter((f) => f.endsWith(".sql")).sort()) {
      const statements = readFileSync(join(root, "migrations", file), "utf8").split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
      await db.batch(statements.map((s) => db.prepare(s)));
    }
    const key = newKey("bench");
    await db.exec(grantSql({ email: "bench@example.org", role: "steward", key: key.stored }).replace(/\n/g, " "));
    const demo = join(root, "demo/chatonsinfos");
    let firstProvider;
    for (const slug of readdirSync(demo, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      const files = readdirSync(join(demo, slug)).filter((f) => f.endsWith(".properties")).sort();
      const read = (f) => readFileSync(join(demo, slug, f), "utf8");
      const res = await mf.dispatchFetch("https://chatiere.bench/api/v1/import/chatonsinfos", {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ organization: read("organization.properties"), services: files.filter((f) => f !== "organization.properties").map(read) }),
      });
      if (!res.ok) throw new Error(`import ${slug}: ${res.status} ${await res.text()}`);
      firstProvider ??= (await res.json()).provider_id;
    }
    const match = JSON.stringify({ needs: [{ service: "mailbox", quantity: 10, storage_gb: 5 }, { service: "mailing_list", quantity: 2 }, { service: "web_hosting", quantity: 1 }] });
    const routes = [
      { name: "bare Hono route (baseline)", url: "https://bare.bench/bare" },
      { name: "bare route + directory SQL on D1", url: "https://bare.bench/bare-d1" },
      { name: "GET /healthz", url: "https://chatiere.bench/healthz" },
      { name: "GET /api/v1/providers (directory)", url: "https://chatiere.bench/api/v1/providers?limit=20" },
      { name: "POST /api/v1/match", url: "https://chatiere.bench/api/v1/match", init: { method: "POST", headers: { "content-type": "application/json" }, body: match } },
      { name: "GET /providers/:id (page)", url: `https://chatiere.bench/providers/${firstProvider}` },
    ];
    const pid = workerdPid();
    const call = async (r) => {
      const res = await mf.dispatchFetch(r.url, r.init);
      if (res.status !== 200) throw new Error(`${r.name}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
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
