// The directory's per-isolate cache (GET /api/v1/providers). A page of the public directory is the
// same for every caller (public providers and published offers only, no per-user data), so its reply
// is kept in the isolate's memory, keyed by the validated query, for one version of the catalogue
// (src/catalog/version.ts: a token SQLite triggers replace on every write to providers and offers,
// whoever writes). Reading it is a D1 round trip, most of the directory's cost, so an isolate reads
// it at most once per CATALOG_RECHECK_MS (default 1 s; 0 = every request), and after any write
// request it served itself (catalogWrites below): whoever edits an offer or publishes a provider
// through this isolate sees the change on their next read there; another isolate sees it within
// CATALOG_RECHECK_MS (ARCHITECTURE.md, "Directory cache").
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { catalogVersion } from "./version";

/** Pages kept per isolate (each a few KiB); the least recently used goes first. */
const MAX_PAGES = 256;

const state = {
  /** null = never read in this isolate. */
  version: null as string | null,
  checkedAt: -Infinity,
  pages: new Map<string, unknown>(),
  /** Write requests this isolate finished, and how many of them the version in hand was read after. */
  writes: 0,
  seen: 0,
  /** Version reads started and the latest one applied: an older read landing late is ignored. */
  reads: 0,
  applied: 0,
};

async function readVersion(d1: D1Database): Promise<void> {
  const ticket = ++state.reads;
  const upTo = state.writes;
  const version = await catalogVersion(d1);
  if (ticket < state.applied) return;
  state.applied = ticket;
  state.checkedAt = Date.now();
  state.seen = Math.max(state.seen, upTo);
  if (version !== state.version) {
    state.pages.clear();
    state.version = version;
  }
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * After any request that may write (not GET/HEAD/OPTIONS; failed ones too, they may have written
 * first), this isolate's next directory read re-reads the version. When pages are cached, the version
 * is read right after the answer (waitUntil), so reads that come later — most of them — find it read
 * already: a POST that writes nothing (POST /api/v1/match) costs the directory nothing.
 */
export const catalogWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  try {
    await next();
  } finally {
    if (!READS.has(c.req.method)) {
      state.writes++;
      const d1 = c.env?.DB;
      if (d1 && state.pages.size) {
        const read = readVersion(d1).catch(() => {}); // not seen: the next directory read tries itself
        try {
          c.executionCtx.waitUntil(read);
        } catch {
          // no execution context (app.request in a test): the read still runs
        }
      }
    }
  }
};

/** The page for `key` at the current version: from memory, or from `load` (then kept). */
export async function cachedPage<T>(d1: D1Database, key: string, recheckMs: number, load: () => Promise<T>): Promise<T> {
  if (state.seen < state.writes || Date.now() - state.checkedAt >= recheckMs) await readVersion(d1);
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
