import { describe, expect, it } from 'vitest';
import { ScenarioDocument, type LogEntry, type LogEvent, type ReleasedInject } from '@startex/shared';
import { filterRows, mselRows, NO_FILTER, type MselRow } from './msel.ts';

/** Four planned injects and one released only by an action, across two teams and two states. */
const document = ScenarioDocument.parse({
  schemaVersion: 2,
  id: 'msel-fixture',
  title: 'MSEL fixture',
  summary: 'Injects in every MSEL state.',
  exerciseType: 'drill',
  functions: ['detection'],
  expectedDurationMinutes: 60,
  scenarioStart: 'Day 1 10:00',
  teams: [
    { id: 'customs', name: 'Customs', agency: 'customs' },
    { id: 'police', name: 'Police', agency: 'police' },
  ],
  injects: [
    { id: 'alarm', number: 1, scenarioTime: 'Day 1 10:00', channel: 'sensor', from: 'Portal monitor', to: ['customs'], subject: 'Gamma alarm on lane 3', body: 'Level 2 alarm.' },
    { id: 'papers', number: 2, scenarioTime: 'Day 1 10:05', channel: 'face-to-face', from: 'Driver', to: ['customs'], subject: 'The driver’s papers', body: 'Declared as scrap.' },
    { id: 'order', number: 3, scenarioTime: 'Day 1 10:12', channel: 'phone', from: 'Supervisor', to: ['customs', 'police'], subject: 'Secondary inspection', body: 'Use the identifier.' },
    { id: 'register', number: 4, scenarioTime: 'Day 1 10:50', channel: 'email', from: 'Source register', to: ['police'], subject: 'Register match', body: 'A gauge lost six months ago.' },
    { id: 'chaser', number: 5, channel: 'phone', from: 'Customs HQ', to: ['customs'], subject: 'Where is the notification?', body: 'Notify the regulator.', kind: 'contingency' },
  ],
  actions: [{ id: 'notify', label: 'Notify', teams: ['customs'] }],
  machine: {
    initial: 'alarm_state',
    states: {
      alarm_state: { entry: [{ release: 'alarm' }, { release: 'papers' }], after: [{ minutes: 12, target: 'inspection' }] },
      inspection: {
        entry: [{ release: 'order' }],
        after: [{ minutes: 38, effects: [{ release: 'register' }] }],
        on: [{ action: 'notify', effects: [{ release: 'chaser' }] }],
      },
    },
  },
});

const START_MS = 10 * 3_600_000;
const MINUTE = 60_000;

const released = (inject: Partial<ReleasedInject> & Pick<ReleasedInject, 'id' | 'number' | 'to' | 'subject'>): LogEvent => ({
  type: 'inject.released',
  inject: { channel: 'phone', from: 'Control', body: '', kind: 'standard', ...inject },
});

/** A log whose nth entry happened at `minutes[n]` of exercise time. */
const log = (events: { at: number; event: LogEvent }[]): LogEntry[] =>
  events.map(({ at, event }, i) => ({
    ...event,
    exerciseId: 'x',
    seq: i + 1,
    wallTime: i,
    exerciseTimeMs: at * MINUTE,
    scenarioTimeMs: START_MS + at * MINUTE,
    actor: { kind: 'system' },
  }) as LogEntry);

/** The MSEL as a controller reads it, one line a row. */
const summary = (rows: MselRow[]) =>
  rows.map((row) => ({
    id: row.id,
    state: row.state,
    exercise: row.releasedAtExerciseMs ?? row.plannedExerciseMs,
    teams: row.progress ? Object.fromEntries(Object.entries(row.progress.teams).map(([team, p]) => [team, p.status])) : {},
    held: row.progress?.held?.reason,
    skipped: row.progress?.skipped?.reason,
    lateByWallMs: row.progress?.lateByWallMs,
  }));

