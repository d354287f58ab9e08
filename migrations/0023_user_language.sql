ALTER TABLE `users` ADD `language` text;--> statement-breakpoint
CREATE INDEX `users_chosen_language_idx` ON `users` (`language`);