import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The database file of a data directory, as the server and the admin CLI name it. */
export const databaseFile = (dataDir: string) => join(dataDir, 'startex.sqlite');

/**
 * Every row of every table of a StartEx database, read through a connection of its own (not the
 * server's store), so a test sees what is really on disk. `except` leaves tables out.
 */
export function dumpDatabase(file: string, except: readonly string[] = []): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.filter((table) => !except.includes(table)).map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}
