CREATE TABLE `budget_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_turn_us` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `budget_instances` (
	`instance` text PRIMARY KEY NOT NULL,
	`seen_at` integer NOT NULL,
	`sharing` integer NOT NULL,
	`paused_until` integer NOT NULL
);
--> statement-breakpoint
DROP TABLE `budget_shares`;