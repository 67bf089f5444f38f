CREATE TABLE `dns_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`domain` text NOT NULL,
	`checked_at` text NOT NULL,
	`matched` integer NOT NULL,
	`found` text NOT NULL,
	`mismatches` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `migration_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dns_checks_item_idx` ON `dns_checks` (`item_id`,`checked_at`);--> statement-breakpoint
CREATE TABLE `reminder_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`non_essential_off` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reminders_sent` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`window` text NOT NULL,
	`recipients` integer DEFAULT 0 NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_sent_uq` ON `reminders_sent` (`kind`,`subject`,`window`);--> statement-breakpoint
ALTER TABLE `migration_items` ADD `dns_targets` text;--> statement-breakpoint
ALTER TABLE `migration_items` ADD `dns_verified_at` text;