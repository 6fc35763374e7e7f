import { ScenarioDocument, type Actor, type LogEntry, type LogEvent } from '@startex/shared';

/**
 * A small recorded exercise, written by hand: two teams (customs, police), an alarm on time, a
 * paper check released two minutes late, a contingency tip, a held recall, acknowledgements and
 * actions, observations during and after play, ratings by two evaluators, one reconciliation by
 * the director (the lead evaluator) and a team's hot-wash. review.fixture.test.ts states by hand
 * what the review of it must be.
 */
export const FIXTURE_SCENARIO = ScenarioDocument.parse({
  schemaVersion: 2,
  id: 'fixture-border',
  title: 'Fixture: alarm at the border',
  summary: 'Hand-checked review fixture.',
  exerciseType: 'drill',
  functions: ['detection'],
  expectedDurationMinutes: 20,
  scenarioStart: 'Day 1 09:00',
  teams: [
    { id: 'customs', name: 'Customs post', agency: 'customs' },
    { id: 'police', name: 'Police patrol', agency: 'police' },
  ],
  objectives: [
    {
      id: 'detect',
      title: 'Verify the alarm',
      capabilityTargets: [{ id: 'verify_alarm', title: 'Verify within 5 minutes', criticalTasks: [{ id: 'verify', title: 'Hold and re-scan the truck' }] }],
    },
    {
      id: 'respond',
      title: 'Protect the public',
      capabilityTargets: [{ id: 'cordon_target', title: 'Cordon within 10 minutes', criticalTasks: [{ id: 'cordon', title: 'Set a 30 m cordon' }] }],
    },
  ],
  metrics: [
    { id: 'time_to_hold', title: 'Alarm to hold', from: { on: 'inject.released', inject: 'alarm' }, to: { on: 'action.taken', action: 'hold_vehicle' }, target: 3, unit: 'minutes' },
    { id: 'time_to_cordon', title: 'StartEx to cordon', from: { on: 'startex' }, to: { on: 'action.taken', action: 'set_cordon' }, target: 5, unit: 'minutes' },
    { id: 'tip_acknowledged', title: 'Tip to acknowledgement', from: { on: 'inject.released', inject: 'tip' }, to: { on: 'inject.acknowledged', inject: 'tip' }, target: 2, unit: 'minutes' },
    { id: 'found_to_cordon', title: 'Source found to cordon', from: { on: 'milestone', milestone: 'found' }, to: { on: 'action.taken', action: 'set_cordon' }, target: 600, unit: 'seconds', perTeam: false },
  ],
  injects: [
    { id: 'alarm', number: 1, scenarioTime: 'Day 1 09:00', channel: 'sensor', from: 'Portal monitor', to: ['customs'], subject: 'Gamma alarm', body: 'Lane 3.', criticalTasks: ['verify'] },
    { id: 'papers', number: 2, scenarioTime: 'Day 1 09:05', channel: 'face-to-face', from: 'Driver', to: ['customs', 'police'], subject: 'Papers do not match', body: 'Scrap?', criticalTasks: ['cordon'] },
    { id: 'tip', number: 3, channel: 'phone', from: 'Informant', to: ['police'], subject: 'Anonymous tip', body: 'Check the truck.', kind: 'contingency' },
    { id: 'recall', number: 4, scenarioTime: 'Day 1 09:30', channel: 'phone', from: 'Reachback', to: ['customs'], subject: 'Recall the truck', body: 'Now.' },
  ],
  actions: [
    { id: 'hold_vehicle', label: 'Hold the vehicle', teams: ['customs'], criticalTasks: ['verify'] },
    { id: 'set_cordon', label: 'Set a cordon', teams: ['police'], criticalTasks: ['cordon'] },
  ],
  // One phase with a title of its own, one without (shown as its key in words).
  machine: { initial: 'play', states: { play: { title: 'Alarm and response' }, wrap: {} } },
});

const START_WALL = Date.UTC(2026, 10, 27, 7, 0, 0);
const SCENARIO_START_MS = 9 * 3_600_000;
const director: Actor = { kind: 'controller', id: 'director-1', name: 'Dana', role: 'director' };
const controller: Actor = { kind: 'controller', id: 'controller-1', name: 'Carl', role: 'controller' };
const system: Actor = { kind: 'system' };
const eva: Actor = { kind: 'evaluator', id: 'eval-1', name: 'Eva' };
const rolandas: Actor = { kind: 'evaluator', id: 'eval-2', name: 'Rolandas' };
const anna: Actor = { kind: 'participant', teamId: 'customs', userId: 'u-anna' };
const policeTablet: Actor = { kind: 'participant', teamId: 'police' };

/** One entry: seq, exercise time (ms since StartEx, speed 1 so wall time moves alike), who, what. */
const at = (seq: number, exerciseTimeMs: number, actor: Actor, event: LogEvent): LogEntry =>
  ({ ...event, exerciseId: 'fixture', seq, wallTime: START_WALL + exerciseTimeMs, exerciseTimeMs, scenarioTimeMs: SCENARIO_START_MS + exerciseTimeMs, actor }) as LogEntry;

