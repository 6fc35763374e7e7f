import type Database from 'better-sqlite3';
import type { PlanningStore } from './PlanningStore.ts';

/** The embedded planning store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqlitePlanningStore implements PlanningStore {
  constructor(private readonly sqlite: Database.Database) {}
}
