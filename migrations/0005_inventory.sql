CREATE TABLE `inventory_services` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`natural_key` text NOT NULL,
	`service` text NOT NULL,
	`source` text DEFAULT 'import' NOT NULL,
	`gone_at` text,
	`updated_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_services_org_key_uq` ON `inventory_services` (`org_id`,`natural_key`);--> statement-breakpoint
CREATE INDEX `inventory_services_kind_idx` ON `inventory_services` (`kind`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `external_ref` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `inventory_confirmed_at` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `inventory_confirmed_by` text;--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_external_ref_uq` ON `organisations` (`external_ref`);