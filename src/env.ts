// Bindings and settings. Vars are validated once per isolate so a misconfigured deploy fails loudly
// on its first request instead of misbehaving later.
import { z } from "zod";

export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  ENVIRONMENT: string;
  TRANSITION_DEADLINE: string;
  /** Signs and encrypts better-auth's cookies and tokens (secret, ≥ 32 characters). */
  BETTER_AUTH_SECRET: string;
  /** The mail channel's queue: the request path enqueues an outbox row's id; src/outbox/consumer.ts delivers it. */
  MAIL_QUEUE: Queue<import("./outbox/channel").OutboxJob>;
  /** The mail HTTP API (JSON POST, see src/mail/api.ts); unused in development, where /dev/mailbox shows mail. */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  /** The sender, when the mail API does not set one itself, e.g. `Chatière <noreply@example.org>`. */
  MAIL_FROM?: string;
  /** Nightly backups of D1 (src/ops/backup/), kept 30 days + 12 months. */
  BACKUPS: R2Bucket;
  /** The D1 database's size limit in MB for /admin/health (default 500, the Free plan's). */
  D1_LIMIT_MB?: string;
}

const settingsSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "staging", "production"]).default("production"),
  TRANSITION_DEADLINE: z.iso.datetime(),
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be a secret of at least 32 characters"),
  MAIL_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAIL_API_TOKEN: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).optional(),
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
  Variables: {
    requestId: string;
    lang: import("../web/i18n").Lang;
    db: import("./db/client").Db;
    /** The session, once src/accounts/session.ts has read it: null when signed out. */
    account: import("./accounts/session").SignedIn | null | undefined;
    /** Who is calling (session or API key), once src/accounts/principal.ts has read it. */
    principal: import("./accounts/policy").Principal | undefined;
    /** What services take (src/lib/context.ts); built once per request after db and language. */
    ctx: import("./lib/context").ServiceContext;
  };
};

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
  }
}
