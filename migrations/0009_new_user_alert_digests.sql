CREATE TABLE `new_user_alert_digests` (
	`minute_start` integer NOT NULL,
	`admin_id` integer NOT NULL,
	`message_id` integer,
	`shown` integer NOT NULL,
	`final` integer NOT NULL,
	`edited_at` integer NOT NULL,
	PRIMARY KEY(`minute_start`, `admin_id`),
	FOREIGN KEY (`minute_start`) REFERENCES `new_user_alert_minutes`(`minute_start`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `new_user_alert_minutes` (
	`minute_start` integer PRIMARY KEY NOT NULL,
	`alerted` integer DEFAULT 0 NOT NULL,
	`digested` integer DEFAULT 0 NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `new_user_alert_sources` (
	`minute_start` integer NOT NULL,
	`source` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`minute_start`, `source`),
	FOREIGN KEY (`minute_start`) REFERENCES `new_user_alert_minutes`(`minute_start`) ON UPDATE no action ON DELETE cascade
);
