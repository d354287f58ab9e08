ALTER TABLE `users` ADD `photo_due_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `photo_replaced_at` integer;--> statement-breakpoint
CREATE INDEX `users_photo_due_idx` ON `users` (`photo_due_at`) WHERE "users"."photo_due_at" IS NOT NULL;