import { describe, expect, it } from 'vitest';
import { keyAsWords } from '../keyAsWords.ts';
import { ScenarioDocument } from './document.ts';
import { statePathTitle, stateTitle, stateTitles } from './stateTitles.ts';

const scenario = ScenarioDocument.parse({
  schemaVersion: 3,
  id: 'titles-drill',
  title: 'Titles drill',
  summary: 'States with titles and without.',
  exerciseType: 'drill',
  functions: ['detection'],
  expectedDurationMinutes: 30,
  teams: [{ id: 'customs', name: 'Customs post', agency: 'customs' }],
  injects: [],
  actions: [],
  machine: {
    initial: 'handling',
    states: {
      handling: {
        title: 'Handling the Cs-137 source',
        initial: 'awaiting_confirmation',
        states: { awaiting_confirmation: { title: 'Reachback confirms Cs-137', after: [{ minutes: 5, target: 'registry_check' }] }, registry_check: { title: '  ', after: [{ minutes: 5, target: 'endex' }] } },
      },
      endex: { type: 'final' },
    },
  },
});

describe('state titles', () => {
  it('reads a key as words, a dotted path as its parts', () => {
    expect(keyAsWords('driver_interview')).toBe('Driver interview');
    expect(keyAsWords('handling.awaiting-confirmation')).toBe('Handling › Awaiting confirmation');
    expect(keyAsWords('tl--track--main')).toBe('Tl track main');
  });

  it("gives each state the scenario's title, else (none, or only blanks) its key as words", () => {
    expect(Object.fromEntries(stateTitles(scenario))).toEqual({
      handling: 'Handling the Cs-137 source',
      awaiting_confirmation: 'Reachback confirms Cs-137',
      registry_check: 'Registry check',
      endex: 'Endex',
    });
    expect(stateTitle(undefined, 'secondary_inspection')).toBe('Secondary inspection');
  });

  it('reads an active state path in titles, a key the scenario does not know as words', () => {
    const titles = stateTitles(scenario);
    expect(statePathTitle(titles, 'handling.awaiting_confirmation')).toBe('Handling the Cs-137 source › Reachback confirms Cs-137');
    expect(statePathTitle(titles, 'handling.lost_gauge')).toBe('Handling the Cs-137 source › Lost gauge');
  });
});
