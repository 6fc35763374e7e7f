CREATE TABLE "programme_absorbed_versions" (
	"exercise_id" text NOT NULL,
	"version" integer NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "programme_absorbed_versions_exercise_id_version_pk" PRIMARY KEY("exercise_id","version")
);
--> statement-breakpoint
CREATE TABLE "plan_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"agency_ids_json" text NOT NULL,
	"capability_ids_json" text NOT NULL,
	"need_ids_json" text NOT NULL,
	"when_json" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"lead" text NOT NULL,
	"status" text NOT NULL,
	"course_id" text,
	"required_course_ids_json" text NOT NULL,
	"notes" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_focal_points" (
	"agency_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "agency_focal_points_agency_id_user_id_pk" PRIMARY KEY("agency_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"session_id" text NOT NULL,
	"person_id" text NOT NULL,
	"attended" boolean NOT NULL,
	"completed" boolean NOT NULL,
	"completed_on" text,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "attendance_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"plan_id" text NOT NULL,
	"agency_id" text,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	"revoked_at" bigint,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "capabilities" (
	"id" text PRIMARY KEY NOT NULL,
	"function" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "capabilities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "course_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" text NOT NULL,
	"activity_id" text,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"location" text NOT NULL,
	"trainer" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"capability_ids_json" text NOT NULL,
	"certificate_name" text,
	"certificate_months" integer,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_exercises" (
	"exercise_id" text PRIMARY KEY NOT NULL,
	"activity_id" text,
	"capability_map_json" text NOT NULL,
	"linked_at" bigint NOT NULL,
	"linked_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_actions" (
	"need_id" text NOT NULL,
	"item_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "need_actions_need_id_item_id_pk" PRIMARY KEY("need_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "need_levels" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "need_levels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"need_id" text NOT NULL,
	"at" bigint NOT NULL,
	"level" integer NOT NULL,
	"source" text NOT NULL,
	"by" text NOT NULL,
	"rating_id" text
);
--> statement-breakpoint
CREATE TABLE "need_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"status" text NOT NULL,
	"due_date" text NOT NULL,
	"message" text NOT NULL,
	"token_hash" text,
	"sent_at" bigint NOT NULL,
	"sent_by" text NOT NULL,
	"submitted_at" bigint,
	"submitted_by" text,
	"reviewed_at" bigint,
	CONSTRAINT "need_surveys_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"function" text NOT NULL,
	"capability_id" text,
	"competence" text,
	"target_group" text NOT NULL,
	"headcount" integer NOT NULL,
	"required_level" integer NOT NULL,
	"current_level" integer,
	"priority" text NOT NULL,
	"evidence_json" text NOT NULL,
	"intervention" text,
	"review_date" text,
	"status" text NOT NULL,
	"survey_id" text,
	"source_item_id" text,
	"source_exercise_id" text,
	"rejected_reason" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "preparedness_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_priorities" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"title" text NOT NULL,
	"rationale" text NOT NULL,
	"need_ids_json" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"version" integer NOT NULL,
	"finalised_at" bigint NOT NULL,
	"agency_id" text NOT NULL,
	"capability_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_title" text NOT NULL,
	"rating" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainees" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"position" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "trainees_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "programme_absorbed_versions" ADD CONSTRAINT "programme_absorbed_versions_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_plan_id_preparedness_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."preparedness_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_focal_points" ADD CONSTRAINT "agency_focal_points_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_focal_points" ADD CONSTRAINT "agency_focal_points_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_person_id_trainees_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_plan_id_preparedness_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."preparedness_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_activity_id_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_exercises" ADD CONSTRAINT "programme_exercises_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_exercises" ADD CONSTRAINT "programme_exercises_activity_id_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_actions" ADD CONSTRAINT "need_actions_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_actions" ADD CONSTRAINT "need_actions_item_id_improvement_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."improvement_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_levels" ADD CONSTRAINT "need_levels_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_levels" ADD CONSTRAINT "need_levels_rating_id_programme_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."programme_ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_surveys" ADD CONSTRAINT "need_surveys_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_capability_id_capabilities_id_fk" FOREIGN KEY ("capability_id") REFERENCES "public"."capabilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_survey_id_need_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."need_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_source_item_id_improvement_items_id_fk" FOREIGN KEY ("source_item_id") REFERENCES "public"."improvement_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_source_exercise_id_exercises_id_fk" FOREIGN KEY ("source_exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_priorities" ADD CONSTRAINT "plan_priorities_plan_id_preparedness_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."preparedness_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_ratings" ADD CONSTRAINT "programme_ratings_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_ratings" ADD CONSTRAINT "programme_ratings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_ratings" ADD CONSTRAINT "programme_ratings_capability_id_capabilities_id_fk" FOREIGN KEY ("capability_id") REFERENCES "public"."capabilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_activities_plan" ON "plan_activities" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "attendance_person" ON "attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "course_sessions_course" ON "course_sessions" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_exercises_activity" ON "programme_exercises" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "need_actions_item" ON "need_actions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "need_levels_need" ON "need_levels" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_surveys_agency" ON "need_surveys" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "needs_agency" ON "needs" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "needs_survey" ON "needs" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "plan_priorities_plan" ON "plan_priorities" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "programme_ratings_agency" ON "programme_ratings" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "programme_ratings_exercise" ON "programme_ratings" USING btree ("exercise_id");--> statement-breakpoint
CREATE INDEX "trainees_agency" ON "trainees" USING btree ("agency_id");--> statement-breakpoint
-- PostgreSQL has no rowid: these tables get one (not declared in the drizzle schema, as SQLite's is not),
-- so that rows saved at the same moment list in the order they were first saved (PostgresProgrammeStore).
ALTER TABLE "agency_focal_points" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "need_surveys" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "need_actions" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "plan_priorities" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "plan_activities" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "programme_exercises" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
ALTER TABLE "programme_ratings" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
-- The capability catalogue to seed (public-level names from DOMAIN.md); agencies may rename and add.
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('nuclear-material-accounting', 'prevention', 'Nuclear material accounting and control', 'Keeping track of nuclear material: records, inventories and their verification.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('physical-protection', 'prevention', 'Physical protection of sources and facilities', 'Deterring, detecting and delaying unauthorised access to sources and facilities.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('insider-threat-mitigation', 'prevention', 'Insider threat mitigation', 'Recognising and reporting insider indicators; measures against insiders.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('trustworthiness-checks', 'prevention', 'Trustworthiness checks', 'Vetting people with access to material, sources and sensitive information.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('information-computer-security', 'prevention', 'Information and computer security', 'Protecting sensitive information and the systems that hold or control it.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('import-export-control', 'prevention', 'Import/export control', 'Licensing and control of the movement of material and sources across borders.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('instrument-alarm-assessment', 'detection', 'Instrument alarm assessment', 'Primary and secondary inspection after a detection alarm, and identification of the source.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('information-alert-assessment', 'detection', 'Information alert assessment', 'Assessing reports, tips and intelligence that point to material out of regulatory control.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('radiation-detection-borders-events', 'detection', 'Radiation detection at borders and major public events', 'Detection architecture and operations at crossings and major public events.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('expert-reachback', 'detection', 'Expert reachback', 'Getting and giving expert advice on spectra, sources and measures.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('search-missing-sources', 'detection', 'Search for missing sources', 'Planning and running searches with detectors for sources out of control.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('intelligence-sharing', 'detection', 'Intelligence sharing', 'Sharing information between agencies on a need-to-know basis.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('incident-command', 'response', 'Incident command and scene management', 'Establishing command, unified command and control of the scene.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('radiological-crime-scene', 'response', 'Radiological crime scene and evidence handling', 'Preserving evidence and the chain of custody at a radiological crime scene.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('nuclear-forensics-sampling', 'response', 'Nuclear forensics sampling', 'Collecting and handling samples for nuclear forensic examination.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('render-safe-recovery', 'response', 'Render-safe and source recovery', 'Making a device safe and recovering a source under dose limits.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('protection-responders-public', 'response', 'Protection of responders and the public', 'Cordons, dose limits and protective actions for responders and the public.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('medical-management', 'response', 'Medical management of contaminated casualties', 'Care of contaminated or exposed casualties, before decontamination when life demands.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('public-communication', 'response', 'Public communication', 'Timely, consistent public messages and countering rumours.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('decision-making-notification', 'response', 'Decision-making and notification', 'National and international notification and the decisions that follow.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('interagency-coordination', 'cross-cutting', 'Interagency coordination', 'Working together across agencies: roles, liaison and joint assessment.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('legal-prosecution', 'cross-cutting', 'Legal and prosecution', 'Legal basis, evidence for prosecution and the prosecutor''s involvement.', 1796615867588, 1796615867588);
--> statement-breakpoint
INSERT INTO "capabilities" ("id", "function", "name", "description", "created_at", "updated_at") VALUES ('exercise-training-management', 'cross-cutting', 'Exercise and training management', 'Planning, running and evaluating training and exercises.', 1796615867588, 1796615867588);
