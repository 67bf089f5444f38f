// Pages are for people: a bearer key that passes allow() (a steward key with `catalog:import` or
// `audit:read`) must still not drive a page, least of all one that mints more keys. Put after allow().
import { createMiddleware } from "hono/factory";
import { caller } from "../accounts/guard";
import type { AppEnv } from "../env";
import { AppError } from "../lib/problem";

export const personOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (caller(c).kind !== "user") throw new AppError("FORBIDDEN", "Pages are for signed-in people, not API keys");
  await next();
});
