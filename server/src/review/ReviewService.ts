import type { ExerciseReview, FeedbackReview, LogEntry, ReplayMoment } from '@startex/shared';
import type { ExerciseHost } from '../runtime/ExerciseHost.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { IdentityStore } from '../store/ExerciseStore.ts';
import { computeReview } from './computeReview.ts';
import { ReplayIndex } from './ReplayIndex.ts';

/** Reviews and replay indexes kept in memory at once (each one per exercise under review). */
const MAX_KEPT = 4;

/** An exercise's durable log and the review computed from it. */
export interface ReviewedExercise {
  host: ExerciseHost;
  log: LogEntry[];
  review: ExerciseReview;
}

/**
 * Reviews and replays of exercises from their stored (durable) log, for the review page and the
 * report alike. The latest review and a replay index per exercise are kept, and brought up to
 * date with the entries committed since: a request with nothing new computes nothing.
 */
export class ReviewService {
  private readonly reviews = new Map<string, { log: LogEntry[]; review: ExerciseReview }>();
  private readonly indexes = new Map<string, ReplayIndex>();

  constructor(
    private readonly runtime: ExerciseRuntime,
    private readonly users: Pick<IdentityStore, 'getUser'>,
  ) {}

  async review(exerciseId: string): Promise<ExerciseReview> {
    return (await this.reviewed(exerciseId)).review;
  }

  async reviewed(exerciseId: string): Promise<ReviewedExercise> {
    const host = await this.runtime.get(exerciseId);
    const cached = this.reviews.get(exerciseId);
    const fresh = await this.runtime.store.readLog(exerciseId, cached?.review.lastSeq ?? 0);
    if (cached && fresh.length === 0) return { host, ...cached };
    const log = cached ? [...cached.log, ...fresh] : fresh;
    const review = await this.withNames(computeReview(host.record.scenario, log));
    keep(this.reviews, exerciseId, { log, review });
    return { host, log, review };
  }

  /** Signed-in participants' names beside their hot-wash: the log holds only the user id. */
  private async withNames(review: ExerciseReview): Promise<ExerciseReview> {
    const names = new Map<string, string | undefined>();
    for (const id of new Set(review.feedback.flatMap((f) => (f.userId ? [f.userId] : [])))) names.set(id, (await this.users.getUser(id))?.displayName);
    const named = (f: FeedbackReview) => {
      const userName = f.userId ? names.get(f.userId) : undefined;
      return userName ? { ...f, userName } : f;
    };
    return { ...review, feedback: review.feedback.map(named) };
  }

  async moment(exerciseId: string, at: { atMs: number } | { atSeq: number }): Promise<ReplayMoment> {
    const index = await this.index(exerciseId);
    if ('atMs' in at) return index.moment(at.atMs);
    const state = index.seekSeq(at.atSeq);
    return index.moment(Number.NaN, state);
  }

  private async index(exerciseId: string): Promise<ReplayIndex> {
    const host = await this.runtime.get(exerciseId);
    let index = this.indexes.get(exerciseId);
    const fresh: LogEntry[] = await this.runtime.store.readLog(exerciseId, index?.lastSeq ?? 0);
    if (!index) index = new ReplayIndex(host.record, fresh);
    else index.append(fresh);
    keep(this.indexes, exerciseId, index);
    return index;
  }
}

/** Sets `key` as the most recently used, dropping the least recently used beyond MAX_KEPT. */
function keep<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_KEPT) map.delete(map.keys().next().value!);
  map.set(key, value);
}
