ALTER TABLE `sequence_subscriptions` ADD `failed_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sequences` ADD `trigger_campaign_id` integer;--> statement-breakpoint
CREATE INDEX `user_tags_tag_time_idx` ON `user_tags` (`tag`,`created_at`);