import { describe, expect, it } from 'vitest';
import { ScenarioDocument, type ScenarioStateInput } from '@startex/shared';
import { lintDocument } from '../src/analyzer/lintScenario.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { exploreScenario } from '../src/explore.ts';

/**
 * A hand-written statechart: a clock region of `steps` ten-minute updates, and beside it a question
 * the team may answer within five minutes (a flag that update `readAt` reads: thanks if answered,
 * a reminder if not; and a region that ends in "answered" or "missed"). After that update, nothing
 * reads the flag and the question's region can never move again.
 */
function question(steps: number, readAt = 0): ScenarioDocument {
  const clock: Record<string, ScenarioStateInput> = {};
  for (let k = 0; k < steps; k++) {
    clock[`step_${k}`] = {
      after: [
        ...(k === readAt
          ? [
              { minutes: 10, when: { flag: 'answered' }, effects: [{ release: 'thanks' }] },
              { minutes: 10, when: { not: { flag: 'answered' } }, effects: [{ release: 'reminder' }] },
            ]
          : []),
        { minutes: 10, target: k + 1 < steps ? `step_${k + 1}` : 'endex', effects: [{ release: `update_${k + 1}` }] },
      ],
    };
  }
  const inject = (id: string, number: number) => ({ id, number, channel: 'radio' as const, from: 'Exercise control', to: ['police'], subject: id.replace('_', ' '), body: 'Read it and act.' });
  return ScenarioDocument.parse({
    schemaVersion: 3,
    id: 'question_beside_clock',
    title: 'A question beside a clock',
    summary: 'A question answered or not, then updates that never look at the answer again.',
    exerciseType: 'drill',
    functions: ['response'],
    expectedDurationMinutes: 10 * steps,
    teams: [{ id: 'police', name: 'Police', agency: 'police' }],
    actions: [{ id: 'answer', label: 'Answer', teams: ['police'], fields: [] }],
    injects: [inject('thanks', 1), inject('reminder', 2), ...Array.from({ length: steps }, (_, k) => inject(`update_${k + 1}`, k + 3))],
    machine: {
      initial: 'play',
      states: {
        play: {
          type: 'parallel',
          states: {
            clock: { initial: 'step_0', states: clock },
            ask: {
              initial: 'asking',
              states: {
                asking: { on: [{ action: 'answer', target: 'answered', effects: [{ setFlag: 'answered' }] }], after: [{ minutes: 5, target: 'missed' }] },
                answered: {},
                missed: {},
              },
            },
          },
        },
        endex: { type: 'final' },
      },
    },
  });
}

const pointsOf = (document: ScenarioDocument) => exploreScenario(compileScenario(document)).points;

describe('exploration merges what can no longer change play', () => {
  it('adds one point per later update, whether the question was answered or missed (bug: each play stayed apart to the end)', () => {
    const [four, eight] = [pointsOf(question(4)), pointsOf(question(8))];
    expect(eight - four).toBe(4);
  });

  it('still visits every state and releases every inject', () => {
    expect(lintDocument(question(4))).toEqual([]);
    const exploration = exploreScenario(compileScenario(question(4)));
    expect([...exploration.visitedStates]).toEqual(expect.arrayContaining(['asking', 'answered', 'missed', 'step_3']));
    expect(exploration.released).toEqual(new Set(['thanks', 'reminder', 'update_1', 'update_2', 'update_3', 'update_4']));
  });

  it('keeps the plays apart while a later state can still read the answer', () => {
    expect(lintDocument(question(8, 6))).toEqual([]);
    expect(exploreScenario(compileScenario(question(8, 6))).released).toEqual(new Set(['thanks', 'reminder', ...Array.from({ length: 8 }, (_, k) => `update_${k + 1}`)]));
    expect(pointsOf(question(8, 6)) - pointsOf(question(8, 0))).toBe(6);
  });
});
