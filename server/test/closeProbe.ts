// Run as a process of its own by SqliteStore.test.ts: appends to a new store, closes it and says so.
// With nothing else to do, the process must not end before close() has.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIBRARY } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { SqliteStore } from '../src/store/SqliteStore.ts';

const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'startex-close-')), 'startex.sqlite'));
await store.createExercise({ id: 'e', title: 'Close probe', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
const note = { exerciseId: 'e', seq: 1, wallTime: 1, exerciseTimeMs: 0, scenarioTimeMs: 0, actor: { kind: 'system' }, type: 'note.added', text: 'Last words' } as LogEntry;
await store.append([note]);
await store.close();
console.log('closed');
