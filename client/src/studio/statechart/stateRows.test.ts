import { describe, expect, it } from 'vitest';
import { ScenarioDocument } from '@startex/shared';
import { expandTimeline } from '@startex/scenarios/browser';
import { releasesByState, statesReleasing } from './stateRows.ts';

const document = ScenarioDocument.parse({
  schemaVersion: 3,
  id: 'small',
  title: 'Small',
  summary: '',
  exerciseType: 'tabletop',
  functions: ['response'],
  expectedDurationMinutes: 60,
  teams: [{ id: 'police', name: 'Police', agency: 'police' }],
  actions: [{ id: 'cordon', label: 'Set a cordon', teams: ['police'] }],
  timeline: [
    { id: 'alarm', at: 'T+5', from: 'police', to: ['police'], channel: 'phone', subject: 'Alarm', body: '' },
    { id: 'chase', at: 'T+20', unless: { action: 'cordon' }, from: 'police', to: ['police'], channel: 'phone', subject: 'Cordon?', body: '' },
  ],
  endex: [{ at: 'T+30' }],
});

describe('states and the rows they send', () => {
  it('maps each state of the compiled machine to the rows it releases, and each row back to its state', () => {
    const byState = releasesByState(expandTimeline(document));
    const alarmStates = statesReleasing(byState, 'alarm');
    const chaseStates = statesReleasing(byState, 'chase');
    expect(alarmStates).toHaveLength(1);
    expect(chaseStates).toHaveLength(1);
    expect(byState.get(alarmStates[0]!)).toContain('alarm');
    expect([...byState.values()].flat().sort()).toEqual(['alarm', 'chase']);
  });
});
