// Builds the Hono app: middleware, feature routers, error handler, OpenAPI document.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  return app;
}
