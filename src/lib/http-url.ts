// Safe links: every URL the catalogue stores or serves is http(s). `javascript:`, `data:`, `vbscript:`
// and friends are refused on input (forms, API, importers) and never served or rendered as links.
import { z } from "@hono/zod-openapi";

/** The message a refused URL gets; pages recognise it to say it in the visitor's language. */
export const HTTP_URL_MESSAGE = "must be a web address starting with https:// (or http://)";

// Every catalogue row served checks its links again (dto.ts), so the directory parsed dozens of URLs
// per request; the same few hundred stored addresses come back every time, so answers are kept (the
// check is pure), up to a bound so that odd input cannot grow the isolate's memory.
const checked = new Map<string, boolean>();
const CHECKED_MAX = 4096;

/** True for an absolute http: or https: URL with a host. */
export function isHttpUrl(value: string): boolean {
  let known = checked.get(value);
  if (known === undefined) {
    if (checked.size >= CHECKED_MAX) checked.clear();
    checked.set(value, (known = parseHttpUrl(value)));
  }
  return known;
}

function parseHttpUrl(value: string): boolean {
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
