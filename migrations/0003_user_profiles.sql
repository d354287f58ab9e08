CREATE TABLE `link_clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`url` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `link_clicks_user_idx` ON `link_clicks` (`user_id`);--> statement-breakpoint
CREATE TABLE `relayed_messages` (
	`admin_chat_id` integer NOT NULL,
	`admin_message_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`admin_chat_id`, `admin_message_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `relayed_messages_user_idx` ON `relayed_messages` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_attributes` (
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_attributes_key_value_idx` ON `user_attributes` (`key`,`value`);--> statement-breakpoint
CREATE TABLE `user_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`author_id` integer,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_notes_user_idx` ON `user_notes` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `users` ADD `timezone` text;--> statement-breakpoint
ALTER TABLE `users` ADD `gender` text;--> statement-breakpoint
ALTER TABLE `users` ADD `photo_file_id` text;--> statement-breakpoint
ALTER TABLE `users` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `session_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `message_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `click_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `time_spent_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `session_started_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `last_activity_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `sentiment_total` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `sentiment_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `last_message_text` text;--> statement-breakpoint
ALTER TABLE `users` ADD `last_message_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `paused_until` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `infinite_session` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (lower("email"));--> statement-breakpoint
CREATE INDEX `users_phone_idx` ON `users` (`phone`);--> statement-breakpoint
CREATE INDEX `users_language_idx` ON `users` (`language_code`);