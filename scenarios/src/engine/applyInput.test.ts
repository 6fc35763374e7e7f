import { describe, expect, it } from 'vitest';
import type { Actor } from '@startex/shared';
import { compileScenario } from '../compileScenario.ts';
import { LIBRARY } from '../library/index.ts';
import { applyInput, repeatOf } from './applyInput.ts';
import { describeState } from './describeState.ts';
import { initialState, type ExerciseState } from './ExerciseState.ts';
import { fold } from './fold.ts';
import type { ExerciseInput } from './inputs.ts';

const PLAN = { speed: 1, scenarioStartMs: 0, requireCommsCheck: false };
const SYSTEM: Actor = { kind: 'system' };
const customs: Actor = { kind: 'participant', teamId: 'customs' };
const police: Actor = { kind: 'participant', teamId: 'police' };

/** Applies an input and returns the outcome with the state after it (the same state when nothing was committed). */
function apply(state: ExerciseState, input: ExerciseInput, actor: Actor = SYSTEM) {
  const applied = applyInput(state, input, { exerciseId: 'x', actor, wallTime: 1_000 + state.lastSeq, plan: PLAN });
  return { applied, state: applied.kind === 'commit' ? applied.state : state };
}

function live(): ExerciseState {
  let state = initialState(compileScenario(LIBRARY['detection-portal-alarm']!));
  for (const type of ['ready', 'start'] as const) state = apply(state, { type: 'command', command: { type } }).state;
  return state;
}

const cordon = (teamId: string, radius: number, key = 'cordon-key-1'): ExerciseInput => ({
  type: 'action',
  teamId,
  action: { actionId: 'set_cordon', fields: { radius_m: radius }, idempotencyKey: key },
});

describe('applyInput: retries and idempotency keys (issue 13, as the engine decides them)', () => {
  it('the same key from the same team with the same request answers the first seq and commits nothing', () => {
    const first = apply(live(), cordon('customs', 100), customs);
    expect(first.applied).toMatchObject({ kind: 'commit', entries: [{ type: 'action.taken', teamId: 'customs' }] });
    const seq = first.state.lastSeq;
    // Another tablet of the team, or a signed-in member of it: the key is the team's.
    expect(apply(first.state, cordon('customs', 100), { ...customs, userId: 'u1' }).applied).toEqual({ kind: 'served', seq });
  });

  it('the same key from the same team with another request is refused with IDEMPOTENCY_KEY_REUSED and changes nothing', () => {
    const { state } = apply(live(), cordon('customs', 100), customs);
    const before = describeState(state, 5_000);
    expect(() => apply(state, cordon('customs', 200), customs)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', path: 'idempotencyKey' }));
    expect(describeState(state, 5_000)).toEqual(before);
  });

  it("another team's key is a new key: its request is taken, and the first team's answer is unchanged", () => {
    const { state } = apply(live(), cordon('customs', 100), customs);
    const theirs = apply(state, cordon('police', 300), police);
    expect(theirs.applied).toMatchObject({ kind: 'commit', entries: [{ type: 'action.taken', teamId: 'police', fields: { radius_m: 300 } }] });
    expect(apply(theirs.state, cordon('customs', 100), customs).applied).toEqual({ kind: 'served', seq: state.lastSeq });
  });

  it("staff keys are each person's own", () => {
    const ended = apply(live(), { type: 'command', command: { type: 'end' } }).state;
    const observation = (text: string): ExerciseInput => ({ type: 'observation', observation: { observedAtMs: 0, kind: 'note', text, idempotencyKey: 'obs-key-1' } });
    const eva = apply(ended, observation('Quick hold.'), { kind: 'evaluator', id: 'eva' });
    const rolandas = apply(eva.state, observation('Slow cordon.'), { kind: 'evaluator', id: 'rolandas' });
    expect(rolandas.applied.kind).toBe('commit');
    expect(apply(rolandas.state, observation('Quick hold.'), { kind: 'evaluator', id: 'eva' }).applied).toEqual({ kind: 'served', seq: eva.state.lastSeq });
    expect(() => apply(rolandas.state, observation('Quick hold.'), { kind: 'evaluator', id: 'rolandas' })).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }));
  });

  it('entries stored before keys were scoped fold into the same ledger: the scope comes from the entry', () => {
    const state = live();
    // An entry as the server wrote it before: no scope anywhere but its team.
    const stored = fold(state, {
      type: 'action.taken',
      actionId: 'set_cordon',
      teamId: 'customs',
      fields: { radius_m: 100 },
      idempotencyKey: 'cordon-key-1',
      exerciseId: 'x',
      seq: state.lastSeq + 1,
      wallTime: 2_000,
      exerciseTimeMs: 1_000,
      scenarioTimeMs: 1_000,
      actor: customs,
    });
    expect(apply(stored, cordon('customs', 100), customs).applied).toEqual({ kind: 'served', seq: state.lastSeq + 1 });
    expect(apply(stored, cordon('police', 100), police).applied.kind).toBe('commit');
  });

  it('a receipt is once per team and inject', () => {
    const state = apply(live(), { type: 'command', command: { type: 'adhoc', to: ['customs', 'police'], channel: 'phone', from: 'Dispatch', subject: 'Both', body: 'For both.' } }).state;
    const receipt = (teamId: string): ExerciseInput => ({ type: 'receipt', receipt: 'inject.delivered', teamId, injectId: 'adhoc-1' });
    const mine = apply(state, receipt('customs'), customs);
    const theirs = apply(mine.state, receipt('police'), police);
    expect(theirs.applied.kind).toBe('commit');
    expect(apply(theirs.state, receipt('customs'), customs).applied).toEqual({ kind: 'served', seq: mine.state.lastSeq });
  });
});

