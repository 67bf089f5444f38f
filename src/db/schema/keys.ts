// API keys: bearer credentials for the API, scoped and revocable.
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ApiScope } from "../../accounts/roles";
import { users } from "./auth";
import { timestamps } from "./columns";
import { organisations } from "./orgs";

/** Bearer keys for the API. Shown once; only the SHA-256 of the secret is kept. A provider
 * organisation's keys carry `orgId`; a steward's personal keys carry only `userId` and work while
 * that person is still a steward. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(), // key_…
    orgId: text("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, so people can tell their keys apart. */
    start: text("start").notNull(),
    hash: text("hash").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
    expiresAt: text("expires_at"),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.hash), index("api_keys_org_idx").on(t.orgId), index("api_keys_user_idx").on(t.userId)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