describe('mselRows', () => {
  it('lists every planned inject as upcoming, in planned order, with planned exercise time and the states that release it', () => {
    const rows = mselRows(document, []);
    expect(rows.map((r) => [r.id, r.state, r.planned, r.plannedExerciseMs, r.phases])).toEqual([
      ['alarm', 'upcoming', 'Day 1 10:00', 0, ['alarm_state']],
      ['papers', 'upcoming', 'Day 1 10:05', 5 * MINUTE, ['alarm_state']],
      ['order', 'upcoming', 'Day 1 10:12', 12 * MINUTE, ['inspection']],
      ['register', 'upcoming', 'Day 1 10:50', 50 * MINUTE, ['inspection']],
      // Released only by an action: no time, so last.
      ['chaser', 'upcoming', undefined, undefined, ['inspection']],
    ]);
  });

  it('folds releases, holds, skips, lateness, acknowledgements and ad hoc injects from the log', () => {
    const entries = log([
      { at: 0, event: released({ id: 'alarm', number: 1, to: ['customs'], subject: 'Gamma alarm on lane 3' }) },
      { at: 1, event: { type: 'inject.delivered', injectId: 'alarm', teamId: 'customs' } },
      { at: 2, event: { type: 'inject.acknowledged', injectId: 'alarm', teamId: 'customs' } },
      { at: 3, event: { type: 'inject.skipped', injectId: 'papers', reason: 'Driver actor absent' } },
      { at: 4, event: { type: 'inject.held', injectId: 'order', reason: 'Supervisor role not staffed yet' } },
      { at: 6, event: { type: 'inject.edited', injectId: 'register', subject: 'Register match (edited)' } },
      { at: 7, event: { type: 'inject.released', inject: { id: 'adhoc-1', number: 101, channel: 'radio', from: 'Control', to: ['police'], subject: 'Road closed', body: '', kind: 'standard', adHoc: true } } },
      { at: 14, event: { ...released({ id: 'chaser', number: 5, to: ['customs'], subject: 'Where is the notification?', kind: 'contingency' }), lateByMs: 90_000 } as LogEvent },
    ]);
    const rows = mselRows(document, entries);
    expect(summary(rows)).toEqual([
      { id: 'alarm', state: 'released', exercise: 0, teams: { customs: 'acknowledged' }, held: undefined, skipped: undefined, lateByWallMs: undefined },
      { id: 'papers', state: 'skipped', exercise: 5 * MINUTE, teams: {}, held: undefined, skipped: 'Driver actor absent', lateByWallMs: undefined },
      // Out of the scenario's order: released at T+7, before the planned T+12 of the held inject.
      { id: 'adhoc-1', state: 'released', exercise: 7 * MINUTE, teams: { police: 'released' }, held: undefined, skipped: undefined, lateByWallMs: undefined },
      { id: 'order', state: 'held', exercise: 12 * MINUTE, teams: {}, held: 'Supervisor role not staffed yet', skipped: undefined, lateByWallMs: undefined },
      { id: 'chaser', state: 'released', exercise: 14 * MINUTE, teams: { customs: 'released' }, held: undefined, skipped: undefined, lateByWallMs: 90_000 },
      { id: 'register', state: 'upcoming', exercise: 50 * MINUTE, teams: {}, held: undefined, skipped: undefined, lateByWallMs: undefined },
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('register')).toMatchObject({ subject: 'Register match (edited)', edited: true, adHoc: false });
    expect(byId.get('adhoc-1')).toMatchObject({ adHoc: true, channel: 'radio', releasedAtScenarioMs: START_MS + 7 * MINUTE, phases: [] });
    expect(byId.get('chaser')).toMatchObject({ releasedAtScenarioMs: START_MS + 14 * MINUTE, releasedAtExerciseMs: 14 * MINUTE });
  });

  it('releasing a held inject clears the hold', () => {
    const entries = log([
      { at: 4, event: { type: 'inject.held', injectId: 'order', reason: 'Wait for the supervisor' } },
      { at: 9, event: released({ id: 'order', number: 3, to: ['customs', 'police'], subject: 'Secondary inspection' }) },
    ]);
    const order = mselRows(document, entries).find((r) => r.id === 'order')!;
    expect([order.state, order.progress?.held, order.releasedAtExerciseMs]).toEqual(['released', undefined, 9 * MINUTE]);
  });
});

describe('filterRows', () => {
  const rows = mselRows(document, []);
  const ids = (filter: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...filter }).map((r) => r.id);

  it('shows everything without a filter', () => {
    expect(ids({})).toEqual(['alarm', 'papers', 'order', 'register', 'chaser']);
  });

  it('narrows by recipient team, by releasing state and by channel', () => {
    expect(ids({ team: 'police' })).toEqual(['order', 'register']);
    expect(ids({ phase: 'alarm_state' })).toEqual(['alarm', 'papers']);
    expect(ids({ channel: 'phone' })).toEqual(['order', 'chaser']);
    expect(ids({ team: 'customs', phase: 'inspection', channel: 'phone' })).toEqual(['order', 'chaser']);
    expect(ids({ team: 'police', channel: 'sensor' })).toEqual([]);
  });

  it('searches subject, body, sender and number, every word, in any case', () => {
    expect(ids({ search: 'gauge' })).toEqual(['register']);
    expect(ids({ search: 'SUPERVISOR' })).toEqual(['order']);
    expect(ids({ search: '#4' })).toEqual(['register']);
    expect(ids({ search: '  driver   scrap ' })).toEqual(['papers']);
    expect(ids({ search: 'driver gauge' })).toEqual([]);
  });
});
