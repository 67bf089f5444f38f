CREATE TABLE `assignment_proposal_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`inventory_id` text NOT NULL,
	`kind` text NOT NULL,
	`offer_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`inventory_updated_at` text NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `assignment_proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inventory_id`) REFERENCES `inventory_services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignment_proposal_lines_proposal_idx` ON `assignment_proposal_lines` (`proposal_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignment_proposal_lines_uq` ON `assignment_proposal_lines` (`proposal_id`,`inventory_id`);--> statement-breakpoint
CREATE TABLE `assignment_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`mode` text NOT NULL,
	`monthly_cents` integer NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`sent_by` text,
	`sent_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`decline_reason` text,
	`migration_id` text,
	`superseded_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`migration_id`) REFERENCES `migrations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignment_proposals_org_idx` ON `assignment_proposals` (`org_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `assignment_proposals_status_idx` ON `assignment_proposals` (`status`,`sent_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignment_proposals_open_uq` ON `assignment_proposals` (`org_id`) WHERE status = 'sent';