-- Custom SQL migration file, put your code below! --
-- Every write to the tables the directory API reads (providers, offers) draws a new catalogue version,
-- whoever writes (manage pages, moderation, imports, a steward's SQL), so a page the directory cache
-- (src/catalog/directory-cache.ts) kept for the old version is never served again once the isolate
-- re-reads the version. The row is created by the first write (no row = the empty catalogue). The
-- token is random, not a counter: a restored or recreated database cannot land on a version an
-- isolate cached from the database it replaced. catalog_version is derived state: the backup leaves
-- it out and a restore ends by drawing a new token (src/ops/backup/restore-sql.ts).
CREATE TRIGGER `providers_new_catalog_version_insert` AFTER INSERT ON `providers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`; END;
--> statement-breakpoint
CREATE TRIGGER `providers_new_catalog_version_update` AFTER UPDATE ON `providers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`; END;
--> statement-breakpoint
CREATE TRIGGER `providers_new_catalog_version_delete` AFTER DELETE ON `providers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`; END;
--> statement-breakpoint
CREATE TRIGGER `offers_new_catalog_version_insert` AFTER INSERT ON `offers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`; END;
--> statement-breakpoint
CREATE TRIGGER `offers_new_catalog_version_update` AFTER UPDATE ON `offers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`; END;
--> statement-breakpoint
CREATE TRIGGER `offers_new_catalog_version_delete` AFTER DELETE ON `offers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, lower(hex(randomblob(8)))) ON CONFLICT (`id`) DO UPDATE SET `version` = excluded.`version`; END;
