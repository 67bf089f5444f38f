// Request guards shared by API routes that are not about who calls (that is src/accounts/guard.ts).
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { AppError } from "./problem";

/** State-changing API calls take JSON only; anything else is a 415 rather than a confusing 400. */
export const jsonOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  await next();
});
