import { describe, expect, it } from 'vitest';
import { actsUponRule } from './actsUpon.ts';

const scenario = {
  injects: [
    { id: 'alarm', criticalTasks: ['detect'] },
    { id: 'call', criticalTasks: [] },
  ],
  actions: [
    { id: 'report', criticalTasks: ['detect'] },
    { id: 'ask', criticalTasks: [] },
  ],
};

describe('actsUponRule', () => {
  const rule = actsUponRule(scenario);

  it('counts an action taken from the inject, with or without the scenario', () => {
    expect(rule({ actionId: 'ask', injectId: 'call' }, 'call')).toBe(true);
    expect(actsUponRule()({ actionId: 'ask', injectId: 'call' }, 'call')).toBe(true);
  });

  it('counts an action serving a critical task of the inject only where the scenario is known', () => {
    expect(rule({ actionId: 'report' }, 'alarm')).toBe(true);
    expect(actsUponRule()({ actionId: 'report' }, 'alarm')).toBe(false);
  });

  it('does not count an action that shares no task and names another inject, or an unknown action', () => {
    expect(rule({ actionId: 'ask', injectId: 'call' }, 'alarm')).toBe(false);
    expect(rule({ actionId: 'report', injectId: 'alarm' }, 'call')).toBe(false);
    expect(rule({ actionId: 'unknown' }, 'alarm')).toBe(false);
  });
});
