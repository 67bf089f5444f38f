CREATE TABLE `provider_capacities` (
	`provider_id` text PRIMARY KEY NOT NULL,
	`units` text DEFAULT '{}' NOT NULL,
	`migrations_per_week` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
