import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@startex/shared';
import { connected, emptyLogSync, liveEntry, mergeEntries, syncAnswered, type LogSync } from './logSync.ts';

const entry = (seq: number, text = `note ${seq}`): LogEntry =>
  ({
    exerciseId: 'x',
    seq,
    wallTime: 1_700_000_000_000 + seq,
    exerciseTimeMs: seq * 1000,
    scenarioTimeMs: seq * 1000,
    actor: { kind: 'system' },
    type: 'note.added',
    text,
  }) as LogEntry;

const seqs = (state: LogSync) => state.entries.map((e) => e.seq);

describe('logSync: a client copy of the log and its resync point', () => {
  it('a live entry that arrives before the sync answer, then a drop: the next sync still asks from the old point', () => {
    let log = syncAnswered(connected(emptyLogSync), [entry(1), entry(2)]);
    // The connection drops; entries 3-5 are committed meanwhile. A new connection asks after 2.
    log = connected(log);
    expect(log.lastSeq).toBe(2);
    // Entry 5 is broadcast live before the sync's answer (which would carry 3, 4, 5), and the connection drops again.
    log = liveEntry(log, entry(5));
    expect(log.lastSeq).toBe(2);
    log = connected(log);
    expect(log.lastSeq).toBe(2);
    // This time the answer arrives: 3 and 4 are not lost, 5 shows once.
    log = syncAnswered(log, [entry(3), entry(4), entry(5)]);
    expect(seqs(log)).toEqual([1, 2, 3, 4, 5]);
    expect(log.lastSeq).toBe(5);
  });

  it('once the sync has answered, live entries move the resync point', () => {
    let log = syncAnswered(connected(emptyLogSync), [entry(1)]);
    log = liveEntry(log, entry(2));
    log = liveEntry(log, entry(3));
    expect(log).toEqual({ entries: [entry(1), entry(2), entry(3)], lastSeq: 3, synced: true });
  });

  it('an entry received both live and by sync, or by two syncs, shows once', () => {
    let log = connected(emptyLogSync);
    log = liveEntry(log, entry(2));
    log = syncAnswered(log, [entry(1), entry(2)]);
    log = liveEntry(log, entry(2));
    log = syncAnswered(connected(log), [entry(2), entry(3)]);
    expect(log.entries).toEqual([entry(1), entry(2), entry(3)]);
    expect(log.lastSeq).toBe(3);
  });

  it('a viewer sees only some seqs: the gaps stay, the resync point is the last seq the answer had', () => {
    let log = syncAnswered(connected(emptyLogSync), [entry(2), entry(7)]);
    expect(log.lastSeq).toBe(7);
    log = liveEntry(log, entry(11));
    expect(seqs(log)).toEqual([2, 7, 11]);
    expect(log.lastSeq).toBe(11);
    // An empty answer (nothing new for this viewer) keeps the point.
    log = syncAnswered(connected(log), []);
    expect(log.lastSeq).toBe(11);
    expect(log.synced).toBe(true);
  });

  it('merges entries that arrive out of order into seq order, the later copy of a seq winning', () => {
    expect(mergeEntries([entry(1), entry(4)], [entry(3), entry(2)]).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(mergeEntries([entry(1), entry(2)], [entry(2, 'stored copy')])).toEqual([entry(1), entry(2, 'stored copy')]);
    const current = [entry(1)];
    expect(mergeEntries(current, [])).toBe(current);
    // In-order live entries are appended; the current array is never changed in place.
    expect(mergeEntries(current, [entry(2), entry(3)]).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(current).toEqual([entry(1)]);
  });
});
