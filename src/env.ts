// Bindings and settings. Vars are validated once per isolate so a misconfigured deploy fails loudly
// on its first request instead of misbehaving later.
import { z } from "zod";
import { DEFAULT_DUNNING_SCHEDULE, dunningSchedule } from "./coop/payments/dunning";

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
  /** The webhook channel's queue (src/webhooks/outbound/channel.ts). */
  WEBHOOK_QUEUE: Queue<import("./outbox/channel").OutboxJob>;
  /** Outbound webhook retries, e.g. `0s,5s,5m,30m,2h,5h,10h,10h` (the default, Svix's). */
  WEBHOOK_RETRY_SCHEDULE?: string;
  /** DNS-over-HTTPS JSON resolver that checks where a webhook's host name leads (src/webhooks/resolve.ts), or `off`. */
  WEBHOOK_DNS_RESOLVER?: string;
  DNS_RESOLVER_URL?: string;
  /** Verifies `POST /webhooks/stripe` (secret, `whsec_…` from Stripe's dashboard). */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Creates Checkout and Customer Portal sessions (secret, `sk_test_…` / `sk_live_…`); without it members pay by transfer only. */
  STRIPE_SECRET_KEY?: string;
  /** The Peppol channel's queue (src/coop/peppol/channel.ts). */
  PEPPOL_QUEUE: Queue<import("./outbox/channel").OutboxJob>;
  /** The Peppol access point's HTTP API: issued documents' UBL is POSTed there (src/coop/peppol/channel.ts). */
  PEPPOL_AP_URL?: string;
  /** Bearer token for PEPPOL_AP_URL (secret). */
  PEPPOL_AP_TOKEN?: string;
  /** `send` (the default) or `record`: keep the documents in the outbox instead of sending them (development does so without a URL). */
  PEPPOL_AP_MODE?: string;
  /** Days after an invoice's due date for the reminder, the second reminder and the formal notice, e.g. `7,21,35` (the default). */
  DUNNING_SCHEDULE_DAYS?: string;
  /** Percent added to the subscription invoices of organisations that hold no share (default 0: none). */
  COOP_NON_SHAREHOLDER_SURCHARGE_PERCENT?: string;
  /** The site's public origin (`https://chatiere.example.org`): webhooks are never sent to its host. */
  PUBLIC_ORIGIN?: string;
  /** Nightly backups of D1 (src/ops/backup/), kept 30 days + 12 months. */
  BACKUPS: R2Bucket;
  /** The transition working group's public address, shown on /together and /cooperative when set. */
  CONTACT_EMAIL?: string;
  /** The D1 database's size limit in MB for /admin/health (default 500, the Free plan's). */
  D1_LIMIT_MB?: string;
  /** How often, in ms, an isolate re-reads the catalogue's version for its directory cache (src/catalog/directory-cache.ts; default 1000, 0 = every request). */
  CATALOG_RECHECK_MS?: string;
}

const settingsSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "staging", "production"]).default("production"),
  TRANSITION_DEADLINE: z.iso.datetime(),
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be a secret of at least 32 characters"),
  MAIL_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAIL_API_TOKEN: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).optional(),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default("0s,5s,5m,30m,2h,5h,10h,10h")
    .refine((s) => retrySchedule(s) !== null, "WEBHOOK_RETRY_SCHEDULE must list durations such as 0s,5s,5m,30m,2h (at most 12h each, 1 to 20 of them)"),
  WEBHOOK_DNS_RESOLVER: z.union([z.literal("off"), z.url({ protocol: /^https$/ })]).default("https://cloudflare-dns.com/dns-query"),
  /** The DNS cut-over checks' DoH resolver; unset = WEBHOOK_DNS_RESOLVER; `off` turns the checks off. */
  DNS_RESOLVER_URL: z.union([z.literal("off"), z.url({ protocol: /^https$/ })]).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(8).optional(),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…)").optional(),
  DUNNING_SCHEDULE_DAYS: z
    .string()
    .default(DEFAULT_DUNNING_SCHEDULE)
    .refine((s) => dunningSchedule(s) !== null, "DUNNING_SCHEDULE_DAYS must be three increasing day counts, such as 7,21,35"),
  PEPPOL_AP_URL: z.url({ protocol: /^https$/ }).optional(),
  PEPPOL_AP_MODE: z.enum(["send", "record"]).default("send"),
  COOP_NON_SHAREHOLDER_SURCHARGE_PERCENT: z.coerce.number().min(0).max(100).default(0),
  PUBLIC_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  CONTACT_EMAIL: z.email().optional(),
  CATALOG_RECHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
});

/** `0s,5s,5m,2h` → seconds before each attempt (the first is the delay before the first one); null when malformed. */
export function retrySchedule(text: string): number[] | null {
  const unit = { s: 1, m: 60, h: 3600 } as const;
  const out: number[] = [];
  for (const part of text.split(",")) {
    const m = /^\s*(\d{1,5})(s|m|h)\s*$/.exec(part);
    if (!m) return null;
    const seconds = Number(m[1]) * unit[m[2] as keyof typeof unit];
    if (seconds > 12 * 3600) return null; // a queue message waits at most 12 hours
    out.push(seconds);
  }
  return out.length >= 1 && out.length <= 20 ? out : null;
}
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
