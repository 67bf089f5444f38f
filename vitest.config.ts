import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { unstable_readConfig } from "wrangler";
import { defineConfig } from "vitest/config";
import { LongestFirst, PREBUNDLED, workerdTestFiles } from "./tests/projects.ts";

// wrangler.toml's [alias] (module replacements of the bundle: src/shims/, src/lib/zod-locales-en.ts),
// applied to both projects too, so the code under test is the code deployed. Exact specifiers only;
// the dependencies that import them (pdf-lib, zod) are inlined so the aliases reach inside them.
const wranglerAliases = Object.entries(unstable_readConfig({ config: "./wrangler.toml" }).alias ?? {}).map(([specifier, target]) => ({
  find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`),
  replacement: fileURLToPath(new URL(String(target), import.meta.url)),
}));
const inlined = [/node_modules\/pdf-lib\//, /node_modules\/@pdf-lib\//, /node_modules\/zod\//];

// Every tests/**/*.test.ts runs inside workerd; those that reach cloudflare:test run against a real
// local D1 with the real migrations (tests/setup.ts); tests/**/*.node.test.ts run in Node.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  const { app, appFree } = workerdTestFiles(fileURLToPath(new URL(".", import.meta.url)));
  // Three projects: "workers" (the test files that reach cloudflare:test, with the app as the pool's
  // main), "units" (the other *.test.ts, the same workerd without the app: tests/projects.ts) and
  // "node" (the *.node.test.ts files that need Node: SaxonJS running the official Schematron, pdftoppm).
  const workerd = (name: string, files: string[], withApp: boolean) => ({
    plugins: [
      cloudflareTest({
        ...(withApp ? { main: "./src/index.ts" } : {}),
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "test",
            BETTER_AUTH_SECRET: "test-better-auth-secret-0123456789abcdef",
            MAIL_API_URL: "https://mail.chatiere.test/v1/send",
            MAIL_API_TOKEN: "test-mail-token",
            STRIPE_WEBHOOK_SECRET: "whsec_test_stripe_secret_0123456789",
            // Off for the suite; tests/webhooks/dns.test.ts turns it on with a fake DoH answer.
            WEBHOOK_DNS_RESOLVER: "off",
            // Off too; tests/transition/control/dns.test.ts injects a DoH answerer.
            DNS_RESOLVER_URL: "off",
            // Tests write D1 directly and read the directory at once: the cache re-reads the catalogue's
            // version on every request (tests/catalog/directory-cache.test.ts tries the production window).
            CATALOG_RECHECK_MS: "0",
          },
          // Tests run the outbox consumer themselves (tests/accounts/helpers.ts): MAIL_QUEUE points at a
          // queue nobody consumes, so no background delivery races a test or calls MAIL_API_URL.
          // TEST_CHANNEL_QUEUE is the producer of a second channel that tests/outbox/ registers.
          queueProducers: { MAIL_QUEUE: { queueName: "chatiere-mail-test" }, WEBHOOK_QUEUE: { queueName: "chatiere-webhooks-test" }, PEPPOL_QUEUE: { queueName: "chatiere-peppol-test" }, TEST_CHANNEL_QUEUE: { queueName: "chatiere-pigeon-test" } },
          // An empty second database, the target of the backup → restore round trip (tests/ops/backup.test.ts).
          d1Databases: { DB: "chatiere", RESTORE_DB: "chatiere-restore-test" },
        },
      }),
    ],
    resolve: { alias: wranglerAliases },
    test: {
      name,
      server: { deps: { inline: inlined } },
      deps: { optimizer: { ssr: PREBUNDLED } },
      include: files,
      setupFiles: withApp ? ["./tests/setup.ts"] : [],
      // isolate stays vitest's default (true): a new Miniflare per file, whose first import of
      // cloudflare:test fetches and evaluates the app's modules again (~1,700 before PREBUNDLED, 20–45 s
      // of "setup" per file on a loaded 2-core machine; the migrations take ~0.5 s). `isolate: false` with vi.resetModules()
      // and a D1/R2 reset in tests/setup.ts (branch ci, reverted) cut that to ~3 s, but every request then
      // got slower with each module generation left in the runtime (a 404 from 10 to 100 ms after 4 files),
      // so it stays off until what accumulates is found.
      // Rows of the authorisation matrix sign several people in; a loaded 2-core machine needs room.
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  });
  const node = {
    // In Node, pdf-lib resolves to its CommonJS build, whose require()s no alias reaches; its ES build
    // is what wrangler bundles, so Node gets that one too.
    resolve: { alias: [...wranglerAliases, { find: /^pdf-lib$/, replacement: fileURLToPath(new URL("./node_modules/pdf-lib/es/index.js", import.meta.url)) }] },
    test: {
      name: "node",
      server: { deps: { inline: inlined } },
      include: ["tests/**/*.node.test.ts", "tests/**/*.node.test.tsx"],
      environment: "node",
      // The official Schematron stylesheets take seconds to load and about a second per document.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  };
  return {
    test: {
      projects: [workerd("workers", app, true), workerd("units", appFree, false), node],
      // Two files at a time even on two cores (vitest's default there is one): a file's start is
      // mostly workerd and Node waiting on each other for modules, so one file leaves a core idle.
      maxWorkers: "100%",
      sequence: { sequencer: LongestFirst },
    },
  };
});
