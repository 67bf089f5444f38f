// The organisation's API keys in the member export: names, prefixes, scopes and dates, never the hash.
import { asc, eq } from "drizzle-orm";
import { apiKeys } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const keysExport: ExportPart = {
  feature: "accounts/keys",
  kinds: ["member", "provider", "cooperative"],
  async build(db, org) {
    const keys = await db
      .select({ name: apiKeys.name, start: apiKeys.start, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt, expiresAt: apiKeys.expiresAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.orgId, org.id))
      .orderBy(asc(apiKeys.createdAt));
    return { api_keys: keys.map((k) => snakeRow(k)) };
  },
};
