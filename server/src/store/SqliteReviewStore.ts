import type Database from 'better-sqlite3';
import type { ReviewStore } from './ReviewStore.ts';

/** The embedded review store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqliteReviewStore implements ReviewStore {
  constructor(private readonly sqlite: Database.Database) {}
}
