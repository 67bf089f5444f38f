// Browser tests: Debian's Chromium against `wrangler dev` with fresh local state and the demo data
// (scripts/start.mjs). One worker: the scenarios share one server and its data.
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts run their browser suites side by side.
const PORT = process.env.E2E_PORT ?? "8799";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    headless: true,
    // axe-core is injected as an inline script, which our CSP ('self' only) would refuse; the
    // csp.spec.ts scenario checks the pages under the real CSP.
    bypassCSP: true,
    locale: "fr-BE",
    timezoneId: "Europe/Brussels",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node scripts/start.mjs --fresh",
    env: { PORT, PERSIST_DIR: ".wrangler/e2e-state" },
    // start.mjs prints this once the demo data are loaded through the importer.
    wait: { stdout: /Chatière is ready on/ },
    reuseExistingServer: false,
    // Every feature's demo data goes through the API first (a loaded 2-core machine needs minutes).
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
