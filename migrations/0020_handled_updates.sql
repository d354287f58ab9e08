CREATE TABLE `handled_updates` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handled_updates_received_at_idx` ON `handled_updates` (`received_at`);