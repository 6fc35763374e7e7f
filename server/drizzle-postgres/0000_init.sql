CREATE TABLE "access_grants" (
	"token" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"role" text NOT NULL,
	"team_id" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" bigint NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"details" text
);
--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"scenario_json" text NOT NULL,
	"speed" double precision NOT NULL,
	"created_at" bigint NOT NULL,
	"settings_json" text
);
--> statement-breakpoint
CREATE TABLE "log_entries" (
	"exercise_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"wall_time" bigint NOT NULL,
	"exercise_time_ms" bigint NOT NULL,
	"scenario_time_ms" bigint NOT NULL,
	"actor" text NOT NULL,
	"body" text NOT NULL,
	"idempotency_key" text,
	"epoch" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "log_entries_exercise_id_seq_pk" PRIMARY KEY("exercise_id","seq")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"exercise_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"team_id" text,
	CONSTRAINT "memberships_exercise_id_user_id_pk" PRIMARY KEY("exercise_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "scenarios" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"document_json" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "scenarios_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" text NOT NULL,
	"created_at" bigint NOT NULL,
	"disabled_at" bigint,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"functions_json" text NOT NULL,
	"contacts_json" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "agencies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "exercise_people" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"agency_id" text,
	"team_id" text,
	"covers_json" text,
	"user_id" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_agencies" (
	"exercise_id" text NOT NULL,
	"team_id" text NOT NULL,
	"agency_id" text NOT NULL,
	CONSTRAINT "team_agencies_exercise_id_team_id_pk" PRIMARY KEY("exercise_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "improvement_items" (
	"id" text PRIMARY KEY NOT NULL,
	"exercise_id" text NOT NULL,
	"capability" text NOT NULL,
	"issue" text NOT NULL,
	"recommendation" text NOT NULL,
	"corrective_action" text NOT NULL,
	"capability_element" text NOT NULL,
	"responsible_agency" text NOT NULL,
	"point_of_contact" text NOT NULL,
	"start_date" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_status_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_status_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" text NOT NULL,
	"at" bigint NOT NULL,
	"by" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"comment" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_drafts" (
	"exercise_id" text PRIMARY KEY NOT NULL,
	"content_json" text NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"exercise_id" text NOT NULL,
	"version" integer NOT NULL,
	"content_json" text NOT NULL,
	"finalised_at" bigint NOT NULL,
	"finalised_by" text NOT NULL,
	CONSTRAINT "report_versions_exercise_id_version_pk" PRIMARY KEY("exercise_id","version")
);
--> statement-breakpoint
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_entries" ADD CONSTRAINT "log_entries_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_people" ADD CONSTRAINT "exercise_people_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_people" ADD CONSTRAINT "exercise_people_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_people" ADD CONSTRAINT "exercise_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_agencies" ADD CONSTRAINT "team_agencies_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_agencies" ADD CONSTRAINT "team_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_status_changes" ADD CONSTRAINT "improvement_status_changes_item_id_improvement_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."improvement_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "log_entries_idempotency" ON "log_entries" USING btree ("exercise_id","idempotency_key") WHERE "log_entries"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_people_email" ON "exercise_people" USING btree ("exercise_id","email");--> statement-breakpoint
CREATE INDEX "improvement_items_exercise" ON "improvement_items" USING btree ("exercise_id");--> statement-breakpoint
CREATE INDEX "improvement_items_agency" ON "improvement_items" USING btree ("responsible_agency");--> statement-breakpoint
CREATE INDEX "improvement_status_changes_item" ON "improvement_status_changes" USING btree ("item_id");