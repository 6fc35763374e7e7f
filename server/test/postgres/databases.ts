import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { MIGRATED_TEMPLATE } from './globalSetup.ts';

/**
 * A new database on the run's throwaway cluster (globalSetup.ts), as a URL: each test its own data.
 * It has StartEx's tables already (a copy of a migrated database), unless `empty` asks for none,
 * for a test of what a first start on a new database does.
 */
export async function freshDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const name = `startex_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client(inject('postgresUrl'));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${options.empty ? '' : ` TEMPLATE ${MIGRATED_TEMPLATE}`}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}
