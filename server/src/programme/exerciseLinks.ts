import { EXERCISE_KINDS, StartexError, type CapabilityMapBody, type ExerciseProgrammeView, type ScenarioDocument } from '@startex/shared';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { ActivityRecord, ExerciseLinkRecord } from '../store/ProgrammeStore.ts';
import { LIBRARY_CAPABILITIES } from './libraryCapabilities.ts';
import { needViews } from './needs.ts';

/**
 * The capabilities an exercise made from `activity` starts with: the library's suggestion for
 * each objective, else the activity's capability when it has exactly one; targets follow their
 * objective unless mapped on their own.
 */
export function suggestedCapabilities(scenario: ScenarioDocument, activity: ActivityRecord, known: ReadonlySet<string>): CapabilityMapBody {
  const library = LIBRARY_CAPABILITIES[scenario.id] ?? {};
  const only = activity.capabilityIds.length === 1 ? activity.capabilityIds[0] : undefined;
  const objectives: Record<string, string> = {};
  for (const objective of scenario.objectives) {
    const suggested = library[objective.id];
    const capabilityId = suggested && known.has(suggested) ? suggested : only;
    if (capabilityId) objectives[objective.id] = capabilityId;
  }
  return { objectives, targets: {} };
}

/**
 * Links an exercise (made for the purpose, or existing) to a planned activity: the exercise's
 * teams are mapped to the activity's agencies of the same kind when it has no mapping yet and its
 * plan may still change, and its objectives to catalogue capabilities.
 */
export async function linkExercise(store: Store, runtime: ExerciseRuntime, activityId: string, exerciseId: string, by: string, now: number): Promise<ExerciseLinkRecord> {
  const activity = await store.programme.getActivity(activityId);
  if (!activity) throw new StartexError('ACTIVITY_NOT_FOUND');
  if (!EXERCISE_KINDS.includes(activity.kind)) throw new StartexError('ACTIVITY_NOT_AN_EXERCISE');
  const host = await runtime.get(exerciseId);
  const links = await store.programme.listExerciseLinks();
  if (links.some((l) => l.exerciseId === exerciseId || l.activityId === activityId)) throw new StartexError('EXERCISE_ALREADY_LINKED');

  const scenario = host.record.scenario;
  if ((host.status === 'draft' || host.status === 'ready') && Object.keys(await store.planning.teamAgencies(exerciseId)).length === 0) {
    const agencies = (await store.planning.listAgencies()).filter((a) => activity.agencyIds.includes(a.id));
    const mapping = Object.fromEntries(scenario.teams.flatMap((team) => {
      const agency = agencies.find((a) => a.type === team.agency);
      return agency ? [[team.id, agency.id]] : [];
    }));
    await store.planning.setTeamAgencies(exerciseId, mapping);
  }
  const known = new Set((await store.programme.listCapabilities()).map((c) => c.id));
  const link: ExerciseLinkRecord = { exerciseId, activityId, capabilityMap: suggestedCapabilities(scenario, activity, known), linkedAt: now, linkedBy: by };
  await store.programme.saveExerciseLink(link);
  await store.appendAudit({ at: now, actor: by, action: 'programme.exercise.linked', target: exerciseId, details: { activityId } });
  return link;
}

/** Sets which catalogue capability each objective and target exercises; ids the scenario lacks are refused. */
export async function setCapabilityMap(store: Store, runtime: ExerciseRuntime, exerciseId: string, map: CapabilityMapBody, by: string, now: number): Promise<void> {
  const link = await store.programme.getExerciseLink(exerciseId);
  if (!link) throw new StartexError('EXERCISE_NOT_FOUND', 'The exercise is not part of the programme: create it from a planned activity first.');
  const scenario = (await runtime.get(exerciseId)).record.scenario;
  const known = new Set((await store.programme.listCapabilities()).map((c) => c.id));
  for (const [objectiveId, capabilityId] of Object.entries(map.objectives)) {
    if (!scenario.objectives.some((o) => o.id === objectiveId)) throw new StartexError('UNKNOWN_OBJECTIVE', undefined, `body.objectives.${objectiveId}`);
    if (!known.has(capabilityId)) throw new StartexError('UNKNOWN_CAPABILITY', undefined, `body.objectives.${objectiveId}`);
  }
  for (const [targetId, capabilityId] of Object.entries(map.targets)) {
    if (!scenario.objectives.some((o) => o.capabilityTargets.some((t) => t.id === targetId))) throw new StartexError('UNKNOWN_RATING_SUBJECT', undefined, `body.targets.${targetId}`);
    if (!known.has(capabilityId)) throw new StartexError('UNKNOWN_CAPABILITY', undefined, `body.targets.${targetId}`);
  }
  await store.programme.saveExerciseLink({ ...link, capabilityMap: map });
  await store.appendAudit({ at: now, actor: by, action: 'programme.exercise.capabilities', target: exerciseId, details: { objectives: Object.keys(map.objectives).length, targets: Object.keys(map.targets).length } });
}

/** What the programme knows of an exercise: the activity it came from, the needs it serves, its capabilities. */
export async function exerciseProgramme(store: Store, runtime: ExerciseRuntime, exerciseId: string): Promise<ExerciseProgrammeView> {
  const host = await runtime.get(exerciseId);
  const link = await store.programme.getExerciseLink(exerciseId);
  const activity = link?.activityId ? await store.programme.getActivity(link.activityId) : undefined;
  const needs = activity ? (await store.programme.listNeeds()).filter((n) => activity.needIds.includes(n.id)) : [];
  const mapping = await store.planning.teamAgencies(exerciseId);
  const map = link?.capabilityMap ?? { objectives: {}, targets: {} };
  return {
    exerciseId,
    title: host.record.title,
    status: host.status,
    ...(activity ? { activity: { id: activity.id, planId: activity.planId, title: activity.title, kind: activity.kind } } : {}),
    needs: await needViews(store, needs),
    objectives: host.record.scenario.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      ...(map.objectives[o.id] ? { capabilityId: map.objectives[o.id] } : {}),
      targets: o.capabilityTargets.map((t) => ({ id: t.id, title: t.title, ...(map.targets[t.id] ? { capabilityId: map.targets[t.id] } : {}) })),
    })),
    teams: host.record.scenario.teams.map((t) => ({ id: t.id, name: t.name, ...(mapping[t.id] ? { agencyId: mapping[t.id] } : {}) })),
    absorbedVersions: (await store.programme.listAbsorbed(exerciseId)).map((a) => a.version),
  };
}
