import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { startPostgresCluster } from './cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's superuser URL (maintenance database); test files make their own databases on it (databases.ts). */
    postgresUrl: string;
  }
}

/** A database with StartEx's migrations applied, copied for each test (databases.ts) instead of migrating each anew. */
export const MIGRATED_TEMPLATE = 'startex_migrated';

/**
 * One throwaway PostgreSQL cluster for every PostgreSQL test file of a run (the `postgres` project
 * in vitest.config.ts), so a run pays for initdb once, and a run without them not at all.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  // Should the run end without its teardown (an interrupted run), the server goes with it.
  const onExit = () => cluster.stopNow();
  process.once('exit', onExit);
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await admin.query(`CREATE DATABASE ${MIGRATED_TEMPLATE}`);
  await admin.end();
  await (await PostgresStore.open(cluster.url(MIGRATED_TEMPLATE))).close();
  project.provide('postgresUrl', cluster.url());
  return async () => {
    process.off('exit', onExit);
    await cluster.stop();
  };
}
