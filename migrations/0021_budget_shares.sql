CREATE TABLE `budget_shares` (
	`instance` text PRIMARY KEY NOT NULL,
	`wants_reply` real NOT NULL,
	`wants_alert` real NOT NULL,
	`wants_broadcast` real NOT NULL,
	`queued` integer NOT NULL,
	`seen_at` integer NOT NULL,
	`paused_until` integer NOT NULL
);
