// Rate limits shared by every isolate.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Fixed-window counters shared by every isolate (src/lib/rate-limit.ts). */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    /** Unix seconds at which the current window opened. */
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);
