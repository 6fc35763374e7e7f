import { randomUUID } from 'node:crypto';
import { LEVEL_OF_RATING, type AgencyView, type CapabilityRollup, type CapabilityView, type ImprovementItem, type Level, type Rating, type ReportVersion, type ScenarioDocument } from '@startex/shared';
import type { ReviewService } from '../review/ReviewService.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { Absorption, ExerciseLinkRecord, NeedActionRecord, NeedRecord, ProgrammeRatingRecord } from '../store/ProgrammeStore.ts';

/** A corrective action's new need aims at "performed with some challenges" at least. */
const DEFAULT_REQUIRED_LEVEL: Level = 3;
const OPEN = new Set<NeedRecord['status']>(['open', 'met']);

export interface AbsorptionInput {
  exerciseId: string;
  exerciseTitle: string;
  version: ReportVersion;
  scenario: ScenarioDocument;
  /** The review's roll-ups: which teams acted or were observed on each objective. */
  rollups: readonly CapabilityRollup[];
  /** Scenario team id -> agency id. */
  teamAgencies: Readonly<Record<string, string>>;
  link: ExerciseLinkRecord;
  agencies: readonly AgencyView[];
  capabilities: readonly CapabilityView[];
  needs: readonly NeedRecord[];
  needActions: readonly NeedActionRecord[];
  now: number;
  newId?: () => string;
}

export type PlannedAbsorption = Absorption & { unmatched: { itemId: string; responsibleAgency: string }[] };

/**
 * What a finalised AAR/IP version brings to the programme, decided without touching the store:
 * - each rated objective (and each target mapped to a capability of its own) gives a rating of
 *   that catalogue capability to every agency whose team acted or was observed on it (all of the
 *   exercise's agencies when nobody was), and that rating sets the current level of the agency's
 *   open needs on the capability, the rating being the evidence;
 * - each corrective action of the improvement plan whose responsible agency is in the directory
 *   (by its name, or by the name of a team it played) joins that agency's open need on the same
 *   capability, or becomes a new open need; actions handled before are left alone.
 */
export function planAbsorption(input: AbsorptionInput): PlannedAbsorption {
  const { version, link, now } = input;
  const newId = input.newId ?? randomUUID;
  const exerciseAgencies = [...new Set(Object.values(input.teamAgencies))];
  const agenciesOf = (objectiveId: string) => {
    const rollup = input.rollups.find((r) => r.capabilityId === objectiveId);
    const active = (rollup?.teams ?? []).filter((t) => t.actions > 0 || t.observationSeqs.length > 0).flatMap((t) => (input.teamAgencies[t.teamId] ? [input.teamAgencies[t.teamId]!] : []));
    return active.length > 0 ? [...new Set(active)] : exerciseAgencies;
  };
  const known = new Map(input.capabilities.map((c) => [c.id, c]));

  const ratings: ProgrammeRatingRecord[] = [];
  const rate = (agencyId: string, capabilityId: string, subject: ProgrammeRatingRecord['subject'], rating: Rating) => {
    if (!known.has(capabilityId) || ratings.some((r) => r.agencyId === agencyId && r.capabilityId === capabilityId)) return;
    ratings.push({ id: newId(), exerciseId: input.exerciseId, version: version.version, finalisedAt: version.finalisedAt, agencyId, capabilityId, subject, rating });
  };
  // Objectives first, so that a capability rated as a whole is not overridden by one of its targets.
  for (const section of version.content.capabilities) {
    const capabilityId = link.capabilityMap.objectives[section.id];
    if (capabilityId && section.rating) for (const agencyId of agenciesOf(section.id)) rate(agencyId, capabilityId, { kind: 'capability', id: section.id, title: section.title }, section.rating);
  }
  for (const section of version.content.capabilities) {
    for (const target of section.targets) {
      const capabilityId = link.capabilityMap.targets[target.id];
      if (capabilityId && target.rating) for (const agencyId of agenciesOf(section.id)) rate(agencyId, capabilityId, { kind: 'target', id: target.id, title: target.title }, target.rating);
    }
  }

  const needs = new Map<string, NeedRecord>();
  const absorption: PlannedAbsorption = { exerciseId: input.exerciseId, version: version.version, at: now, ratings, needs: [], levels: [], actions: [], unmatched: [] };
  const current = (need: NeedRecord) => needs.get(need.id) ?? need;
  for (const rating of ratings) {
    const level = LEVEL_OF_RATING[rating.rating];
    for (const need of input.needs.filter((n) => n.agencyId === rating.agencyId && n.capabilityId === rating.capabilityId && OPEN.has(n.status))) {
      needs.set(need.id, { ...current(need), currentLevel: level, updatedAt: now });
      absorption.levels.push({ needId: need.id, at: now, level, source: 'exercise', by: version.finalisedBy, ratingId: rating.id });
    }
  }

  const handled = new Set(input.needActions.map((a) => a.itemId));
  const agencyByName = new Map(input.agencies.map((a) => [a.name.toLowerCase(), a]));
  for (const team of input.scenario.teams) {
    const agency = input.agencies.find((a) => a.id === input.teamAgencies[team.id]);
    if (agency && !agencyByName.has(team.name.toLowerCase())) agencyByName.set(team.name.toLowerCase(), agency);
  }
  const capabilityOf = (item: ImprovementItem) => {
    const wanted = item.capability.trim().toLowerCase();
    const section = version.content.capabilities.find((c) => c.title.toLowerCase() === wanted || c.id === item.capability);
    const mapped = section ? link.capabilityMap.objectives[section.id] : undefined;
    return { capability: mapped ? known.get(mapped) : input.capabilities.find((c) => c.name.toLowerCase() === wanted), rating: section?.rating };
  };
  const created: NeedRecord[] = [];
  for (const item of version.improvementPlan) {
    if (handled.has(item.id) || item.status === 'cancelled') continue;
    const agency = agencyByName.get(item.responsibleAgency.trim().toLowerCase());
    if (!agency) {
      absorption.unmatched.push({ itemId: item.id, responsibleAgency: item.responsibleAgency });
      continue;
    }
    const { capability, rating } = capabilityOf(item);
    const existing = capability
      ? [...input.needs, ...created].find((n) => n.agencyId === agency.id && n.capabilityId === capability.id && OPEN.has(n.status))
      : undefined;
    if (existing) {
      absorption.actions.push({ needId: existing.id, itemId: item.id, kind: 'attached', at: now });
      continue;
    }
    const need: NeedRecord = {
      id: newId(),
      agencyId: agency.id,
      function: capability?.function ?? agency.functions[0] ?? 'cross-cutting',
      ...(capability ? { capabilityId: capability.id } : { competence: item.capability }),
      targetGroup: item.pointOfContact,
      headcount: 0,
      requiredLevel: DEFAULT_REQUIRED_LEVEL,
      ...(rating ? { currentLevel: LEVEL_OF_RATING[rating] } : {}),
      priority: rating === 'U' || rating === 'M' ? 'high' : 'medium',
      evidence: [{ kind: 'aar-finding', note: `${input.exerciseTitle}, AAR/IP version ${version.version}: ${item.issue}`.slice(0, 500) }],
      ...(item.capabilityElement === 'training' ? { intervention: 'course' as const } : item.capabilityElement === 'exercises' ? { intervention: 'drill' as const } : {}),
      reviewDate: item.dueDate,
      status: 'open',
      fromAction: { exerciseId: input.exerciseId, itemId: item.id },
      createdAt: now,
      updatedAt: now,
    };
    created.push(need);
    absorption.actions.push({ needId: need.id, itemId: item.id, kind: 'created', at: now });
  }
  absorption.needs = [...needs.values(), ...created];
  return absorption;
}