const released = (id: string, lateByMs?: number): LogEvent => {
  const inject = FIXTURE_SCENARIO.injects.find((i) => i.id === id)!;
  const copy = { id, number: inject.number, channel: inject.channel, from: inject.from, to: inject.to, subject: inject.subject, body: inject.body, kind: inject.kind };
  return lateByMs === undefined ? { type: 'inject.released', inject: copy } : { type: 'inject.released', inject: copy, lateByMs };
};

export const FIXTURE_LOG: LogEntry[] = [
  at(1, 0, director, { type: 'exercise.readied' }),
  at(2, 0, director, { type: 'exercise.started', speed: 1, scenarioStartMs: SCENARIO_START_MS }),
  at(3, 0, director, { type: 'state.entered', states: ['play'] }),
  at(4, 0, director, released('alarm')),
  at(5, 20_000, anna, { type: 'inject.delivered', injectId: 'alarm', teamId: 'customs' }),
  at(6, 60_000, anna, { type: 'inject.acknowledged', injectId: 'alarm', teamId: 'customs' }),
  at(7, 150_000, anna, { type: 'action.taken', actionId: 'hold_vehicle', teamId: 'customs', fields: {}, injectId: 'alarm', idempotencyKey: 'anna-hold-1' }),
  at(8, 420_000, system, released('papers', 120_000)),
  at(9, 430_000, policeTablet, { type: 'inject.delivered', injectId: 'papers', teamId: 'police' }),
  at(10, 440_000, anna, { type: 'inject.delivered', injectId: 'papers', teamId: 'customs' }),
  at(11, 480_000, policeTablet, { type: 'inject.acknowledged', injectId: 'papers', teamId: 'police' }),
  at(12, 600_000, controller, released('tip')),
  at(13, 720_000, policeTablet, { type: 'action.taken', actionId: 'set_cordon', teamId: 'police', fields: {}, idempotencyKey: 'police-cordon-1' }),
  at(14, 730_000, eva, {
    type: 'observation.recorded', observationId: 'o14', observedAtMs: 150_000, teamId: 'customs', objectiveId: 'detect', taskId: 'verify',
    kind: 'strength', rating: 'P', text: 'Held the truck and re-scanned at once.', idempotencyKey: 'eva-obs-1',
  }),
  at(15, 800_000, controller, { type: 'inject.held', injectId: 'recall', reason: 'Not needed: the truck is held.' }),
  at(16, 900_000, system, { type: 'state.entered', states: ['wrap'] }),
  at(17, 1_200_000, director, { type: 'exercise.ended' }),
  at(18, 1_200_000, rolandas, {
    type: 'observation.recorded', observationId: 'o18', observedAtMs: 700_000, teamId: 'police', objectiveId: 'respond',
    kind: 'area-for-improvement', rating: 'M', text: 'Cordon came late and too tight.', idempotencyKey: 'rolandas-obs-1',
  }),
  at(19, 1_200_000, eva, { type: 'rating.recorded', subject: { kind: 'target', id: 'verify_alarm' }, rating: 'P', reason: 'Fast and by the book.', idempotencyKey: 'eva-rate-1' }),
  at(20, 1_200_000, rolandas, { type: 'rating.recorded', subject: { kind: 'target', id: 'verify_alarm' }, rating: 'S', reason: 'No dose rate at 1 m.', idempotencyKey: 'rolandas-rate-1' }),
  at(21, 1_200_000, eva, { type: 'rating.recorded', subject: { kind: 'target', id: 'cordon_target' }, rating: 'M', reason: 'Twelve minutes.', idempotencyKey: 'eva-rate-2' }),
  at(22, 1_200_000, rolandas, { type: 'rating.recorded', subject: { kind: 'target', id: 'cordon_target' }, rating: 'M', reason: 'Late and tight.', idempotencyKey: 'rolandas-rate-2' }),
  at(23, 1_200_000, eva, { type: 'rating.recorded', subject: { kind: 'capability', id: 'detect' }, rating: 'S', reason: 'First take.', idempotencyKey: 'eva-rate-3' }),
  at(24, 1_200_000, eva, { type: 'rating.recorded', subject: { kind: 'capability', id: 'detect' }, rating: 'P', reason: 'On reflection: all done.', idempotencyKey: 'eva-rate-4' }),
  at(25, 1_200_000, director, {
    type: 'rating.reconciled', subject: { kind: 'target', id: 'verify_alarm' }, rating: 'S', reason: 'The dose rate at 1 m was missing.',
    consideredSeqs: [19, 20], idempotencyKey: 'dana-reconcile-1',
  }),
  at(26, 1_200_000, anna, {
    type: 'feedback.submitted', teamId: 'customs', wentWell: 'Quick hold.', toImprove: 'Radio to police.',
    objectives: [{ objectiveId: 'detect', wentWell: 'Re-scan drill paid off.', toImprove: '' }], idempotencyKey: 'anna-feedback-1',
  }),
  at(27, 1_200_000, rolandas, { type: 'observation.recorded', observationId: 'o27', observedAtMs: 1_000_000, kind: 'note', text: 'Debrief ran long.', idempotencyKey: 'rolandas-obs-2' }),
];
