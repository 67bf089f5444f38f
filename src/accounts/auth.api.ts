// better-auth's own endpoints under /api/auth/* (magic-link callback, passkey ceremonies, session).
// Access: public; each endpoint checks its own session, and better-auth checks Origin on POSTs.
// Limited per IP in D1: several of them write a challenge row on every call.
import { Hono } from "hono";
import { settings, type AppEnv } from "../env";
import { AppError } from "../lib/problem";
import { hit } from "../lib/rate-limit";
import { AUTH_BASE_PATH } from "./auth";
import { authFor } from "./session";

export const authRoutes = new Hono<AppEnv>();

const WINDOW = 15 * 60;

authRoutes.on(["GET", "POST"], `${AUTH_BASE_PATH}/*`, async (c) => {
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  const max = settings(c.env).ENVIRONMENT === "development" ? 5000 : 120;
  const decision = await hit(c.var.db, [{ key: `auth:ip:${ip}`, max, windowSeconds: WINDOW }]);
  if (!decision.ok) {
    c.header("Retry-After", String(decision.retryAfterSeconds));
    throw new AppError("RATE_LIMITED", `Too many requests from this address; retry in ${decision.retryAfterSeconds} s`);
  }
  return clientErrorsAre4xx(await authFor(c).handler(c.req.raw));
});

/** @better-auth/passkey answers 500 when a client's registration does not verify (wrong origin,
 * bad signature): that is bad input, so a 400 here, like every other refusal. */
async function clientErrorsAre4xx(res: Response): Promise<Response> {
  if (res.status !== 500) return res;
  const body = await res.clone().json<{ code?: string }>().catch(() => null);
  if (body?.code !== "FAILED_TO_VERIFY_REGISTRATION") return res;
  return new Response(res.body, { status: 400, headers: res.headers });
}
