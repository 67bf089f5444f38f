// Who is signed in: the per-request better-auth instance and the session it reads from the cookie.
// Whether they may do something is guard.ts's business.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { createAuth, type Auth } from "./auth";

const instances = new WeakMap<Context, Auth>();

/** One better-auth instance per request, built from its bindings, origin and language. */
export function authFor(c: Context<AppEnv>): Auth {
  let auth = instances.get(c);
  if (!auth) {
    auth = createAuth({ env: c.env, db: c.var.db, origin: new URL(c.req.url).origin, lang: c.get("lang"), waitUntil: (p) => waitUntil(c, p) });
    instances.set(c, auth);
  }
  return auth;
}

function waitUntil(c: Context<AppEnv>, promise: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context (a test calling app.fetch without one): the promise still runs.
  }
}

export type SignedIn = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

/** Copies the cookies better-auth set on an internal call onto our response. */
export function forwardCookies(c: Context<AppEnv>, headers: Headers) {
  for (const cookie of headers.getAll("set-cookie")) c.header("set-cookie", cookie, { append: true });
}

/** The signed-in person and session, or null; refreshes the session cookie when it is due. */
export async function currentSession(c: Context<AppEnv>): Promise<SignedIn | null> {
  if (c.get("account") !== undefined) return c.get("account") ?? null;
  const { headers, response } = await authFor(c).api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
  forwardCookies(c, headers);
  c.set("account", response ?? null);
  return response ?? null;
}

/** The session, on a route behind `allow(…)` that only people (not keys) reach. */
export function signedIn(c: Context<AppEnv>): SignedIn {
  const account = c.get("account");
  if (!account) throw new Error("signedIn() without a session");
  return account;
}
