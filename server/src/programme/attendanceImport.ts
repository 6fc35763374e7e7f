import { randomUUID } from 'node:crypto';
import {
  ATTENDANCE_IMPORT_COLUMNS,
  CalendarDate,
  Email,
  REQUIRED_ATTENDANCE_COLUMNS,
  StartexError,
  type CourseSessionView,
  type ImportAttendanceBody,
  type ImportProblem,
  type ProgrammeImportResult,
} from '@startex/shared';
import { readColumnsFile } from '../planning/participantFile.ts';
import { calendarDay } from '../review/report/improvementPlan.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { AttendanceRecord, TraineeRecord } from '../store/ProgrammeStore.ts';
import { checkAttendanceRow } from './training.ts';

type Column = (typeof ATTENDANCE_IMPORT_COLUMNS)[number];

const YES = new Set(['yes', 'y', 'true', '1', 'taip', 't']);
const NO = new Set(['no', 'n', 'false', '0', 'ne', '']);

/**
 * A session's attendance from a CSV or XLSX file, like the participant list: every row problem
 * listed with its code, nothing saved unless the file is clean. People are found by e-mail, else
 * by name within their agency, and recorded when new.
 */
export async function importAttendance(store: Store, session: CourseSessionView, body: ImportAttendanceBody, by: string, now: number): Promise<ProgrammeImportResult> {
  const file = await readColumnsFile(body, ATTENDANCE_IMPORT_COLUMNS, REQUIRED_ATTENDANCE_COLUMNS);
  const problems: ImportProblem[] = [...file.problems];
  const agencies = await store.planning.listAgencies();
  const known = await store.programme.listTrainees();
  const today = calendarDay(now);
  const people: TraineeRecord[] = [];
  const rows: AttendanceRecord[] = [];
  const firstRow = new Map<string, number>();

  for (const { row, values } of file.rows) {
    const problem = (column: Column, code: ImportProblem['code'], message: string) => problems.push({ row, column, code, message });
    const before = problems.length;
    const text = (column: Column) => values[column]?.trim() ?? '';
    const flag = (column: Column) => {
      const value = text(column).toLowerCase();
      if (YES.has(value)) return true;
      if (!NO.has(value)) problem(column, 'INVALID_VALUE', `"${value.slice(0, 20)}" is not yes or no.`);
      return false;
    };
    const name = text('name');
    if (!name) problem('name', 'MISSING_VALUE', 'The name is empty.');
    else if (name.length > 120) problem('name', 'VALIDATION_FAILED', 'The name is longer than 120 characters.');
    const emailText = text('email');
    const email = emailText ? Email.safeParse(emailText) : undefined;
    if (email && !email.success) problem('email', 'INVALID_EMAIL', `"${emailText.slice(0, 80)}" is not a valid e-mail address.`);
    const agencyText = text('agency');
    const agency = agencies.find((a) => a.id === agencyText || a.name.toLowerCase() === agencyText.toLowerCase());
    if (!agencyText) problem('agency', 'MISSING_VALUE', 'The agency is empty.');
    else if (!agency) problem('agency', 'UNKNOWN_AGENCY', `No agency "${agencyText.slice(0, 120)}" in the directory.`);
    const position = text('position');
    if (position.length > 120) problem('position', 'VALIDATION_FAILED', 'The position is longer than 120 characters.');
    const attended = flag('attended');
    const completed = flag('completed');
    const completedOn = text('completed on');
    if (completedOn && !CalendarDate.safeParse(completedOn).success) problem('completed on', 'VALIDATION_FAILED', `"${completedOn.slice(0, 20)}" is not a date: write YYYY-MM-DD.`);
    else if (completedOn > today) problem('completed on', 'INVALID_VALUE', `The completion date ${completedOn} is in the future.`);
    else {
      const wrong = checkAttendanceRow({ attended, completed, ...(completedOn ? { completedOn } : {}) }, session);
      if (wrong) problem('completed', 'INVALID_VALUE', wrong);
    }
    if (problems.length > before || !agency) continue;

    const address = email?.success ? email.data : undefined;
    const key = address ?? `${agency.id}#${name.toLowerCase()}`;
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      problem(address ? 'email' : 'name', 'DUPLICATE_PERSON', `This person is also on row ${earlier}.`);
      continue;
    }
    firstRow.set(key, row);
    let person = known.find((t) => (address ? t.email === address : t.agencyId === agency.id && t.name.toLowerCase() === name.toLowerCase()));
    if (person && person.agencyId !== agency.id) {
      problem('agency', 'UNKNOWN_AGENCY', `${address} is recorded with another agency.`);
      continue;
    }
    if (!person) {
      person = { id: randomUUID(), agencyId: agency.id, name, ...(address ? { email: address } : {}), position, createdAt: now };
      people.push(person);
    }
    rows.push({ sessionId: session.id, personId: person.id, attended, completed, ...(completed ? { completedOn: completedOn || session.end } : {}), updatedAt: now });
  }

  const result: ProgrammeImportResult = { ok: problems.length === 0, rows: file.rows.length, problems };
  if (body.dryRun) return result;
  if (problems.length > 0) throw new StartexError('IMPORT_INVALID', `The attendance list has ${problems.length} problem(s); nothing was saved.`, undefined, problems);
  await store.programme.saveAttendance(people, rows);
  await store.appendAudit({ at: now, actor: by, action: 'programme.attendance.imported', target: session.id, details: { rows: rows.length, newPeople: people.length } });
  return result;
}
