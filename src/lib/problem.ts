// One error class with a code; the API answers RFC 9457 problem+json, pages a translated error page.
import type { ZodError } from "zod";
import type { MessageKey } from "../../web/i18n";
import type { FieldRule } from "./field-rule";

export type ErrorCode =
  | "VALIDATION_FAILED"
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "INTERNAL"
  /** A service we depend on (Stripe) answered with an error or not at all. */
  | "BAD_GATEWAY"
  /** A feature this deployment has not configured (no STRIPE_SECRET_KEY). */
  | "SERVICE_UNAVAILABLE";

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
};

const TITLE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: "Invalid input",
  UNAUTHORIZED: "Authentication required",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  PAYLOAD_TOO_LARGE: "Payload too large",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
  BAD_GATEWAY: "Bad gateway",
  SERVICE_UNAVAILABLE: "Service unavailable",
};

/** One invalid field: `field` is a JSON pointer-ish dotted path (`services.0`, `q`). */
export interface FieldError {
  field: string;
  message: string;
  /** Set by page forms (src/catalog/manage/forms.ts): the rule broken, for a message in the visitor's language. */
  rule?: FieldRule;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** An AppError that also says, in the visitor's language, precisely what went wrong: services and
 * page routes throw it, the error page (web/pages/error.tsx) renders `messageKey` with `params`;
 * under /api it is a plain problem+json like any AppError. */
export class PageError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    errors?: FieldError[],
  ) {
    super(code, message, errors);
  }
}

export const notFound = (what: string, id: string) => new AppError("NOT_FOUND", `${what} ${id} does not exist`);

export function fieldErrors(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== "").join(".") || "(body)",
    message: issue.message,
  }));
}

export function validationError(error: ZodError, prefix?: string): AppError {
  const errors = fieldErrors(error, prefix);
  const fields = [...new Set(errors.map((e) => e.field))].join(", ");
  return new AppError("VALIDATION_FAILED", `Invalid value for ${fields}`, errors);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId: string;
}

export function toProblem(err: AppError, requestId: string): Problem {
  return {
    type: `https://chatiere.org/problems/${err.code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLE[err.code],
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(err.errors ? { errors: err.errors } : {}),
    requestId,
  };
}

export function problemResponse(err: AppError, requestId: string): Response {
  return new Response(JSON.stringify(toProblem(err, requestId)), {
    status: err.status,
    headers: { "content-type": "application/problem+json; charset=utf-8" },
  });
}
