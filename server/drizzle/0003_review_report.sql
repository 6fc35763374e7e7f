CREATE TABLE `improvement_items` (
	`id` text PRIMARY KEY NOT NULL,
	`exercise_id` text NOT NULL,
	`capability` text NOT NULL,
	`issue` text NOT NULL,
	`recommendation` text NOT NULL,
	`corrective_action` text NOT NULL,
	`capability_element` text NOT NULL,
	`responsible_agency` text NOT NULL,
	`point_of_contact` text NOT NULL,
	`start_date` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `improvement_items_exercise` ON `improvement_items` (`exercise_id`);--> statement-breakpoint
CREATE INDEX `improvement_items_agency` ON `improvement_items` (`responsible_agency`);--> statement-breakpoint
CREATE TABLE `improvement_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` text NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`comment` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `improvement_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `improvement_status_changes_item` ON `improvement_status_changes` (`item_id`);--> statement-breakpoint
CREATE TABLE `report_drafts` (
	`exercise_id` text PRIMARY KEY NOT NULL,
	`content_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_versions` (
	`exercise_id` text NOT NULL,
	`version` integer NOT NULL,
	`content_json` text NOT NULL,
	`finalised_at` integer NOT NULL,
	`finalised_by` text NOT NULL,
	PRIMARY KEY(`exercise_id`, `version`),
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
