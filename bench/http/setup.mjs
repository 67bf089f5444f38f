// The HTTP bench's world, shared by `npm run bench:http` (run.mjs) and `npm run bench:http:profile`
// (profile.mjs): the Worker as deployed (built by `wrangler deploy --dry-run --outdir`) and a bare Hono
// route (bare.ts) in one workerd through Miniflare's API, a local D1 migrated and seeded with the demo
// catalogue through the real import API, and the routes measured.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { grantSql } from "../../scripts/steward-sql.mjs";
import { newKey } from "../../scripts/steward.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = join(root, "bench/.build/http");

function buildWorker() {
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", join(out, "worker")], { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } });
  if (run.status !== 0) throw new Error(run.stdout + run.stderr);
}

/** Starts workerd with both workers and seeds D1; `inspectorPort` opens the V8 inspector (profile.mjs). */
export async function startBench({ inspectorPort } = {}) {
  buildWorker();
  await build({ entryPoints: [join(root, "bench/http/bare.ts")], bundle: true, format: "esm", platform: "neutral", outfile: join(out, "bare.js"), logLevel: "warning" });
  const mf = new Miniflare({
    ...(inspectorPort ? { inspectorPort } : {}),
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
    const call = async (r) => {
      const res = await mf.dispatchFetch(r.url, r.init);
      if (res.status !== 200) throw new Error(`${r.name}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    return { mf, routes, call };
  } catch (err) {
    await mf.dispose();
    throw err;
  }
}
