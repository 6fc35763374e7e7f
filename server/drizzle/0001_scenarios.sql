CREATE TABLE `scenarios` (
	`id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`document_json` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`id`, `version`)
);
