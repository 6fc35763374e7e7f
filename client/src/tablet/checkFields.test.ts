import { describe, expect, it } from 'vitest';
import { ParticipantAction } from '@startex/shared';
import { checkFields, parseTimeOfDay } from './checkFields.ts';

const confirm = ParticipantAction.parse({
  id: 'confirm_position',
  label: 'Confirm position',
  teams: ['police', 'fire'],
  fields: [
    { name: 'ready_at', label: 'Ready at', type: 'time' },
    { name: 'liaison', label: 'Liaison with', type: 'multi-choice', options: ['Police', 'Fire', 'Medical'], min: 1, max: 2 },
    { name: 'relieves', label: 'Relieves', type: 'team', options: ['police', 'fire'], required: false },
  ],
});

describe('checkFields for the newer field types', () => {
  it('sends a time of day as the server wants it, and the options ticked in their order', () => {
    const { fields, problems } = checkFields(confirm, { ready_at: '9.05', liaison: ['Medical', 'Police'], relieves: 'fire' });
    expect(problems).toEqual({});
    expect(fields).toEqual({ ready_at: '09:05', liaison: ['Police', 'Medical'], relieves: 'fire' });
  });

  it('names each problem: no time, too few or too many picks, a team not offered', () => {
    expect(checkFields(confirm, { ready_at: '25:00', liaison: [] }).problems).toEqual({ ready_at: { problem: 'time' }, liaison: { problem: 'required' } });
    expect(checkFields(confirm, { ready_at: '14:05', liaison: ['Police', 'Fire', 'Medical'], relieves: 'customs' }).problems).toEqual({
      liaison: { problem: 'manyPicks', max: 2 },
      relieves: { problem: 'choice' },
    });
  });

  it('reads times typed with a dot or one hour digit, and nothing else', () => {
    expect(['7:30', '07:30', '07.30', '23:59', '24:00', '7', 'noon'].map(parseTimeOfDay)).toEqual(['07:30', '07:30', '07:30', '23:59', undefined, undefined, undefined]);
  });
});
