CREATE TABLE "budget_shares" (
	"instance" text PRIMARY KEY NOT NULL,
	"wants_reply" double precision NOT NULL,
	"wants_alert" double precision NOT NULL,
	"wants_broadcast" double precision NOT NULL,
	"queued" integer NOT NULL,
	"seen_at" bigint NOT NULL,
	"paused_until" bigint NOT NULL
);
