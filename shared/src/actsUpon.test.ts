import { describe, expect, it } from 'vitest';
import { actsUponRule } from './actsUpon.ts';
import { foldInjectProgress } from './injectProgress.ts';
import type { LogEntry, LogEvent } from './logEntry.ts';

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

const released = (id: string, to: string[]): LogEvent => ({
  type: 'inject.released',
  inject: { id, number: 1, channel: 'phone', from: 'control', to, subject: id, body: '', kind: 'standard' },
});
const action = (actionId: string, teamId: string, injectId?: string): LogEvent => ({
  type: 'action.taken',
  actionId,
  teamId,
  fields: {},
  idempotencyKey: `${actionId}-${teamId}-${injectId ?? ''}`,
  ...(injectId ? { injectId } : {}),
});
const log = (events: LogEvent[]): LogEntry[] =>
  events.map((event, i) => ({ ...event, exerciseId: 'x', seq: i + 1, wallTime: i, exerciseTimeMs: i * 1000, scenarioTimeMs: i * 1000, actor: { kind: 'system' } }) as LogEntry);

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

  it('drives foldInjectProgress: staff see both links, a tablet only the explicit one, and only for injects released before', () => {
    const entries = log([
      released('alarm', ['a', 'b']),
      action('report', 'a'), // task link to alarm (seq 2)
      action('ask', 'b', 'alarm'), // explicit link to alarm (seq 3)
      released('call', ['a']),
      action('ask', 'a'), // neither link: nothing
    ]);
    const staff = foldInjectProgress(entries, rule);
    expect(staff.get('alarm')!.teams).toEqual({ a: { status: 'acted', actedAtMs: 1000 }, b: { status: 'acted', actedAtMs: 2000 } });
    expect(staff.get('call')!.teams).toEqual({ a: { status: 'released' } });
    const tablet = foldInjectProgress(entries);
    expect(tablet.get('alarm')!.teams).toEqual({ a: { status: 'released' }, b: { status: 'acted', actedAtMs: 2000 } });
  });
});
