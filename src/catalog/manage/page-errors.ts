// Service errors (AppError) → the translated error page, keeping the status and the fields at fault.
import type { MessageKey } from "../../../web/i18n";
import { AppError, PageError } from "../../lib/problem";

const PAGE_KEYS: Partial<Record<string, MessageKey>> = { CONFLICT: "manage.error.conflict", NOT_FOUND: "error.not_found" };

export function asPage(err: unknown): unknown {
  if (err instanceof PageError || !(err instanceof AppError)) return err;
  if (err.code === "CONFLICT" && /not a provider organisation/.test(err.message)) return new PageError("CONFLICT", err.message, "manage.error.not_provider_org", {}, err.errors);
  const key = PAGE_KEYS[err.code];
  return key ? new PageError(err.code, err.message, key, { detail: err.message }, err.errors) : err;
}

/** Runs a service call from a page handler, turning its errors into translated pages. */
export const onPage = <T>(p: Promise<T>): Promise<T> => p.catch((err: unknown) => Promise.reject(asPage(err)));