describe('repeatOf: what a node that does not own the exercise can answer itself', () => {
  const envelope = (actor: Actor) => ({ exerciseId: 'x', actor, wallTime: 2_000, plan: PLAN });

  it('names the request a repeat would ask, with the seq once this state has served it', () => {
    const state = apply(live(), { type: 'command', command: { type: 'adhoc', to: ['customs', 'police'], channel: 'phone', from: 'Dispatch', subject: 'Both', body: 'For both.' } }).state;
    const receipt = (teamId: string): ExerciseInput => ({ type: 'receipt', receipt: 'inject.delivered', teamId, injectId: 'adhoc-1' });
    const fresh = repeatOf(state, receipt('customs'), envelope(customs));
    expect(fresh).toMatchObject({ seq: undefined });
    // Another tablet of the team asks the same; another team asks something else.
    expect(repeatOf(state, receipt('customs'), envelope({ ...customs, userId: 'u1' }))?.request).toBe(fresh?.request);
    expect(repeatOf(state, receipt('police'), envelope(police))?.request).not.toBe(fresh?.request);
    const mine = apply(state, receipt('customs'), customs);
    expect(repeatOf(mine.state, receipt('customs'), envelope(customs))).toEqual({ request: fresh?.request, seq: mine.state.lastSeq });
  });

  it('has nothing to say of an input without a dedupe key, and refuses a reused key as applyInput does', () => {
    expect(repeatOf(live(), { type: 'command', command: { type: 'pause' } }, envelope(SYSTEM))).toBeUndefined();
    const { state } = apply(live(), cordon('customs', 100), customs);
    expect(repeatOf(state, cordon('customs', 100), envelope(customs))?.seq).toBe(state.lastSeq);
    expect(() => repeatOf(state, cordon('customs', 200), envelope(customs))).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }));
  });
});

describe('applyInput: the state passed in never changes', () => {
  it('neither a commit nor a refusal changes the state it started from', () => {
    const state = live();
    const before = describeState(state, 5_000);
    apply(state, cordon('customs', 100), customs);
    expect(() => apply(state, { type: 'command', command: { type: 'release', injectId: 'no_such_inject' } })).toThrow(expect.objectContaining({ code: 'INJECT_NOT_FOUND' }));
    expect(describeState(state, 5_000)).toEqual(before);
  });
});
