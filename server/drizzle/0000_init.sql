CREATE TABLE `access_grants` (
	`token` text PRIMARY KEY NOT NULL,
	`exercise_id` text NOT NULL,
	`role` text NOT NULL,
	`team_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `exercises` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`scenario_json` text NOT NULL,
	`speed` real NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `log_entries` (
	`exercise_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`wall_time` integer NOT NULL,
	`exercise_time_ms` integer NOT NULL,
	`scenario_time_ms` integer NOT NULL,
	`actor` text NOT NULL,
	`body` text NOT NULL,
	`idempotency_key` text,
	PRIMARY KEY(`exercise_id`, `seq`),
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_entries_idempotency` ON `log_entries` (`exercise_id`,`idempotency_key`) WHERE "log_entries"."idempotency_key" IS NOT NULL;