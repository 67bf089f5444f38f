// The better-auth instance, built per request from the bindings (Workers have no process-wide
// config, and the origin decides cookie security and link hosts). D1 through the drizzle adapter.
import { getAuthenticatorName, passkey } from "@better-auth/passkey";
// better-auth/minimal: the same betterAuth() without its Kysely adapter and migrator (~560 KiB of the
// bundle), which we never use: D1 is reached through the drizzle adapter.
import { betterAuth } from "better-auth/minimal";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { magicLink } from "better-auth/plugins/magic-link";
import { isLang, type Lang } from "../lib/lang";
import { emailSchema } from "./email";
import type { Db } from "../db/client";
import { authAccounts, passkeys, sessions, users, verifications } from "../db/schema";
import type { Bindings } from "../env";
import { newId, type IdPrefix } from "../lib/ids";
import { mailInsert } from "../mail/outbox";
import { enqueue } from "../outbox/write";
import { signInLinkMail } from "../mail/templates";
import { confirmUrl } from "./confirm-link";
import { findUserLanguage } from "./users";

export const AUTH_BASE_PATH = "/api/auth";

/**
 * better-auth's magic link, taking the addresses our sign-in form takes: its body schema checks the
 * address with zod's ASCII-only `z.email()`, which refuses a UTF-8 local part (`anaïs@…`, SMTPUTF8).
 * The endpoint reads its schema from `options.body` when called, so the one field is swapped for
 * ours (src/accounts/email.ts: IDN domain → punycode, local part kept).
 */
function magicLinkWithIntlAddresses(options: Parameters<typeof magicLink>[0]) {
  const plugin = magicLink(options);
  const endpoint = plugin.endpoints.signInMagicLink;
  // Same input and output (a string) as the field it replaces; only the check differs.
  (endpoint.options as { body: unknown }).body = endpoint.options.body.extend({ email: emailSchema });
  return plugin;
}
export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;

export interface AuthDeps {
  env: Bindings;
  db: Db;
  /** The request's origin: links point back to it; cookies are Secure when it is https. */
  origin: string;
  /** The page language, for new users and their first mail. */
  lang: Lang;
  waitUntil: (promise: Promise<unknown>) => void;
}

const ID_PREFIXES: Record<string, IdPrefix> = { user: "usr", session: "ses", account: "acc", verification: "vrf", passkey: "pky" };

export function createAuth(deps: AuthDeps) {
  const { env, db, origin } = deps;
  const url = new URL(origin);
  return betterAuth({
    appName: "Chatière",
    baseURL: origin, // on Workers a request only reaches us through a host our routes serve
    basePath: AUTH_BASE_PATH,
    secret: env.BETTER_AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: { user: users, session: sessions, account: authAccounts, verification: verifications, passkey: passkeys },
    }),
    user: {
      additionalFields: { language: { type: "string", required: false, defaultValue: "fr", input: false } },
    },
    session: { expiresIn: SESSION_DAYS * 86_400, updateAge: 86_400 },
    databaseHooks: {
      // A new person keeps the language they signed up in, for pages and mail.
      user: { create: { before: async (user) => ({ data: { ...user, language: deps.lang } }) } },
    },
    plugins: [
      magicLinkWithIntlAddresses({
        expiresIn: SIGN_IN_LINK_MINUTES * 60,
        storeToken: "hashed", // a leaked verifications table opens no account
        // better-auth has just stored the token itself, so this row cannot share its batch; the
        // failure that leaves is harmless: an unused token that expires, never a mail without one.
        sendMagicLink: async ({ email, url: link }) => {
          const known = await findUserLanguage(db, email);
          const lang: Lang = known && isLang(known) ? known : deps.lang;
          // The mail links to our confirmation page, not to the token's verification itself.
          const mail = mailInsert(db, { kind: "sign_in_link", to: email, ...signInLinkMail(lang, confirmUrl(link), SIGN_IN_LINK_MINUTES) });
          await mail.query;
          enqueue({ env, defer: deps.waitUntil }, [mail]);
        },
      }),
      passkey({
        rpID: url.hostname,
        rpName: "Chatière",
        origin,
        // "iCloud Keychain", "Google Password Manager"…: a name people recognise in their list.
        registration: { afterVerification: ({ verification }) => ({ name: getAuthenticatorName(verification.registrationInfo?.aaguid) }) },
      }),
    ],
    // Links are asked for through our /sign-in form only, which is rate-limited per email and IP.
    disabledPaths: ["/sign-in/magic-link"],
    // Its limiter keeps counts in memory, per isolate on Workers: ours (src/lib/rate-limit.ts, D1)
    // guards /sign-in and every /api/auth/* request instead (auth.routes.ts).
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: "chatiere",
      useSecureCookies: url.protocol === "https:",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // better-auth skips these checks when it believes it runs under test; we test the real thing.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      database: { generateId: ({ model }) => newId(ID_PREFIXES[model] ?? "req") },
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
      backgroundTasks: { handler: deps.waitUntil },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
