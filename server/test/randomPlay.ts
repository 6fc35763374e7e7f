import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { StartexError, type ControllerCommand, type ScenarioDocument, type ScenarioState } from '@startex/shared';
import { parseScenarioText } from '@startex/scenarios';
import type { ExerciseHost } from '../src/runtime/ExerciseHost.ts';
import { settle, type ManualClock } from './manualClock.ts';

/*
 * Random play through a real ExerciseHost, for the property tests: any sequence of commands,
 * actions, receipts, messages and evaluation inputs, refusals included (they must change nothing).
 */

/** The worked example in scenarios/README.md. */
export const readmeExample = (): ScenarioDocument => {
  const readme = readFileSync(join(import.meta.dirname, '../../scenarios/README.md'), 'utf8');
  const parsed = parseScenarioText(/## A worked example to copy[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!, 'yaml');
  if (!parsed.ok) throw new Error('README example does not parse');
  return parsed.document;
};

export type Op =
  | { kind: 'advance'; ms: number }
  | { kind: 'command'; command: ControllerCommand }
  | { kind: 'action'; team: number; action: number; value: number; key: number; inject: number | null }
  | { kind: 'receipt'; ack: boolean; team: number; inject: number }
  | { kind: 'message'; team: number; key: number }
  | { kind: 'review'; what: 'observation' | 'rating' | 'reconcile' | 'feedback'; evaluator: number; subject: number; team: number; key: number };

export function ops(document: ScenarioDocument): fc.Arbitrary<Op[]> {
  const injectIds = document.injects.map((i) => i.id);
  const decisionsOf = (state: ScenarioState): string[] => [...(state.decisions ?? []).map((d) => d.decision), ...Object.values(state.states ?? {}).flatMap(decisionsOf)];
  const decisions = decisionsOf(document.machine);
  const injectId = fc.constantFrom(...injectIds, 'no_such_inject');
  const command: fc.Arbitrary<ControllerCommand> = fc.oneof(
    fc.constantFrom<ControllerCommand>(
      { type: 'pause' },
      { type: 'resume' },
      { type: 'resume', reason: 'All clear from the venue' },
      { type: 'end' },
      { type: 'jump' },
      { type: 'jump' },
      { type: 'halt', reason: 'A real casualty on site' },
      { type: 'note', text: 'Team B slow to respond' },
      { type: 'broadcast', text: 'Weather update: wind from the west' },
      { type: 'close' },
    ),
    injectId.map((id) => ({ type: 'release' as const, injectId: id })),
    injectId.map((id) => ({ type: 'hold' as const, injectId: id, reason: 'Team busy' })),
    injectId.map((id) => ({ type: 'skip' as const, injectId: id, reason: 'Not needed' })),
    injectId.map((id) => ({ type: 'edit' as const, injectId: id, body: 'Edited by control' })),
    fc.constantFrom(...decisions, 'no_such_decision').map((decision) => ({ type: 'decide' as const, decision })),
    fc.constant<ControllerCommand>({ type: 'adhoc', to: [document.teams[0]!.id], channel: 'phone', from: 'Duty officer', subject: 'Ad hoc', body: 'Check in.' }),
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 120_000 }).map((ms) => ({ kind: 'advance' as const, ms })) },
    { weight: 4, arbitrary: command.map((c) => ({ kind: 'command' as const, command: c })) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('action' as const),
        team: fc.nat(3),
        action: fc.nat(5),
        value: fc.integer({ min: -5, max: 500 }),
        key: fc.nat(6),
        inject: fc.option(fc.nat(4)),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('receipt' as const), ack: fc.boolean(), team: fc.nat(3), inject: fc.nat(4) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('message' as const), team: fc.nat(3), key: fc.nat(3) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('review' as const),
        what: fc.constantFrom('observation' as const, 'rating' as const, 'reconcile' as const, 'feedback' as const),
        evaluator: fc.nat(1),
        subject: fc.nat(5),
        team: fc.nat(3),
        key: fc.nat(4),
      }),
    },
  );
  // Most plays start; a few stay in planning, where refusals must change nothing too.
  const start: Op = { kind: 'command', command: { type: 'start' } };
  return fc.tuple(fc.boolean(), fc.boolean(), fc.array(op, { minLength: 5, maxLength: 60 })).map(([a, b, rest]) => (a || b ? [start, ...rest] : rest));
}

