CREATE TABLE `msel_mappings` (
	`scope` text NOT NULL,
	`owner` text NOT NULL,
	`signature` text NOT NULL,
	`mapping_json` text NOT NULL,
	`saved_by` text NOT NULL,
	`saved_by_name` text NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `owner`, `signature`)
);
--> statement-breakpoint
CREATE TABLE `scenario_draft_revisions` (
	`scenario_id` text NOT NULL,
	`revision` integer NOT NULL,
	`document_json` text,
	`saved_by` text NOT NULL,
	`saved_by_name` text NOT NULL,
	`saved_at` integer NOT NULL,
	`cause_json` text NOT NULL,
	`changes_json` text,
	PRIMARY KEY(`scenario_id`, `revision`),
	FOREIGN KEY (`scenario_id`) REFERENCES `scenario_drafts`(`scenario_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scenario_drafts` (
	`scenario_id` text PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL,
	`base_version` integer,
	`published_revision` integer,
	`title` text NOT NULL,
	`exercise_type` text,
	`functions_json` text NOT NULL,
	`language` text,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`saved_by` text NOT NULL,
	`saved_by_name` text NOT NULL,
	`saved_at` integer NOT NULL,
	`discarded_at` integer
);
--> statement-breakpoint
CREATE TABLE `scenario_publications` (
	`scenario_id` text NOT NULL,
	`version` integer NOT NULL,
	`published_by` text NOT NULL,
	`published_by_name` text NOT NULL,
	`published_at` integer NOT NULL,
	`revision` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`scenario_id`, `version`)
);
