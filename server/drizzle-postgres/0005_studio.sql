CREATE TABLE "msel_mappings" (
	"scope" text NOT NULL,
	"owner" text NOT NULL,
	"signature" text NOT NULL,
	"mapping_json" text NOT NULL,
	"saved_by" text NOT NULL,
	"saved_by_name" text NOT NULL,
	"saved_at" bigint NOT NULL,
	CONSTRAINT "msel_mappings_scope_owner_signature_pk" PRIMARY KEY("scope","owner","signature")
);
--> statement-breakpoint
CREATE TABLE "scenario_draft_revisions" (
	"scenario_id" text NOT NULL,
	"revision" integer NOT NULL,
	"document_json" text,
	"saved_by" text NOT NULL,
	"saved_by_name" text NOT NULL,
	"saved_at" bigint NOT NULL,
	"cause_json" text NOT NULL,
	"changes_json" text,
	CONSTRAINT "scenario_draft_revisions_scenario_id_revision_pk" PRIMARY KEY("scenario_id","revision")
);
--> statement-breakpoint
CREATE TABLE "scenario_drafts" (
	"scenario_id" text PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"base_version" integer,
	"published_revision" integer,
	"title" text NOT NULL,
	"exercise_type" text,
	"functions_json" text NOT NULL,
	"language" text,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" bigint NOT NULL,
	"saved_by" text NOT NULL,
	"saved_by_name" text NOT NULL,
	"saved_at" bigint NOT NULL,
	"discarded_at" bigint
);
--> statement-breakpoint
CREATE TABLE "scenario_publications" (
	"scenario_id" text NOT NULL,
	"version" integer NOT NULL,
	"published_by" text NOT NULL,
	"published_by_name" text NOT NULL,
	"published_at" bigint NOT NULL,
	"revision" integer NOT NULL,
	"note" text,
	CONSTRAINT "scenario_publications_scenario_id_version_pk" PRIMARY KEY("scenario_id","version")
);
--> statement-breakpoint
ALTER TABLE "scenario_draft_revisions" ADD CONSTRAINT "scenario_draft_revisions_scenario_id_scenario_drafts_scenario_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenario_drafts"("scenario_id") ON DELETE no action ON UPDATE no action;