-- Several StartEx nodes on one database (server/src/cluster). PostgreSQL only: SQLite serves one node.
-- The owner generation of each exercise: a node that takes an exercise over raises it, and the log
-- refuses appends that carry an older one (PostgresLogWriter), so a stale owner can write nothing.
CREATE TABLE "exercise_owners" (
	"exercise_id" text PRIMARY KEY NOT NULL REFERENCES "exercises"("id"),
	"epoch" integer NOT NULL,
	"node" text NOT NULL,
	"since" bigint NOT NULL
);
--> statement-breakpoint
-- socket.io's PostgreSQL adapter sends packets over 8000 bytes (NOTIFY's limit) through this table; it does not create it itself.
CREATE TABLE "socket_io_attachments" (
	"id" bigserial UNIQUE,
	"created_at" timestamptz DEFAULT NOW(),
	"payload" bytea
);
