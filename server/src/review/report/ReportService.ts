import { randomUUID } from 'node:crypto';
import {
  StartexError,
  findNewFindings,
  type ExerciseReview,
  type ImprovementItem,
  type ImprovementItemView,
  type NewImprovementItemBody,
  type ReportContent,
  type ReportVersion,
  type ReportVersionSummary,
  type ReportView,
  type ScenarioDocument,
  type StatusChangeBody,
  type UpdateImprovementItemBody,
} from '@startex/shared';
import { afterFinalise } from '../../programme/closeTheLoop.ts';
import type { ExerciseRuntime } from '../../runtime/ExerciseRuntime.ts';
import type { Store } from '../../store/ExerciseStore.ts';
import type { ReviewService } from '../ReviewService.ts';
import { assembleDraft, withCurrentRatings } from './assembleDraft.ts';
import { calendarDay, itemView, resolveChoices } from './improvementPlan.ts';
import { agencyOf } from '../../planning/briefings.ts';
import { exerciseSettings } from '../../planning/settings.ts';
import type { ExerciseHost } from '../../runtime/ExerciseHost.ts';

/** What a report export is made of: a finalised version, or the draft with today's plan. */
export interface ReportSource {
  title: string;
  /** The version exported; none for the draft. */
  finalised?: ReportVersionSummary;
  /** The exercise's time zone: the times a person reads are in it. */
  timeZone: string;
  content: ReportContent;
  improvementPlan: ImprovementItem[];
  review: ExerciseReview;
  scenario: ScenarioDocument;
}

export interface CorrectiveActionFilter {
  agency?: string | undefined;
  status?: ImprovementItem['status'] | undefined;
  overdue?: boolean | undefined;
}

