import { randomUUID } from 'node:crypto';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, ExerciseArchive, StartexError, withoutBidiControls, type LogEntry } from '@startex/shared';
import { ExerciseHost } from '../runtime/ExerciseHost.ts';
import type { ExerciseRecord, ExerciseStore, Store } from '../store/ExerciseStore.ts';
import { computeReview } from './computeReview.ts';

/** The whole exercise as one JSON document: pinned scenario, the full log (ratings included), report versions, improvement plan. */
export async function exportArchive(store: Store, exerciseId: string, now: number): Promise<ExerciseArchive> {
  const record = await store.getExercise(exerciseId);
  if (!record) throw new StartexError('EXERCISE_NOT_FOUND');
  const versions = await Promise.all((await store.review.listVersions(exerciseId)).map(async (v) => (await store.review.getVersion(exerciseId, v.version))!));
  const draft = await store.review.getDraft(exerciseId);
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: now,
    exercise: { id: record.id, title: record.title, speed: record.speed, createdAt: record.createdAt, scenario: record.scenario },
    log: await store.readLog(exerciseId),
    report: { draft: draft ?? null, versions },
    improvementPlan: await store.review.listItems(exerciseId),
  };
}

const invalid = (message: string, problems?: readonly unknown[]) => new StartexError('ARCHIVE_INVALID', `This archive cannot be imported: ${message}`, undefined, problems);

/**
 * Imports an archive as a new exercise (new id, its log re-stamped), ended as it was played, for
 * re-analysis. Everything is checked first (schema, a gapless log that replays to EndEx with the
 * pinned scenario, a review that computes), then written in one transaction: all or nothing.
 */
export async function importArchive(store: Store, input: unknown, now: number): Promise<ExerciseRecord> {
  // An archive exported before names refused text-direction controls imports without them (shared/src/text.ts).
  const parsed = ExerciseArchive.safeParse(withoutBidiControls(input));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw invalid(`${problems[0]?.path || 'archive'}: ${problems[0]?.message ?? 'invalid'}`, problems);
  }
  const archive = parsed.data;
  const source = archive.exercise.id;
  const gap = archive.log.findIndex((entry, i) => entry.seq !== i + 1 || entry.exerciseId !== source);
  if (gap !== -1) throw invalid(`log entry ${gap + 1} breaks the sequence of exercise "${source}".`);
  if (archive.improvementPlan.some((item) => item.exerciseId !== source)) throw invalid('an improvement plan row belongs to another exercise.');
  if (archive.report.versions.some((v, i) => v.version !== i + 1)) throw invalid('report versions are not numbered 1, 2, 3...');

  const id = randomUUID();
  const record: ExerciseRecord = { id, title: `${archive.exercise.title} (imported)`.slice(0, 200), scenario: archive.exercise.scenario, speed: archive.exercise.speed, createdAt: now };
  const log: LogEntry[] = archive.log.map((entry) => ({ ...entry, exerciseId: id }));
  await replaysToEndex(record, log);
  try {
    computeReview(record.scenario, log);
  } catch (error) {
    throw invalid(`its review cannot be computed (${(error as Error).message}).`);
  }
  await store.review.importExercise({
    exercise: record,
    log,
    draft: archive.report.draft,
    versions: archive.report.versions.map((v) => ({ ...v, improvementPlan: v.improvementPlan.map((item) => ({ ...item, exerciseId: id })) })),
    // Row ids are unique across exercises: an archive imported twice gets new ones.
    improvementPlan: archive.improvementPlan.map((item) => ({ ...item, id: randomUUID(), exerciseId: id })),
  });
  return record;
}

/** Folds the log with the same host the server runs, read-only, and demands it ends at EndEx (never live after import). */
async function replaysToEndex(record: ExerciseRecord, log: LogEntry[]): Promise<void> {
  const readOnly = { readLog: async () => log } as Pick<ExerciseStore, 'readLog'> as ExerciseStore;
  let status: string;
  try {
    const probe = await ExerciseHost.load(readOnly, record);
    status = probe.status;
    probe.dispose();
  } catch (error) {
    throw invalid(`its log does not replay with its scenario (${(error as Error).message}).`);
  }
  if (status !== 'ended' && status !== 'closed') throw invalid(`the exercise is ${status}; export it after EndEx.`);
}
