import { join } from 'node:path';
import { getTableName, is, type Column } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import sqliteConfig from '../../../drizzle.config.ts';
import postgresConfig from '../../../drizzle.postgres.config.ts';

const SERVER = join(import.meta.dirname, '../../..');

/** The two dialects' names for the same kind of value (times are integers on SQLite, bigints on PostgreSQL). */
const KINDS: Record<string, string> = {
  SQLiteText: 'text',
  PgText: 'text',
  SQLiteInteger: 'integer',
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  SQLiteReal: 'real',
  PgDoublePrecision: 'real',
  SQLiteBoolean: 'boolean',
  PgBoolean: 'boolean',
};

type TableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** What a table is, in terms both dialects share: columns, keys, indexes and references. */
function shape(config: TableConfig) {
  const names = (columns: readonly unknown[]) => columns.map((c) => (c && typeof c === 'object' && 'name' in c ? String(c.name) : 'expression'));
  return {
    columns: config.columns.map((c: Column) => ({ name: c.name, kind: KINDS[c.columnType] ?? c.columnType, notNull: c.notNull, hasDefault: c.hasDefault, primary: c.primary, unique: c.isUnique })),
    primaryKey: config.primaryKeys.map((key) => names(key.columns)),
    indexes: config.indexes.map((index) => ({ name: index.config.name, unique: index.config.unique, columns: names(index.config.columns) })),
    references: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return { columns: names(reference.columns), table: getTableName(reference.foreignTable), to: names(reference.foreignColumns) };
    }),
  };
}

/** Every table of the schema files a drizzle-kit config generates migrations from, by name. */
async function tables(schemaFiles: string | string[] | undefined, dialect: 'sqlite' | 'postgres') {
  const found = new Map<string, ReturnType<typeof shape>>();
  for (const file of [schemaFiles ?? []].flat()) {
    for (const value of Object.values(await import(join(SERVER, file)))) {
      if (dialect === 'sqlite' && is(value, SQLiteTable)) found.set(getTableName(value), shape(sqliteTableConfig(value)));
      if (dialect === 'postgres' && is(value, PgTable)) found.set(getTableName(value), shape(pgTableConfig(value)));
    }
  }
  return found;
}

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables, columns, keys, indexes and references, so one row mapping (rows.ts) serves both', async () => {
    const sqlite = await tables(sqliteConfig.schema, 'sqlite');
    const postgres = await tables(postgresConfig.schema, 'postgres');
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
    for (const [name, table] of sqlite) expect(postgres.get(name), name).toEqual(table);
    expect(sqlite.size).toBeGreaterThan(10);
  });
});
