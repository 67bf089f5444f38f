// `npm start`: local D1 migrations, .dev.vars, `wrangler dev`, then the demo data through the importer.
// PORT (default 8787) and PERSIST_DIR (default .wrangler/state) override; --fresh starts from empty state.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cooperativeProviderSql, demoCapacitiesSql, demoPledgesSql, demoProfilesSql, seedBilling, seedDemo, seedPledgeSettings, seedShares, seedSubscriptions } from "./seed-demo.mjs";
import { demoTransitionSql } from "./seed-transition.mjs";
import { grant } from "./steward.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "8787";
const persist = process.env.PERSIST_DIR ?? ".wrangler/state";
const wrangler = join(root, "node_modules/.bin/wrangler");

if (process.argv.includes("--fresh")) rmSync(join(root, persist), { recursive: true, force: true });
const devVars = join(root, ".dev.vars");
const example = join(root, ".dev.vars.example");
if (!existsSync(devVars)) {
  copyFileSync(example, devVars);
  console.log("Created .dev.vars from .dev.vars.example");
} else {
  // A .dev.vars from an older checkout keeps its values but gains the settings added since.
  const keys = (text) => new Map(text.split(/\r?\n/).filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l]));
  const have = keys(readFileSync(devVars, "utf8"));
  const missing = [...keys(readFileSync(example, "utf8"))].filter(([k]) => !have.has(k)).map(([, line]) => line);
  if (missing.length) {
    appendFileSync(devVars, `\n${missing.join("\n")}\n`);
    console.log(`Added to .dev.vars from .dev.vars.example: ${missing.map((l) => l.split("=")[0]).join(", ")}`);
  }
}

const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CI: "true" }, // no confirmation prompt
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// Demo people (sign in as them through /dev/mailbox), and a short-lived steward key for the import.
const DEMO_STEWARD = "steward@example.org";
const DEMO_COOP_ADMIN = "coop@example.org";
const seedKey = grant({ email: DEMO_STEWARD, keyName: "demo seed (npm start)", keyExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), persistTo: persist });
// The coop_admin's short-lived key (billing:write) sets the cooperative's billing identity and demo invoices.
const billingKey = grant({ email: DEMO_COOP_ADMIN, role: "coop_admin", keyName: "demo billing (npm start)", keyExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), persistTo: persist });

// No telemetry: it cannot be sent from an offline machine and only logs errors there.
// --test-scheduled: /__scheduled?cron=… runs a cron's jobs by hand (local only), e.g. the health
// checks, so /admin/health shows real runs and incidents (tests/e2e/health.spec.ts).
const dev = spawn(wrangler, ["dev", "--port", port, "--persist-to", persist, "--show-interactive-dev-session=false", "--test-scheduled"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

/**
 * SQL on the local database while the server runs. Asynchronous on purpose: a synchronous child
 * process blocks this script's event loop, the server closes the idle keep-alive connection
 * meanwhile, and the next fetch fails on the dead socket ("other side closed").
 */
function d1Execute(sql, what) {
  // Through a file: a long demo script is over the operating system's limit for one argument (E2BIG).
  const file = join(mkdtempSync(join(tmpdir(), "chatiere-demo-")), "demo.sql");
  writeFileSync(file, sql);
  return new Promise((resolve, reject) => {
    const child = spawn(wrangler, ["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", file], { cwd: root, env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      rmSync(dirname(file), { recursive: true, force: true });
      return code === 0 ? resolve() : reject(new Error(`${what}: ${out}`));
    });
  });
}

const base = `http://localhost:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 600) {
    console.error("wrangler dev did not answer within 60 s");
    dev.kill();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
try {
  const { providers, offers, members, orgIds } = await seedDemo(base, seedKey);
  // The demo members' billing addresses (their profile is theirs: no API writes it), then the invoices.
  await d1Execute(demoProfilesSql(), "demo billing profiles");
  await d1Execute(demoCapacitiesSql(), "demo capacities");
  const { invoices } = await seedBilling(base, billingKey, orgIds);
  // The cooperative (made by the billing identity above) offers the demo cooperative provider's services as its plans.
  await d1Execute(cooperativeProviderSql(), "demo cooperative provider");
  const { subscriptions } = await seedSubscriptions(base, billingKey, orgIds);
  // The transition's demo: more members, and migrations moving over the past weeks (/transition's burn-down).
  await d1Execute(demoTransitionSql(), "demo transition");
  // The cooperative's pledges (confirmed weeks ago: only SQL can date them) and its targets (by API).
  await d1Execute(demoPledgesSql(), "demo pledges");
  const { pledges } = await seedPledgeSettings(base, billingKey);
  // Share classes A and B, two holders whose capital calls are paid by a CAMT statement, one pending request,
  // and a person (ada@example.org) whose capital call waits at /account/shares.
  const { requests } = await seedShares(base, billingKey, orgIds, undefined, (sql) => d1Execute(sql, "demo person holders"));
  console.log(
    `\nChatière is ready on ${base} — demo data (fictional): ${providers} providers, ${offers} offers, ${members} members' inventories (invitations at /dev/mailbox), ` +
      `${invoices} invoices of the cooperative (/coop/invoices), ${subscriptions} subscriptions to its plans (/coop/subscriptions), ${pledges} pledges (/coop), ${requests} share requests (/coop/admin).`,
  );
  console.log(`Sign in as ${DEMO_STEWARD} (steward) or ${DEMO_COOP_ADMIN} (coop_admin), or any address; links appear at ${base}/dev/mailbox\n`);
} catch (err) {
  // A refused connection says why in its cause (the server gone, a port taken).
  console.error(err instanceof Error && err.cause ? `${err} (${err.cause})` : String(err));
  dev.kill();
  process.exit(1);
}
