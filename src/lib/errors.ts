// The app-wide error and not-found handlers: problem+json under /api, a translated page elsewhere.
// The page itself is a view (web/pages/error.tsx) that src/app.tsx hands in, so lib imports no view.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { AppError, toProblem } from "./problem";

/** Renders the translated error page for an AppError. */
export type ErrorPage = (c: Context<AppEnv>, err: AppError) => Parameters<Context<AppEnv>["html"]>[0];

const isApi = (c: Context<AppEnv>) => c.req.path.startsWith("/api/");

function fromHttpException(err: HTTPException): AppError {
  if (err.status === 413) return new AppError("PAYLOAD_TOO_LARGE", err.message || "The body is too large");
  if (err.status === 401) return new AppError("UNAUTHORIZED", err.message);
  if (err.status === 404) return new AppError("NOT_FOUND", err.message);
  if (err.status === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE", err.message);
  if (err.status >= 400 && err.status < 500) {
    // Hono's validators throw 400 for a body that is not JSON or not a form at all.
    return new AppError("VALIDATION_FAILED", err.message || "Malformed request", [{ field: "(body)", message: err.message || "malformed" }]);
  }
  return new AppError("INTERNAL", "Internal error");
}

export function errorHandlers(renderErrorPage: ErrorPage) {
  function respondWithError(c: Context<AppEnv>, err: AppError) {
    if (isApi(c)) {
      c.header("content-type", "application/problem+json; charset=utf-8");
      return c.body(JSON.stringify(toProblem(err, c.get("requestId") ?? "unknown")), err.status as 400);
    }
    return c.html(renderErrorPage(c, err), err.status as 400);
  }

  function onError(err: Error, c: Context<AppEnv>) {
    if (err instanceof AppError) return respondWithError(c, err);
    if (err instanceof HTTPException) return respondWithError(c, fromHttpException(err));
    console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), path: c.req.path, error: String(err), stack: err.stack }));
    return respondWithError(c, new AppError("INTERNAL", "Internal error"));
  }

  function onNotFound(c: Context<AppEnv>) {
    return respondWithError(c, new AppError("NOT_FOUND", `Nothing at ${c.req.path}`));
  }

  return { onError, onNotFound };
}
