import type { ExerciseReview, FeedbackReview, LogEntry, ReplayMoment } from '@startex/shared';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { IdentityStore } from '../store/ExerciseStore.ts';
import { computeReview } from './computeReview.ts';
import { ReplayIndex } from './ReplayIndex.ts';

/** Replay indexes kept in memory at once (one per exercise under review). */
const MAX_INDEXES = 4;

/**
 * Reviews and replays of exercises from their stored (durable) log. The latest review and a replay
 * index per exercise are kept, and brought up to date with the entries committed since.
 */
export class ReviewService {
  private readonly reviews = new Map<string, ExerciseReview>();
  private readonly indexes = new Map<string, ReplayIndex>();

  constructor(
    private readonly runtime: ExerciseRuntime,
    private readonly users: Pick<IdentityStore, 'getUser'>,
  ) {}

  async review(exerciseId: string): Promise<ExerciseReview> {
    const host = await this.runtime.get(exerciseId);
    const entries = await this.runtime.store.readLog(exerciseId);
    const cached = this.reviews.get(exerciseId);
    if (cached && cached.lastSeq === (entries.at(-1)?.seq ?? 0)) return cached;
    const review = await this.withNames(computeReview(host.record.scenario, entries));
    this.reviews.set(exerciseId, review);
    return review;
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
    if (!index) {
      index = new ReplayIndex(host.record, fresh);
      if (this.indexes.size >= MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    } else {
      index.append(fresh);
      this.indexes.delete(exerciseId);
    }
    this.indexes.set(exerciseId, index);
    return index;
  }
}
