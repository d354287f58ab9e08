CREATE TABLE `mailing_variants` (
	`mailing_id` integer NOT NULL,
	`position` integer NOT NULL,
	`segment` text NOT NULL,
	`time_zone` text NOT NULL,
	`content` text NOT NULL,
	PRIMARY KEY(`mailing_id`, `position`),
	FOREIGN KEY (`mailing_id`) REFERENCES `mailings`(`id`) ON UPDATE no action ON DELETE cascade
);
