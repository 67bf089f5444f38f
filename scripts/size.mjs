// `npm run size`: builds the Worker exactly as `wrangler deploy` would (--dry-run --outdir, with
// esbuild's metafile), and fails when the gzipped bundle is over the budget, printing the modules
// and packages that weigh most. Part of `npm test`.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

// The Workers Free plan takes up to 3 MB compressed (1 MB until late 2024). We keep half of that as
// our own budget, so that growth stays a decision: billing's PDFs (pdf-lib, its pako and standard
// fonts) took the bundle from 0.86 to 1.24 MiB, past the first budget of 1 MiB.
export const BUDGET_GZIP_BYTES = 1.5 * 1024 * 1024;
const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(root, ".build/size");
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** Pure: the inputs of the bundle grouped by npm package (or by our own top-level folder). */
export function contributors(metafile) {
  const byModule = [];
  const byPackage = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
      byModule.push({ path, bytes: bytesInOutput });
      const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const key = m ? m[1] : path.split("/").slice(0, 2).join("/");
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return { modules: byModule.sort((a, b) => b.bytes - a.bytes), packages: [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes) };
}

function main() {
  rmSync(outdir, { recursive: true, force: true });
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir, "--metafile", join(outdir, "meta.json")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0", CI: "true" },
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    process.exit(1);
  }
  const files = readdirSync(outdir, { recursive: true }).map(String).filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(outdir, f)).isFile());
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const body = readFileSync(join(outdir, f));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  const { packages, modules } = contributors(JSON.parse(readFileSync(join(outdir, "meta.json"), "utf8")));
  console.log(`Worker bundle (${files.map((f) => relative(root, join(outdir, f))).join(", ")}): ${kb(raw)} raw, ${kb(gz)} gzipped; budget ${kb(BUDGET_GZIP_BYTES)} gzipped (${((gz / BUDGET_GZIP_BYTES) * 100).toFixed(0)} %).`);
  console.log("Top packages / folders (bytes in the output, before gzip):");
  for (const p of packages.slice(0, 12)) console.log(`  ${kb(p.bytes).padStart(10)}  ${p.name}`);
  console.log("Top modules:");
  for (const m of modules.slice(0, 8)) console.log(`  ${kb(m.bytes).padStart(10)}  ${m.path}`);
  if (gz > BUDGET_GZIP_BYTES) {
    console.error(`✗ Over budget by ${kb(gz - BUDGET_GZIP_BYTES)} gzipped.`);
    process.exit(1);
  }
  console.log("✓ Within budget.");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
