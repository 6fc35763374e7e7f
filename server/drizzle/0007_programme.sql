CREATE TABLE `programme_absorbed_versions` (
	`exercise_id` text NOT NULL,
	`version` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`exercise_id`, `version`),
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plan_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`agency_ids_json` text NOT NULL,
	`capability_ids_json` text NOT NULL,
	`need_ids_json` text NOT NULL,
	`when_json` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`lead` text NOT NULL,
	`status` text NOT NULL,
	`course_id` text,
	`required_course_ids_json` text NOT NULL,
	`notes` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `preparedness_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_activities_plan` ON `plan_activities` (`plan_id`);--> statement-breakpoint
CREATE TABLE `agency_focal_points` (
	`agency_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`agency_id`, `user_id`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `attendance` (
	`session_id` text NOT NULL,
	`person_id` text NOT NULL,
	`attended` integer NOT NULL,
	`completed` integer NOT NULL,
	`completed_on` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `person_id`),
	FOREIGN KEY (`session_id`) REFERENCES `course_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `trainees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_person` ON `attendance` (`person_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`plan_id` text NOT NULL,
	`agency_id` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `preparedness_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `capabilities` (
	`id` text PRIMARY KEY NOT NULL,
	`function` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `capabilities_name_unique` ON `capabilities` (`name`);--> statement-breakpoint
CREATE TABLE `course_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`activity_id` text,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`location` text NOT NULL,
	`trainer` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `plan_activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_sessions_course` ON `course_sessions` (`course_id`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`capability_ids_json` text NOT NULL,
	`certificate_name` text,
	`certificate_months` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `programme_exercises` (
	`exercise_id` text PRIMARY KEY NOT NULL,
	`activity_id` text,
	`capability_map_json` text NOT NULL,
	`linked_at` integer NOT NULL,
	`linked_by` text NOT NULL,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `plan_activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_exercises_activity` ON `programme_exercises` (`activity_id`);--> statement-breakpoint
CREATE TABLE `need_actions` (
	`need_id` text NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`need_id`, `item_id`),
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `improvement_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `need_actions_item` ON `need_actions` (`item_id`);--> statement-breakpoint
CREATE TABLE `need_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`need_id` text NOT NULL,
	`at` integer NOT NULL,
	`level` integer NOT NULL,
	`source` text NOT NULL,
	`by` text NOT NULL,
	`rating_id` text,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rating_id`) REFERENCES `programme_ratings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `need_levels_need` ON `need_levels` (`need_id`);--> statement-breakpoint
CREATE TABLE `need_surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`status` text NOT NULL,
	`due_date` text NOT NULL,
	`message` text NOT NULL,
	`token_hash` text,
	`sent_at` integer NOT NULL,
	`sent_by` text NOT NULL,
	`submitted_at` integer,
	`submitted_by` text,
	`reviewed_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `need_surveys_token_hash_unique` ON `need_surveys` (`token_hash`);--> statement-breakpoint
CREATE INDEX `need_surveys_agency` ON `need_surveys` (`agency_id`);--> statement-breakpoint
CREATE TABLE `needs` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`function` text NOT NULL,
	`capability_id` text,
	`competence` text,
	`target_group` text NOT NULL,
	`headcount` integer NOT NULL,
	`required_level` integer NOT NULL,
	`current_level` integer,
	`priority` text NOT NULL,
	`evidence_json` text NOT NULL,
	`intervention` text,
	`review_date` text,
	`status` text NOT NULL,
	`survey_id` text,
	`source_item_id` text,
	`source_exercise_id` text,
	`rejected_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`capability_id`) REFERENCES `capabilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `need_surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_item_id`) REFERENCES `improvement_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `needs_agency` ON `needs` (`agency_id`);--> statement-breakpoint
CREATE INDEX `needs_survey` ON `needs` (`survey_id`);--> statement-breakpoint
CREATE TABLE `preparedness_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`from_year` integer NOT NULL,
	`to_year` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plan_priorities` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`title` text NOT NULL,
	`rationale` text NOT NULL,
	`need_ids_json` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `preparedness_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_priorities_plan` ON `plan_priorities` (`plan_id`);--> statement-breakpoint
CREATE TABLE `programme_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`exercise_id` text NOT NULL,
	`version` integer NOT NULL,
	`finalised_at` integer NOT NULL,
	`agency_id` text NOT NULL,
	`capability_id` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`subject_title` text NOT NULL,
	`rating` text NOT NULL,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`capability_id`) REFERENCES `capabilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `programme_ratings_agency` ON `programme_ratings` (`agency_id`);--> statement-breakpoint
CREATE INDEX `programme_ratings_exercise` ON `programme_ratings` (`exercise_id`);--> statement-breakpoint
CREATE TABLE `trainees` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`position` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainees_email_unique` ON `trainees` (`email`);--> statement-breakpoint
CREATE INDEX `trainees_agency` ON `trainees` (`agency_id`);--> statement-breakpoint
-- The capability catalogue to seed (public-level names from DOMAIN.md); agencies may rename and add.
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('nuclear-material-accounting', 'prevention', 'Nuclear material accounting and control', 'Keeping track of nuclear material: records, inventories and their verification.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('physical-protection', 'prevention', 'Physical protection of sources and facilities', 'Deterring, detecting and delaying unauthorised access to sources and facilities.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('insider-threat-mitigation', 'prevention', 'Insider threat mitigation', 'Recognising and reporting insider indicators; measures against insiders.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('trustworthiness-checks', 'prevention', 'Trustworthiness checks', 'Vetting people with access to material, sources and sensitive information.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('information-computer-security', 'prevention', 'Information and computer security', 'Protecting sensitive information and the systems that hold or control it.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('import-export-control', 'prevention', 'Import/export control', 'Licensing and control of the movement of material and sources across borders.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('instrument-alarm-assessment', 'detection', 'Instrument alarm assessment', 'Primary and secondary inspection after a detection alarm, and identification of the source.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('information-alert-assessment', 'detection', 'Information alert assessment', 'Assessing reports, tips and intelligence that point to material out of regulatory control.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('radiation-detection-borders-events', 'detection', 'Radiation detection at borders and major public events', 'Detection architecture and operations at crossings and major public events.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('expert-reachback', 'detection', 'Expert reachback', 'Getting and giving expert advice on spectra, sources and measures.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('search-missing-sources', 'detection', 'Search for missing sources', 'Planning and running searches with detectors for sources out of control.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('intelligence-sharing', 'detection', 'Intelligence sharing', 'Sharing information between agencies on a need-to-know basis.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('incident-command', 'response', 'Incident command and scene management', 'Establishing command, unified command and control of the scene.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('radiological-crime-scene', 'response', 'Radiological crime scene and evidence handling', 'Preserving evidence and the chain of custody at a radiological crime scene.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('nuclear-forensics-sampling', 'response', 'Nuclear forensics sampling', 'Collecting and handling samples for nuclear forensic examination.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('render-safe-recovery', 'response', 'Render-safe and source recovery', 'Making a device safe and recovering a source under dose limits.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('protection-responders-public', 'response', 'Protection of responders and the public', 'Cordons, dose limits and protective actions for responders and the public.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('medical-management', 'response', 'Medical management of contaminated casualties', 'Care of contaminated or exposed casualties, before decontamination when life demands.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('public-communication', 'response', 'Public communication', 'Timely, consistent public messages and countering rumours.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('decision-making-notification', 'response', 'Decision-making and notification', 'National and international notification and the decisions that follow.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('interagency-coordination', 'cross-cutting', 'Interagency coordination', 'Working together across agencies: roles, liaison and joint assessment.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('legal-prosecution', 'cross-cutting', 'Legal and prosecution', 'Legal basis, evidence for prosecution and the prosecutor''s involvement.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO `capabilities` (`id`, `function`, `name`, `description`, `created_at`, `updated_at`) VALUES ('exercise-training-management', 'cross-cutting', 'Exercise and training management', 'Planning, running and evaluating training and exercises.', 1796615867588, 1796615867588);
