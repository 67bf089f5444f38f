// Safe links: every URL the catalogue stores or serves is http(s). `javascript:`, `data:`, `vbscript:`
// and friends are refused on input (forms, API, importers) and never served or rendered as links.
import { z } from "@hono/zod-openapi";

/** The message a refused URL gets; pages recognise it to say it in the visitor's language. */
export const HTTP_URL_MESSAGE = "must be a web address starting with https:// (or http://)";

/** True for an absolute http: or https: URL with a host. */
export function isHttpUrl(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "" && /^https?:\/\//i.test(value.trim());
}

/** The one zod helper for URL fields: trimmed, at most 2000 characters, http(s) only. */
export const httpUrl = () =>
  z
    .string()
    .trim()
    .max(2000)
    .refine(isHttpUrl, { message: HTTP_URL_MESSAGE })
    .openapi({ format: "uri", description: "An http(s) URL", example: "https://example.org" });

/** A stored value as it may be served: http(s) URLs as they are, anything else (an old `javascript:`) null. */
export const servedUrl = (value: string | null | undefined): string | null => (value && isHttpUrl(value) ? value : null);
