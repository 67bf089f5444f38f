// Asking for a sign-in link: validate the address, count the request against the limits per email
// and per IP, then have better-auth create the link (its sendMagicLink writes the outbox row).
import type { Context } from "hono";
import { z } from "zod";
import { settings, type AppEnv } from "../env";
import { digest, hit, type Limit, type RateDecision } from "../lib/rate-limit";
import { emailSchema } from "./email";
import { authFor } from "./session";

export const signInFormSchema = z.object({
  // IDN domains become punycode; a UTF-8 local part is kept (src/accounts/email.ts).
  email: emailSchema,
  next: z.string().optional(),
});

/** Where to land after signing in: a path of ours, never another site (`//evil`, `/\evil`). */
export function safeNext(next: unknown, fallback = "/account"): string {
  if (typeof next !== "string" || !/^\/(?![/\\])[^\s\\]*$/.test(next) || next.startsWith("/api/")) return fallback;
  return next;
}

const WINDOW = 15 * 60;
/** Per address: enough for typos and a lost mail; per IP: an office full of members, or one developer. */
export function signInLimits(emailKey: string, ip: string, environment: string): Limit[] {
  return [
    { key: `sign-in:email:${emailKey}`, max: 5, windowSeconds: WINDOW },
    { key: `sign-in:ip:${ip}`, max: environment === "development" ? 500 : 30, windowSeconds: WINDOW },
  ];
}

export async function requestSignInLink(c: Context<AppEnv>, email: string, next: string): Promise<RateDecision> {
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  const decision = await hit(c.var.db, signInLimits(await digest(email), ip, settings(c.env).ENVIRONMENT));
  if (!decision.ok) return decision;
  await authFor(c).api.signInMagicLink({
    body: { email, callbackURL: next, errorCallbackURL: "/sign-in" },
    headers: c.req.raw.headers,
  });
  return decision;
}
