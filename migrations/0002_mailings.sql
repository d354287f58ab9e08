CREATE TABLE `deliveries` (
	`mailing_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error_kind` text,
	`error_description` text,
	`updated_at` integer,
	PRIMARY KEY(`mailing_id`, `user_id`),
	FOREIGN KEY (`mailing_id`) REFERENCES `mailings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_state_idx` ON `deliveries` (`mailing_id`,`state`);--> statement-breakpoint
CREATE TABLE `mailings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`payload` text NOT NULL,
	`audience` text NOT NULL,
	`options` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`scheduled_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`total` integer DEFAULT 0 NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`unknown` integer DEFAULT 0 NOT NULL,
	`newly_dead` integer DEFAULT 0 NOT NULL,
	`revived` integer DEFAULT 0 NOT NULL,
	`status_chat_id` integer,
	`status_message_id` integer
);
--> statement-breakpoint
CREATE INDEX `mailings_status_idx` ON `mailings` (`status`);