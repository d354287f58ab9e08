CREATE TABLE `sequence_sends` (
	`subscription_id` integer NOT NULL,
	`round` integer NOT NULL,
	`position` integer NOT NULL,
	`step_id` integer NOT NULL,
	`status` text NOT NULL,
	`message_id` integer,
	`error` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`subscription_id`, `round`, `position`),
	FOREIGN KEY (`subscription_id`) REFERENCES `sequence_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sequence_sends_step_idx` ON `sequence_sends` (`step_id`,`status`);--> statement-breakpoint
CREATE INDEX `sequence_sends_status_idx` ON `sequence_sends` (`status`);--> statement-breakpoint
CREATE TABLE `sequence_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sequence_id` integer NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`buttons` text DEFAULT '[]' NOT NULL,
	`delay_ms` integer NOT NULL,
	`window_start` integer,
	`window_end` integer,
	FOREIGN KEY (`sequence_id`) REFERENCES `sequences`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sequence_steps_position_idx` ON `sequence_steps` (`sequence_id`,`position`);--> statement-breakpoint
CREATE TABLE `sequence_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sequence_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`position` integer NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`due_at` integer,
	`source` text NOT NULL,
	`subscribed_at` integer NOT NULL,
	`stopped_at` integer,
	`stop_reason` text,
	`stopped_step_id` integer,
	FOREIGN KEY (`sequence_id`) REFERENCES `sequences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sequence_subscriptions_user_idx` ON `sequence_subscriptions` (`sequence_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `sequence_subscriptions_due_idx` ON `sequence_subscriptions` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `sequence_subscriptions_by_user_idx` ON `sequence_subscriptions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sequences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`resubscribe` text DEFAULT 'restart' NOT NULL,
	`stop_button` integer DEFAULT false NOT NULL,
	`on_registration` integer DEFAULT false NOT NULL,
	`trigger_tag` text,
	`trigger_deeplink` text,
	`enrolled_through` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL
);
