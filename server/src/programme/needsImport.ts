import { randomUUID } from 'node:crypto';
import {
  ActivityKind,
  CalendarDate,
  EvidenceKind,
  NEED_IMPORT_COLUMNS,
  NeedPriority,
  ProgrammeFunction,
  REQUIRED_NEED_COLUMNS,
  StartexError,
  type Evidence,
  type ImportNeedsBody,
  type ImportProblem,
  type ProgrammeImportResult,
} from '@startex/shared';
import { readColumnsFile } from '../planning/participantFile.ts';
import { calendarDay } from '../review/report/improvementPlan.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { LevelRecord, NeedRecord } from '../store/ProgrammeStore.ts';

type Column = (typeof NEED_IMPORT_COLUMNS)[number];

const LEVEL = /^[1-4]$/;
const HEADCOUNT = /^\d{1,6}$/;

/**
 * Needs from a CSV or XLSX file, like the participant list: every problem of every row listed with
 * its code, and nothing saved unless the whole file is clean. Agencies and capabilities are named
 * as in the directory and catalogue (name or id); several evidence kinds are separated by ";".
 */
export async function importNeeds(store: Store, body: ImportNeedsBody, by: string, now: number): Promise<ProgrammeImportResult> {
  const file = await readColumnsFile(body, NEED_IMPORT_COLUMNS, REQUIRED_NEED_COLUMNS);
  const problems: ImportProblem[] = [...file.problems];
  if (body.agencyId === undefined && !file.columns.includes('agency')) {
    problems.push({ row: 1, column: 'agency', code: 'MISSING_COLUMN', message: 'The file has no "agency" column; add one or import for one agency.' });
  }
  const fixedAgency = body.agencyId === undefined ? undefined : await store.planning.getAgency(body.agencyId);
  if (body.agencyId !== undefined && !fixedAgency) throw new StartexError('AGENCY_NOT_FOUND', undefined, 'body.agencyId');
  const agencies = await store.planning.listAgencies();
  const capabilities = await store.programme.listCapabilities();
  const today = calendarDay(now);
  const needs: NeedRecord[] = [];
  const levels: LevelRecord[] = [];

  for (const { row, values } of file.rows) {
    const problem = (column: Column, code: ImportProblem['code'], message: string) => problems.push({ row, column, code, message });
    const before = problems.length;
    const text = (column: Column) => values[column]?.trim() ?? '';
    const required = (column: Column) => {
      if (!text(column)) problem(column, 'MISSING_VALUE', `The ${column} is empty.`);
      return text(column);
    };
    const oneOf = <T extends string>(column: Column, options: readonly T[], value = text(column).toLowerCase()) => {
      if (value && !(options as readonly string[]).includes(value)) problem(column, 'INVALID_VALUE', `"${value.slice(0, 40)}" is not a ${column}: use ${options.join(', ')}.`);
      return (options as readonly string[]).includes(value) ? (value as T) : undefined;
    };

    const agencyText = text('agency');
    const agency = agencyText ? agencies.find((a) => a.id === agencyText || a.name.toLowerCase() === agencyText.toLowerCase()) : fixedAgency;
    if (agencyText && !agency) problem('agency', 'UNKNOWN_AGENCY', `No agency "${agencyText.slice(0, 120)}" in the directory.`);
    else if (!agency && file.columns.includes('agency')) problem('agency', 'MISSING_VALUE', 'The agency is empty.');
    else if (fixedAgency && agency && agency.id !== fixedAgency.id) problem('agency', 'UNKNOWN_AGENCY', `This import is for ${fixedAgency.name}, not ${agency.name}.`);

    const fn = required('function') ? oneOf('function', ProgrammeFunction.options) : undefined;
    const capabilityText = text('capability');
    const capability = capabilityText ? capabilities.find((c) => c.id === capabilityText || c.name.toLowerCase() === capabilityText.toLowerCase()) : undefined;
    if (capabilityText && !capability) problem('capability', 'UNKNOWN_CAPABILITY', `The catalogue has no capability "${capabilityText.slice(0, 120)}".`);
    const competence = text('competence');
    if (!capabilityText && !competence) problem('capability', 'MISSING_VALUE', 'Name a capability of the catalogue or a competence.');
    if (competence.length > 200) problem('competence', 'VALIDATION_FAILED', 'The competence is longer than 200 characters.');
    const targetGroup = required('target group');
    if (targetGroup.length > 200) problem('target group', 'VALIDATION_FAILED', 'The target group is longer than 200 characters.');
    const headcount = required('headcount');
    if (headcount && !HEADCOUNT.test(headcount)) problem('headcount', 'INVALID_VALUE', `"${headcount.slice(0, 20)}" is not a number of people.`);
    const requiredLevel = required('required level');
    if (requiredLevel && !LEVEL.test(requiredLevel)) problem('required level', 'INVALID_VALUE', `"${requiredLevel.slice(0, 20)}" is not a level from 1 to 4.`);
    const currentLevel = text('current level');
    if (currentLevel && !LEVEL.test(currentLevel)) problem('current level', 'INVALID_VALUE', `"${currentLevel.slice(0, 20)}" is not a level from 1 to 4.`);
    const priority = required('priority') ? oneOf('priority', NeedPriority.options) : undefined;
    const kinds = text('evidence').toLowerCase().split(/\s*;\s*/).filter(Boolean);
    if (kinds.length === 0) problem('evidence', 'NEED_WITHOUT_EVIDENCE', 'A need needs evidence: survey, interview, regulation, threat-assessment or aar-finding.');
    for (const kind of kinds) oneOf('evidence', EvidenceKind.options, kind);
    const note = text('evidence note');
    if (note.length > 500) problem('evidence note', 'VALIDATION_FAILED', 'The evidence note is longer than 500 characters.');
    const intervention = oneOf('intervention', ActivityKind.options);
    const reviewDate = text('review date');
    if (reviewDate && !CalendarDate.safeParse(reviewDate).success) problem('review date', 'VALIDATION_FAILED', `"${reviewDate.slice(0, 20)}" is not a date: write YYYY-MM-DD.`);
    else if (reviewDate && reviewDate < today) problem('review date', 'DATE_IN_PAST', `The review date ${reviewDate} is in the past.`);

    if (problems.length > before || !agency || !fn || !priority) continue;
    const evidence: Evidence[] = kinds.map((kind, i) => ({ kind: kind as Evidence['kind'], note: i === 0 ? note : '' }));
    const need: NeedRecord = {
      id: randomUUID(),
      agencyId: agency.id,
      function: fn,
      ...(capability ? { capabilityId: capability.id } : {}),
      ...(competence ? { competence } : {}),
      targetGroup,
      headcount: Number(headcount),
      requiredLevel: Number(requiredLevel) as NeedRecord['requiredLevel'],
      ...(currentLevel ? { currentLevel: Number(currentLevel) as NeedRecord['requiredLevel'] } : {}),
      priority,
      evidence,
      ...(intervention ? { intervention } : {}),
      ...(reviewDate ? { reviewDate } : {}),
      status: 'open',
      createdAt: now,
      updatedAt: now,
    };
    needs.push(need);
    if (need.currentLevel !== undefined) levels.push({ needId: need.id, at: now, level: need.currentLevel, source: 'centre', by });
  }

  const result: ProgrammeImportResult = { ok: problems.length === 0, rows: file.rows.length, problems };
  if (body.dryRun) return result;
  if (problems.length > 0) throw new StartexError('IMPORT_INVALID', `The needs file has ${problems.length} problem(s); nothing was saved.`, undefined, problems);
  await store.programme.saveNeeds(needs, levels);
  await store.appendAudit({ at: now, actor: by, action: 'programme.needs.imported', details: { needs: needs.length } });
  return result;
}

