CREATE TABLE `sequence_poll_answers` (
	`step_id` integer NOT NULL,
	`option` integer NOT NULL,
	`user_id` integer NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`step_id`, `option`, `user_id`),
	FOREIGN KEY (`step_id`) REFERENCES `sequence_steps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sequence_poll_answers_user_idx` ON `sequence_poll_answers` (`user_id`,`step_id`);--> statement-breakpoint
DROP INDEX `tracked_links_url_unique`;--> statement-breakpoint
ALTER TABLE `tracked_links` ADD `step_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `tracked_links_step_url_unique` ON `tracked_links` (`step_id`,`url`) WHERE step_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `tracked_links_url_unique` ON `tracked_links` (`url`) WHERE step_id IS NULL;--> statement-breakpoint
ALTER TABLE `sequence_sends` ADD `poll_id` text;--> statement-breakpoint
CREATE INDEX `sequence_sends_poll_idx` ON `sequence_sends` (`poll_id`);--> statement-breakpoint
ALTER TABLE `sequence_steps` ADD `form_button` text;--> statement-breakpoint
ALTER TABLE `link_clicks` ADD `step_id` integer;--> statement-breakpoint
CREATE INDEX `link_clicks_step_idx` ON `link_clicks` (`step_id`);