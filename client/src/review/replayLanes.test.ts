import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@startex/shared';
import { CONTROL_LANE, replayLanes } from './replayLanes.ts';

let seq = 0;
const entry = (type: LogEntry['type'], atMs: number, fields: object) =>
  ({ type, seq: ++seq, exerciseId: 'x', wallTime: 0, exerciseTimeMs: atMs, scenarioTimeMs: atMs, actor: { kind: 'system' }, ...fields }) as unknown as LogEntry;

describe('replay lanes', () => {
  it('puts each entry on the lanes of the teams it concerns, at its exercise time, and exercise-wide entries on control’s lane', () => {
    const inject = { id: 'alarm', number: 1, channel: 'sensor', from: 'Portal', to: ['customs', 'police'], subject: 'Alarm', body: '', kind: 'standard' };
    const log = [
      entry('exercise.started', 0, { speed: 1, scenarioStartMs: 0 }),
      entry('inject.released', 1_000, { inject }),
      entry('inject.delivered', 2_000, { injectId: 'alarm', teamId: 'customs' }),
      entry('inject.acknowledged', 3_000, { injectId: 'alarm', teamId: 'customs' }),
      entry('action.taken', 4_000, { teamId: 'customs', actionId: 'hold', fields: {}, idempotencyKey: 'k1' }),
      entry('message.sent', 5_000, { messageId: 'm1', from: { kind: 'team', teamId: 'customs' }, to: { teams: ['police'], organisations: [] }, text: 'Hi' }),
      entry('message.sent', 6_000, { messageId: 'm2', from: { kind: 'control' }, to: { all: true, teams: [], organisations: [] }, text: 'All' }),
      // Observed earlier than it was written: on the lane where it was seen.
      entry('observation.recorded', 9_000, { observationId: 'o1', observedAtMs: 3_500, teamId: 'police', kind: 'note', text: 'Waited', idempotencyKey: 'k2' }),
      entry('state.entered', 7_000, { states: ['alarm'] }),
      entry('note.added', 8_000, { text: 'Control only' }),
    ];
    const lanes = replayLanes(log, ['customs', 'police']);
    const marks = (lane: string) => lanes.get(lane)!.map((m) => `${m.kind}@${m.atMs}`);
    expect(marks('customs')).toEqual(['released@1000', 'delivered@2000', 'acknowledged@3000', 'action@4000', 'message@5000', 'message@6000']);
    expect(marks('police')).toEqual(['released@1000', 'message@5000', 'message@6000', 'observation@3500']);
    expect(marks(CONTROL_LANE)).toEqual(['control@0', 'control@7000', 'control@8000']);
  });
});
