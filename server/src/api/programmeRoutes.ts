import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  API_ROUTES,
  ActivityBody,
  AttendanceBody,
  CalendarFeedBody,
  CapabilityBody,
  CapabilityMapBody,
  CourseBody,
  CourseSessionBody,
  FocalPointBody,
  ImportAttendanceBody,
  ImportNeedsBody,
  LinkExerciseBody,
  NeedBody,
  NeedQuery,
  PlanBody,
  PriorityBody,
  ReviewSurveyBody,
  SendSurveyBody,
  StartexError,
  SurveyRowsBody,
  TraceKind,
  TraineeBody,
  UpdateNeedBody,
  type AgencyDashboard,
  type CalendarFeedView,
  type CapabilityView,
  type CertificateAlert,
  type CentreDashboard,
  type CourseDetail,
  type CourseSessionDetail,
  type CourseView,
  type ActivityView,
  type ExerciseProgrammeView,
  type FocalPointView,
  type NeedView,
  type PersonRecord,
  type PlanDetail,
  type PlanView,
  type ProgrammeAccess,
  type ProgrammeRating,
  type SurveyView,
  type TraceView,
  type TraineeView,
} from '@startex/shared';
import { requireExercise, requireGlobal, requireUser } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allowsGlobal } from '@startex/scenarios/engine';
import { renderDocx } from '../documents/docx.ts';
import { renderPdf } from '../documents/pdf.ts';
import { DEFAULT_TIME_ZONE } from '../planning/settings.ts';
import { importAttendance } from '../programme/attendanceImport.ts';
import { deleteCapability, saveCapability } from '../programme/catalogue.ts';
import { feedView, makeCalendarFeed, openFeed } from '../programme/calendarFeeds.ts';
import { catchUp } from '../programme/closeTheLoop.ts';
import { agencyDashboard, centreDashboard } from '../programme/dashboards.ts';
import { exerciseProgramme, linkExercise, setCapabilityMap } from '../programme/exerciseLinks.ts';
import { addFocalPoint, focalPointViews } from '../programme/focalPoints.ts';
import { createNeed, needViews, updateNeed } from '../programme/needs.ts';
import { importNeeds } from '../programme/needsImport.ts';
import { activityViews, createPlan, deletePriority, planDetail, programmeNames, requirePlan, saveActivity, savePriority, updatePlan } from '../programme/plan.ts';
import { planCalendar } from '../programme/planCalendar.ts';
import { planDocument, planYears } from '../programme/planDocument.ts';
import { agencyScope, focalAgencies, inScope, requireAgency, surveyAccess, tokenSurvey } from '../programme/programmeAccess.ts';
import { renderAgencyChart, renderCoverageSvg, renderGanttPng, renderGanttSvg } from '../programme/programmeCharts.ts';
import { programmeXlsx } from '../programme/programmeSpreadsheet.ts';
import { PROGRAMME_WORDS, type ProgrammeWords } from '../programme/programmeWords.ts';
import { reviewSurvey, saveSurveyRows, sendSurvey, submitSurvey, surveyView } from '../programme/surveys.ts';
import { programmeGraph, ratingView, trace } from '../programme/trace.ts';
import { addTrainee, certificateAlerts, personRecord, requireCourse, requireSession, saveCourse, saveSession, sessionDetail, setAttendance } from '../programme/training.ts';
import { calendarDay } from '../review/report/improvementPlan.ts';
import type { ReviewService } from '../review/ReviewService.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { Store } from '../store/ExerciseStore.ts';
import { parse } from './parse.ts';
import { download } from './reportRoutes.ts';
import { serve } from './typedRoute.ts';

const ref = z.string().min(1).max(64);
const Params = {
  capability: z.object({ capabilityId: ref }),
  agency: z.object({ agencyId: ref }),
  focalPoint: z.object({ agencyId: ref, userId: ref }),
  need: z.object({ needId: ref }),
  survey: z.object({ surveyId: ref }),
  plan: z.object({ planId: ref }),
  priority: z.object({ priorityId: ref }),
  activity: z.object({ activityId: ref }),
  exercise: z.object({ exerciseId: ref }),
  trace: z.object({ kind: TraceKind, id: ref }),
  rating: z.object({ ratingId: ref }),
  course: z.object({ courseId: ref }),
  session: z.object({ sessionId: ref }),
  person: z.object({ personId: ref }),
  feed: z.object({ planId: ref, feedId: ref }),
};
const PlanQuery = z.strictObject({ plan: ref.optional() });
const AgencyQuery = z.strictObject({ agency: ref.optional() });
/** A needs or attendance file of about 1 MB, base64 in JSON, as for the participant list. */
const IMPORT_LIMIT = 2 * 1024 * 1024;

