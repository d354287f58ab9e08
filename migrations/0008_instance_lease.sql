CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`renewed_at` integer NOT NULL
);
