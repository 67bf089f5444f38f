// Until accounts exist, stewards authenticate with a bearer secret (STEWARD_TOKEN).
import { createMiddleware } from "hono/factory";
import { settings, type AppEnv } from "../env";
import { AppError } from "./problem";

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export const stewardOnly = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1] || !timingSafeEqual(match[1].trim(), settings(c.env).STEWARD_TOKEN)) {
    c.header("WWW-Authenticate", 'Bearer realm="chatiere"');
    throw new AppError("UNAUTHORIZED", "This action needs a steward's bearer token");
  }
  await next();
});

/** State-changing API calls take JSON only; anything else is a 415 rather than a confusing 400. */
export const jsonOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  await next();
});