export interface ProgrammeDeps {
  runtime: ExerciseRuntime;
  store: Store;
  identity: IdentityService;
  reviews: ReviewService;
  now?: () => number;
}

/**
 * The preparedness programme (shared/src/programme.ts has the bodies). Every route is under
 * /api/programme; who may call each is the policy table's: `programme.read`, `programme.manage`,
 * `training.write` for the centre, `agency.view` and `agency.survey` for an agency's focal point
 * (and a survey's one-time token), who sees that agency and no other.
 *
 *   GET  /me                                   -> ProgrammeAccess                 anyone signed in
 *   GET  /agencies                             -> { id, name, type }[]             the caller's agencies
 *   GET|POST /capabilities, PUT|DELETE /capabilities/:capabilityId               the catalogue (reading: anyone in the programme)
 *   GET|POST /agencies/:agencyId/focal-points, DELETE .../:userId                 focal points
 *   GET  /needs?agency&status, POST /needs, PATCH /needs/:needId, POST /needs/import
 *   GET  /surveys?agency, POST /agencies/:agencyId/surveys -> SurveySent (link, one-time token once)
 *   GET  /surveys/:surveyId, PUT .../rows, POST .../submit (focal point or token), POST .../review (centre)
 *   GET|POST /plans, GET|PUT /plans/:planId -> PlanDetail (with the checks), POST /plans/:planId/priorities,
 *   PUT|DELETE /priorities/:priorityId, POST /plans/:planId/activities, PUT /activities/:activityId -> ActivitySaved
 *   GET  /plans/:planId/gantt.svg?year&agency, /plans/:planId/exports/plan.pdf|plan.docx|calendar.ics?agency
 *   GET|POST /plans/:planId/calendar-feeds, DELETE .../:feedId -> a secret subscription URL (shown once); GET /calendar/<secret>.ics, no session
 *   GET  /exports/programme.xlsx               needs and activities
 *   POST /activities/:activityId/exercise { exerciseId } -> ExerciseProgrammeView   (the exercise's director too)
 *   GET  /exercises/:exerciseId, PUT /exercises/:exerciseId/capabilities
 *   GET  /trace/:kind/:id -> TraceView, GET /ratings/:ratingId -> ProgrammeRating
 *   GET  /dashboard?plan, /dashboard/coverage.svg?plan, /agencies/:agencyId/dashboard, /agencies/:agencyId/charts/:chart.svg
 *   GET|POST /courses, GET|PUT /courses/:courseId, POST /courses/:courseId/sessions, GET /sessions/:sessionId,
 *   PUT /sessions/:sessionId/attendance, POST /sessions/:sessionId/attendance/import
 *   GET|POST /people, GET /people/:personId -> PersonRecord, GET /alerts -> CertificateAlert[]
 */
