CREATE TABLE `pledge_invitations` (
	`pledge_id` text PRIMARY KEY NOT NULL,
	`outbox_id` text NOT NULL,
	`invited_at` text NOT NULL,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pledge_settings` (
	`id` text PRIMARY KEY DEFAULT 'coop' NOT NULL,
	`fixed_monthly_cents` integer DEFAULT 0 NOT NULL,
	`cost_per_unit_cents` text NOT NULL,
	`target_capital_cents` integer DEFAULT 0 NOT NULL,
	`opens_on` text,
	`opened_at` text,
	`opened_by` text,
	`updated_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "pledge_settings_one_row" CHECK("pledge_settings"."id" = 'coop')
);
--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text,
	`roles` text NOT NULL,
	`services` text NOT NULL,
	`monthly_cents` integer DEFAULT 0 NOT NULL,
	`capital_cents` integer DEFAULT 0 NOT NULL,
	`skills` text,
	`language` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`token_hash` text NOT NULL,
	`token_expires_at` text NOT NULL,
	`confirmed_at` text,
	`replaced_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "pledges_amounts" CHECK("pledges"."monthly_cents" >= 0 and "pledges"."capital_cents" >= 0),
	CONSTRAINT "pledges_confirmed_has_date" CHECK("pledges"."status" = 'pending' or "pledges"."confirmed_at" is not null or "pledges"."status" = 'replaced')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_token_uq` ON `pledges` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_confirmed_email_uq` ON `pledges` (`email`) WHERE "pledges"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX `pledges_email_idx` ON `pledges` (`email`,`status`);--> statement-breakpoint
CREATE INDEX `pledges_confirmed_idx` ON `pledges` (`confirmed_at`);