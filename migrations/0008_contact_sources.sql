ALTER TABLE `users` ADD `email_source` text;--> statement-breakpoint
ALTER TABLE `users` ADD `phone_source` text;