export function programmeRoutes({ runtime, store, identity, reviews, now = Date.now }: ProgrammeDeps) {
  /** Ratings of finalised versions the finalise hook could not feed yet are fed before anything is read. */
  const fresh = () => catchUp(store, reviews, now());
  const today = () => calendarDay(now());

  /** The agency a focal point asks about: the one named (theirs), or theirs when they have exactly one. */
  const scopedAgency = async (request: FastifyRequest, asked: string | undefined, verb: 'agency.view' | 'agency.survey') => {
    const scope = await agencyScope(store, request, 'programme.read', verb);
    if (asked !== undefined && !inScope(scope, asked)) throw new StartexError('FORBIDDEN');
    return { scope, agencyId: asked ?? (scope.kind === 'agencies' && scope.agencyIds.size === 1 ? [...scope.agencyIds][0] : undefined) };
  };

  const capabilityName = async () => {
    const names = await programmeNames(store);
    return names.capability;
  };

  return async (app: FastifyInstance) => {
    app.get('/api/programme/me', async (request): Promise<ProgrammeAccess> => {
      const { user } = requireUser(request);
      const mine = await focalAgencies(store, user.id);
      const agencies = (await store.planning.listAgencies()).filter((a) => mine.has(a.id)).map((a) => ({ id: a.id, name: a.name }));
      return { read: allowsGlobal(user.roles, 'programme.read'), manage: allowsGlobal(user.roles, 'programme.manage'), train: allowsGlobal(user.roles, 'training.write'), agencies };
    });

    app.get('/api/programme/agencies', async (request) => {
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      return (await store.planning.listAgencies()).filter((a) => inScope(scope, a.id)).map((a) => ({ id: a.id, name: a.name, type: a.type, functions: a.functions }));
    });

    // The capability catalogue
    app.get('/api/programme/capabilities', async (request): Promise<CapabilityView[]> => {
      // Everyone who takes part in the programme reads it, a survey's token holder included.
      if (!(await tokenSurvey(store, request))) await agencyScope(store, request, 'programme.read', 'agency.survey');
      return store.programme.listCapabilities();
    });

    app.post('/api/programme/capabilities', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = parse(CapabilityBody, request.body, 'body');
      const capability = await saveCapability(store, body, now());
      await identity.audit(user.username, 'programme.capability.created', capability.id, { name: capability.name });
      return reply.status(201).send(capability);
    });

    app.put('/api/programme/capabilities/:capabilityId', async (request): Promise<CapabilityView> => {
      const user = requireGlobal(request, 'programme.manage');
      const { capabilityId } = parse(Params.capability, request.params, 'params');
      const body = parse(CapabilityBody, request.body, 'body');
      const capability = await saveCapability(store, body, now(), capabilityId);
      await identity.audit(user.username, 'programme.capability.updated', capabilityId, { name: capability.name });
      return capability;
    });

    app.delete('/api/programme/capabilities/:capabilityId', async (request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { capabilityId } = parse(Params.capability, request.params, 'params');
      await deleteCapability(store, capabilityId);
      await identity.audit(user.username, 'programme.capability.deleted', capabilityId);
      return { ok: true };
    });

    // Focal points
    app.get('/api/programme/agencies/:agencyId/focal-points', async (request): Promise<FocalPointView[]> => {
      requireGlobal(request, 'programme.read');
      const { agencyId } = parse(Params.agency, request.params, 'params');
      if (!(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND');
      return focalPointViews(store, await store.programme.listFocalPoints(agencyId));
    });

    app.post('/api/programme/agencies/:agencyId/focal-points', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const { agencyId } = parse(Params.agency, request.params, 'params');
      const body = parse(FocalPointBody, request.body, 'body');
      return reply.status(201).send(await addFocalPoint(store, agencyId, body, user.username, now()));
    });

    app.delete('/api/programme/agencies/:agencyId/focal-points/:userId', async (request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { agencyId, userId } = parse(Params.focalPoint, request.params, 'params');
      if (!(await store.programme.removeFocalPoint(agencyId, userId))) throw new StartexError('USER_NOT_FOUND', 'That person is not a focal point of this agency.');
      await identity.audit(user.username, 'programme.focal-point.removed', agencyId, { userId });
      return { ok: true };
    });

    // Needs
    app.get('/api/programme/needs', async (request): Promise<NeedView[]> => {
      const query = parse(NeedQuery, request.query, 'query');
      const { scope } = await scopedAgency(request, query.agency, 'agency.view');
      await fresh();
      const needs = (await store.programme.listNeeds({ agencyId: query.agency }))
        .filter((n) => inScope(scope, n.agencyId))
        // A survey's unsent draft is the focal point's own until submitted.
        .filter((n) => n.status !== 'draft')
        .filter((n) => query.status === undefined || n.status === query.status);
      return needViews(store, needs);
    });

    app.post('/api/programme/needs', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = parse(NeedBody, request.body, 'body');
      const need = await createNeed(store, body, user.username, now());
      return reply.status(201).send((await needViews(store, [need]))[0]);
    });

    app.patch('/api/programme/needs/:needId', async (request): Promise<NeedView> => {
      const user = requireGlobal(request, 'programme.manage');
      const { needId } = parse(Params.need, request.params, 'params');
      const body = parse(UpdateNeedBody, request.body, 'body');
      const need = await updateNeed(store, needId, body, user.username, now());
      return (await needViews(store, [need]))[0]!;
    });

    app.post('/api/programme/needs/import', { bodyLimit: IMPORT_LIMIT }, async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = parse(ImportNeedsBody, request.body, 'body');
      const result = await importNeeds(store, body, user.username, now());
      return reply.status(body.dryRun ? 200 : 201).send(result);
    });

    // Needs surveys
    app.get('/api/programme/surveys', async (request): Promise<SurveyView[]> => {
      const query = parse(AgencyQuery, request.query, 'query');
      const { scope } = await scopedAgency(request, query.agency, 'agency.survey');
      const surveys = (await store.programme.listSurveys(query.agency)).filter((s) => inScope(scope, s.agencyId));
      return Promise.all(surveys.map((s) => surveyView(store, s)));
    });

    app.post('/api/programme/agencies/:agencyId/surveys', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const { agencyId } = parse(Params.agency, request.params, 'params');
      const body = parse(SendSurveyBody, request.body, 'body');
      return reply.status(201).send(await sendSurvey(store, agencyId, body, user.username, now()));
    });

    app.get('/api/programme/surveys/:surveyId', async (request): Promise<SurveyView> => {
      const { surveyId } = parse(Params.survey, request.params, 'params');
      const { survey } = await surveyAccess(store, request, surveyId, 'programme.read');
      return surveyView(store, survey);
    });

    app.put('/api/programme/surveys/:surveyId/rows', async (request): Promise<SurveyView> => {
      const { surveyId } = parse(Params.survey, request.params, 'params');
      const { survey } = await surveyAccess(store, request, surveyId, 'programme.manage');
      const body = parse(SurveyRowsBody, request.body, 'body');
      return surveyView(store, await saveSurveyRows(store, survey, body.rows, now()));
    });

    app.post('/api/programme/surveys/:surveyId/submit', async (request): Promise<SurveyView> => {
      const { surveyId } = parse(Params.survey, request.params, 'params');
      const { survey, respondent } = await surveyAccess(store, request, surveyId, 'programme.manage');
      return surveyView(store, await submitSurvey(store, survey, respondent, now()));
    });

    app.post('/api/programme/surveys/:surveyId/review', async (request): Promise<SurveyView> => {
      const user = requireGlobal(request, 'programme.manage');
      const { surveyId } = parse(Params.survey, request.params, 'params');
      const body = parse(ReviewSurveyBody, request.body, 'body');
      const survey = await store.programme.getSurvey(surveyId);
      if (!survey) throw new StartexError('SURVEY_NOT_FOUND');
      return surveyView(store, await reviewSurvey(store, survey, body, user.username, now()));
    });

    // The Integrated Preparedness Plan
    app.get('/api/programme/plans', async (request): Promise<PlanView[]> => {
      requireGlobal(request, 'programme.read');
      return store.programme.listPlans();
    });

    app.post('/api/programme/plans', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = parse(PlanBody, request.body, 'body');
      const plan = await createPlan(store, body, now());
      await identity.audit(user.username, 'programme.plan.created', plan.id, { title: plan.title });
      return reply.status(201).send(plan);
    });

    app.get('/api/programme/plans/:planId', async (request): Promise<PlanDetail> => {
      requireGlobal(request, 'programme.read');
      const { planId } = parse(Params.plan, request.params, 'params');
      await fresh();
      return planDetail(store, planId, now());
    });

    app.put('/api/programme/plans/:planId', async (request): Promise<PlanView> => {
      requireGlobal(request, 'programme.manage');
      const { planId } = parse(Params.plan, request.params, 'params');
      const body = parse(PlanBody, request.body, 'body');
      return updatePlan(store, planId, body, now());
    });

    app.post('/api/programme/plans/:planId/priorities', async (request, reply) => {
      requireGlobal(request, 'programme.manage');
      const { planId } = parse(Params.plan, request.params, 'params');
      const body = parse(PriorityBody, request.body, 'body');
      return reply.status(201).send(await savePriority(store, planId, body, now()));
    });

    app.put('/api/programme/priorities/:priorityId', async (request) => {
      requireGlobal(request, 'programme.manage');
      const { priorityId } = parse(Params.priority, request.params, 'params');
      const body = parse(PriorityBody, request.body, 'body');
      const existing = await store.programme.getPriority(priorityId);
      if (!existing) throw new StartexError('PRIORITY_NOT_FOUND');
      return savePriority(store, existing.planId, body, now(), priorityId);
    });

    app.delete('/api/programme/priorities/:priorityId', async (request) => {
      requireGlobal(request, 'programme.manage');
      const { priorityId } = parse(Params.priority, request.params, 'params');
      await deletePriority(store, priorityId);
      return { ok: true };
    });

    app.post('/api/programme/plans/:planId/activities', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const { planId } = parse(Params.plan, request.params, 'params');
      const body = parse(ActivityBody, request.body, 'body');
      const saved = await saveActivity(store, planId, body, now());
      await identity.audit(user.username, 'programme.activity.created', saved.activity.id, { planId, kind: body.kind });
      return reply.status(201).send(saved);
    });

    app.put('/api/programme/activities/:activityId', async (request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { activityId } = parse(Params.activity, request.params, 'params');
      const body = parse(ActivityBody, request.body, 'body');
      const existing = await store.programme.getActivity(activityId);
      if (!existing) throw new StartexError('ACTIVITY_NOT_FOUND');
      const saved = await saveActivity(store, existing.planId, body, now(), activityId);
      await identity.audit(user.username, 'programme.activity.updated', activityId, { status: body.status });
      return saved;
    });

    /** The plan's activities a caller may see: all for the centre, a focal point's agency's only (and a focal point must name it). */
    const scheduleOf = async (request: FastifyRequest, planId: string, agency: string | undefined) => {
      const { scope, agencyId } = await scopedAgency(request, agency, 'agency.view');
      if (scope.kind === 'agencies' && agencyId === undefined) throw new StartexError('VALIDATION_FAILED', 'Name your agency: ?agency=<id>.', 'query.agency');
      const plan = await requirePlan(store, planId);
      const activities = (await activityViews(store, await store.programme.listActivities(planId))).filter((a) => agencyId === undefined || a.agencyIds.includes(agencyId));
      return { plan, activities, agencyId };
    };

    serve(app, API_ROUTES.programmeGantt, async (input, request, reply) => {
      const { planId } = input.params();
      const query = input.query();
      const { plan, activities, agencyId } = await scheduleOf(request, planId, query.agency);
      const year = query.year ?? plan.fromYear;
      const names = await programmeNames(store);
      const words = PROGRAMME_WORDS[query.lang];
      reply.header('cache-control', 'no-store');
      return renderGanttSvg(words.charts.ganttTitle(plan.title, year, agencyId ? names.agency(agencyId) : undefined), activities, year, words);
    });

    const planDocumentOf = async (planId: string, words: ProgrammeWords) => {
      await fresh();
      const at = now();
      const detail = await planDetail(store, planId, at);
      const gantts = new Map<number, Buffer>();
      for (const { year, activities } of planYears(detail)) {
        if (activities.length > 0) gantts.set(year, await renderGanttPng(words.charts.ganttTitle(detail.plan.title, year, undefined), activities, year, words));
      }
      const needs = await needViews(store, await store.programme.listNeeds());
      return { plan: detail.plan, document: planDocument({ detail, needs, names: await programmeNames(store), gantts, at, timeZone: DEFAULT_TIME_ZONE, words }) };
    };

    serve(app, API_ROUTES.programmePlanPdf, async (input, request, reply) => {
      requireGlobal(request, 'programme.read');
      const { planId } = input.params();
      const { plan, document } = await planDocumentOf(planId, PROGRAMME_WORDS[input.query().lang]);
      return download(reply, plan.title, 'plan', 'pdf', await renderPdf(document));
    });

    serve(app, API_ROUTES.programmePlanDocx, async (input, request, reply) => {
      requireGlobal(request, 'programme.read');
      const { planId } = input.params();
      const { plan, document } = await planDocumentOf(planId, PROGRAMME_WORDS[input.query().lang]);
      return download(reply, plan.title, 'plan', 'docx', await renderDocx(document));
    });

    /** The schedule as iCalendar: the whole plan, or the activities of one agency. */
    const calendar = async (request: FastifyRequest, plan: PlanView, activities: readonly ActivityView[], agencyId: string | undefined, words: ProgrammeWords) => {
      const names = await programmeNames(store);
      const host = request.headers.host?.replace(/[^A-Za-z0-9.:-]/g, '') || 'startex';
      return planCalendar(plan, activities, names, host, words, agencyId ? names.agency(agencyId) : undefined);
    };

    serve(app, API_ROUTES.programmePlanCalendar, async (input, request, reply) => {
      const { planId } = input.params();
      const query = input.query();
      const { plan, activities, agencyId } = await scheduleOf(request, planId, query.agency);
      return download(reply, plan.title, agencyId ? 'calendar-agency' : 'calendar', 'ics', await calendar(request, plan, activities, agencyId, PROGRAMME_WORDS[query.lang]));
    });

    // Calendar subscriptions: a secret URL per plan or agency, for calendar programs that have no session.
    app.post('/api/programme/plans/:planId/calendar-feeds', async (request, reply) => {
      const { planId } = parse(Params.plan, request.params, 'params');
      const body = parse(CalendarFeedBody, request.body, 'body');
      const { scope, agencyId } = await scopedAgency(request, body.agencyId, 'agency.view');
      if (scope.kind === 'agencies' && agencyId === undefined) throw new StartexError('VALIDATION_FAILED', 'Name your agency: agencyId.', 'body.agencyId');
      await requirePlan(store, planId);
      return reply.status(201).send(await makeCalendarFeed(store, planId, agencyId, scope.user.username, now()));
    });

    app.get('/api/programme/plans/:planId/calendar-feeds', async (request): Promise<CalendarFeedView[]> => {
      const { planId } = parse(Params.plan, request.params, 'params');
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      await requirePlan(store, planId);
      return (await store.programme.listCalendarFeeds(planId)).filter((f) => (f.agencyId === undefined ? scope.kind === 'centre' : inScope(scope, f.agencyId))).map(feedView);
    });

    app.delete('/api/programme/plans/:planId/calendar-feeds/:feedId', async (request) => {
      const { planId, feedId } = parse(Params.feed, request.params, 'params');
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      const feed = (await store.programme.listCalendarFeeds(planId)).find((f) => f.id === feedId);
      if (!feed || (feed.agencyId === undefined ? scope.kind !== 'centre' : !inScope(scope, feed.agencyId))) throw new StartexError(scope.kind === 'centre' ? 'CALENDAR_FEED_INVALID' : 'FORBIDDEN');
      await store.programme.revokeCalendarFeed(feedId, now());
      await identity.audit(scope.user.username, 'programme.calendar-feed.revoked', planId, { feedId });
      return { ok: true };
    });

    serve(app, API_ROUTES.programmeCalendarFeed, async (input, request, reply) => {
      const { file } = input.params();
      const feed = await openFeed(store, file);
      const { lang } = input.query();
      const plan = await requirePlan(store, feed.planId);
      const activities = (await activityViews(store, await store.programme.listActivities(plan.id))).filter((a) => feed.agencyId === undefined || a.agencyIds.includes(feed.agencyId));
      return download(reply, plan.title, 'calendar', 'ics', await calendar(request, plan, activities, feed.agencyId, PROGRAMME_WORDS[lang]));
    });

    serve(app, API_ROUTES.programmeWorkbook, async (input, request, reply) => {
      requireGlobal(request, 'programme.read');
      const { lang } = input.query();
      await fresh();
      const needs = await needViews(store, (await store.programme.listNeeds()).filter((n) => n.status !== 'draft'));
      const activities = await activityViews(store, await store.programme.listActivities());
      return download(reply, 'programme', 'needs-and-activities', 'xlsx', await programmeXlsx(needs, await store.programme.listPlans(), activities, await programmeNames(store), PROGRAMME_WORDS[lang]));
    });

    // Exercises made from the plan
    app.post('/api/programme/activities/:activityId/exercise', async (request, reply) => {
      const user = requireGlobal(request, 'programme.manage');
      const { activityId } = parse(Params.activity, request.params, 'params');
      const { exerciseId } = parse(LinkExerciseBody, request.body, 'body');
      await runtime.get(exerciseId);
      await requireExercise(identity, request, exerciseId, 'exercise.manage');
      await linkExercise(store, runtime, activityId, exerciseId, user.username, now());
      return reply.status(201).send(await exerciseProgramme(store, runtime, exerciseId));
    });

    /** The centre, or the exercise's own staff with the given verb. */
    const exerciseAccess = async (request: FastifyRequest, exerciseId: string, global: 'programme.read' | 'programme.manage', verb: 'review.read' | 'exercise.manage') => {
      const { user } = requireUser(request);
      await runtime.get(exerciseId);
      if (allowsGlobal(user.roles, global)) return user;
      return (await requireExercise(identity, request, exerciseId, verb)).user;
    };

    app.get('/api/programme/exercises/:exerciseId', async (request): Promise<ExerciseProgrammeView> => {
      const { exerciseId } = parse(Params.exercise, request.params, 'params');
      await exerciseAccess(request, exerciseId, 'programme.read', 'review.read');
      await fresh();
      return exerciseProgramme(store, runtime, exerciseId);
    });

    app.put('/api/programme/exercises/:exerciseId/capabilities', async (request): Promise<ExerciseProgrammeView> => {
      const { exerciseId } = parse(Params.exercise, request.params, 'params');
      const user = await exerciseAccess(request, exerciseId, 'programme.manage', 'exercise.manage');
      const body = parse(CapabilityMapBody, request.body, 'body');
      await setCapabilityMap(store, runtime, exerciseId, body, user.username, now());
      return exerciseProgramme(store, runtime, exerciseId);
    });

    // Traceability and ratings
    app.get('/api/programme/trace/:kind/:id', async (request): Promise<TraceView> => {
      requireGlobal(request, 'programme.read');
      const { kind, id } = parse(Params.trace, request.params, 'params');
      await fresh();
      return trace(store, runtime, kind, id, now());
    });

    app.get('/api/programme/ratings/:ratingId', async (request): Promise<ProgrammeRating> => {
      const { ratingId } = parse(Params.rating, request.params, 'params');
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      await fresh();
      const graph = await programmeGraph(store);
      const rating = graph.ratings.find((r) => r.id === ratingId);
      // Another agency's rating is as unknown to a focal point as one that does not exist.
      if (!rating || !inScope(scope, rating.agencyId)) throw new StartexError(scope.kind === 'centre' ? 'RATING_NOT_FOUND' : 'FORBIDDEN');
      return ratingView(graph, rating);
    });

    // Dashboards
    app.get('/api/programme/agencies/:agencyId/dashboard', async (request): Promise<AgencyDashboard> => {
      const { agencyId } = parse(Params.agency, request.params, 'params');
      await requireAgency(store, request, agencyId, 'programme.read', 'agency.view');
      await fresh();
      return agencyDashboard(store, agencyId, now());
    });

    serve(app, API_ROUTES.programmeAgencyChart, async (input, request, reply) => {
      const { agencyId, file } = input.params();
      await requireAgency(store, request, agencyId, 'programme.read', 'agency.view');
      const { lang } = input.query();
      await fresh();
      reply.header('cache-control', 'no-store');
      return renderAgencyChart(file, await agencyDashboard(store, agencyId, now()), await capabilityName(), PROGRAMME_WORDS[lang]);
    });

    app.get('/api/programme/dashboard', async (request): Promise<CentreDashboard> => {
      requireGlobal(request, 'programme.read');
      const { plan } = parse(PlanQuery, request.query, 'query');
      await fresh();
      return centreDashboard(store, plan, now());
    });

    serve(app, API_ROUTES.programmeCoverageChart, async (input, request, reply) => {
      requireGlobal(request, 'programme.read');
      const { plan, lang } = input.query();
      reply.header('cache-control', 'no-store');
      return renderCoverageSvg(await centreDashboard(store, plan, now()), PROGRAMME_WORDS[lang]);
    });

    // Training
    app.get('/api/programme/courses', async (request): Promise<CourseView[]> => {
      requireGlobal(request, 'programme.read');
      return store.programme.listCourses();
    });

    app.post('/api/programme/courses', async (request, reply) => {
      const user = requireGlobal(request, 'training.write');
      const body = parse(CourseBody, request.body, 'body');
      const course = await saveCourse(store, body, now());
      await identity.audit(user.username, 'programme.course.created', course.id, { title: course.title });
      return reply.status(201).send(course);
    });

    app.get('/api/programme/courses/:courseId', async (request): Promise<CourseDetail> => {
      requireGlobal(request, 'programme.read');
      const { courseId } = parse(Params.course, request.params, 'params');
      return { course: await requireCourse(store, courseId), sessions: await store.programme.listSessions(courseId) };
    });

    app.put('/api/programme/courses/:courseId', async (request): Promise<CourseView> => {
      requireGlobal(request, 'training.write');
      const { courseId } = parse(Params.course, request.params, 'params');
      const body = parse(CourseBody, request.body, 'body');
      return saveCourse(store, body, now(), courseId);
    });

    app.post('/api/programme/courses/:courseId/sessions', async (request, reply) => {
      requireGlobal(request, 'training.write');
      const { courseId } = parse(Params.course, request.params, 'params');
      const body = parse(CourseSessionBody, request.body, 'body');
      return reply.status(201).send(await saveSession(store, courseId, body, now()));
    });

    app.get('/api/programme/sessions/:sessionId', async (request): Promise<CourseSessionDetail> => {
      requireGlobal(request, 'programme.read');
      const { sessionId } = parse(Params.session, request.params, 'params');
      return sessionDetail(store, await requireSession(store, sessionId));
    });

    app.put('/api/programme/sessions/:sessionId/attendance', async (request): Promise<CourseSessionDetail> => {
      const user = requireGlobal(request, 'training.write');
      const { sessionId } = parse(Params.session, request.params, 'params');
      const body = parse(AttendanceBody, request.body, 'body');
      const session = await requireSession(store, sessionId);
      await setAttendance(store, session, body.rows, now());
      await identity.audit(user.username, 'programme.attendance.recorded', sessionId, { rows: body.rows.length });
      return sessionDetail(store, session);
    });

    app.post('/api/programme/sessions/:sessionId/attendance/import', { bodyLimit: IMPORT_LIMIT }, async (request, reply) => {
      const user = requireGlobal(request, 'training.write');
      const { sessionId } = parse(Params.session, request.params, 'params');
      const body = parse(ImportAttendanceBody, request.body, 'body');
      const session = await requireSession(store, sessionId);
      const result = await importAttendance(store, session, body, user.username, now());
      return reply.status(body.dryRun ? 200 : 201).send(result);
    });

    app.get('/api/programme/people', async (request): Promise<TraineeView[]> => {
      const query = parse(AgencyQuery, request.query, 'query');
      const { scope } = await scopedAgency(request, query.agency, 'agency.view');
      return (await store.programme.listTrainees(query.agency)).filter((t) => inScope(scope, t.agencyId));
    });

    app.post('/api/programme/people', async (request, reply) => {
      requireGlobal(request, 'training.write');
      const body = parse(TraineeBody, request.body, 'body');
      return reply.status(201).send(await addTrainee(store, body, now()));
    });

    app.get('/api/programme/people/:personId', async (request): Promise<PersonRecord> => {
      const { personId } = parse(Params.person, request.params, 'params');
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      const person = await store.programme.getTrainee(personId);
      if (!person || !inScope(scope, person.agencyId)) throw new StartexError(scope.kind === 'centre' ? 'TRAINEE_NOT_FOUND' : 'FORBIDDEN');
      return personRecord(store, personId, today());
    });

    app.get('/api/programme/alerts', async (request): Promise<CertificateAlert[]> => {
      const query = parse(AgencyQuery, request.query, 'query');
      const { scope } = await scopedAgency(request, query.agency, 'agency.view');
      return (await certificateAlerts(store, today())).filter((a) => inScope(scope, a.certificate.agencyId) && (query.agency === undefined || a.certificate.agencyId === query.agency));
    });
  };
}
