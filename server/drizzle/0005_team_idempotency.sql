DROP INDEX `log_entries_idempotency`;--> statement-breakpoint
CREATE UNIQUE INDEX `log_entries_idempotency` ON `log_entries` (`exercise_id`,json_extract(`body`, '$.teamId'),`idempotency_key`) WHERE "log_entries"."idempotency_key" IS NOT NULL;