/** Plays the steps in order, each awaited; `after` runs after each step (its commits awaited, timers settled). */
export async function play(host: ExerciseHost, clock: ManualClock, document: ScenarioDocument, steps: Op[], after?: () => Promise<void>): Promise<void> {
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  const team = (i: number) => pick(document.teams, i).id;
  for (const op of steps) {
    let attempt: Promise<unknown>;
    switch (op.kind) {
      case 'advance':
        await clock.advance(op.ms);
        await after?.();
        continue;
      case 'command':
        attempt = host.command(op.command, { kind: 'controller', id: 'tester' });
        break;
      case 'action': {
        const action = pick(document.actions, op.action);
        const fields = Object.fromEntries(
          action.fields.map((f) => [f.name, f.type === 'number' ? op.value : f.type === 'boolean' ? op.value % 2 === 0 : (f.options?.[op.value % (f.options.length || 1)] ?? 'text')]),
        );
        const inject = op.inject === null ? {} : { injectId: pick(document.injects, op.inject).id };
        attempt = host.takeAction(team(op.team), { actionId: action.id, fields, idempotencyKey: `key-${op.key}-0000`, ...inject });
        break;
      }
      case 'receipt': {
        const injectId = pick(document.injects, op.inject).id;
        attempt = op.ack ? host.acknowledge(team(op.team), injectId) : host.markDelivered(team(op.team), injectId);
        break;
      }
      case 'message':
        attempt = host.sendMessage(team(op.team), { to: { teams: [team(op.team + 1)], organisations: [] }, text: 'Status?', idempotencyKey: `msg-${op.key}-0000` });
        break;
      case 'review':
        attempt = review(host, document, op);
        break;
    }
    // Refusals are part of play: they must change nothing, which the replay comparison checks.
    await attempt.catch((error: unknown) => {
      if (!(error instanceof StartexError)) throw error;
    });
    await after?.();
  }
  await settle();
}

/** An evaluator's observation or rating, the lead's reconciliation, or a team's hot-wash feedback (refused outside their phase). */
function review(host: ExerciseHost, document: ScenarioDocument, op: Extract<Op, { kind: 'review' }>): Promise<number> {
  const subjects = document.objectives.flatMap((o) => [{ kind: 'capability' as const, id: o.id }, ...o.capabilityTargets.map((t) => ({ kind: 'target' as const, id: t.id }))]);
  const subject = subjects.length > 0 ? subjects[op.subject % subjects.length]! : { kind: 'capability' as const, id: 'no_such_objective' };
  const evaluator = { kind: 'evaluator' as const, id: `evaluator-${op.evaluator}` };
  const idempotencyKey = `${op.what}-${op.key}-0000`;
  const teamId = document.teams[op.team % document.teams.length]!.id;
  switch (op.what) {
    case 'observation':
      return host.recordObservation({ observedAtMs: 60_000, teamId, kind: 'strength', text: 'Quick to report', idempotencyKey }, evaluator);
    case 'rating':
      return host.recordRating({ subject, rating: op.key % 2 === 0 ? 'P' : 'M', reason: 'As seen', idempotencyKey }, evaluator);
    case 'reconcile':
      return host.reconcileRating({ subject, rating: 'S', reason: 'Agreed', idempotencyKey }, { kind: 'controller', id: 'lead' });
    case 'feedback':
      return host.submitFeedback(teamId, { wentWell: 'Clear messages', toImprove: '', objectives: [], idempotencyKey });
  }
}
