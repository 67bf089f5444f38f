import { vi } from "vitest";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
      RESTORE_DB: D1Database;
    }
  }
}

// Setup files run before each test file. The workers project runs its files one after another in one
// workerd per vitest worker (`isolate: false`, vitest.config.ts: a fresh runtime per file cost ~10 s of
// module loading), so this gives each file what a fresh runtime gave it:
// - fresh modules: the same reset vitest's own isolation does between files (app state such as caches
//   and registries starts over; the code is already fetched, so re-evaluating takes a few hundred ms).
//   Static imports here would come from the previous file's modules, hence the dynamic ones below.
// - fresh storage: D1 dropped and migrated anew, the restore target D1 empty, the backups bucket empty.
vi.resetModules();
vi.useRealTimers();
vi.unstubAllGlobals();
vi.unstubAllEnvs();

const { applyD1Migrations, env } = await import("cloudflare:test");
const { emptyD1, emptyR2 } = await import("./helpers/reset");
const { STEWARD_EMAIL, STEWARD_KEY } = await import("./helpers/http");
const { apiKey, grantRole } = await import("./helpers/people");

await Promise.all([emptyD1(env.DB), emptyD1(env.RESTORE_DB), emptyR2(env.BACKUPS)]);
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// A steward with an import key, as `npm run steward -- <email> --key …` makes one (tests/helpers/http.ts STEWARD).
await grantRole(STEWARD_EMAIL, "steward");
await apiKey({ email: STEWARD_EMAIL, scopes: ["catalog:import", "audit:read"], secret: STEWARD_KEY });
