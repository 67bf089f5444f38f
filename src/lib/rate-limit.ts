// Fixed-window rate limits in D1, so every isolate counts against the same numbers (an in-memory
// counter would be per isolate). One upsert per key, all keys of a request in one batch.
import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimits } from "../db/schema";

export interface Limit {
  /** e.g. `sign-in:ip:203.0.113.9`; hash anything personal before it becomes a key. */
  key: string;
  max: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; key: string };

/** Start of the fixed window holding `nowSeconds`. */
export const windowStart = (nowSeconds: number, windowSeconds: number) => Math.floor(nowSeconds / windowSeconds) * windowSeconds;

/** Pure: the decision for the counts the upserts returned. */
export function decide(limits: Limit[], counts: number[], nowSeconds: number): RateDecision {
  let worst: RateDecision = { ok: true };
  limits.forEach((limit, i) => {
    if ((counts[i] ?? 0) <= limit.max) return;
    const retryAfterSeconds = Math.max(1, windowStart(nowSeconds, limit.windowSeconds) + limit.windowSeconds - nowSeconds);
    if (worst.ok || retryAfterSeconds > worst.retryAfterSeconds) worst = { ok: false, retryAfterSeconds, key: limit.key };
  });
  return worst;
}

/** Counts one hit against every limit and says whether the request may go on. */
export async function hit(db: Db, limits: Limit[], now = Date.now()): Promise<RateDecision> {
  if (!limits.length) return { ok: true };
  const nowSeconds = Math.floor(now / 1000);
  const upserts = limits.map((limit) =>
    db
      .insert(rateLimits)
      .values({ key: limit.key, windowStart: windowStart(nowSeconds, limit.windowSeconds), count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        // A new window restarts the count; SQLite evaluates every SET against the old row.
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
          windowStart: sql`excluded.window_start`,
        },
      })
      .returning({ count: rateLimits.count }),
  );
  // Windows last at most a day here: older rows are dead weight, dropped as we go.
  const sweep = db.delete(rateLimits).where(lt(rateLimits.windowStart, nowSeconds - 86_400));
  const [first, ...rest] = upserts;
  const results = await db.batch([first!, ...rest, sweep]);
  const counts = results.slice(0, limits.length).map((r) => (r as { count: number }[])[0]?.count ?? 0);
  return decide(limits, counts, nowSeconds);
}

/** A stable, non-reversible key part for personal data such as an email address. */
export async function digest(value: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  return Array.from(bytes.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}
