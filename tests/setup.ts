import { applyD1Migrations, env } from "cloudflare:test";
import { STEWARD_EMAIL, STEWARD_KEY } from "./helpers/http";
import { apiKey, grantRole } from "./helpers/people";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

// Setup files run before each test file; applyD1Migrations only applies what is not applied yet.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// A steward with an import key, as `npm run steward -- <email> --key …` makes one (tests/helpers/http.ts STEWARD).
const known = await env.DB.prepare("select 1 from api_keys where start = ?").bind(STEWARD_KEY.slice(0, 12)).first();
if (!known) {
  await grantRole(STEWARD_EMAIL, "steward");
  await apiKey({ email: STEWARD_EMAIL, scopes: ["catalog:import", "audit:read"], secret: STEWARD_KEY });
}
