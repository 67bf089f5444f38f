// The secrets a production Worker needs, in one place: `npm run deploy` refuses to deploy while one
// is missing and says how to set it. A feature that needs a new secret adds it here.
export interface RequiredSecret {
  name: string;
  why: string;
  /** The command that sets it (run from the repository). */
  how: string;
}

export const REQUIRED_SECRETS: readonly RequiredSecret[] = [
  { name: "BETTER_AUTH_SECRET", why: "signs sessions and sign-in links (32+ characters)", how: "openssl rand -hex 32 | npx wrangler secret put BETTER_AUTH_SECRET" },
  { name: "MAIL_API_URL", why: "the mail HTTP API the outbox delivers through (src/mail/api.ts)", how: "npx wrangler secret put MAIL_API_URL" },
  { name: "MAIL_API_TOKEN", why: "the mail API's bearer token", how: "npx wrangler secret put MAIL_API_TOKEN" },
];
