// Bindings and settings. Vars are validated once per isolate so a misconfigured deploy fails loudly
// on its first request instead of misbehaving later.
import { z } from "zod";

export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  ENVIRONMENT: string;
  TRANSITION_DEADLINE: string;
  STEWARD_TOKEN: string;
}

const settingsSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "staging", "production"]).default("production"),
  TRANSITION_DEADLINE: z.iso.datetime(),
  STEWARD_TOKEN: z.string().min(16, "STEWARD_TOKEN must be a secret of at least 16 characters"),
});
export type Settings = z.infer<typeof settingsSchema>;

let cached: { source: Bindings; settings: Settings } | undefined;

export function settings(env: Bindings): Settings {
  if (cached?.source === env) return cached.settings;
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  cached = { source: env, settings: parsed.data };
  return parsed.data;
}

export type AppEnv = {
  Bindings: Bindings;
  Variables: { requestId: string; lang: import("../web/i18n").Lang; db: import("./db/client").Db };
};

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
  }
}
