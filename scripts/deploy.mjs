// `npm run deploy [-- --dry-run] [--url https://…]`: one idempotent command from a fresh account to a
// running Worker. It reads wrangler.toml with wrangler's own parser, asks the account what exists
// (wrangler d1 list --json, queues list, r2 bucket list, secret list), plans with the pure
// src/ops/deploy/plan.ts, prints the plan, and — unless --dry-run — creates what is missing, writes
// the D1 id into wrangler.toml (commit it), applies remote migrations, refuses to deploy while a
// required secret is missing (naming it and how to set it), deploys and smoke-tests /healthz.
// Runs under tsx (package.json) so it can import the TypeScript planning module.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_readConfig } from "wrangler";
import { plan, renderPlan, withDatabaseId } from "../src/ops/deploy/plan.ts";
import { REQUIRED_SECRETS } from "../src/ops/deploy/secrets.ts";
import { deployedUrl, parseD1List, parseQueuesList, parseR2BucketList, parseSecretList } from "../src/ops/deploy/wrangler-output.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const configPath = join(root, "wrangler.toml");
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const urlFlag = args.includes("--url") ? args[args.indexOf("--url") + 1] : process.env.DEPLOY_URL;

function wrangler(argv, { allowFail = false, quiet = false } = {}) {
  if (!quiet) console.log(`$ wrangler ${argv.join(" ")}`);
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), argv, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
  });
  if (run.status !== 0 && !allowFail) {
    console.error(run.stdout, run.stderr);
    throw new Error(`wrangler ${argv.join(" ")} failed (exit ${run.status})`);
  }
  return { ok: run.status === 0, out: `${run.stdout}\n${run.stderr}` };
}

function readAccount(config) {
  const secrets = wrangler(["secret", "list", "--format", "json"], { allowFail: true, quiet: true });
  return {
    databases: parseD1List(wrangler(["d1", "list", "--json"], { quiet: true }).out),
    queues: parseQueuesList(wrangler(["queues", "list"], { quiet: true }).out),
    buckets: parseR2BucketList(wrangler(["r2", "bucket", "list"], { quiet: true }).out),
    // A Worker that was never deployed has no secrets yet (wrangler says it is not found).
    secrets: secrets.ok ? parseSecretList(secrets.out) : /not found/i.test(secrets.out) ? null : (() => { throw new Error(`wrangler secret list failed:\n${secrets.out}`); })(),
    worker: config.name,
  };
}

async function smoke(base) {
  for (let attempt = 1; attempt <= 6; attempt++) {
    try {
      const res = await fetch(new URL("/healthz", base), { headers: { "user-agent": "chatiere-deploy-smoke" } });
      const body = await res.json().catch(() => undefined);
      if (res.ok && body?.ok === true) return console.log(`✓ ${base}/healthz answered ${res.status} ${JSON.stringify(body)}`);
      console.log(`  /healthz answered ${res.status}, retrying…`);
    } catch (err) {
      console.log(`  /healthz unreachable (${err.message}), retrying…`);
    }
    await new Promise((r) => setTimeout(r, attempt * 2000));
  }
  throw new Error(`Smoke test failed: ${base}/healthz never answered {"ok":true}`);
}

async function main() {
  let config = unstable_readConfig({ config: configPath });
  const account = readAccount(config);
  const p = plan(config, account, REQUIRED_SECRETS);
  console.log(renderPlan(p));
  if (p.errors.length) throw new Error("wrangler.toml needs fixing first (see above)");
  if (dryRun) return console.log("\n--dry-run: nothing was changed.");

  let deployOut = "";
  for (const step of p.steps) {
    switch (step.kind) {
      case "create-d1":
        wrangler(["d1", "create", step.name]);
        break;
      case "write-d1-id": {
        const id = step.id === "from-create" ? parseD1List(wrangler(["d1", "list", "--json"], { quiet: true }).out).find((d) => d.name === step.name)?.uuid : step.id;
        if (!id) throw new Error(`D1 database ${step.name} was not found after creating it`);
        writeFileSync(configPath, withDatabaseId(readFileSync(configPath, "utf8"), step.name, id));
        console.log(`✓ wrangler.toml: database_id of ${step.name} = ${id} (commit this change)`);
        config = unstable_readConfig({ config: configPath });
        break;
      }
      case "create-queue":
        wrangler(["queues", "create", step.name]);
        break;
      case "create-bucket":
        wrangler(["r2", "bucket", "create", step.name]);
        break;
      case "migrate":
        wrangler(["d1", "migrations", "apply", step.binding, "--remote"]);
        break;
      case "deploy":
        if (p.missingSecrets.length) {
          throw new Error(`Not deploying: set ${p.missingSecrets.map((s) => s.name).join(", ")} first (commands above), then run npm run deploy again.`);
        }
        deployOut = wrangler(["deploy"]).out;
        console.log(deployOut);
        break;
      case "smoke": {
        const base = urlFlag ?? deployedUrl(deployOut);
        if (!base) throw new Error("No URL to smoke-test: pass --url https://your.domain (or DEPLOY_URL)");
        await smoke(base);
        break;
      }
    }
  }
  console.log("\nDeployed.");
}

main().catch((err) => {
  console.error(`\n✗ ${err.message}`);
  process.exit(1);
});
