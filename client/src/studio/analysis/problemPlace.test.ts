import { describe, expect, it } from 'vitest';
import { problemPlace } from './problemPlace.ts';

describe('where a problem is fixed', () => {
  it('puts a timeline problem on its row and the column of its field', () => {
    expect(problemPlace('$.timeline[4].unless.within')).toEqual({ view: 'msel', row: 4, column: 'conditions' });
    expect(problemPlace('$.timeline[0].after')).toEqual({ view: 'msel', row: 0, column: 'time' });
    expect(problemPlace('$.timeline[2].to[1]')).toEqual({ view: 'msel', row: 2, column: 'to' });
    expect(problemPlace('$.timeline[2]')).toEqual({ view: 'msel', row: 2, column: 'subject' });
  });

  it('puts a problem of a team, action, objective or metric on its form', () => {
    expect(problemPlace('$.actions[1].fields[0].options')).toEqual({ view: 'parts', section: 'actions', part: 'actions', index: 1, field: 'fields' });
    expect(problemPlace('$.objectives[0].capabilityTargets[0].criticalTasks[2]')).toEqual({ view: 'parts', section: 'objectives', part: 'objectives', index: 0, field: 'capabilityTargets' });
    expect(problemPlace('$.simulatedOrganisations[3].id')).toEqual({ view: 'parts', section: 'organisations', part: 'simulatedOrganisations', index: 3, field: 'id' });
    expect(problemPlace('$.title')).toEqual({ view: 'parts', section: 'settings', part: 'title', index: 0, field: 'title' });
  });

  it('sends what only the text can show (states written by hand, the whole document) to the source', () => {
    expect(problemPlace('$.machine.states.handling')).toEqual({ view: 'source', path: ['machine', 'states', 'handling'] });
    expect(problemPlace('$')).toEqual({ view: 'source', path: [] });
  });
});
