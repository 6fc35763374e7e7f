import { describe, expect, it } from 'vitest';
import { actsUponRule, type LogEntry, type LogEvent } from '@startex/shared';
import { foldInjectProgress } from './injectProgress.ts';

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

describe('foldInjectProgress', () => {
  it('counts "acted upon" by the rule it is given: staff see both links, a tablet only the explicit one, and only for injects released before', () => {
    const rule = actsUponRule({
      injects: [
        { id: 'alarm', criticalTasks: ['detect'] },
        { id: 'call', criticalTasks: [] },
      ],
      actions: [
        { id: 'report', criticalTasks: ['detect'] },
        { id: 'ask', criticalTasks: [] },
      ],
    });
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

  it('raises a team through delivered and acknowledged, keeping each first time, never lowering the status', () => {
    const entries = log([
      released('alarm', ['a']),
      { type: 'inject.acknowledged', injectId: 'alarm', teamId: 'a' },
      { type: 'inject.delivered', injectId: 'alarm', teamId: 'a' },
      { type: 'inject.acknowledged', injectId: 'alarm', teamId: 'a' },
    ]);
    expect(foldInjectProgress(entries).get('alarm')!.teams).toEqual({ a: { status: 'acknowledged', acknowledgedAtMs: 1000, deliveredAtMs: 2000 } });
  });

  it('a release ends a hold and a skip: the inject is out (issue 14: the tablet kept "skipped", the server did not)', () => {
    const entries = log([
      { type: 'inject.held', injectId: 'alarm', reason: 'Team busy' },
      { type: 'inject.skipped', injectId: 'alarm', reason: 'Not needed' },
      { type: 'inject.edited', injectId: 'alarm', body: 'Edited' },
      released('alarm', ['a']),
    ]);
    const { held, skipped, edited, inject } = foldInjectProgress(entries).get('alarm')!;
    expect({ held, skipped, edited, released: inject?.id }).toEqual({ held: undefined, skipped: undefined, edited: { body: 'Edited' }, released: 'alarm' });
  });
});
