CREATE TABLE `offsession_charges` (
	`invoice_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`payment_method_id` text NOT NULL,
	`payment_intent` text,
	`state` text NOT NULL,
	`error` text,
	`failure_mail_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_documents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "offsession_amount_positive" CHECK("offsession_charges"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE INDEX `offsession_charges_org_idx` ON `offsession_charges` (`org_id`);--> statement-breakpoint
CREATE INDEX `offsession_charges_pi_idx` ON `offsession_charges` (`payment_intent`);--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `payment_method_id` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `payment_method_type` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `mandate_id` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `last4` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `method_saved_at` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `auto_debit` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `auto_debit_since` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `auto_debit_by` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `auto_debit_off` text;