import { randomUUID } from 'node:crypto';
import { StartexError, type ReviewSurveyBody, type SendSurveyBody, type SurveyRow, type SurveySent, type SurveyView } from '@startex/shared';
import { randomToken, sha256 } from '../auth/secrets.ts';
import { calendarDay } from '../review/report/improvementPlan.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { LevelRecord, NeedRecord, SurveyRecord } from '../store/ProgrammeStore.ts';
import { checkSurveyRows, needViews } from './needs.ts';
import { respondentName, type Respondent } from './programmeAccess.ts';

/** The page a focal point answers on; a token rides in the fragment, which browsers never send. */
export const surveyLink = (surveyId: string, token?: string) => `/programme/surveys/${encodeURIComponent(surveyId)}${token ? `#token=${token}` : ''}`;

export async function surveyView(store: Store, survey: SurveyRecord): Promise<SurveyView> {
  const agency = await store.planning.getAgency(survey.agencyId);
  const { tokenHash, ...rest } = survey;
  return {
    ...rest,
    agencyName: agency?.name ?? survey.agencyId,
    tokenOpen: tokenHash !== undefined,
    rows: await needViews(store, await store.programme.listNeeds({ surveyId: survey.id })),
  };
}

/** The centre sends an agency's focal point a needs survey (and, if asked, a one-time token shown once). */
export async function sendSurvey(store: Store, agencyId: string, body: SendSurveyBody, by: string, now: number): Promise<SurveySent> {
  if (!(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND');
  if (body.dueDate < calendarDay(now)) throw new StartexError('DATE_IN_PAST', `The due date ${body.dueDate} is in the past.`, 'body.dueDate');
  const token = body.token ? randomToken() : undefined;
  const survey: SurveyRecord = {
    id: randomUUID(),
    agencyId,
    status: 'sent',
    dueDate: body.dueDate,
    message: body.message,
    ...(token ? { tokenHash: sha256(token) } : {}),
    sentAt: now,
    sentBy: by,
  };
  await store.programme.createSurvey(survey);
  await store.appendAudit({ at: now, actor: by, action: 'programme.survey.sent', target: survey.id, details: { agencyId, token: token !== undefined } });
  return { survey: await surveyView(store, survey), link: surveyLink(survey.id, token), ...(token ? { token } : {}) };
}

const open = (survey: SurveyRecord) => {
  if (survey.status !== 'sent' && survey.status !== 'draft') throw new StartexError('SURVEY_CLOSED');
};

/** The focal point's rows replace the draft's; nothing else of the agency's needs changes. */
export async function saveSurveyRows(store: Store, survey: SurveyRecord, rows: SurveyRow[], now: number): Promise<SurveyRecord> {
  open(survey);
  await checkSurveyRows(store, rows);
  const drafts = await store.programme.listNeeds({ surveyId: survey.id });
  const needs: NeedRecord[] = rows.map((row) => ({ id: randomUUID(), agencyId: survey.agencyId, ...row, status: 'draft', surveyId: survey.id, createdAt: now, updatedAt: now }));
  const next: SurveyRecord = { ...survey, status: 'draft' };
  await store.programme.updateSurvey(next, { removeNeedIds: drafts.map((d) => d.id), needs, levels: [] });
  return next;
}

/** Sends the rows to the centre; a one-time token is used up. */
export async function submitSurvey(store: Store, survey: SurveyRecord, respondent: Respondent, now: number): Promise<SurveyRecord> {
  open(survey);
  const rows = await store.programme.listNeeds({ surveyId: survey.id });
  if (rows.length === 0) throw new StartexError('VALIDATION_FAILED', 'Add at least one row before submitting the survey.', 'body.rows');
  const by = respondentName(respondent);
  const next: SurveyRecord = { ...survey, tokenHash: undefined, status: 'submitted', submittedAt: now, submittedBy: by };
  await store.programme.updateSurvey(next, { removeNeedIds: [], needs: rows.map((r) => ({ ...r, status: 'submitted', updatedAt: now })), levels: [] });
  await store.appendAudit({ at: now, actor: by, action: 'programme.survey.submitted', target: survey.id, details: { agencyId: survey.agencyId, rows: rows.length } });
  return next;
}

/**
 * The centre accepts rows (they become open needs: the survey is their evidence, their current
 * level the agency's) or rejects them with a reason; the survey is reviewed when none is left.
 */
export async function reviewSurvey(store: Store, survey: SurveyRecord, body: ReviewSurveyBody, by: string, now: number): Promise<SurveyRecord> {
  if (survey.status !== 'submitted') throw new StartexError('NEED_NOT_EDITABLE', 'Only a submitted survey\'s rows can be accepted or rejected.');
  const rows = new Map((await store.programme.listNeeds({ surveyId: survey.id })).map((r) => [r.id, r]));
  const pick = (needId: string, path: string) => {
    const row = rows.get(needId);
    if (!row) throw new StartexError('NEED_NOT_FOUND', `The survey has no row "${needId.slice(0, 64)}".`, path);
    if (row.status !== 'submitted') throw new StartexError('NEED_NOT_EDITABLE', `That row is already ${row.status}.`, path);
    return row;
  };
  const changed: NeedRecord[] = [];
  const levels: LevelRecord[] = [];
  const surveyNote = `Needs survey answered ${calendarDay(survey.submittedAt ?? now)}`;
  body.accept.forEach((needId, i) => {
    const row = pick(needId, `body.accept.${i}`);
    const evidence = row.evidence.some((e) => e.kind === 'survey') ? row.evidence : [{ kind: 'survey' as const, note: surveyNote }, ...row.evidence];
    changed.push({ ...row, evidence, status: 'open', updatedAt: now });
    if (row.currentLevel !== undefined) levels.push({ needId, at: now, level: row.currentLevel, source: 'survey', by: survey.submittedBy ?? by });
  });
  body.reject.forEach(({ needId, reason }, i) => changed.push({ ...pick(needId, `body.reject.${i}.needId`), status: 'rejected', rejectedReason: reason, updatedAt: now }));
  if (new Set(changed.map((c) => c.id)).size !== changed.length) throw new StartexError('VALIDATION_FAILED', 'A row is both accepted and rejected, or named twice.', 'body');
  const left = [...rows.values()].filter((r) => r.status === 'submitted' && !changed.some((c) => c.id === r.id));
  const next: SurveyRecord = left.length === 0 ? { ...survey, status: 'reviewed', reviewedAt: now } : survey;
  await store.programme.updateSurvey(next, { removeNeedIds: [], needs: changed, levels });
  await store.appendAudit({ at: now, actor: by, action: 'programme.survey.reviewed', target: survey.id, details: { accepted: body.accept.length, rejected: body.reject.length } });
  return next;
}
