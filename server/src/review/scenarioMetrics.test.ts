import { describe, expect, it } from 'vitest';
import { ScenarioDocument, type LogEntry } from '@startex/shared';
import { scenarioMetrics } from './scenarioMetrics.ts';

const scenario = ScenarioDocument.parse({
  schemaVersion: 3,
  id: 'metrics',
  title: 'Metrics',
  summary: 'Three teams, a call and a few actions.',
  exerciseType: 'drill',
  functions: ['response'],
  expectedDurationMinutes: 60,
  scenarioStart: 'Day 1 10:00',
  teams: [
    { id: 'police', name: 'Police', agency: 'police' },
    { id: 'fire', name: 'Fire', agency: 'fire-rescue' },
    { id: 'health', name: 'Health', agency: 'health' },
  ],
  injects: [{ id: 'call', number: 1, channel: 'phone', from: 'Dispatch', to: ['police', 'fire', 'health'], subject: 'Call', body: 'A call.' }],
  actions: [
    { id: 'sitrep', label: 'Send a situation report', teams: ['police', 'fire', 'health'], fields: [{ name: 'to', label: 'To', type: 'choice', options: ['Crisis centre', 'Ministry'] }] },
    { id: 'escalate', label: 'Escalate', teams: ['police', 'fire', 'health'], fields: [] },
  ],
  metrics: [
    { id: 'first_sitrep', title: 'Call to a sitrep to the crisis centre', from: { on: 'inject.released', inject: 'call' }, to: { on: 'action.taken', action: 'sitrep', where: { to: 'Crisis centre' } }, target: 10, unit: 'minutes' },
    { id: 'no_escalation', kind: 'yes-no', title: 'Resolved without escalation', holds: { not: { action: 'escalate' } } },
    { id: 'sitrep_in_time', kind: 'yes-no', title: 'Sitrep within 10 minutes of the call', holds: { action: 'sitrep', within: 10, of: 'call' }, perTeam: false },
    { id: 'sitreps', kind: 'count', title: 'Situation reports', counts: { action: 'sitrep' }, atLeast: 2 },
    { id: 'acknowledged_by_all', kind: 'yes-no', title: 'Every team acknowledged the call', holds: { acknowledged: 'call', every: true }, perTeam: false },
    { id: 'sitrep_by_t20', kind: 'every-team', title: 'Every team sent a sitrep by T+20', action: 'sitrep', by: 'T+20' },
  ],
  machine: { initial: 'play', states: { play: {}, endex: { type: 'final' } } },
});

let seq = 0;
const entry = (minute: number, event: Record<string, unknown>) => ({ exerciseId: 'x', seq: ++seq, wallTime: minute * 60_000, exerciseTimeMs: minute * 60_000, scenarioTimeMs: 0, actor: { kind: 'system' }, ...event }) as LogEntry;
const sitrep = (minute: number, teamId: string, to: string) => entry(minute, { type: 'action.taken', actionId: 'sitrep', teamId, fields: { to }, idempotencyKey: `k${seq}` });
const LOG: LogEntry[] = [
  entry(0, { type: 'exercise.started', speed: 1, scenarioStartMs: 0 }),
  entry(2, { type: 'inject.released', inject: { id: 'call', number: 1, channel: 'phone', from: 'Dispatch', to: ['police', 'fire', 'health'], subject: 'Call', body: 'A call.', kind: 'standard' } }),
  entry(3, { type: 'inject.acknowledged', injectId: 'call', teamId: 'police' }),
  entry(4, { type: 'inject.acknowledged', injectId: 'call', teamId: 'fire' }),
  sitrep(5, 'police', 'Ministry'),
  sitrep(8, 'police', 'Crisis centre'),
  sitrep(15, 'fire', 'Crisis centre'),
  entry(16, { type: 'action.taken', actionId: 'escalate', teamId: 'fire', fields: {}, idempotencyKey: 'esc' }),
  sitrep(25, 'health', 'Ministry'),
  entry(40, { type: 'exercise.ended' }),
];

const results = (id: string, log = LOG) => {
  const metric = scenarioMetrics(scenario, log).find((m) => m.metricId === id)!;
  return Object.fromEntries(metric.results.map((r) => [r.teamId ?? 'all', r.value === undefined ? r.status : `${r.value} ${r.status}`]));
};

describe('scenario metrics beyond durations', () => {
  it('measures a duration to the first action with the field values asked for', () => {
    expect(results('first_sitrep')).toEqual({ police: '6 met', fire: '13 not-met', health: 'not-met' });
  });

  it('answers yes/no per team (a fact naming no team means the team’s own) and for the exercise, with deadlines', () => {
    expect(results('no_escalation')).toEqual({ police: '1 met', fire: '0 not-met', health: '1 met' });
    expect(results('sitrep_in_time')).toEqual({ all: '1 met' });
    expect(results('acknowledged_by_all')).toEqual({ all: '0 not-met' });
  });

  it('counts actions per team against a target', () => {
    expect(results('sitreps')).toEqual({ police: '2 met', fire: '1 not-met', health: '1 not-met' });
  });

  it('says when each team did it, and how many did it in time', () => {
    expect(results('sitrep_by_t20')).toEqual({ police: '5 met', fire: '15 met', health: '25 not-met', all: '2 not-met' });
  });

  it('gives no answer yet where play could still change it', () => {
    const live = LOG.slice(0, -1);
    expect(results('no_escalation', live)).toEqual({ police: 'no-data', fire: 'no-data', health: 'no-data' });
    expect(results('sitreps', live)).toEqual({ police: '2 met', fire: '1 no-data', health: '1 no-data' });
  });
});
