// Column helpers shared by the feature schemas.
import { sql } from "drizzle-orm";
import { customType, text } from "drizzle-orm/sqlite-core";

/** ISO-8601 UTC text, set by SQLite when the row is written. */
export const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const timestamps = {
  createdAt: text("created_at").notNull().default(nowIso),
  updatedAt: text("updated_at").notNull().default(nowIso),
};

/** better-auth hands the adapter Date objects; we store them as ISO-8601 UTC text like every other time. */
export const isoDate = customType<{ data: Date; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
  fromDriver: (value) => new Date(value),
});

export const authTimestamps = {
  createdAt: isoDate("created_at").notNull().default(nowIso),
  updatedAt: isoDate("updated_at").notNull().default(nowIso),
};
