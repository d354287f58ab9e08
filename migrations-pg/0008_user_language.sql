ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
CREATE INDEX "users_chosen_language_idx" ON "users" USING btree ("language");