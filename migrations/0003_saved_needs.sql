CREATE TABLE `saved_needs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`request` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `saved_needs_org_idx` ON `saved_needs` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `shortlist_items` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`saved_needs_id` text,
	`items` text NOT NULL,
	`monthly_cents` integer NOT NULL,
	`yearly_cents` integer NOT NULL,
	`providers` integer NOT NULL,
	`score` real NOT NULL,
	`query` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`saved_needs_id`) REFERENCES `saved_needs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `shortlist_items_org_idx` ON `shortlist_items` (`org_id`,`created_at`);