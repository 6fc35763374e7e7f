import { randomUUID } from 'node:crypto';
import {
  EXERCISE_KINDS,
  StartexError,
  type AttendanceRow,
  type AttendanceView,
  type CertificateAlert,
  type CertificateView,
  type CourseBody,
  type CourseSessionBody,
  type CourseSessionDetail,
  type CourseView,
  type CourseSessionView,
  type PersonRecord,
  type TraineeBody,
  type TraineeView,
} from '@startex/shared';
import type { Store } from '../store/ExerciseStore.ts';
import type { AttendanceRecord, TraineeRecord } from '../store/ProgrammeStore.ts';
import { addMonths } from './calendarDates.ts';
import { requireCapabilities } from './catalogue.ts';

export async function saveCourse(store: Store, body: CourseBody, now: number, courseId?: string): Promise<CourseView> {
  const existing = courseId === undefined ? undefined : await store.programme.getCourse(courseId);
  if (courseId !== undefined && !existing) throw new StartexError('COURSE_NOT_FOUND');
  await requireCapabilities(store, body.capabilityIds, 'body.capabilityIds');
  const { certificate, ...rest } = body;
  const course: CourseView = { id: existing?.id ?? randomUUID(), ...rest, ...(certificate ? { certificate } : {}), createdAt: existing?.createdAt ?? now, updatedAt: now };
  await store.programme.saveCourse(course);
  return course;
}

export async function requireCourse(store: Store, courseId: string): Promise<CourseView> {
  const course = await store.programme.getCourse(courseId);
  if (!course) throw new StartexError('COURSE_NOT_FOUND');
  return course;
}

/** A session of a course, optionally delivering a planned course activity of the same course. */
export async function saveSession(store: Store, courseId: string, body: CourseSessionBody, now: number, sessionId?: string): Promise<CourseSessionView> {
  await requireCourse(store, courseId);
  const existing = sessionId === undefined ? undefined : await store.programme.getSession(sessionId);
  if (sessionId !== undefined && (!existing || existing.courseId !== courseId)) throw new StartexError('SESSION_NOT_FOUND');
  if (body.activityId !== undefined) {
    const activity = await store.programme.getActivity(body.activityId);
    if (!activity) throw new StartexError('ACTIVITY_NOT_FOUND', undefined, 'body.activityId');
    if (activity.kind !== 'course' || (activity.courseId !== undefined && activity.courseId !== courseId)) {
      throw new StartexError('VALIDATION_FAILED', 'That activity is not a planned run of this course.', 'body.activityId');
    }
  }
  const { activityId, ...rest } = body;
  const session: CourseSessionView = { id: existing?.id ?? randomUUID(), courseId, ...rest, ...(activityId ? { activityId } : {}), createdAt: existing?.createdAt ?? now };
  await store.programme.saveSession(session);
  return session;
}

export async function requireSession(store: Store, sessionId: string): Promise<CourseSessionView> {
  const session = await store.programme.getSession(sessionId);
  if (!session) throw new StartexError('SESSION_NOT_FOUND');
  return session;
}

export async function addTrainee(store: Store, body: TraineeBody, now: number): Promise<TraineeView> {
  if (!(await store.planning.getAgency(body.agencyId))) throw new StartexError('AGENCY_NOT_FOUND', undefined, 'body.agencyId');
  if (body.email && (await store.programme.listTrainees()).some((t) => t.email === body.email)) throw new StartexError('DUPLICATE_PERSON', `${body.email} is already recorded.`, 'body.email');
  const person: TraineeRecord = { id: randomUUID(), ...body, createdAt: now };
  await store.programme.saveAttendance([person], []);
  return person;
}

/** A completed row on or after a session's start gives its date; attending is a condition of completing. */
export function checkAttendanceRow(row: Pick<AttendanceRow, 'attended' | 'completed' | 'completedOn'>, session: CourseSessionView): string | undefined {
  if (row.completed && !row.attended) return 'Completing a course needs attending it.';
  if (!row.completed && row.completedOn) return 'A completion date needs the course completed.';
  if (row.completedOn && row.completedOn < session.start) return `The completion date ${row.completedOn} is before the session began (${session.start}).`;
  return undefined;
}

export async function setAttendance(store: Store, session: CourseSessionView, rows: AttendanceRow[], now: number): Promise<void> {
  const people = new Set((await store.programme.listTrainees()).map((t) => t.id));
  const records: AttendanceRecord[] = [];
  for (const [i, row] of rows.entries()) {
    if (!people.has(row.personId)) throw new StartexError('TRAINEE_NOT_FOUND', undefined, `body.rows.${i}.personId`);
    const problem = checkAttendanceRow(row, session);
    if (problem) throw new StartexError('INVALID_VALUE', problem, `body.rows.${i}`);
    records.push({ sessionId: session.id, ...row, ...(row.completed ? { completedOn: row.completedOn ?? session.end } : {}), updatedAt: now });
  }
  if (new Set(records.map((r) => r.personId)).size !== records.length) throw new StartexError('DUPLICATE_PERSON', 'A person is listed twice.', 'body.rows');
  await store.programme.saveAttendance([], records);
}

