CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`renewed_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `users` ADD `email_source` text;--> statement-breakpoint
ALTER TABLE `users` ADD `phone_source` text;