CREATE TABLE "text_variants" (
	"subject" text NOT NULL,
	"language" text NOT NULL,
	"content" jsonb NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" bigint,
	CONSTRAINT "text_variants_subject_language_pk" PRIMARY KEY("subject","language")
);