export async function sessionDetail(store: Store, session: CourseSessionView, visible: (agencyId: string) => boolean = () => true): Promise<CourseSessionDetail> {
  const people = new Map((await store.programme.listTrainees()).map((t) => [t.id, t]));
  const attendance: AttendanceView[] = (await store.programme.listAttendance({ sessionId: session.id })).flatMap((a) => {
    const person = people.get(a.personId);
    if (!person || !visible(person.agencyId)) return [];
    return [{ sessionId: a.sessionId, personId: a.personId, personName: person.name, agencyId: person.agencyId, attended: a.attended, completed: a.completed, ...(a.completedOn ? { completedOn: a.completedOn } : {}) }];
  });
  return { session, course: await requireCourse(store, session.courseId), attendance: attendance.sort((a, b) => a.personName.localeCompare(b.personName)) };
}

/** Certificates, derived from completed courses that give one: the latest completion of each course per person. */
export async function certificates(store: Store): Promise<CertificateView[]> {
  const courses = new Map((await store.programme.listCourses()).map((c) => [c.id, c]));
  const sessions = new Map((await store.programme.listSessions()).map((s) => [s.id, s]));
  const people = new Map((await store.programme.listTrainees()).map((t) => [t.id, t]));
  const latest = new Map<string, CertificateView>();
  for (const row of await store.programme.listAttendance()) {
    const session = sessions.get(row.sessionId);
    const course = session && courses.get(session.courseId);
    const person = people.get(row.personId);
    if (!row.completed || !course?.certificate || !person || !session) continue;
    const issuedOn = row.completedOn ?? session.end;
    const key = `${person.id}#${course.id}`;
    if ((latest.get(key)?.issuedOn ?? '') >= issuedOn) continue;
    latest.set(key, {
      personId: person.id,
      personName: person.name,
      agencyId: person.agencyId,
      courseId: course.id,
      name: course.certificate.name,
      issuedOn,
      expiresOn: addMonths(issuedOn, course.certificate.validityMonths),
    });
  }
  return [...latest.values()].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
}

/** Certificates that expire before a planned exercise whose participants need them (from today on). */
export async function certificateAlerts(store: Store, today: string): Promise<CertificateAlert[]> {
  const held = await certificates(store);
  const alerts: CertificateAlert[] = [];
  for (const activity of await store.programme.listActivities()) {
    if (!EXERCISE_KINDS.includes(activity.kind) || activity.status === 'cancelled' || activity.status === 'done' || activity.start < today) continue;
    for (const certificate of held) {
      if (activity.requiredCourseIds.includes(certificate.courseId) && activity.agencyIds.includes(certificate.agencyId) && certificate.expiresOn < activity.start) {
        alerts.push({ certificate, activity: { id: activity.id, title: activity.title, start: activity.start } });
      }
    }
  }
  return alerts.sort((a, b) => a.activity.start.localeCompare(b.activity.start) || a.certificate.personName.localeCompare(b.certificate.personName));
}

/** A person's record: courses, certificates, roles in exercises (rosters under the same e-mail), and alerts. */
export async function personRecord(store: Store, personId: string, today: string): Promise<PersonRecord> {
  const person = await store.programme.getTrainee(personId);
  if (!person) throw new StartexError('TRAINEE_NOT_FOUND');
  const sessions = new Map((await store.programme.listSessions()).map((s) => [s.id, s]));
  const courses = new Map((await store.programme.listCourses()).map((c) => [c.id, c]));
  const courseRows = (await store.programme.listAttendance({ personId })).flatMap((a) => {
    const session = sessions.get(a.sessionId);
    const course = session && courses.get(session.courseId);
    if (!session || !course) return [];
    return [{ courseId: course.id, title: course.title, sessionId: session.id, start: session.start, end: session.end, attended: a.attended, completed: a.completed, ...(a.completedOn ? { completedOn: a.completedOn } : {}) }];
  });
  const exerciseRoles: PersonRecord['exerciseRoles'] = [];
  if (person.email) {
    for (const exercise of await store.listExercises()) {
      for (const entry of (await store.planning.listPeople(exercise.id)).filter((p) => p.email === person.email)) {
        exerciseRoles.push({ exerciseId: exercise.id, title: exercise.title, role: entry.role, ...(entry.teamId ? { teamId: entry.teamId } : {}), ...(exercise.settings?.date ? { date: exercise.settings.date } : {}) });
      }
    }
  }
  return {
    person,
    courses: courseRows.sort((a, b) => a.start.localeCompare(b.start)),
    certificates: (await certificates(store)).filter((c) => c.personId === personId),
    exerciseRoles,
    alerts: (await certificateAlerts(store, today)).filter((a) => a.certificate.personId === personId),
  };
}

/** People of an agency who completed a course on the capability (with a certificate still valid today, when the course gives one). */
export async function trainedCount(store: Store, agencyId: string, capabilityId: string, today: string): Promise<number> {
  const courses = new Map((await store.programme.listCourses()).filter((c) => c.capabilityIds.includes(capabilityId)).map((c) => [c.id, c]));
  const sessions = new Map((await store.programme.listSessions()).filter((s) => courses.has(s.courseId)).map((s) => [s.id, s]));
  const people = new Set((await store.programme.listTrainees(agencyId)).map((t) => t.id));
  const valid = new Set((await certificates(store)).filter((c) => c.expiresOn >= today).map((c) => `${c.personId}#${c.courseId}`));
  const trained = new Set<string>();
  for (const row of await store.programme.listAttendance()) {
    const session = sessions.get(row.sessionId);
    if (!row.completed || !session || !people.has(row.personId)) continue;
    const course = courses.get(session.courseId)!;
    if (!course.certificate || valid.has(`${row.personId}#${course.id}`)) trained.add(row.personId);
  }
  return trained.size;
}
