CREATE TABLE `form_answers` (
	`run_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`value` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `question_id`),
	FOREIGN KEY (`run_id`) REFERENCES `form_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `form_questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `form_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`form_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`target_kind` text NOT NULL,
	`target` text NOT NULL,
	`prompt` text NOT NULL,
	`reask` text,
	`required` integer DEFAULT false NOT NULL,
	`choices` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `form_questions_form_idx` ON `form_questions` (`form_id`,`position`);--> statement-breakpoint
CREATE TABLE `form_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`form_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`question_id` integer,
	`started_at` integer NOT NULL,
	`asked_at` integer NOT NULL,
	`completed_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `form_runs_open_idx` ON `form_runs` (`user_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `form_runs_form_idx` ON `form_runs` (`form_id`,`status`);--> statement-breakpoint
CREATE TABLE `forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`built_in` text,
	`intro` text,
	`done_text` text,
	`completion_tag` text,
	`expiry_minutes` integer DEFAULT 60 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forms_code_unique` ON `forms` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `forms_built_in_unique` ON `forms` (`built_in`);