CREATE TABLE `migration_events` (
	`id` text PRIMARY KEY NOT NULL,
	`migration_id` text NOT NULL,
	`item_id` text,
	`item_version` integer,
	`kind` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`role` text NOT NULL,
	`actor_user_id` text,
	`actor_via` text,
	`note` text,
	`scheduled_for` text,
	`occurred_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`warnings` text DEFAULT '[]' NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`migration_id`) REFERENCES `migrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `migration_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `migration_events_item_version_uq` ON `migration_events` (`item_id`,`item_version`);--> statement-breakpoint
CREATE INDEX `migration_events_migration_idx` ON `migration_events` (`migration_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `migration_items` (
	`id` text PRIMARY KEY NOT NULL,
	`migration_id` text NOT NULL,
	`org_id` text NOT NULL,
	`inventory_id` text NOT NULL,
	`kind` text NOT NULL,
	`offer_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`blocked_from` text,
	`scheduled_for` text,
	`data_copy` text,
	`last_move_at` text NOT NULL,
	`checklist` text DEFAULT '{}' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`migration_id`) REFERENCES `migrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inventory_id`) REFERENCES `inventory_services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `migration_items_migration_idx` ON `migration_items` (`migration_id`);--> statement-breakpoint
CREATE INDEX `migration_items_provider_idx` ON `migration_items` (`provider_id`,`state`);--> statement-breakpoint
CREATE INDEX `migration_items_org_idx` ON `migration_items` (`org_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `migration_items_live_inventory_uq` ON `migration_items` (`inventory_id`) WHERE state not in ('cancelled', 'done');--> statement-breakpoint
CREATE TABLE `migrations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text,
	`requested_at` text,
	`cancelled_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `migrations_org_idx` ON `migrations` (`org_id`,`created_at`);