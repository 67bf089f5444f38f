CREATE TABLE `billing_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`org_id` text NOT NULL,
	`corrects_id` text,
	`language` text NOT NULL,
	`series` text,
	`sequence` integer,
	`number` text,
	`ogm` text,
	`issue_date` text,
	`due_days` integer,
	`due_date` text,
	`lines` text NOT NULL,
	`vat` text NOT NULL,
	`net_cents` integer NOT NULL,
	`vat_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`credited_cents` integer DEFAULT 0 NOT NULL,
	`paid_cents` integer DEFAULT 0 NOT NULL,
	`issuer` text,
	`customer` text,
	`buyer_reference` text,
	`notes` text NOT NULL,
	`created_by` text,
	`issued_at` text,
	`issued_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "billing_documents_credited_le_total" CHECK("billing_documents"."credited_cents" <= "billing_documents"."total_cents"),
	CONSTRAINT "billing_documents_issued_numbered" CHECK(("billing_documents"."status" = 'draft' AND "billing_documents"."number" IS NULL AND "billing_documents"."sequence" IS NULL AND "billing_documents"."ogm" IS NULL) OR ("billing_documents"."status" <> 'draft' AND "billing_documents"."number" IS NOT NULL AND "billing_documents"."ogm" IS NOT NULL AND "billing_documents"."issue_date" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_documents_number_uq` ON `billing_documents` (`series`,`sequence`);--> statement-breakpoint
CREATE UNIQUE INDEX `billing_documents_ogm_uq` ON `billing_documents` (`ogm`);--> statement-breakpoint
CREATE INDEX `billing_documents_org_idx` ON `billing_documents` (`org_id`,`issue_date`);--> statement-breakpoint
CREATE INDEX `billing_documents_status_idx` ON `billing_documents` (`status`,`issue_date`);--> statement-breakpoint
CREATE INDEX `billing_documents_corrects_idx` ON `billing_documents` (`corrects_id`);--> statement-breakpoint
CREATE TABLE `billing_issuers` (
	`org_id` text PRIMARY KEY NOT NULL,
	`vat_status` text NOT NULL,
	`iban` text NOT NULL,
	`bic` text NOT NULL,
	`payment_terms_days` integer DEFAULT 30 NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`email` text,
	`updated_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `billing_series` (
	`series` text PRIMARY KEY NOT NULL,
	`next` integer DEFAULT 1 NOT NULL,
	`last_issue_date` text,
	CONSTRAINT "billing_series_next_positive" CHECK("billing_series"."next" >= 1)
);
--> statement-breakpoint
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
CREATE INDEX `payments_received_idx` ON `payments` (`received_on`);--> statement-breakpoint
-- Written by hand after drizzle-kit's tables: an issued document is never edited nor deleted (only
-- its status, credited_cents, paid_cents and updated_at move), and never goes back to draft.
CREATE TRIGGER `billing_documents_frozen` BEFORE UPDATE ON `billing_documents`
WHEN OLD.`status` <> 'draft' AND (
  NEW.`status` = 'draft' OR NEW.`id` IS NOT OLD.`id` OR NEW.`type` IS NOT OLD.`type` OR NEW.`org_id` IS NOT OLD.`org_id`
  OR NEW.`corrects_id` IS NOT OLD.`corrects_id` OR NEW.`language` IS NOT OLD.`language` OR NEW.`series` IS NOT OLD.`series`
  OR NEW.`sequence` IS NOT OLD.`sequence` OR NEW.`number` IS NOT OLD.`number` OR NEW.`ogm` IS NOT OLD.`ogm`
  OR NEW.`issue_date` IS NOT OLD.`issue_date` OR NEW.`due_days` IS NOT OLD.`due_days` OR NEW.`due_date` IS NOT OLD.`due_date`
  OR NEW.`lines` IS NOT OLD.`lines` OR NEW.`vat` IS NOT OLD.`vat` OR NEW.`net_cents` IS NOT OLD.`net_cents`
  OR NEW.`vat_cents` IS NOT OLD.`vat_cents` OR NEW.`total_cents` IS NOT OLD.`total_cents` OR NEW.`issuer` IS NOT OLD.`issuer`
  OR NEW.`customer` IS NOT OLD.`customer` OR NEW.`buyer_reference` IS NOT OLD.`buyer_reference` OR NEW.`notes` IS NOT OLD.`notes`
  OR NEW.`created_by` IS NOT OLD.`created_by` OR NEW.`issued_at` IS NOT OLD.`issued_at` OR NEW.`issued_by` IS NOT OLD.`issued_by`
  OR NEW.`created_at` IS NOT OLD.`created_at`
)
BEGIN SELECT RAISE(ABORT, 'billing: an issued document is never edited'); END;
--> statement-breakpoint
CREATE TRIGGER `billing_documents_no_delete` BEFORE DELETE ON `billing_documents`
WHEN OLD.`status` <> 'draft'
BEGIN SELECT RAISE(ABORT, 'billing: an issued document is never deleted'); END;
--> statement-breakpoint
-- A series only moves forward, one number at a time, and never to an earlier date than its last document.
CREATE TRIGGER `billing_series_forward` BEFORE UPDATE ON `billing_series`
WHEN NEW.`series` IS NOT OLD.`series` OR NEW.`next` <> OLD.`next` + 1
  OR (OLD.`last_issue_date` IS NOT NULL AND (NEW.`last_issue_date` IS NULL OR NEW.`last_issue_date` < OLD.`last_issue_date`))
BEGIN SELECT RAISE(ABORT, 'billing: issue date before the previous number'); END;
--> statement-breakpoint
CREATE TRIGGER `billing_series_no_delete` BEFORE DELETE ON `billing_series`
BEGIN SELECT RAISE(ABORT, 'billing: a series is never deleted'); END;
