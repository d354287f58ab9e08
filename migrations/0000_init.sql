CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_code_unique` ON `campaigns` (`code`);--> statement-breakpoint
CREATE TABLE `captcha_challenges` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`question` text NOT NULL,
	`options` text NOT NULL,
	`correct_index` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`cooldown_until` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deeplinks` (
	`code` text PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `required_chats` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`join_url` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`added_at` integer NOT NULL,
	`inaccessible_alerted_at` integer
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_tags` (
	`user_id` integer NOT NULL,
	`tag` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `tag`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_tags_tag_idx` ON `user_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`first_name` text,
	`last_name` text,
	`username` text,
	`language_code` text,
	`is_premium` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`registered_at` integer,
	`referral_code` text NOT NULL,
	`referrer_id` integer,
	`campaign_id` integer,
	`referral_count` integer DEFAULT 0 NOT NULL,
	`start_payload` text,
	`captcha_passed_at` integer,
	`new_user_alert_sent_at` integer,
	`dead_at` integer,
	`dead_reason` text,
	`failed_deliveries` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`referrer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_referral_code_unique` ON `users` (`referral_code`);--> statement-breakpoint
CREATE INDEX `users_status_idx` ON `users` (`status`);--> statement-breakpoint
CREATE INDEX `users_referrer_idx` ON `users` (`referrer_id`);--> statement-breakpoint
CREATE INDEX `users_campaign_idx` ON `users` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `users_username_idx` ON `users` (lower("username"));--> statement-breakpoint
CREATE INDEX `users_registered_at_idx` ON `users` (`registered_at`);