import { describe, expect, it } from 'vitest';
import { duplicateRow, getAt, moveItem, patchItem, setAt, updateList } from './edits.ts';
import { parseJsonPath } from './studioDocument.ts';

const document = {
  title: 'Port alarm',
  timeline: [
    { id: 'alarm', at: 'T+5', subject: 'Alarm', decision: { id: 'escalate', title: 'Escalate?' } },
    { id: 'call', at: 'T+10', subject: 'Call', number: 2 },
  ],
};

describe('document edits', () => {
  it('changes one field and leaves the document it started from as it was', () => {
    const next = patchItem(document, 'timeline', 1, { subject: 'Phone call', number: undefined });
    expect(next.timeline).toEqual([document.timeline[0], { id: 'call', at: 'T+10', subject: 'Phone call' }]);
    expect(document.timeline[1]).toEqual({ id: 'call', at: 'T+10', subject: 'Call', number: 2 });
    expect(next.timeline).not.toBe(document.timeline);
  });

  it('sets a value deep in the document, making the containers on the way, and removes a key with undefined', () => {
    const next = setAt(document, ['actions', 0, 'fields', 0, 'label'], 'Dose rate');
    expect(getAt(next, ['actions', 0, 'fields'])).toEqual([{ label: 'Dose rate' }]);
    expect(setAt(next, ['title'], undefined)).not.toHaveProperty('title');
  });

  it('duplicates a row below it with a fresh id, no number and its own decision id', () => {
    const next = duplicateRow(document, 0);
    expect(next.timeline).toEqual([
      document.timeline[0],
      { id: 'alarm_1', at: 'T+5', subject: 'Alarm', decision: { id: 'escalate_copy', title: 'Escalate?' } },
      document.timeline[1],
    ]);
  });

  it('moves a row within the list, never past its ends', () => {
    expect((moveItem(document, 'timeline', 0, 1).timeline as { id: string }[]).map((r) => r.id)).toEqual(['call', 'alarm']);
    expect(moveItem(document, 'timeline', 0, -1)).toBe(document);
  });

  it('changes a nested list as a whole', () => {
    const next = updateList({ objectives: [{ id: 'o', capabilityTargets: [] }] }, ['objectives', 0, 'capabilityTargets'], (list) => [...list, { id: 'target_1' }]);
    expect(next).toEqual({ objectives: [{ id: 'o', capabilityTargets: [{ id: 'target_1' }] }] });
  });

  it('reads the analyzer’s paths as segments', () => {
    expect(parseJsonPath('$.timeline[3].when.action')).toEqual(['timeline', 3, 'when', 'action']);
    expect(parseJsonPath('$.machine.states["odd key"].on[0]')).toEqual(['machine', 'states', 'odd key', 'on', 0]);
  });
});
