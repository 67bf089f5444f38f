CREATE TABLE `subscription_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`run_day` text NOT NULL,
	`lines` text NOT NULL,
	`net_cents` integer NOT NULL,
	`outcome` text NOT NULL,
	`document_id` text,
	`carried_into` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`document_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_runs_uq` ON `subscription_runs` (`org_id`,`run_day`);--> statement-breakpoint
CREATE INDEX `subscription_runs_document_idx` ON `subscription_runs` (`document_id`);--> statement-breakpoint
CREATE TABLE `subscription_versions` (
	`subscription_id` text NOT NULL,
	`from_day` text NOT NULL,
	`quantity` real NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "subscription_versions_quantity" CHECK("subscription_versions"."quantity" > 0),
	CONSTRAINT "subscription_versions_price" CHECK("subscription_versions"."unit_price_cents" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_versions_uq` ON `subscription_versions` (`subscription_id`,`from_day`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`offer_id` text NOT NULL,
	`interval` text NOT NULL,
	`started_on` text NOT NULL,
	`ends_on` text,
	`cancelled_at` text,
	`billed` text,
	`last_run_on` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `subscriptions_org_idx` ON `subscriptions` (`org_id`,`started_on`);--> statement-breakpoint
CREATE INDEX `subscriptions_offer_idx` ON `subscriptions` (`offer_id`);