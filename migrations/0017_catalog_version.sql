CREATE TABLE `catalog_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Written by hand after drizzle-kit's table: triggers that bump the version on every write to the
-- tables the directory reads, so a cached page knows it is stale whoever wrote
-- (src/catalog/directory-cache.ts). The row is created by the first write (no row = version 0), so a
-- fresh database stays empty for `npm run restore`, whose backups list catalog_version before offers
-- and providers (alphabetical): the restored row is inserted first, then bumped.
CREATE TRIGGER `providers_bump_catalog_version_insert` AFTER INSERT ON `providers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `providers_bump_catalog_version_update` AFTER UPDATE ON `providers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `providers_bump_catalog_version_delete` AFTER DELETE ON `providers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `offers_bump_catalog_version_insert` AFTER INSERT ON `offers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `offers_bump_catalog_version_update` AFTER UPDATE ON `offers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `offers_bump_catalog_version_delete` AFTER DELETE ON `offers`
BEGIN INSERT INTO `catalog_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1; END;
