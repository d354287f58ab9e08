DROP INDEX `user_attributes_key_value_idx`;--> statement-breakpoint
CREATE INDEX `user_attributes_key_value_idx` ON `user_attributes` (`key`,`value`,`user_id`);--> statement-breakpoint
DROP INDEX `user_tags_tag_idx`;--> statement-breakpoint
CREATE INDEX `user_tags_tag_idx` ON `user_tags` (`tag`,`user_id`);--> statement-breakpoint
DROP INDEX `users_status_idx`;--> statement-breakpoint
CREATE INDEX `users_last_seen_idx` ON `users` (`last_seen_at`);--> statement-breakpoint
CREATE INDEX `users_status_idx` ON `users` (`status`,`dead_at`);