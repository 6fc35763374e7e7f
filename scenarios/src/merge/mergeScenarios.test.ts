import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIBRARY } from '../library/index.ts';
import { mergeScenarios, resolveConflict } from './mergeScenarios.ts';

const base = () => structuredClone(LIBRARY['response-city-device']!);

describe('mergeScenarios', () => {
  it('keeps what both authors changed in different places: rows, fields of one row, teams, settings', () => {
    const theirs = base();
    const yours = base();
    theirs.timeline[0]!.subject = 'Their subject';
    yours.timeline[0]!.body = 'Your body';
    theirs.teams.push({ id: 'hospital', name: 'Regional hospital', agency: 'health' });
    yours.timeline.splice(1, 0, { ...yours.timeline[1]!, id: 'your_new_row', subject: 'Your new row', number: 50 });
    theirs.timeline.splice(3, 1);
    yours.summary = 'Your summary';
    const { document, conflicts } = mergeScenarios(base(), theirs, yours);

    expect(conflicts).toEqual([]);
    const expected = base();
    expected.timeline[0]!.subject = 'Their subject';
    expected.timeline[0]!.body = 'Your body';
    expected.teams.push({ id: 'hospital', name: 'Regional hospital', agency: 'health' });
    expected.timeline.splice(3, 1);
    expected.timeline.splice(1, 0, { ...expected.timeline[1]!, id: 'your_new_row', subject: 'Your new row', number: 50 });
    expected.summary = 'Your summary';
    expect(document).toEqual(expected);
  });

  it('lists a field both changed, keeps yours, and settles it either way', () => {
    const theirs = base();
    const yours = base();
    theirs.timeline[2]!.subject = 'Their subject';
    yours.timeline[2]!.subject = 'Your subject';
    theirs.timeline[2]!.to = ['police', 'fire_rescue'];
    const { document, conflicts } = mergeScenarios(base(), theirs, yours);
    const row = base().timeline[2]!;
    expect(conflicts).toEqual([
      { path: ['timeline', row.id, 'subject'], part: 'timeline', title: 'Your subject', kind: 'both-changed', base: row.subject, theirs: 'Their subject', yours: 'Your subject' },
    ]);
    // Their other change to the same row is in.
    expect(document.timeline).toEqual(base().timeline.map((r, i) => (i === 2 ? { ...r, subject: 'Your subject', to: ['police', 'fire_rescue'] } : r)));
    const settled = resolveConflict(document, conflicts[0]!, 'theirs');
    expect((settled.timeline as { subject: string }[])[2]!.subject).toBe('Their subject');
    expect((document.timeline as { subject: string }[])[2]!.subject).toBe('Your subject');
  });

  it('keeps a row one author removed while the other changed it, and says so', () => {
    const theirs = base();
    const yours = base();
    const row = theirs.timeline.splice(4, 1)[0]!;
    yours.timeline[4]!.body = 'Rewritten while they deleted it';
    const { document, conflicts } = mergeScenarios(base(), theirs, yours);
    expect(conflicts).toEqual([
      { path: ['timeline', row.id], part: 'timeline', title: row.subject, kind: 'removed-by-them', base: row, yours: { ...row, body: 'Rewritten while they deleted it' } },
    ]);
    expect(document.timeline).toEqual(yours.timeline);
    expect(resolveConflict(document, conflicts[0]!, 'theirs').timeline).toEqual(theirs.timeline);

    const mine = base();
    mine.timeline.splice(4, 1);
    const other = base();
    other.timeline[4]!.subject = 'Changed by them';
    const kept = mergeScenarios(base(), other, mine);
    expect(kept.conflicts.map((c) => c.kind)).toEqual(['removed-by-you']);
    expect(kept.document.timeline).toEqual(other.timeline);
  });

  it('takes the order of the author who moved rows, with the other´s edits and new rows', () => {
    const theirs = base();
    const yours = base();
    const moved = theirs.timeline.shift()!;
    theirs.timeline.push(moved);
    yours.timeline[5]!.subject = 'Edited';
    yours.timeline.push({ ...yours.timeline[0]!, id: 'last_row', number: 60 });
    const { document, conflicts } = mergeScenarios(base(), theirs, yours);
    expect(conflicts).toEqual([]);
    const ids = (document.timeline as { id: string }[]).map((r) => r.id);
    // Your new row follows the row it follows in yours.
    const theirIds = theirs.timeline.map((r) => r.id);
    expect(ids).toEqual([...theirIds.slice(0, -1), 'last_row', moved.id]);
    expect((document.timeline as { id: string; subject: string }[]).find((r) => r.id === yours.timeline[5]!.id)!.subject).toBe('Edited');
  });

  it('takes no version number for a conflict: a draft merged with a version published meanwhile keeps both authors´ changes', () => {
    const theirs = { ...base(), version: 3, summary: 'Uploaded meanwhile' };
    const yours = { ...base(), version: 1 };
    yours.timeline[4]!.subject = 'Your subject';
    const { document, conflicts } = mergeScenarios({ ...base(), version: 2 }, theirs, yours);
    expect(conflicts).toEqual([]);
    expect(document).toEqual({ ...yours, summary: 'Uploaded meanwhile' });
  });

  it('is the one side when the other changed nothing, and never keeps a prototype-polluting key as a prototype', () => {
    const edits = fc.record({ title: fc.string({ minLength: 1, maxLength: 20 }), duration: fc.integer({ min: 1, max: 500 }), drop: fc.nat({ max: 20 }) });
    fc.assert(
      fc.property(edits, ({ title, duration, drop }) => {
        const changed = { ...base(), title, expectedDurationMinutes: duration, timeline: base().timeline.filter((_, i) => i !== drop) };
        expect(mergeScenarios(base(), changed, base())).toEqual({ document: changed, conflicts: [] });
        expect(mergeScenarios(base(), base(), changed)).toEqual({ document: changed, conflicts: [] });
      }),
      { numRuns: 30 },
    );
    const hostile = JSON.parse('{"title":"x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const { document } = mergeScenarios({ title: 'x' }, { title: 'y' }, hostile);
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
