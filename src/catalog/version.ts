// The catalogue's version (table catalog_version): a random token that triggers replace on every
// write to providers and offers (migration `*_catalog_version_triggers.sql`, the same statement as
// NEW_CATALOG_VERSION_SQL). The directory cache is keyed by it; the restore draws a new one.

/** Draws a new version (creating the row if need be). The triggers run this very statement. */
export const NEW_CATALOG_VERSION_SQL =
  "INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`";

/** Derived tables: rebuilt from the others, so the backup leaves them out (src/ops/backup). */
export const CATALOG_DERIVED_TABLES = ["catalog_version"] as const;

/** The current version; "" while no provider or offer was ever written (no row yet). */
export async function catalogVersion(d1: D1Database): Promise<string> {
  const row = await d1.prepare("select version from catalog_version where id = 1").first<{ version: string }>();
  return row?.version ?? "";
}
