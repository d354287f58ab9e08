CREATE TABLE "sequence_poll_answers" (
	"step_id" integer NOT NULL,
	"option" integer NOT NULL,
	"user_id" bigint NOT NULL,
	"answered_at" bigint NOT NULL,
	CONSTRAINT "sequence_poll_answers_step_id_option_user_id_pk" PRIMARY KEY("step_id","option","user_id")
);
--> statement-breakpoint
ALTER TABLE "tracked_links" DROP CONSTRAINT "tracked_links_url_unique";--> statement-breakpoint
ALTER TABLE "sequence_sends" ADD COLUMN "poll_id" text;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD COLUMN "form_button" jsonb;--> statement-breakpoint
ALTER TABLE "tracked_links" ADD COLUMN "step_id" integer;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD COLUMN "step_id" integer;--> statement-breakpoint
ALTER TABLE "sequence_poll_answers" ADD CONSTRAINT "sequence_poll_answers_step_id_sequence_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."sequence_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_poll_answers" ADD CONSTRAINT "sequence_poll_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sequence_poll_answers_user_idx" ON "sequence_poll_answers" USING btree ("user_id","step_id");--> statement-breakpoint
CREATE INDEX "sequence_sends_poll_idx" ON "sequence_sends" USING btree ("poll_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_links_url_unique" ON "tracked_links" USING btree ("url") WHERE step_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_links_step_url_unique" ON "tracked_links" USING btree ("step_id","url") WHERE step_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "link_clicks_step_idx" ON "link_clicks" USING btree ("step_id");