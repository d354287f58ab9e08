CREATE TABLE `bot_groups` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`type` text NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer
);
--> statement-breakpoint
CREATE TABLE `group_members` (
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`is_member` integer NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `user_id`),
	FOREIGN KEY (`chat_id`) REFERENCES `bot_groups`(`chat_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_members_user_idx` ON `group_members` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `photo_due_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `photo_replaced_at` integer;--> statement-breakpoint
CREATE INDEX `users_photo_due_idx` ON `users` (`photo_due_at`) WHERE "users"."photo_due_at" IS NOT NULL;