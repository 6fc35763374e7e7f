import { describe, expect, it } from 'vitest';
import { ControllerCommand, EXERCISE_ROLES } from '@startex/shared';
import { allowsCommand, commandVerb } from './policy.ts';

const COMMAND_TYPES = ControllerCommand.options.map((option) => option.shape.type.value);

describe('command permissions', () => {
  it('deny a command type the table does not name (issue 14: it fell through to command.play)', () => {
    expect(commandVerb('delete_everything', 'live')).toBeUndefined();
    expect(commandVerb('toString', 'live')).toBeUndefined();
    for (const role of EXERCISE_ROLES) expect(allowsCommand(role, 'delete_everything', 'live')).toBe(false);
  });

  it('name a verb for every command the protocol has; lifecycle and resuming from a halt are the director\'s alone', () => {
    expect(COMMAND_TYPES.filter((type) => commandVerb(type, 'live') === undefined)).toEqual([]);
    const who = (type: string, status: 'live' | 'halted') => EXERCISE_ROLES.filter((role) => allowsCommand(role, type, status));
    expect(who('start', 'live')).toEqual(['director']);
    expect(who('resume', 'halted')).toEqual(['director']);
    expect(who('resume', 'live')).toEqual(['director', 'controller']);
    expect(who('halt', 'live')).toEqual(['director', 'controller']);
    expect(who('release', 'live')).toEqual(['director', 'controller']);
  });
});
