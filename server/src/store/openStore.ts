import { join } from 'node:path';
import type { Store } from './ExerciseStore.ts';
import { SqliteStore } from './SqliteStore.ts';

/** Where StartEx keeps its data: the embedded SQLite file (the default), or a PostgreSQL database. */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * PostgreSQL when `databaseUrl` (STARTEX_DATABASE_URL) is set, else SQLite in `dataDir`
 * (STARTEX_DATA_DIR). A URL that is not a PostgreSQL one stops the start with a message that says so.
 */
export function storeLocation(settings: { databaseUrl?: string | undefined; dataDir: string }): StoreLocation {
  const url = settings.databaseUrl?.trim();
  if (!url) return { kind: 'sqlite', file: join(settings.dataDir, 'startex.sqlite') };
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('STARTEX_DATABASE_URL must be a PostgreSQL URL such as postgres://startex:password@db.example.lt:5432/startex; leave it unset to keep the data in SQLite under STARTEX_DATA_DIR.');
  }
  return { kind: 'postgres', url };
}

/** Opens the store and brings its tables up to date; the PostgreSQL driver is loaded only when it is used. */
export async function openStore(location: StoreLocation): Promise<Store> {
  switch (location.kind) {
    case 'sqlite':
      return new SqliteStore(location.file);
    case 'postgres': {
      const { PostgresStore } = await import('./postgres/PostgresStore.ts');
      return PostgresStore.open(location.url);
    }
    default: {
      const exhaustive: never = location;
      return exhaustive;
    }
  }
}

/** The location for a person to read: the file, or the database without its password. */
export function describeLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'sqlite':
      return location.file;
    case 'postgres': {
      const url = new URL(location.url);
      if (url.password) url.password = '***';
      return `PostgreSQL ${url.toString()}`;
    }
    default: {
      const exhaustive: never = location;
      return exhaustive;
    }
  }
}
