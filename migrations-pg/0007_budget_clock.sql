CREATE TABLE "budget_clock" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_turn_us" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_instances" (
	"instance" text PRIMARY KEY NOT NULL,
	"seen_at" bigint NOT NULL,
	"sharing" boolean NOT NULL,
	"paused_until" bigint NOT NULL
);
--> statement-breakpoint
DROP TABLE "budget_shares" CASCADE;