/** Feeds one finalised version of a programme exercise into the needs; false when it is not in the programme or was fed before. */
export async function absorbVersion(store: Store, reviews: ReviewService, exerciseId: string, version: ReportVersion, now: number): Promise<boolean> {
  const link = await store.programme.getExerciseLink(exerciseId);
  if (!link) return false;
  if ((await store.programme.listAbsorbed(exerciseId)).some((a) => a.version === version.version)) return false;
  const { host, review } = await reviews.reviewed(exerciseId);
  const planned = planAbsorption({
    exerciseId,
    exerciseTitle: host.record.title,
    version,
    scenario: host.record.scenario,
    rollups: review.rollups,
    teamAgencies: await store.planning.teamAgencies(exerciseId),
    link,
    agencies: await store.planning.listAgencies(),
    capabilities: await store.programme.listCapabilities(),
    needs: await store.programme.listNeeds(),
    needActions: await store.programme.listNeedActions(),
    now,
  });
  const { unmatched, ...absorption } = planned;
  const written = await store.programme.absorb(absorption);
  if (written) {
    await store.appendAudit({
      at: now,
      actor: version.finalisedBy,
      action: 'programme.absorbed',
      target: exerciseId,
      details: { version: version.version, ratings: absorption.ratings.length, levels: absorption.levels.length, actions: absorption.actions.length, unmatched },
    });
  }
  return written;
}

/**
 * The finalise hook (ReportService.finalise calls it once the version is stored): the version is
 * final whatever happens here, so a failure is logged and the next programme read catches up.
 */
export async function afterFinalise(store: Store, reviews: ReviewService, exerciseId: string, version: ReportVersion): Promise<void> {
  try {
    await absorbVersion(store, reviews, exerciseId, version, Date.now());
  } catch (error) {
    console.error(`Programme: AAR/IP version ${version.version} of ${exerciseId} is not in the needs yet; the next programme read retries.`, error);
  }
}

/** Feeds every finalised version of a programme exercise that is not in the needs yet (after a failed hook, or an exercise linked after finalising). */
export async function catchUp(store: Store, reviews: ReviewService, now: number): Promise<void> {
  const absorbed = new Set((await store.programme.listAbsorbed()).map((a) => `${a.exerciseId}#${a.version}`));
  for (const link of await store.programme.listExerciseLinks()) {
    for (const summary of await store.review.listVersions(link.exerciseId)) {
      if (absorbed.has(`${link.exerciseId}#${summary.version}`)) continue;
      const version = await store.review.getVersion(link.exerciseId, summary.version);
      if (version) await absorbVersion(store, reviews, link.exerciseId, version, now);
    }
  }
}
