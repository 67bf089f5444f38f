// The directory's per-isolate cache (GET /api/v1/providers). A page of the public directory is the
// same for every caller (public providers and published offers only, no per-user data), so its reply
// is kept in the isolate's memory, keyed by the validated query, for one version of the catalogue.
// The version (table catalog_version) is bumped by SQLite triggers on every write to providers and
// offers, whoever writes (migrations/0017_catalog_version.sql). Reading it is a D1 round trip, which is
// most of the directory's cost, so an isolate reads it at most once per CATALOG_RECHECK_MS (default
// 1 s; 0 = every request) — and at once after any write request it served itself (catalogWrites below),
// so whoever edits an offer or publishes a provider sees the change on their next read; another
// isolate sees it within CATALOG_RECHECK_MS.
import type { MiddlewareHandler } from "hono";

/** Pages kept per isolate (each a few KiB); the least recently used goes first. */
const MAX_PAGES = 256;

const state = { version: -1, checkedAt: -Infinity, pages: new Map<string, unknown>() };

/** The next read asks D1 for the version again. */
export function recheckCatalogVersion(): void {
  state.checkedAt = -Infinity;
}

/** After any request that may write (not GET/HEAD/OPTIONS), this isolate re-reads the version. */
export const catalogWrites: MiddlewareHandler = async (c, next) => {
  try {
    await next();
  } finally {
    if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) recheckCatalogVersion();
  }
};

export async function catalogVersion(d1: D1Database): Promise<number> {
  const row = await d1.prepare("select version from catalog_version where id = 1").first<{ version: number }>();
  return row?.version ?? 0; // no row until the first write
}

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
  if (state.pages.has(key)) {
    const hit = state.pages.get(key) as T;
    state.pages.delete(key); // move to the most recently used end
    state.pages.set(key, hit);
    return hit;
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
