import { describe, expect, it } from 'vitest';
import { ParticipantAction } from '@startex/shared';
import { validateActionFields } from './validateAction.ts';

const cordon = ParticipantAction.parse({
  id: 'set_cordon',
  label: 'Set the cordon',
  teams: ['police'],
  fields: [
    { name: 'radius_m', label: 'Cordon radius (m)', type: 'number', min: 10, max: 5000 },
    { name: 'upwind', label: 'Evacuated upwind', type: 'boolean' },
    { name: 'nuclide', label: 'Nuclide', type: 'choice', options: ['Cs-137', 'Co-60'] },
    { name: 'note', label: 'Note', type: 'text', required: false, maxLength: 12 },
  ],
});
const valid = { radius_m: 100, upwind: true, nuclide: 'Co-60', note: 'all clear' };
const problem = (field: string, message: string) => ({ code: 'INVALID_ACTION_PAYLOAD', path: `fields.${field}`, message });

describe('validateActionFields', () => {
  it('accepts values of every type within their limits, and an optional field left out', () => {
    expect(validateActionFields(cordon, valid)).toBeUndefined();
    expect(validateActionFields(cordon, { radius_m: 10, upwind: false, nuclide: 'Cs-137' })).toBeUndefined();
    expect(validateActionFields(cordon, { ...valid, radius_m: 5000, note: '' })).toBeUndefined();
  });

  it('refuses a number that is not a number, or outside min and max', () => {
    expect(validateActionFields(cordon, { ...valid, radius_m: '100' })).toEqual(problem('radius_m', '"Cordon radius (m)" must be a number.'));
    expect(validateActionFields(cordon, { ...valid, radius_m: Number.NaN })).toEqual(problem('radius_m', '"Cordon radius (m)" must be a number.'));
    expect(validateActionFields(cordon, { ...valid, radius_m: 9.99 })).toEqual(problem('radius_m', '"Cordon radius (m)" must be at least 10.'));
    expect(validateActionFields(cordon, { ...valid, radius_m: 5001 })).toEqual(problem('radius_m', '"Cordon radius (m)" must be at most 5000.'));
  });

  it('refuses a yes/no field given anything but true or false', () => {
    expect(validateActionFields(cordon, { ...valid, upwind: 'yes' })).toEqual(problem('upwind', '"Evacuated upwind" must be yes or no.'));
    expect(validateActionFields(cordon, { ...valid, upwind: 1 })).toEqual(problem('upwind', '"Evacuated upwind" must be yes or no.'));
  });

  it('refuses a choice that is not one of the options', () => {
    expect(validateActionFields(cordon, { ...valid, nuclide: 'Am-241' })).toEqual(problem('nuclide', '"Nuclide" must be one of: Cs-137, Co-60.'));
    expect(validateActionFields(cordon, { ...valid, nuclide: 'co-60' })).toEqual(problem('nuclide', '"Nuclide" must be one of: Cs-137, Co-60.'));
  });

  it('refuses text that is too long or not text', () => {
    expect(validateActionFields(cordon, { ...valid, note: 'x'.repeat(13) })).toEqual(problem('note', '"Note" is longer than 12 characters.'));
    expect(validateActionFields(cordon, { ...valid, note: 'x'.repeat(12) })).toBeUndefined();
    expect(validateActionFields(cordon, { ...valid, note: 12 })).toEqual(problem('note', '"Note" must be text.'));
  });

  it('refuses a missing required field and a field the action does not have', () => {
    const { upwind: _, ...withoutUpwind } = valid;
    expect(validateActionFields(cordon, withoutUpwind)).toEqual(problem('upwind', '"Evacuated upwind" is required.'));
    expect(validateActionFields(cordon, { ...valid, nuclide: '' })).toEqual(problem('nuclide', '"Nuclide" is required.'));
    expect(validateActionFields(cordon, { ...valid, wind: 'west' })).toEqual(problem('wind', '"set_cordon" has no field "wind".'));
  });

  it('limits text without its own maxLength to 2000 characters', () => {
    const report = ParticipantAction.parse({ id: 'report', label: 'Report', teams: ['police'], fields: [{ name: 'text', label: 'Report', type: 'text' }] });
    expect(validateActionFields(report, { text: 'x'.repeat(2000) })).toBeUndefined();
    expect(validateActionFields(report, { text: 'x'.repeat(2001) })).toEqual(problem('text', '"Report" is longer than 2000 characters.'));
  });

  it('checks the newer field types: a time of day, the options picked (how many, no repeats), a team offered', () => {
    const confirm = ParticipantAction.parse({
      id: 'confirm',
      label: 'Confirm',
      teams: ['police'],
      fields: [
        { name: 'ready_at', label: 'Ready at', type: 'time' },
        { name: 'liaison', label: 'Liaison with', type: 'multi-choice', options: ['Police', 'Fire', 'Medical'], min: 1, max: 2 },
        { name: 'relieves', label: 'Relieves', type: 'team', options: ['police', 'fire'], required: false },
      ],
    });
    const ok = { ready_at: '09:05', liaison: ['Police', 'Medical'], relieves: 'fire' };
    expect(validateActionFields(confirm, ok)).toBeUndefined();
    expect(validateActionFields(confirm, { ...ok, ready_at: '9:05' })).toEqual(problem('ready_at', '"Ready at" must be a time of day such as 14:05.'));
    expect(validateActionFields(confirm, { ...ok, liaison: 'Police' })).toEqual(problem('liaison', '"Liaison with" must be a list of: Police, Fire, Medical.'));
    expect(validateActionFields(confirm, { ...ok, liaison: ['Police', 'Police'] })).toEqual(problem('liaison', '"Liaison with" names an option twice.'));
    expect(validateActionFields(confirm, { ...ok, liaison: ['Police', 'Fire', 'Medical'] })).toEqual(problem('liaison', '"Liaison with" allows at most 2 picked.'));
    expect(validateActionFields(confirm, { ...ok, liaison: [] })).toEqual(problem('liaison', '"Liaison with" is required.'));
    expect(validateActionFields(confirm, { ...ok, relieves: 'customs' })).toEqual(problem('relieves', '"Relieves" must be one of: police, fire.'));
  });
});
