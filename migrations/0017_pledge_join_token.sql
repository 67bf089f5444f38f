ALTER TABLE `pledge_invitations` ADD `token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `pledge_invitations_token_hash` ON `pledge_invitations` (`token_hash`);