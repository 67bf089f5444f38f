CREATE TABLE `share_classes` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`nominal_cents` integer NOT NULL,
	`min_shares` integer DEFAULT 1 NOT NULL,
	`max_shares` integer NOT NULL,
	`required_for_users` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "share_classes_limits" CHECK("share_classes"."nominal_cents" > 0 AND "share_classes"."min_shares" >= 1 AND "share_classes"."max_shares" >= "share_classes"."min_shares")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_classes_code_uq` ON `share_classes` (`code`);--> statement-breakpoint
CREATE TABLE `share_register` (
	`id` text PRIMARY KEY NOT NULL,
	`holder_id` text NOT NULL,
	`class_id` text NOT NULL,
	`kind` text NOT NULL,
	`shares` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`on_date` text NOT NULL,
	`request_id` text,
	`document_id` text,
	`counterpart_id` text,
	`corrects_id` text,
	`note` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `shareholders`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`class_id`) REFERENCES `share_classes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`request_id`) REFERENCES `share_requests`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`document_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`counterpart_id`) REFERENCES `shareholders`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `share_register_holder_idx` ON `share_register` (`holder_id`,`on_date`);--> statement-breakpoint
CREATE INDEX `share_register_class_idx` ON `share_register` (`class_id`,`on_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `share_register_request_kind_uq` ON `share_register` (`request_id`,`kind`) WHERE "share_register"."request_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `share_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`holder_id` text NOT NULL,
	`class_id` text NOT NULL,
	`shares` integer NOT NULL,
	`nominal_cents` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`consents` text NOT NULL,
	`requested_by` text,
	`decided_on` text,
	`decided_by` text,
	`decided_at` text,
	`refusal_reason` text,
	`document_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `shareholders`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`class_id`) REFERENCES `share_classes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`document_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "share_requests_shares_positive" CHECK("share_requests"."shares" > 0)
);
--> statement-breakpoint
CREATE INDEX `share_requests_status_idx` ON `share_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `share_requests_holder_idx` ON `share_requests` (`holder_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `share_requests_document_uq` ON `share_requests` (`document_id`);--> statement-breakpoint
CREATE TABLE `shareholders` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`org_id` text,
	`user_id` text,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`city` text NOT NULL,
	`country_code` text NOT NULL,
	`enterprise_number` text,
	`email` text,
	`language` text DEFAULT 'fr' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "shareholders_one_holder" CHECK(("shareholders"."kind" = 'organisation' AND "shareholders"."org_id" IS NOT NULL AND "shareholders"."user_id" IS NULL) OR ("shareholders"."kind" = 'person' AND "shareholders"."user_id" IS NOT NULL AND "shareholders"."org_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shareholders_org_uq` ON `shareholders` (`org_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `shareholders_user_uq` ON `shareholders` (`user_id`);--> statement-breakpoint
-- Written by hand after drizzle-kit's tables. The register is append-only: an entry is never
-- changed nor deleted; a correction is a new entry.
CREATE TRIGGER `share_register_no_update` BEFORE UPDATE ON `share_register`
BEGIN SELECT RAISE(ABORT, 'shares: a register entry is never changed; add a correcting entry'); END;
--> statement-breakpoint
CREATE TRIGGER `share_register_no_delete` BEFORE DELETE ON `share_register`
BEGIN SELECT RAISE(ABORT, 'shares: a register entry is never deleted; add a correcting entry'); END;
--> statement-breakpoint
-- A request is decided once: a second approval (or a refusal after an approval) aborts its whole
-- batch, so a capital call is never issued twice for one request.
CREATE TRIGGER `share_requests_decided_once` BEFORE UPDATE OF `status` ON `share_requests`
WHEN OLD.`status` <> 'pending'
BEGIN SELECT RAISE(ABORT, 'shares: a request is decided once'); END;
--> statement-breakpoint
CREATE TRIGGER `share_requests_no_delete` BEFORE DELETE ON `share_requests`
WHEN OLD.`status` <> 'pending'
BEGIN SELECT RAISE(ABORT, 'shares: a decided request is never deleted'); END;
