import { describe, expect, it } from 'vitest';
import { stateTitles } from '@startex/shared';
import { LIBRARY } from '../library/index.ts';
import { Play } from '../library/playHelpers.ts';
import { expandTimeline } from './expandTimeline.ts';
import { phaseNamesItsTime, phaseOf, phasePaths } from './phaseOf.ts';

describe('phaseOf: the phase a person follows, from the active states', () => {
  it('reads a timeline scenario by its storyline’s state, not as "Play › Main timeline › T+…" among every bookkeeping region', () => {
    const play = new Play(LIBRARY['response-city-device']!).until(31);
    const titles = stateTitles(expandTimeline(play.document));
    // The bug: every active path in full, the decision and moment regions included.
    expect(play.run.states.length).toBeGreaterThan(1);
    expect(phaseOf(play.run.states, titles)).toBe('T+25: Situation report requested by 11:35');
    expect(phasePaths(play.run.states)).toHaveLength(1);
  });

  it('takes the first track in the document’s order when no row is on the main timeline, and the hand-written machine beside it', () => {
    const titles = new Map([
      ['tl--play', 'Play'],
      ['tl--track--search', 'Search and recovery'],
      ['tl--search--2', 'T+45: Truck found'],
      ['tl--track--press', 'Public information'],
      ['tl--press--1', 'T+20: Press call'],
      ['tl--machine', 'Scenario states'],
      ['handling', 'Handling'],
      ['confirmation', 'Confirmation'],
    ]);
    const paths = ['tl--play.tl--track--search.tl--search--2', 'tl--play.tl--track--press.tl--press--1', 'tl--play.tl--decision--x.tl--decision--x-wait', 'tl--play.tl--machine.handling.confirmation'];
    expect(phasePaths(paths)).toEqual([paths[0], paths[3]]);
    expect(phaseOf(paths, titles)).toBe('T+45: Truck found · Handling › Confirmation');
  });

  it('keeps a hand-written machine’s phases as their titled path', () => {
    const play = new Play(LIBRARY['detection-portal-alarm']!);
    const titles = stateTitles(play.document);
    expect(phaseOf(play.run.states, titles)).toBe(play.run.states.map((path) => path.split('.').map((key) => titles.get(key)).join(' › ')).join(' · '));
    expect(phaseOf(['endex'], new Map([['endex', 'EndEx']]))).toBe('EndEx');
  });

  it('knows a phase that names its own time: a storyline row alone, not a hand-written state nor a row beside one', () => {
    const play = new Play(LIBRARY['response-city-device']!).until(31);
    expect(phaseNamesItsTime(play.run.states)).toBe(true);
    expect(phaseNamesItsTime(['tl--play.tl--track--search.tl--search--2', 'tl--play.tl--machine.handling.confirmation'])).toBe(false);
    expect(phaseNamesItsTime(new Play(LIBRARY['detection-portal-alarm']!).run.states)).toBe(false);
    expect(phaseNamesItsTime(['endex'])).toBe(false);
  });
});
