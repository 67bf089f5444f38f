// Cross-site form posts are refused (403): hono's csrf() checks Origin / Sec-Fetch-Site; we turn
// its bare 403 into our AppError so the visitor gets the translated error page.
import { createMiddleware } from "hono/factory";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { AppError } from "../lib/problem";

const check = csrf();

export const sameOriginForms = createMiddleware<AppEnv>(async (c, next) => {
  try {
    await check(c, async () => {});
  } catch (err) {
    if (err instanceof HTTPException && err.status === 403) throw new AppError("FORBIDDEN", "Cross-site form posts are refused");
    throw err;
  }
  await next();
});
