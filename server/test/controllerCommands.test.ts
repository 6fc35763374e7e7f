import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasErrors, lintDocument } from '@startex/scenarios';
import { ScenarioDocument, type ControllerCommand, type LogEntry } from '@startex/shared';
import { ExerciseHost } from '../src/runtime/ExerciseHost.ts';
import {
  call,
  createExercise,
  LogMirror,
  multiTeamScenario,
  startServer,
  until,
  withoutTimes,
  type Harness,
  type TestExercise,
} from './harness.ts';

/** A scenario with a branch control chooses: escalate (releases an inject) or stand down. */
const decisionScenario = ScenarioDocument.parse({
  schemaVersion: 2,
  id: 'decision-drill',
  title: 'Decision drill',
  summary: 'Control decides whether the incident escalates.',
  exerciseType: 'tabletop',
  functions: ['response'],
  expectedDurationMinutes: 30,
  scenarioStart: 'Day 1 10:00',
  teams: [{ id: 'police', name: 'Police patrol', agency: 'police' }],
  injects: [
    { id: 'escalation', number: 1, channel: 'phone', from: 'Duty officer', to: ['police'], subject: 'National level informed', body: 'Escalated.' },
    { id: 'stand_down', number: 2, channel: 'radio', from: 'Duty officer', to: ['police'], subject: 'Stand down', body: 'False alarm.' },
  ],
  machine: {
    initial: 'assessing',
    states: {
      assessing: {
        decisions: [
          { decision: 'escalate', label: 'Escalate to national level', target: 'escalated' },
          { decision: 'stand_down', label: 'Stand down', target: 'endex', effects: [{ release: 'stand_down' }] },
        ],
      },
      escalated: { entry: [{ release: 'escalation' }], after: [{ minutes: 10, target: 'endex' }] },
      endex: { type: 'final' },
    },
  },
});

/** Two quiet phases, the second only a state change, before the first inject; then EndEx on a timer. */
const slowStartScenario = ScenarioDocument.parse({
  schemaVersion: 2,
  id: 'slow-start',
  title: 'Slow start',
  summary: 'A briefing phase passes before the first call comes in.',
  exerciseType: 'tabletop',
  functions: ['response'],
  expectedDurationMinutes: 30,
  scenarioStart: 'Day 1 10:00',
  teams: [{ id: 'police', name: 'Police patrol', agency: 'police' }],
  injects: [{ id: 'first_call', number: 1, channel: 'phone', from: 'Duty officer', to: ['police'], subject: 'First call', body: 'A caller reports a smell of gas.' }],
  machine: {
    initial: 'quiet',
    states: {
      quiet: { after: [{ minutes: 2, target: 'briefing' }] },
      briefing: { after: [{ minutes: 3, target: 'incident' }] },
      incident: { entry: [{ release: 'first_call' }], after: [{ minutes: 5, target: 'endex' }] },
      endex: { type: 'final' },
    },
  },
});

// Speed 1: scenario timers (the alarm 2 minutes after StartEx) never fire on their own during a
// test, so every entry in the log is one a command caused, or a timer a jump brought forward.
const SPEED = 1;

let h: Harness;
let ex: TestExercise;
let director: LogMirror;
let tablets: Record<'customs' | 'police' | 'fire', LogMirror>;

beforeEach(async () => {
  h = await startServer();
  ex = await createExercise(h, multiTeamScenario(), { speed: SPEED });
  director = new LogMirror(ex.director);
  tablets = { customs: new LogMirror(ex.joinCode('customs')), police: new LogMirror(ex.joinCode('police')), fire: new LogMirror(ex.joinCode('fire')) };
  await Promise.all([director, ...Object.values(tablets)].map((m) => m.open(h.url)));
});
afterEach(async () => {
  for (const mirror of [director, ...Object.values(tablets)]) mirror.close();
  await h.close();
});

const actor = () => ({ kind: 'controller', id: ex.director.userId, name: 'Test director', role: 'director' });

/** Sends a command that must succeed and returns the entries it logged, without their times. */
async function run(command: ControllerCommand, by: LogMirror = director) {
  const result = await call(by.socket!, 'command', command);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
  const sync = await call(by.socket!, 'sync', { afterSeq: result.seq - 1 });
  if (!sync.ok) throw new Error('sync refused');
  return sync.entries.map(withoutTimes);
}

