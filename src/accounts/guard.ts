// The middleware every non-public route goes through: `allow(action, resource)` reads the caller
// (principal.ts), asks the policy (policy.ts) and answers 401/403 — problem+json under /api, a
// sign-in redirect or a translated error page elsewhere. The route then reads `caller(c)`.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { AppError } from "../lib/problem";
import { decide, type Action, type Principal, type Resource } from "./policy";
import { principal } from "./principal";

export type ResourceOf = (c: Context<AppEnv>) => Resource | Promise<Resource>;

/** The organisation named by the route's `:orgId`. */
export const orgParam: ResourceOf = (c) => ({ orgId: c.req.param("orgId") });

const isApi = (c: Context<AppEnv>) => c.req.path.startsWith("/api/");

/**
 * `hidden`: a signed-in person who may not act on the resource gets the same 404 as for an id that
 * does not exist, so ids of other people's things (a person's share request) reveal nothing.
 */
export function allow(action: Action, resourceOf?: ResourceOf, opts: { hidden?: boolean } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const who = await principal(c);
    // Keys are for the API: pages are for signed-in people (a steward's import key must not drive
    // /admin/keys and mint more keys).
    if (who.kind === "key" && !isApi(c)) throw new AppError("FORBIDDEN", "Pages are for signed-in people, not API keys");
    const decision = decide(who, action, resourceOf ? await resourceOf(c) : {});
    if (decision === "unauthenticated") {
      if (!isApi(c) && c.req.method === "GET") {
        const here = new URL(c.req.url);
        return c.redirect(`/sign-in?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
      }
      if (isApi(c)) c.header("WWW-Authenticate", 'Bearer realm="chatiere"');
      throw new AppError("UNAUTHORIZED", "Sign in, or send an API key, to do this");
    }
    if (decision === "forbidden" && opts.hidden && who.kind === "user") throw new AppError("NOT_FOUND", "Nothing of yours here");
    if (decision === "forbidden") throw new AppError("FORBIDDEN", `You may not do this (${action})`);
    await next();
  });
}

/** The caller of a route behind `allow()`: never anonymous there. */
export function caller(c: Context<AppEnv>): Exclude<Principal, { kind: "anonymous" }> {
  const p = c.get("principal");
  if (!p || p.kind === "anonymous") throw new Error("caller() outside allow()");
  return p;
}

/** The person behind the caller: a session's user, or the creator of the key. */
export const actorUserId = (c: Context<AppEnv>) => caller(c).userId;
