// `npm run restore -- <backup> [--to <database>] [--local|--remote] [--persist-to <dir>]`
// Restores a nightly backup into an EMPTY database: migrates it to the backup's migrations, checks
// that no table has rows, inserts every row (SQL from the pure src/ops/backup/restore-sql.ts) with
// `wrangler d1 execute --file`, then compares row counts. <backup> is a local .jsonl.gz file or a
// key in the BACKUPS bucket (`d1/2026-11-28T02-30-00Z.jsonl.gz`, fetched with wrangler r2 object get).
// --to defaults to the database in wrangler.toml; another name must exist already (wrangler d1 create).
// Local by default, like wrangler's d1 commands; --remote acts on the account.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { unstable_readConfig } from "wrangler";
import { parseBackup } from "../src/ops/backup/format.ts";
import { countRowsSql, restoreStatements, targetProblems } from "../src/ops/backup/restore-sql.ts";
import { parseD1List } from "../src/ops/deploy/wrangler-output.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : undefined);
const to = flag("--to");
const persistTo = flag("--persist-to");
const remote = args.includes("--remote");
const [source] = args.filter((a) => !a.startsWith("--"));
if (!source) {
  console.error("Usage: npm run restore -- <backup.jsonl.gz | d1/…jsonl.gz> [--to <database>] [--local|--remote] [--persist-to <dir>]");
  process.exit(2);
}
const where = remote ? ["--remote"] : ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
const work = mkdtempSync(join(tmpdir(), "chatiere-restore-"));

function wrangler(argv, configPath) {
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), [...argv, ...(configPath ? ["--config", configPath] : [])], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0", CI: "true" },
  });
  if (run.status !== 0) throw new Error(`wrangler ${argv.slice(0, 3).join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

function query(database, sql, configPath) {
  const out = wrangler(["d1", "execute", database, ...where, "--json", "--command", sql], configPath);
  return JSON.parse(out.slice(out.search(/^\[/m)))[0].results;
}

function main() {
  const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
  const db = config.d1_databases[0];
  const bucket = config.r2_buckets.find((b) => b.binding === "BACKUPS").bucket_name;

  // 1. The backup: a file, or an object fetched from the bucket.
  let file = resolve(source);
  if (/^d1\//.test(source)) {
    file = join(work, "backup.jsonl.gz");
    wrangler(["r2", "object", "get", `${bucket}/${source}`, "--file", file, ...(remote ? ["--remote"] : ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])])]);
  }
  const { header, lines } = parseBackup(gunzipSync(readFileSync(file)).toString("utf8"));
  const plan = restoreStatements(header, lines);
  console.log(`Backup of ${header.createdAt}: ${header.tables.length} tables, ${lines.length} rows, ${header.migrations.length} migrations.`);

  // 2. The target: the configured database, or another one through a temporary config naming it.
  const target = to ?? db.database_name;
  let configPath;
  if (target !== db.database_name) {
    const id = remote ? parseD1List(wrangler(["d1", "list", "--json"])).find((d) => d.name === target)?.uuid : target;
    if (!id) throw new Error(`No D1 database named ${target} on the account: create it with \`npx wrangler d1 create ${target}\``);
    configPath = join(work, "wrangler.json");
    writeFileSync(configPath, JSON.stringify({ name: config.name, compatibility_date: config.compatibility_date, d1_databases: [{ binding: "DB", database_name: target, database_id: id, migrations_dir: join(root, db.migrations_dir ?? "migrations") }] }));
  }
  console.log(`Target: ${target} (${remote ? "remote" : "local"}).`);
  wrangler(["d1", "migrations", "apply", target, ...where], configPath);

  // 3. Empty and on the same migrations, or nothing is written.
  const applied = query(target, "select name from d1_migrations order by id", configPath).map((r) => r.name);
  const names = Object.keys(plan.counts); // the backup's tables, derived ones (rebuilt by the restore) aside
  const before = Object.fromEntries(query(target, countRowsSql(names), configPath).map((r) => [r.t, r.n]));
  const problems = targetProblems(header, applied, before);
  if (problems.length) throw new Error(`Not restoring into ${target}: ${problems.join("; ")}`);

  // 4. Every row, then the counts compared.
  const sqlFile = join(work, "restore.sql");
  writeFileSync(sqlFile, plan.statements.map((s) => `${s};`).join("\n"));
  wrangler(["d1", "execute", target, ...where, "--yes", "--file", sqlFile], configPath);
  const after = Object.fromEntries(query(target, countRowsSql(names), configPath).map((r) => [r.t, r.n]));
  const wrong = names.filter((t) => after[t] !== plan.counts[t]);
  if (wrong.length) throw new Error(`Row counts differ after the restore: ${wrong.map((t) => `${t} ${after[t]} ≠ ${plan.counts[t]}`).join(", ")}`);
  console.log(`✓ Restored ${lines.length} rows into ${target}:`);
  for (const t of names) console.log(`  ${t}: ${after[t]}`);
}

try {
  main();
} catch (err) {
  console.error(`✗ ${err.message}`);
  process.exit(1);
}