async function refusal(command: unknown, by: LogMirror = director) {
  const result = await call(by.socket!, 'command', command);
  return result.ok ? result : result.error.code;
}

/** Everything committed so far has reached `mirror` once it sees a broadcast sent now (one socket keeps commit order). */
async function flushTo(...mirrors: LogMirror[]) {
  const text = `barrier ${Math.random()}`;
  await run({ type: 'broadcast', text });
  for (const mirror of mirrors) await until(() => mirror.entries.some((e) => e.type === 'message.sent' && e.text === text), 'the barrier broadcast');
}

const released = (mirror: LogMirror) => mirror.entries.flatMap((e) => (e.type === 'inject.released' ? [e.inject.id] : []));
const byType = (entries: LogEntry[], type: LogEntry['type']) => entries.filter((e) => e.type === type);

async function startPlay() {
  await run({ type: 'ready' });
  await run({ type: 'start' });
}

describe('controller commands over socket.io', () => {
  it('walks the lifecycle, refuses illegal transitions, and shows a halt to everyone', async () => {
    expect(await refusal({ type: 'start' })).toBe('ILLEGAL_TRANSITION');
    expect(await run({ type: 'ready' })).toEqual([{ type: 'exercise.readied', seq: 1, actor: actor() }]);
    for (const type of ['ready', 'pause', 'resume', 'end', 'close', 'jump'] as const) {
      expect(await refusal({ type }), type).toBe('ILLEGAL_TRANSITION');
    }
    expect(await run({ type: 'start' })).toEqual([
      { type: 'exercise.started', seq: 2, actor: actor(), speed: SPEED, scenarioStartMs: 9 * 3_600_000 },
      { type: 'state.entered', seq: 3, actor: actor(), states: ['quiet'] },
    ]);
    const report = { actionId: 'report_alarm', fields: { dose_rate_usvh: 1, vehicle_held: false } };
    const customs = tablets.customs.socket!;
    expect(await call(customs, 'action.take', { ...report, idempotencyKey: 'live-action-1' })).toMatchObject({ ok: true, seq: 4 });

    expect(await run({ type: 'pause' })).toEqual([{ type: 'exercise.paused', seq: 5, actor: actor() }]);
    expect(await refusal({ type: 'pause' })).toBe('ILLEGAL_TRANSITION');
    await until(() => tablets.customs.view?.status === 'paused', 'the paused view on the tablet');
    expect(await call(customs, 'action.take', { ...report, idempotencyKey: 'paused-action' })).toMatchObject({ ok: false, error: { code: 'EXERCISE_NOT_LIVE' } });
    // Messages still flow while paused.
    expect(await call(customs, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: 'Paused?', idempotencyKey: 'paused-message' })).toMatchObject({ ok: true, seq: 6 });
    expect(await run({ type: 'resume' })).toEqual([{ type: 'exercise.resumed', seq: 7, actor: actor() }]);

    const reason = 'Real casualty at the gate';
    expect(await run({ type: 'halt', reason })).toEqual([{ type: 'exercise.halted', seq: 8, actor: actor(), reason }]);
    for (const tablet of Object.values(tablets)) {
      const view = await until(() => tablet.view?.status === 'halted' && tablet.view, 'the halted view');
      expect(view.halt).toEqual({ reason });
    }
    expect(await call(customs, 'action.take', { ...report, idempotencyKey: 'halted-action' })).toMatchObject({ ok: false, error: { code: 'EXERCISE_NOT_LIVE' } });
    expect(await call(customs, 'message.send', { to: { teams: ['police'], organisations: [] }, text: 'Halted?', idempotencyKey: 'halted-message' }))
      .toMatchObject({ ok: false, error: { code: 'EXERCISE_NOT_LIVE' } });
    const resync = await call(tablets.fire.socket!, 'sync', { afterSeq: 0 });
    expect(resync).toMatchObject({ ok: true, exercise: { status: 'halted', halt: { reason } } });

    // Play goes on after a real-world emergency only with a reason, which is logged.
    expect(await refusal({ type: 'resume' })).toBe('HALT_RESUME_REASON_REQUIRED');
    const cleared = 'Casualty evacuated, gate clear';
    expect(await run({ type: 'resume', reason: cleared })).toEqual([{ type: 'exercise.resumed', seq: 9, actor: actor(), reason: cleared }]);
    const resumed = await until(() => tablets.customs.view?.status === 'live' && tablets.customs.view, 'the resumed view');
    expect(resumed.halt).toBeUndefined();
    expect(await run({ type: 'end' })).toEqual([{ type: 'exercise.ended', seq: 10, actor: actor() }]);
    expect(await refusal({ type: 'resume' })).toBe('ILLEGAL_TRANSITION');
    expect(await run({ type: 'note', text: 'Hot wash-up at 15:00' })).toEqual([{ type: 'note.added', seq: 11, actor: actor(), text: 'Hot wash-up at 15:00' }]);
    expect(await run({ type: 'close' })).toEqual([{ type: 'exercise.closed', seq: 12, actor: actor() }]);
    for (const type of ['start', 'resume', 'end', 'close'] as const) expect(await refusal({ type }), type).toBe('ILLEGAL_TRANSITION');
    expect(await refusal({ type: 'note', text: 'Too late' })).toBe('ILLEGAL_TRANSITION');

    const log = await h.server.runtime.store.readLog(ex.id);
    expect(log.map((e) => e.type)).toEqual([
      'exercise.readied',
      'exercise.started',
      'state.entered',
      'action.taken',
      'exercise.paused',
      'message.sent',
      'exercise.resumed',
      'exercise.halted',
      'exercise.resumed',
      'exercise.ended',
      'note.added',
      'exercise.closed',
    ]);
    // The exercise clock stood still while paused and while halted.
    const at = (seq: number) => log[seq - 1]!.exerciseTimeMs;
    expect([at(6), at(7)]).toEqual([at(5), at(5)]);
    expect(at(9)).toBe(at(8));
  });

  it('jump moves the clock to the next timer, which then fires; with nothing pending it is NOTHING_SCHEDULED', async () => {
    await startPlay();
    const live = await until(() => director.view?.status === 'live' && director.view, 'the live view');
    expect(live.control?.nextTimerExerciseMs).toBe(120_000);
    // The due timer fires right after the jump commits, so the jump's own batch is read from the log below.
    expect(await call(director.socket!, 'command', { type: 'jump' })).toMatchObject({ ok: true, seq: 4 });
    const alarm = await until(() => director.entries.find((e) => e.type === 'inject.released'), 'the alarm after the jump');
    const log = await h.server.runtime.store.readLog(ex.id);
    expect(log.slice(3).map(withoutTimes)).toEqual([
      { type: 'clock.jumped', seq: 4, actor: actor(), toExerciseMs: 120_000 },
      { type: 'timer.fired', seq: 5, actor: { kind: 'system' }, timer: 'quiet.after.0', dueExerciseMs: 120_000 },
      { type: 'state.entered', seq: 6, actor: { kind: 'system' }, states: ['alarm'] },
      { type: 'inject.released', seq: 7, actor: { kind: 'system' }, inject: expect.objectContaining({ id: 'portal_alarm', to: ['customs'] }) },
    ]);
    expect(log[3]!.exerciseTimeMs).toBe(120_000);
    expect(alarm.exerciseTimeMs).toBeGreaterThanOrEqual(120_000);
    // The tablet hears of the jump and the inject; the machine's internals stay with control.
    await until(() => released(tablets.customs).includes('portal_alarm'), 'the alarm on the tablet');
    expect(tablets.customs.entries.map((e) => e.type)).toEqual(['exercise.readied', 'exercise.started', 'clock.jumped', 'inject.released']);

    expect(await refusal({ type: 'jump' })).toBe('NOTHING_SCHEDULED');
    await run({ type: 'pause' });
    expect(await refusal({ type: 'jump' })).toBe('ILLEGAL_TRANSITION');
  });

  it('speed changes the clock during play, logged for everyone; the timers follow it, and a host reloaded from the log keeps the same clock', async () => {
    await startPlay();
    expect(await refusal({ type: 'speed', speed: 0 })).toBe('VALIDATION_FAILED');
    expect(await refusal({ type: 'speed', speed: 5000 })).toBe('VALIDATION_FAILED');
    // At speed 1 the alarm is two wall minutes away; at 600 it is a fifth of a second away.
    expect(await run({ type: 'speed', speed: 600 })).toEqual([{ type: 'clock.speed.changed', seq: 4, actor: actor(), speed: 600 }]);
    await until(() => released(tablets.customs).includes('portal_alarm'), 'the alarm, brought forward by the speed');
    for (const mirror of [director, ...Object.values(tablets)]) await until(() => mirror.view?.clock.speed === 600, 'the new speed in every view');
    expect(tablets.police.entries.map((e) => e.type)).toEqual(['exercise.readied', 'exercise.started', 'clock.speed.changed']);

    // Paused, the speed may change too; the clock stands still at the pause.
    await run({ type: 'pause' });
    expect(await run({ type: 'speed', speed: 2 })).toEqual([expect.objectContaining({ type: 'clock.speed.changed', speed: 2 })]);
    const log = await h.server.runtime.store.readLog(ex.id);
    const [paused, slowed] = log.slice(-2);
    expect(slowed!.exerciseTimeMs).toBe(paused!.exerciseTimeMs);
    await run({ type: 'resume' });

    // Restart and replay fold the same log: a host loaded from it runs the same clock at the same speed.
    const live = await h.server.runtime.get(ex.id);
    const reloaded = await ExerciseHost.load(h.server.runtime.store, live.record);
    try {
      const at = Date.now() + 60_000;
      expect(reloaded.view({ role: 'director' }).clock.speed).toBe(2);
      expect(reloaded.describe(at).exerciseTimeMs).toBe(live.describe(at).exerciseTimeMs);
    } finally {
      reloaded.dispose();
    }
    await run({ type: 'end' });
    expect(await refusal({ type: 'speed', speed: 10 })).toBe('ILLEGAL_TRANSITION');
  });

  it('jump goes to the next timed event: one that only changes state releases nothing, the next jump brings the inject, the last EndEx', async () => {
    expect(hasErrors(lintDocument(slowStartScenario))).toBe(false);
    const drill = await createExercise(h, slowStartScenario, { speed: SPEED, ready: true });
    const control = new LogMirror(drill.director);
    const police = new LogMirror(drill.joinCode('police'));
    await Promise.all([control.open(h.url), police.open(h.url)]);
    const drillActor = { kind: 'controller', id: drill.director.userId, name: 'Test director', role: 'director' };
    const system = { kind: 'system' };
    /** Jumps, and returns what the jump and the timer it brought forward logged. */
    const jump = async (seq: number, until_: (e: LogEntry) => boolean, what: string) => {
      expect(await call(control.socket!, 'command', { type: 'jump' })).toMatchObject({ ok: true, seq });
      await until(() => control.entries.some((e) => e.seq > seq && until_(e)), what);
      return control.entries.filter((e) => e.seq >= seq).map(withoutTimes);
    };
    try {
      await run({ type: 'start' }, control);
      const live = await until(() => control.view?.status === 'live' && control.view, 'the live view');
      expect(live.control?.nextTimerExerciseMs).toBe(120_000);
      // The next timer only enters the briefing: the jump goes there, and no inject is sent.
      expect(await jump(4, (e) => e.type === 'state.entered', 'the briefing')).toEqual([
        { type: 'clock.jumped', seq: 4, actor: drillActor, toExerciseMs: 120_000 },
        { type: 'timer.fired', seq: 5, actor: system, timer: 'quiet.after.0', dueExerciseMs: 120_000 },
        { type: 'state.entered', seq: 6, actor: system, states: ['briefing'] },
      ]);
      // The next jump goes to the timer that sends the first call.
      expect(await jump(7, (e) => e.type === 'inject.released', 'the first call')).toEqual([
        { type: 'clock.jumped', seq: 7, actor: drillActor, toExerciseMs: 300_000 },
        { type: 'timer.fired', seq: 8, actor: system, timer: 'briefing.after.0', dueExerciseMs: 300_000 },
        { type: 'state.entered', seq: 9, actor: system, states: ['incident'] },
        { type: 'inject.released', seq: 10, actor: system, inject: expect.objectContaining({ id: 'first_call', to: ['police'] }) },
      ]);
      await until(() => released(police).includes('first_call'), 'the first call on the tablet');
      // The last timer ends play.
      expect(await jump(11, (e) => e.type === 'exercise.ended', 'EndEx')).toEqual([
        { type: 'clock.jumped', seq: 11, actor: drillActor, toExerciseMs: 600_000 },
        { type: 'timer.fired', seq: 12, actor: system, timer: 'incident.after.0', dueExerciseMs: 600_000 },
        { type: 'state.entered', seq: 13, actor: system, states: ['endex'] },
        { type: 'exercise.ended', seq: 14, actor: system },
      ]);
      expect(released(police)).toEqual(['first_call']);
      expect(await refusal({ type: 'jump' }, control)).toBe('ILLEGAL_TRANSITION');
    } finally {
      control.close();
      police.close();
    }
  });

  it("jump to the next inject passes timers that only move the story on, firing them in order; with no timed inject left it is NOTHING_SCHEDULED", async () => {
    const drill = await createExercise(h, slowStartScenario, { speed: SPEED, ready: true });
    const control = new LogMirror(drill.director);
    await control.open(h.url);
    const drillActor = { kind: 'controller', id: drill.director.userId, name: 'Test director', role: 'director' };
    const system = { kind: 'system' };
    try {
      await run({ type: 'start' }, control);
      await until(() => control.view?.status === 'live', 'the live view');
      expect(await call(control.socket!, 'command', { type: 'jump', to: 'inject' })).toMatchObject({ ok: true, seq: 4 });
      await until(() => control.entries.some((e) => e.type === 'inject.released'), 'the first call');
      expect(control.entries.filter((e) => e.seq >= 4).map(withoutTimes)).toEqual([
        { type: 'clock.jumped', seq: 4, actor: drillActor, toExerciseMs: 300_000 },
        { type: 'timer.fired', seq: 5, actor: system, timer: 'quiet.after.0', dueExerciseMs: 120_000 },
        { type: 'state.entered', seq: 6, actor: system, states: ['briefing'] },
        { type: 'timer.fired', seq: 7, actor: system, timer: 'briefing.after.0', dueExerciseMs: 300_000 },
        { type: 'state.entered', seq: 8, actor: system, states: ['incident'] },
        { type: 'inject.released', seq: 9, actor: system, inject: expect.objectContaining({ id: 'first_call', to: ['police'] }) },
      ]);
      // Only EndEx is left on the clock: no inject to jump to, and nothing is logged.
      const before = (await h.server.runtime.store.readLog(drill.id)).length;
      expect(await refusal({ type: 'jump', to: 'inject' }, control)).toBe('NOTHING_SCHEDULED');
      expect(await h.server.runtime.store.readLog(drill.id)).toHaveLength(before);
      // The plain jump still goes there.
      expect(await call(control.socket!, 'command', { type: 'jump' })).toMatchObject({ ok: true });
      await until(() => control.entries.some((e) => e.type === 'exercise.ended'), 'EndEx');
    } finally {
      control.close();
    }
  });

  it('a contingency inject is released by command to its addressees only, marked as contingency', async () => {
    await startPlay();
    expect(await run({ type: 'release', injectId: 'supervisor_chaser' })).toEqual([
      {
        type: 'inject.released',
        seq: 4,
        actor: actor(),
        inject: expect.objectContaining({ id: 'supervisor_chaser', kind: 'contingency', to: ['customs'], subject: 'Lane 3 alarm: status?' }),
      },
    ]);
    await flushTo(tablets.customs, tablets.police, tablets.fire);
    expect(tablets.customs.entries.filter((e) => e.type === 'inject.released').map(withoutTimes)).toEqual([
      { type: 'inject.released', seq: 4, actor: actor(), inject: expect.objectContaining({ id: 'supervisor_chaser', kind: 'contingency' }) },
    ]);
    expect(released(tablets.police)).toEqual([]);
    expect(released(tablets.fire)).toEqual([]);
  });

  it('release sends an inject once; unknown injects are INJECT_NOT_FOUND', async () => {
    await startPlay();
    const entries = await run({ type: 'release', injectId: 'police_call' });
    expect(entries).toEqual([
      {
        type: 'inject.released',
        seq: 4,
        actor: actor(),
        inject: {
          id: 'police_call',
          number: 3,
          channel: 'phone',
          from: 'Regional dispatch',
          to: ['police'],
          subject: 'Secure the customs post',
          body: 'Secure the customs post: details follow.',
          kind: 'standard',
        },
      },
    ]);
    expect(await refusal({ type: 'release', injectId: 'police_call' })).toBe('INJECT_ALREADY_RELEASED');
    for (const type of ['hold', 'skip'] as const) expect(await refusal({ type, injectId: 'police_call', reason: 'late' }), type).toBe('INJECT_ALREADY_RELEASED');
    expect(await refusal({ type: 'release', injectId: 'no_such_inject' })).toBe('INJECT_NOT_FOUND');
    await flushTo(tablets.police, tablets.customs, tablets.fire);
    expect(released(tablets.police)).toEqual(['police_call']);
    expect(released(tablets.customs)).toEqual([]);
    expect(released(tablets.fire)).toEqual([]);
  });

  it('hold keeps the scenario from sending an inject (suppressed "held") until a release command sends it', async () => {
    await startPlay();
    expect(await run({ type: 'hold', injectId: 'portal_alarm', reason: 'Team is briefing' })).toEqual([
      { type: 'inject.held', seq: 4, actor: actor(), injectId: 'portal_alarm', reason: 'Team is briefing' },
    ]);
    await run({ type: 'jump' });
    await until(() => director.entries.some((e) => e.type === 'inject.suppressed'), 'the suppression');
    expect(director.entries.slice(5).map(withoutTimes)).toEqual([
      { type: 'timer.fired', seq: 6, actor: { kind: 'system' }, timer: 'quiet.after.0', dueExerciseMs: 120_000 },
      { type: 'state.entered', seq: 7, actor: { kind: 'system' }, states: ['alarm'] },
      { type: 'inject.suppressed', seq: 8, actor: { kind: 'system' }, injectId: 'portal_alarm', because: 'held' },
    ]);
    await flushTo(tablets.customs);
    expect(released(tablets.customs)).toEqual([]);
    expect(tablets.customs.entries.some((e) => e.type === 'inject.held' || e.type === 'inject.suppressed')).toBe(false);

    expect(await run({ type: 'release', injectId: 'portal_alarm' })).toEqual([
      { type: 'inject.released', seq: 10, actor: actor(), inject: expect.objectContaining({ id: 'portal_alarm', subject: 'Gamma alarm on lane 3' }) },
    ]);
    await until(() => released(tablets.customs).includes('portal_alarm'), 'the released alarm on the tablet');
    expect(released(tablets.customs)).toEqual(['portal_alarm']);
  });

  it('edit changes the copy the scenario later sends; skip makes the scenario suppress an inject ("skipped")', async () => {
    await startPlay();
    expect(await run({ type: 'edit', injectId: 'portal_alarm', subject: 'Gamma alarm on lane 4', body: 'Level 3 this time.' })).toEqual([
      { type: 'inject.edited', seq: 4, actor: actor(), injectId: 'portal_alarm', subject: 'Gamma alarm on lane 4', body: 'Level 3 this time.' },
    ]);
    expect(await run({ type: 'skip', injectId: 'supervisor_reply', reason: 'Supervisor played live' })).toEqual([
      { type: 'inject.skipped', seq: 5, actor: actor(), injectId: 'supervisor_reply', reason: 'Supervisor played live' },
    ]);
    expect(await refusal({ type: 'edit', injectId: 'portal_alarm' })).toBe('VALIDATION_FAILED');
    expect(await refusal({ type: 'edit', injectId: 'no_such_inject', body: 'x' })).toBe('INJECT_NOT_FOUND');

    await run({ type: 'jump' });
    const alarm = await until(() => tablets.customs.entries.find((e) => e.type === 'inject.released'), 'the edited alarm');
    expect(alarm).toMatchObject({ inject: { id: 'portal_alarm', subject: 'Gamma alarm on lane 4', body: 'Level 3 this time.', channel: 'sensor' } });
    expect(await refusal({ type: 'edit', injectId: 'portal_alarm', body: 'Too late' })).toBe('INJECT_ALREADY_RELEASED');

    const report = await call(tablets.customs.socket!, 'action.take', {
      actionId: 'report_alarm',
      fields: { dose_rate_usvh: 7, vehicle_held: true },
      idempotencyKey: 'report-after-edit',
    });
    expect(report.ok).toBe(true);
    const seq = (report as { seq: number }).seq;
    const participant = { kind: 'participant', teamId: 'customs' };
    await until(() => director.entries.some((e) => e.type === 'inject.suppressed'), 'the skipped reply');
    const log = await h.server.runtime.store.readLog(ex.id, seq - 1);
    expect(log.map(withoutTimes)).toEqual([
      { type: 'action.taken', seq, actor: participant, actionId: 'report_alarm', teamId: 'customs', fields: { dose_rate_usvh: 7, vehicle_held: true }, idempotencyKey: 'report-after-edit' },
      { type: 'state.entered', seq: seq + 1, actor: participant, states: ['reported'] },
      { type: 'inject.suppressed', seq: seq + 2, actor: participant, injectId: 'supervisor_reply', because: 'skipped' },
      { type: 'inject.released', seq: seq + 3, actor: participant, inject: expect.objectContaining({ id: 'police_call' }) },
    ]);
    await flushTo(tablets.customs);
    expect(released(tablets.customs)).toEqual(['portal_alarm']);
    expect(tablets.customs.entries.some((e) => ['inject.edited', 'inject.skipped', 'inject.suppressed'].includes(e.type))).toBe(false);
  });

  it('adhoc reaches only the teams it is addressed to', async () => {
    const adhoc = { type: 'adhoc', channel: 'radio', from: 'Police control room', subject: 'Road block', body: 'Close the E28 at km 12.' } as const;
    expect(await refusal({ ...adhoc, to: ['police'] })).toBe('ILLEGAL_TRANSITION');
    await startPlay();
    expect(await run({ ...adhoc, to: ['police'] })).toEqual([
      {
        type: 'inject.released',
        seq: 4,
        actor: actor(),
        inject: { id: 'adhoc-1', number: 6, channel: 'radio', from: 'Police control room', to: ['police'], subject: 'Road block', body: 'Close the E28 at km 12.', kind: 'adaptive', adHoc: true },
      },
    ]);
    expect(await run({ ...adhoc, to: ['police', 'fire'], subject: 'Casualty' })).toMatchObject([{ inject: { id: 'adhoc-2', number: 7, to: ['police', 'fire'] } }]);
    expect(await refusal({ ...adhoc, to: ['army'] })).toBe('UNKNOWN_TEAM');
    await flushTo(tablets.police, tablets.fire, tablets.customs);
    expect(released(tablets.police)).toEqual(['adhoc-1', 'adhoc-2']);
    expect(released(tablets.fire)).toEqual(['adhoc-2']);
    expect(released(tablets.customs)).toEqual([]);
  });

  it('decide takes a branch the scenario offers; otherwise DECISION_NOT_OPEN', async () => {
    expect(lintDocument(decisionScenario).filter((p) => p.severity === 'error')).toEqual([]);
    expect(hasErrors(lintDocument(decisionScenario))).toBe(false);
    // The demo offers no decisions at all.
    await startPlay();
    expect(await refusal({ type: 'decide', decision: 'escalate' })).toBe('DECISION_NOT_OPEN');

    const drill = await createExercise(h, decisionScenario, { speed: SPEED, ready: true });
    const control = new LogMirror(drill.director);
    const police = new LogMirror(drill.joinCode('police'));
    await Promise.all([control.open(h.url), police.open(h.url)]);
    try {
      expect(await refusal({ type: 'decide', decision: 'escalate' }, control)).toBe('ILLEGAL_TRANSITION');
      await run({ type: 'start' }, control);
      const live = await until(() => control.view?.status === 'live' && control.view, 'the live view');
      expect(live.control?.openDecisions).toEqual([
        { decision: 'escalate', label: 'Escalate to national level' },
        { decision: 'stand_down', label: 'Stand down' },
      ]);
      const drillActor = { kind: 'controller', id: drill.director.userId, name: 'Test director', role: 'director' };
      expect(await run({ type: 'decide', decision: 'escalate' }, control)).toEqual([
        { type: 'decision.made', seq: 4, actor: drillActor, decision: 'escalate' },
        { type: 'state.entered', seq: 5, actor: drillActor, states: ['escalated'] },
        { type: 'inject.released', seq: 6, actor: drillActor, inject: expect.objectContaining({ id: 'escalation', to: ['police'] }) },
      ]);
      expect(await refusal({ type: 'decide', decision: 'escalate' }, control)).toBe('DECISION_NOT_OPEN');
      expect(await refusal({ type: 'decide', decision: 'stand_down' }, control)).toBe('DECISION_NOT_OPEN');
      const sync = await call(control.socket!, 'sync', { afterSeq: 6 });
      expect(sync).toMatchObject({ ok: true, entries: [], exercise: { control: { openDecisions: [], states: ['escalated'] } } });
      await until(() => released(police).includes('escalation'), 'the escalation inject');
      expect(police.entries.some((e) => e.type === 'decision.made' || e.type === 'state.entered')).toBe(false);
    } finally {
      control.close();
      police.close();
    }
  });

  it('broadcast reaches every team, or only the teams named', async () => {
    await startPlay();
    expect(await run({ type: 'broadcast', text: 'Weather: wind from the west' })).toEqual([
      { type: 'message.sent', seq: 4, actor: actor(), messageId: 'm4', from: { kind: 'control' }, to: { all: true, teams: [], organisations: [] }, text: 'Weather: wind from the west' },
    ]);
    expect(await run({ type: 'broadcast', text: 'Fire only', to: ['fire'] })).toEqual([
      { type: 'message.sent', seq: 5, actor: actor(), messageId: 'm5', from: { kind: 'control' }, to: { teams: ['fire'], organisations: [] }, text: 'Fire only' },
    ]);
    expect(await refusal({ type: 'broadcast', text: 'Nobody', to: ['army'] })).toBe('UNKNOWN_TEAM');
    await flushTo(...Object.values(tablets));
    const messages = (mirror: LogMirror) => byType(mirror.entries, 'message.sent').map((e) => e.type === 'message.sent' && e.text);
    expect(messages(tablets.fire)).toEqual(['Weather: wind from the west', 'Fire only', expect.stringMatching(/^barrier/)]);
    expect(messages(tablets.police)).toEqual(['Weather: wind from the west', expect.stringMatching(/^barrier/)]);
    expect(messages(tablets.customs)).toEqual(['Weather: wind from the west', expect.stringMatching(/^barrier/)]);
  });

  it('reply as SimCell answers a team as a simulated organisation', async () => {
    await startPlay();
    const sent = await call(tablets.customs.socket!, 'message.send', {
      to: { teams: [], organisations: ['supervisor'] },
      text: 'Alarm on lane 3, truck held.',
      idempotencyKey: 'to-supervisor-1',
    });
    expect(sent).toMatchObject({ ok: true, seq: 4 });
    expect(await run({ type: 'reply', organisationId: 'supervisor', to: 'customs', text: 'Start secondary inspection.', replyTo: 'm4' })).toEqual([
      {
        type: 'message.sent',
        seq: 5,
        actor: actor(),
        messageId: 'm5',
        from: { kind: 'simcell', organisationId: 'supervisor' },
        to: { teams: ['customs'], organisations: [] },
        text: 'Start secondary inspection.',
        replyTo: 'm4',
      },
    ]);
    expect(await refusal({ type: 'reply', organisationId: 'ministry', to: 'customs', text: 'Hello' })).toBe('UNKNOWN_ORGANISATION');
    expect(await refusal({ type: 'reply', organisationId: 'supervisor', to: 'army', text: 'Hello' })).toBe('UNKNOWN_TEAM');
    expect(await refusal({ type: 'reply', organisationId: 'supervisor', to: 'customs', text: 'Hello', replyTo: 'm999' })).toBe('VALIDATION_FAILED');
    await flushTo(tablets.customs, tablets.police);
    const from = (mirror: LogMirror) => byType(mirror.entries, 'message.sent').map((e) => e.type === 'message.sent' && e.from.kind);
    expect(from(tablets.customs)).toEqual(['team', 'simcell', 'control']);
    expect(from(tablets.police)).toEqual(['control']);
  });

  it('a note is for control only: no participant receives it, live or by sync', async () => {
    await startPlay();
    expect(await run({ type: 'note', text: 'Customs slow to hold the truck' })).toEqual([
      { type: 'note.added', seq: 4, actor: actor(), text: 'Customs slow to hold the truck' },
    ]);
    await flushTo(director, ...Object.values(tablets));
    expect(byType(director.entries, 'note.added')).toHaveLength(1);
    for (const tablet of Object.values(tablets)) {
      expect(byType(tablet.entries, 'note.added')).toEqual([]);
      const sync = await call(tablet.socket!, 'sync', { afterSeq: 0 });
      expect(sync.ok && sync.entries.map((e) => e.type)).toEqual(['exercise.readied', 'exercise.started', 'message.sent']);
    }
    expect(await refusal({ type: 'note', text: 'From a tablet' }, tablets.customs)).toBe('FORBIDDEN');
  });
});
