// How vitest.config.ts organises the suite (read in Node): which dependencies are pre-bundled, which
// workerd test files need the app, and which files start first.
//
// A workerd test file needs the app when it reaches `cloudflare:test` (SELF, env.DB…), itself or through a module under
// tests/: only those load src/index.ts as the pool's `main` and run tests/setup.ts (migrations, the
// steward). The others (pure domain code: matching, assignment, documents…) run in workerd without
// it, which saves the app's import — most of a file's start-up — for half the suite.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Vite's dependency optimizer bundles these once per run, instead of workerd fetching them module by
 * module for every test file (better-auth, stripe and drizzle alone are over a thousand modules). Every
 * entry the code imports must be listed, or it would be a second copy beside the bundle
 * (tests/projects.node.test.ts checks). zod and hono stay outside the bundles (external) and inlined,
 * so each has one copy (one schema registry, one HTTPException) and wrangler's aliases still reach
 * zod; pdf-lib stays out for its aliases too.
 */
export const PREBUNDLED = {
  enabled: true,
  include: [
    "@better-auth/passkey", "@hono/zod-openapi", "better-auth", "better-auth/adapters/drizzle", "better-auth/minimal", "better-auth/plugins/magic-link",
    "drizzle-orm", "drizzle-orm/batch", "drizzle-orm/d1", "drizzle-orm/sqlite-core", "fast-xml-parser", "fflate", "ibantools", "jsvat-next",
    "papaparse", "qrcode-generator", "standardwebhooks", "stripe",
  ],
  rolldownOptions: { external: [/^node:/, /^cloudflare:/, /^zod(\/|$)/, /^hono(\/|$)/] },
};

const TEST_FILE = /\.test\.tsx?$/;
const NODE_OR_BROWSER = /(\.node\.test\.tsx?$)|(^tests\/e2e\/)/;
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
const CLOUDFLARE_TEST = /["']cloudflare:test["']/;

/** The workerd suite's test files (posix paths relative to the root), split by whether they need the app. */
export function workerdTestFiles(root: string): { app: string[]; appFree: string[] } {
  const files = (readdirSync(join(root, "tests"), { recursive: true }) as string[])
    .map((f) => `tests/${f.split("\\").join("/")}`)
    .filter((f) => TEST_FILE.test(f) && !NODE_OR_BROWSER.test(f))
    .sort();
  // Depth-first over tests/ modules, one walk per file: a few hundred small reads, no cache to get wrong.
  const needs = (file: string, seen: Set<string>): boolean => {
    if (seen.has(file)) return false;
    seen.add(file);
    const source = readFileSync(join(root, file), "utf8");
    if (CLOUDFLARE_TEST.test(source)) return true;
    for (const [, spec] of source.matchAll(RELATIVE_IMPORT)) {
      const target = resolveTestModule(root, normalize(join(dirname(file), spec!)).split("\\").join("/"));
      if (target && needs(target, seen)) return true;
    }
    return false;
  };
  const app = files.filter((f) => needs(f, new Set()));
  return { app, appFree: files.filter((f) => !app.includes(f)) };
}

// Only modules under tests/ are followed: src/ never imports cloudflare:test.
function resolveTestModule(root: string, spec: string): string | undefined {
  if (!spec.startsWith("tests/")) return undefined;
  const base = spec.replace(/\.js$/, "");
  for (const candidate of [spec, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return undefined;
}

/** The suite's longest files (minutes each where the rest take seconds): the authorisation matrix's
 *  parts, the naughty-strings pages, the principal's every-way sign-ins; in this order. */
const LONGEST = [/^tests\/authz\/matrix\.part\d+\.test\.ts$/, /^tests\/pages\/naughty\.test\.ts$/, /^tests\/accounts\/principal\.test\.ts$/];

/**
 * vitest's order, with the longest files moved to the front. Without timings cached (a fresh clone,
 * CI) vitest starts the largest files first, and the matrix parts are four lines each: they ran
 * last, for ten minutes and more after everything else had finished.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const path = relative(this.ctx.config.root, f.moduleId).split("\\").join("/");
      const i = LONGEST.findIndex((re) => re.test(path));
      return i < 0 ? LONGEST.length : i;
    };
    return (await super.sort(files)).map((f) => ({ f, r: rank(f) })).sort((a, b) => a.r - b.r).map(({ f }) => f); // stable
  }
}
