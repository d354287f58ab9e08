CREATE TABLE `poll_answers` (
	`mailing_id` integer NOT NULL,
	`option` integer NOT NULL,
	`user_id` integer NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`mailing_id`, `option`, `user_id`),
	FOREIGN KEY (`mailing_id`) REFERENCES `mailings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `poll_answers_user_idx` ON `poll_answers` (`user_id`,`mailing_id`);--> statement-breakpoint
ALTER TABLE `deliveries` ADD `poll_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_poll_idx` ON `deliveries` (`poll_id`) WHERE "deliveries"."poll_id" IS NOT NULL;