/** The AAR/IP of exercises: drafts, immutable finalised versions, and the improvement plan. */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly runtime: ExerciseRuntime,
    private readonly reviews: ReviewService,
    private readonly now: () => number = Date.now,
  ) {}

  async view(exerciseId: string): Promise<ReportView> {
    const { host, content, saved, assembled } = await this.draft(exerciseId);
    return {
      exerciseId,
      title: host.record.title,
      status: host.status,
      exerciseType: exerciseSettings(host.record).exerciseType,
      draft: content,
      draftSaved: saved ? { at: saved.at, by: saved.by } : null,
      versions: await this.store.review.listVersions(exerciseId),
      capabilities: host.record.scenario.objectives.map((o) => ({ id: o.id, title: o.title })),
      agencies: (await this.store.planning.listAgencies()).map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name)),
      newFindings: saved ? findNewFindings(content, assembled()) : [],
    };
  }

  async saveDraft(exerciseId: string, content: ReportContent, by: string): Promise<void> {
    await this.runtime.get(exerciseId);
    await this.store.review.saveDraft(exerciseId, { content, at: this.now(), by });
  }

  /** Freezes the draft and today's improvement plan as the next version; only after EndEx. */
  async finalise(exerciseId: string, by: string): Promise<ReportVersion> {
    const { host, content } = await this.draft(exerciseId);
    if (host.status !== 'ended' && host.status !== 'closed') throw new StartexError('EXERCISE_NOT_ENDED', 'Finalise the report after EndEx.');
    const version = await this.store.review.finalise(exerciseId, content, await this.store.review.listItems(exerciseId), this.now(), by);
    await this.store.appendAudit({ at: version.finalisedAt, actor: by, action: 'report.finalised', target: exerciseId, details: { version: version.version } });
    await afterFinalise(this.store, this.reviews, exerciseId, version);
    return version;
  }

  async version(exerciseId: string, version: number): Promise<ReportVersion> {
    await this.runtime.get(exerciseId);
    const found = await this.store.review.getVersion(exerciseId, version);
    if (!found) throw new StartexError('REPORT_VERSION_NOT_FOUND');
    return found;
  }

  /** A finalised version (when given) or the draft, with everything an export shows. */
  async source(exerciseId: string, version?: number): Promise<ReportSource> {
    if (version !== undefined) {
      const { host, review } = await this.reviews.reviewed(exerciseId);
      const frozen = await this.version(exerciseId, version);
      const finalised = { version: frozen.version, finalisedAt: frozen.finalisedAt, finalisedBy: frozen.finalisedBy };
      const { timeZone } = exerciseSettings(host.record);
      return { title: host.record.title, finalised, timeZone, content: frozen.content, improvementPlan: frozen.improvementPlan, review, scenario: host.record.scenario };
    }
    const { host, content, review } = await this.draft(exerciseId);
    const { timeZone } = exerciseSettings(host.record);
    return { title: host.record.title, timeZone, content, improvementPlan: await this.store.review.listItems(exerciseId), review, scenario: host.record.scenario };
  }

  async items(exerciseId: string): Promise<ImprovementItemView[]> {
    const host = await this.runtime.get(exerciseId);
    const today = calendarDay(this.now());
    return (await this.store.review.listItems(exerciseId)).map((item) => itemView(item, today, host.record.title));
  }

  async addItem(exerciseId: string, body: NewImprovementItemBody, by: string): Promise<ImprovementItemView> {
    const host = await this.runtime.get(exerciseId);
    const fields = resolveChoices(body, host.record.scenario, await this.store.planning.listAgencies());
    const at = this.now();
    const item: ImprovementItem = {
      id: randomUUID(),
      exerciseId,
      ...fields,
      capability: fields.capability!,
      responsibleAgency: fields.responsibleAgency!,
      status: 'open',
      createdAt: at,
      createdBy: by,
      updatedAt: at,
      history: [{ at, by, from: null, to: 'open', comment: 'Added to the improvement plan.' }],
    };
    await this.store.review.addItem(item);
    return itemView(item, calendarDay(at));
  }

  async updateItem(exerciseId: string, itemId: string, body: UpdateImprovementItemBody): Promise<ImprovementItemView> {
    const item = await this.item(exerciseId, itemId);
    const host = await this.runtime.get(exerciseId);
    const patch = resolveChoices(body, host.record.scenario, await this.store.planning.listAgencies());
    const merged = { ...item, ...patch };
    if (merged.dueDate < merged.startDate) throw new StartexError('VALIDATION_FAILED', 'body.dueDate: the due date is before the start date', 'body.dueDate');
    await this.store.review.updateItem(itemId, patch, this.now());
    return itemView((await this.store.review.getItem(itemId))!, calendarDay(this.now()));
  }

  async changeStatus(exerciseId: string, itemId: string, body: StatusChangeBody, by: string): Promise<ImprovementItemView> {
    const item = await this.item(exerciseId, itemId);
    if (item.status === body.status) throw new StartexError('IMPROVEMENT_STATUS_UNCHANGED', `The corrective action is already ${body.status}.`, 'body.status');
    await this.store.review.changeStatus(itemId, { at: this.now(), by, from: item.status, to: body.status, comment: body.comment });
    return itemView((await this.store.review.getItem(itemId))!, calendarDay(this.now()));
  }

  /** Corrective actions across exercises (all of them, or those given), filtered, most urgent first. */
  async correctiveActions(filter: CorrectiveActionFilter, exerciseIds?: ReadonlySet<string>): Promise<ImprovementItemView[]> {
    const today = calendarDay(this.now());
    const titles = new Map((await this.store.listExercises()).map((e) => [e.id, e.title]));
    return (await this.store.review.listItems())
      .filter((item) => !exerciseIds || exerciseIds.has(item.exerciseId))
      .map((item) => itemView(item, today, titles.get(item.exerciseId) ?? item.exerciseId))
      .filter((item) => filter.agency === undefined || item.responsibleAgency === filter.agency)
      .filter((item) => filter.status === undefined || item.status === filter.status)
      .filter((item) => filter.overdue === undefined || item.overdue === filter.overdue)
      .sort((a, b) => a.responsibleAgency.localeCompare(b.responsibleAgency) || a.dueDate.localeCompare(b.dueDate) || a.createdAt - b.createdAt);
  }

  private async item(exerciseId: string, itemId: string): Promise<ImprovementItem> {
    await this.runtime.get(exerciseId);
    const item = await this.store.review.getItem(itemId);
    if (!item || item.exerciseId !== exerciseId) throw new StartexError('IMPROVEMENT_ITEM_NOT_FOUND');
    return item;
  }

  /** What a fresh draft names from the plan: the exercise's time zone, type and language, and the agency playing each team. */
  private async draftContext(host: ExerciseHost) {
    const agencies = await this.store.planning.listAgencies();
    const mapping = await this.store.planning.teamAgencies(host.id);
    const settings = exerciseSettings(host.record);
    return {
      timeZone: settings.timeZone,
      exerciseType: settings.exerciseType,
      language: settings.language,
      agencyOf: (teamId: string) => agencyOf({ agencies, mapping, record: host.record }, teamId, settings.language),
    };
  }

  private async draft(exerciseId: string) {
    const { host, log, review } = await this.reviews.reviewed(exerciseId);
    const saved = await this.store.review.getDraft(exerciseId);
    const context = await this.draftContext(host);
    const assembled = () => assembleDraft({ title: host.record.title, scenario: host.record.scenario, log, review, ...context });
    const content = saved ? withCurrentRatings(saved.content, review) : assembled();
    return { host, review, content, saved, assembled };
  }
}
