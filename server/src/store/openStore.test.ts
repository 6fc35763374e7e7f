import { describe, expect, it } from 'vitest';
import { describeLocation, storeLocation } from './openStore.ts';

describe('where the store is', () => {
  it('is the SQLite file in the data folder unless STARTEX_DATABASE_URL names a PostgreSQL database', () => {
    expect(storeLocation({ dataDir: '/srv/startex', databaseUrl: undefined })).toEqual({ kind: 'sqlite', file: '/srv/startex/startex.sqlite' });
    expect(storeLocation({ dataDir: '/srv/startex', databaseUrl: ' ' })).toEqual({ kind: 'sqlite', file: '/srv/startex/startex.sqlite' });
    for (const url of ['postgres://startex:secret@db:5432/startex', 'postgresql://db/startex']) {
      expect(storeLocation({ dataDir: '/srv/startex', databaseUrl: url })).toEqual({ kind: 'postgres', url });
    }
  });

  it('refuses a URL of another database, saying what it takes', () => {
    expect(() => storeLocation({ dataDir: '/srv/startex', databaseUrl: 'mysql://db/startex' })).toThrow(
      'STARTEX_DATABASE_URL must be a PostgreSQL URL such as postgres://startex:password@db.example.lt:5432/startex; leave it unset to keep the data in SQLite under STARTEX_DATA_DIR.',
    );
  });

  it('is told without the database password', () => {
    expect(describeLocation({ kind: 'postgres', url: 'postgres://startex:s3cret@db.example.lt:5432/startex' })).toBe('PostgreSQL postgres://startex:***@db.example.lt:5432/startex');
    expect(describeLocation({ kind: 'sqlite', file: '/srv/startex/startex.sqlite' })).toBe('/srv/startex/startex.sqlite');
  });
});
