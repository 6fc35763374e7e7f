import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '@startex/shared';
import { LIBRARY } from '../library/index.ts';
import { diffScenarios } from './diffScenarios.ts';

const city = () => structuredClone(LIBRARY['response-city-device']!);

describe('diffScenarios', () => {
  it('finds nothing between a document and itself, nor between a draft and the same document with its defaults filled in', () => {
    const document = city();
    expect(diffScenarios(document, structuredClone(document))).toMatchObject({ identical: true, settings: [], parts: [] });
    // As a person writes it: no `effects: []`, no `kind: standard` on the rows.
    const written = { ...document, timeline: document.timeline.map(({ effects: _e, kind, attachments: _a, ...row }) => (kind === 'standard' ? row : { ...row, kind })) };
    expect(diffScenarios(written, document).identical).toBe(true);
  });

  it('lists rows added, removed, changed field by field and moved, with teams, metrics, decisions and settings', () => {
    const before = city();
    const after = city();
    after.title = 'Suspicious device in the old town';
    const [first, second, third] = after.timeline;
    first!.subject = '112: abandoned bag by the fountain';
    first!.to = ['police', 'fire_rescue'];
    // The third row moves to the end; the second is removed; a new one comes after the first.
    after.timeline = [first!, { ...second!, id: 'bag_photo', subject: 'Photo of the bag', number: 40 }, ...after.timeline.slice(3), third!];
    after.teams.push({ id: 'hospital', name: 'Regional hospital', agency: 'health' });
    const metric = after.metrics[0]!;
    if (metric.kind === 'duration') metric.target = 99;
    const diff = diffScenarios(before, after);

    expect(diff.settings).toEqual([{ path: ['title'], before: before.title, after: 'Suspicious device in the old town' }]);
    expect(diff.parts.map((p) => p.part)).toEqual(['teams', 'metrics', 'timeline']);
    expect(diff.parts[0]!.changes).toEqual([
      { change: 'added', id: 'hospital', title: 'Regional hospital', index: before.teams.length, item: { id: 'hospital', name: 'Regional hospital', agency: 'health' } },
    ]);
    expect(diff.parts[1]!.changes).toEqual([
      { change: 'changed', id: metric.id, title: metric.title, index: 0, fields: [{ path: ['target'], before: (before.metrics[0] as { target: number }).target, after: 99 }] },
    ]);
    const timeline = diff.parts[2]!.changes;
    expect(timeline.find((c) => c.id === first!.id)).toEqual({
      change: 'changed',
      id: first!.id,
      title: '112: abandoned bag by the fountain',
      index: 0,
      fields: [
        { path: ['to'], before: ['police'], after: ['police', 'fire_rescue'] },
        { path: ['subject'], before: before.timeline[0]!.subject, after: '112: abandoned bag by the fountain' },
      ],
    });
    expect(timeline.find((c) => c.id === second!.id)).toMatchObject({ change: 'removed', index: 1, title: second!.subject });
    expect(timeline.find((c) => c.id === 'bag_photo')).toMatchObject({ change: 'added', index: 1, title: 'Photo of the bag' });
    expect(timeline.find((c) => c.id === third!.id)).toMatchObject({ change: 'changed', fields: [], moved: { from: 2, to: after.timeline.length - 1 } });
    // Only the moved row counts as moved: the rows between kept their order.
    expect(diff.counts).toEqual({ settings: 1, added: 2, removed: 1, changed: 2, moved: 1 });
  });

  it("shows a row's decision as a decision of its own, and a hand-written state's changes under its path", () => {
    const before = city();
    const after = structuredClone(before);
    const row = after.timeline.find((r) => r.decision)!;
    row.decision!.within = row.decision!.within + 5;
    const diff = diffScenarios(before, after);
    expect(diff.parts).toEqual([
      {
        part: 'decisions',
        changes: [
          {
            change: 'changed',
            id: row.decision!.id,
            title: row.decision!.title,
            index: 0,
            fields: [{ path: ['within'], before: row.decision!.within - 5, after: row.decision!.within }],
          },
        ],
      },
    ]);

    const demo: ScenarioDocument = structuredClone(LIBRARY.demo!);
    const edited = structuredClone(demo);
    const [key, state] = Object.entries(edited.machine.states!).find(([, s]) => (s.after ?? []).length > 0)!;
    state.after![0]!.minutes += 1;
    expect(diffScenarios(demo, edited).parts).toEqual([
      {
        part: 'states',
        changes: [
          {
            change: 'changed',
            id: key,
            title: state.title ?? key,
            index: expect.any(Number),
            fields: [{ path: ['after'], before: demo.machine.states![key]!.after, after: state.after }],
          },
        ],
      },
    ]);
  });

  it('names the fields of an action by their name, and compares a draft that does not pass the schema as written', () => {
    const before = city();
    const after = city();
    const action = after.actions.find((a) => a.fields.length > 0)!;
    action.fields[0]!.label = 'Changed label';
    const diff = diffScenarios(before, after);
    expect(diff.parts[0]!.changes[0]).toMatchObject({ fields: [{ path: ['fields', action.fields[0]!.name, 'label'], after: 'Changed label' }] });

    const draft = { ...city(), title: '' }; // not valid: a title is required
    expect(diffScenarios(before, draft).settings).toEqual([{ path: ['title'], before: before.title, after: '' }]);
  });
});
