CREATE TABLE `bank_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`line_key` text NOT NULL,
	`upload_id` text NOT NULL,
	`iban` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`booking_date` text NOT NULL,
	`value_date` text,
	`debtor_name` text,
	`debtor_iban` text,
	`remittance` text DEFAULT '' NOT NULL,
	`ogm` text,
	`account_servicer_ref` text,
	`end_to_end_id` text,
	`outcome` text NOT NULL,
	`reason` text,
	`invoice_id` text,
	`payment_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`upload_id`) REFERENCES `bank_statements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_entries_key_uq` ON `bank_entries` (`line_key`);--> statement-breakpoint
CREATE INDEX `bank_entries_outcome_idx` ON `bank_entries` (`outcome`,`booking_date`);--> statement-breakpoint
CREATE TABLE `bank_statements` (
	`id` text PRIMARY KEY NOT NULL,
	`statement_id` text NOT NULL,
	`message_id` text NOT NULL,
	`version` text NOT NULL,
	`iban` text NOT NULL,
	`entries` integer NOT NULL,
	`matched` integer NOT NULL,
	`partial` integer NOT NULL,
	`unmatched` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`uploaded_by` text,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bank_statements_uploaded_idx` ON `bank_statements` (`uploaded_at`);--> statement-breakpoint
CREATE TABLE `dunning_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`step` text NOT NULL,
	`sent_on` text NOT NULL,
	`outbox_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dunning_notices_step_uq` ON `dunning_notices` (`invoice_id`,`step`);--> statement-breakpoint
CREATE TABLE `payment_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`source` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `payment_allocations_invoice_idx` ON `payment_allocations` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_payment_idx` ON `payment_allocations` (`payment_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`method` text NOT NULL,
	`amount_cents` integer,
	`refunded_cents` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`received_on` text NOT NULL,
	`bank_entry_id` text,
	`stripe_payment_intent` text,
	`stripe_state` text,
	`stripe_event_created` integer,
	`invoice_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "payments_refund_le_amount" CHECK("payments"."amount_cents" IS NULL OR ("payments"."refunded_cents" >= 0 AND "payments"."refunded_cents" <= "payments"."amount_cents"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_pi_uq` ON `payments` (`stripe_payment_intent`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_bank_entry_uq` ON `payments` (`bank_entry_id`);--> statement-breakpoint
CREATE INDEX `payments_org_idx` ON `payments` (`org_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `payments_received_idx` ON `payments` (`received_on`);