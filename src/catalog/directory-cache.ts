// The directory's per-isolate cache (GET /api/v1/providers). A page of the public directory is the
// same for every caller (public providers and published offers only, no per-user data), so its reply
// is kept in the isolate's memory, keyed by the validated query, for one version of the catalogue
// (src/catalog/version.ts: a token SQLite triggers replace on every write to providers and offers,
// whoever writes). Reading it is a D1 round trip, most of the directory's cost, so an isolate reads
// it at most once per CATALOG_RECHECK_MS (default 1 s; 0 = every request) — and at once after any
// write request it served itself (catalogWrites below), so whoever edits an offer or publishes a
// provider through this isolate sees the change on their next read; another isolate sees it within
// CATALOG_RECHECK_MS (ARCHITECTURE.md, "Directory cache").
import type { MiddlewareHandler } from "hono";
import { catalogVersion } from "./version";

/** Pages kept per isolate (each a few KiB); the least recently used goes first. */
const MAX_PAGES = 256;

/** `version` null = never read in this isolate. */
const state = { version: null as string | null, checkedAt: -Infinity, pages: new Map<string, unknown>() };

/** The next read asks D1 for the version again. */
export function recheckCatalogVersion(): void {
  state.checkedAt = -Infinity;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** After any request that may write (not GET/HEAD/OPTIONS), this isolate re-reads the version. */
export const catalogWrites: MiddlewareHandler = async (c, next) => {
  try {
    await next();
  } finally {
    if (!READS.has(c.req.method)) recheckCatalogVersion();
  }
};

/** The page for `key` at the current version: from memory, or from `load` (then kept). */
export async function cachedPage<T>(d1: D1Database, key: string, recheckMs: number, load: () => Promise<T>): Promise<T> {
  if (Date.now() - state.checkedAt >= recheckMs) {
    const version = await catalogVersion(d1);
    state.checkedAt = Date.now();
    if (version !== state.version) {
      state.pages.clear();
      state.version = version;
    }
  }
  const hit = state.pages.get(key);
  if (hit !== undefined) {
    state.pages.delete(key); // move to the most recently used end
    state.pages.set(key, hit);
    return hit as T;
  }
  const version = state.version;
  const page = await load();
  // Loaded after the version was read, so never older than it; if another request saw a newer
  // version meanwhile, this page may predate that one: not kept.
  if (state.version === version) {
    state.pages.set(key, page);
    if (state.pages.size > MAX_PAGES) state.pages.delete(state.pages.keys().next().value!);
  }
  return page;
}
