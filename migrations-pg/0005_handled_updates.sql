CREATE TABLE "handled_updates" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "handled_updates_received_at_idx" ON "handled_updates" USING btree ("received_at");