// Keyset pagination, newest first on (time, id): lists that stewards page through (outbox, audit,
// received webhooks) share the cursor condition and the cut of a `limit + 1` query.
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { decodeCursor, encodeCursor } from "../lib/cursor";

/** The rows strictly after the cursor's (time, id), or nothing to add without a cursor. */
export function keysetAfter(cursor: string | undefined, time: SQLiteColumn, id: SQLiteColumn): SQL | undefined {
  if (!cursor) return undefined;
  const [at, last] = decodeCursor<[string, string]>(cursor, ["string", "string"]);
  return or(lt(time, at), and(eq(time, at), lt(id, last)));
}

/** ORDER BY for `keysetAfter`. */
export const keysetOrder = (time: SQLiteColumn, id: SQLiteColumn) => [desc(time), desc(id)] as const;

/** Cuts the `limit + 1` rows a query fetched into a page and the cursor of the next one. */
export function keysetPage<R>(rows: R[], limit: number, key: (row: R) => [string, string]): { page: R[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, next_cursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
