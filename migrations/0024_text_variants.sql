CREATE TABLE `text_variants` (
	`subject` text NOT NULL,
	`language` text NOT NULL,
	`content` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	PRIMARY KEY(`subject`, `language`)
);
