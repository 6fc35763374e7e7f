import { LIBRARY } from '@startex/scenarios';
import type { NewImprovementItemBody } from '@startex/shared';
import { defaultSettings } from '../../src/planning/settings.ts';
import type { Store } from '../../src/store/ExerciseStore.ts';
import type { Harness, StaffCredential } from '../harness.ts';

/**
 * Scenario B played to EndEx on the harness's server through the exercise host (speed 1, so no
 * scenario timer fires on its own): the alarm goes to customs, customs holds the truck, an
 * evaluator records a strength and an area for improvement and rates, then the director ends play.
 * `language`: the exercise's, as its plan sets it.
 */
export async function playedExercise(h: Harness, name: string, language: 'en' | 'lt' = 'en'): Promise<{ id: string; director: StaffCredential; evaluator: StaffCredential & { userId: string } }> {
  const scenario = LIBRARY['detection-portal-alarm']!;
  const title = `Border alarm drill ${name}`;
  const { id } = await h.server.runtime.create({ id: name, title, scenario, speed: 1, settings: { ...defaultSettings(scenario, 1, title), language } });
  const director = await h.member('director', { exerciseId: id, username: `${name}-director` });
  const evaluator = await h.member('evaluator', { exerciseId: id, username: `${name}-evaluator` });
  const host = await h.server.runtime.get(id);
  const system = { kind: 'system' } as const;
  const judge = { kind: 'evaluator', id: evaluator.userId, name: 'Test evaluator' } as const;
  await host.command({ type: 'ready' }, system);
  await host.command({ type: 'start' }, system);
  await host.takeAction('customs', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, injectId: 'portal_alarm', idempotencyKey: `${name}-hold` });
  await host.recordObservation(
    { observedAtMs: 60_000, teamId: 'customs', taskId: 'ct_hold_rescan', objectiveId: 'verify_alarm', kind: 'strength', text: 'Held the truck and re-scanned within a minute', idempotencyKey: `${name}-obs-1` },
    judge,
  );
  await host.recordObservation(
    { observedAtMs: 120_000, teamId: 'customs', objectiveId: 'protect_officers', kind: 'area-for-improvement', text: 'No cordon was set around the truck', idempotencyKey: `${name}-obs-2` },
    judge,
  );
  await host.command({ type: 'end' }, system);
  await host.recordRating({ subject: { kind: 'target', id: 'secondary_within_10' }, rating: 'S', reason: 'Held at once, hotspot not located', idempotencyKey: `${name}-rate-1` }, judge);
  await host.recordRating({ subject: { kind: 'capability', id: 'verify_alarm' }, rating: 'S', reason: 'Some challenges', idempotencyKey: `${name}-rate-2` }, judge);
  await host.recordRating({ subject: { kind: 'capability', id: 'protect_officers' }, rating: 'M', reason: 'No cordon', idempotencyKey: `${name}-rate-3` }, judge);
  return { id, director, evaluator };
}

export const CORDON_ROW: NewImprovementItemBody = {
  capability: 'Protect officers and the public',
  issue: 'No cordon was set around the truck',
  recommendation: 'Train lane officers on the 30 m cordon for an unshielded source',
  correctiveAction: 'Add a cordon drill to the spring refresher course',
  capabilityElement: 'training',
  responsibleAgency: 'Customs post Vilkupiai',
  pointOfContact: 'Shift supervisor Jonas Petraitis',
  startDate: '2026-12-01',
  dueDate: '2027-03-31',
};

/** The whole store the harness built the app on (runtime.store is typed as its narrower ExerciseStore part). */
export const storeOf = (h: Harness) => h.server.runtime.store as Store;
