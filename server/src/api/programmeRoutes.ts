import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_ROUTES, StartexError, type ActivityView, type PlanView } from '@startex/shared';
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
import { download } from './reportRoutes.ts';
import { serve } from './typedRoute.ts';

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
 * The preparedness programme: the routes of PROGRAMME_ROUTES (shared/src/routes/programme.ts),
 * and beside them, by hand, its files: the Gantt and coverage charts and an agency's charts (SVG),
 * the plan as PDF or DOCX, the schedule as iCalendar (a download, or a secret subscription address
 * with no session: GET /calendar/<secret>.ics) and the programme as XLSX. Who may call each is the
 * policy table's: `programme.read`, `programme.manage`, `training.write` for the centre,
 * `agency.view` and `agency.survey` for an agency's focal point (and a survey's one-time token),
 * who sees that agency and no other.
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
    serve(app, API_ROUTES.programmeAccess, async (_input, request) => {
      const { user } = requireUser(request);
      const mine = await focalAgencies(store, user.id);
      const agencies = (await store.planning.listAgencies()).filter((a) => mine.has(a.id)).map((a) => ({ id: a.id, name: a.name }));
      return { read: allowsGlobal(user.roles, 'programme.read'), manage: allowsGlobal(user.roles, 'programme.manage'), train: allowsGlobal(user.roles, 'training.write'), agencies };
    });

    serve(app, API_ROUTES.programmeAgencies, async (_input, request) => {
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      return (await store.planning.listAgencies()).filter((a) => inScope(scope, a.id)).map((a) => ({ id: a.id, name: a.name, type: a.type, functions: a.functions }));
    });

    // The capability catalogue
    serve(app, API_ROUTES.capabilities, async (_input, request) => {
      // Everyone who takes part in the programme reads it, a survey's token holder included.
      if (!(await tokenSurvey(store, request))) await agencyScope(store, request, 'programme.read', 'agency.survey');
      return store.programme.listCapabilities();
    });

    serve(app, API_ROUTES.createCapability, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = input.body();
      const capability = await saveCapability(store, body, now());
      await identity.audit(user.username, 'programme.capability.created', capability.id, { name: capability.name });
      return capability;
    });

    serve(app, API_ROUTES.updateCapability, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { capabilityId } = input.params();
      const body = input.body();
      const capability = await saveCapability(store, body, now(), capabilityId);
      await identity.audit(user.username, 'programme.capability.updated', capabilityId, { name: capability.name });
      return capability;
    });

    serve(app, API_ROUTES.deleteCapability, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { capabilityId } = input.params();
      await deleteCapability(store, capabilityId);
      await identity.audit(user.username, 'programme.capability.deleted', capabilityId);
      return { ok: true as const };
    });

    // Focal points
    serve(app, API_ROUTES.focalPoints, async (input, request) => {
      requireGlobal(request, 'programme.read');
      const { agencyId } = input.params();
      if (!(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND');
      return focalPointViews(store, await store.programme.listFocalPoints(agencyId));
    });

    serve(app, API_ROUTES.addFocalPoint, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { agencyId } = input.params();
      const body = input.body();
      return addFocalPoint(store, agencyId, body, user.username, now());
    });

    serve(app, API_ROUTES.removeFocalPoint, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { agencyId, userId } = input.params();
      if (!(await store.programme.removeFocalPoint(agencyId, userId))) throw new StartexError('USER_NOT_FOUND', 'That person is not a focal point of this agency.');
      await identity.audit(user.username, 'programme.focal-point.removed', agencyId, { userId });
      return { ok: true as const };
    });

    // Needs
    serve(app, API_ROUTES.needs, async (input, request) => {
      const query = input.query();
      const { scope } = await scopedAgency(request, query.agency, 'agency.view');
      await fresh();
      const needs = (await store.programme.listNeeds({ agencyId: query.agency }))
        .filter((n) => inScope(scope, n.agencyId))
        // A survey's unsent draft is the focal point's own until submitted.
        .filter((n) => n.status !== 'draft')
        .filter((n) => query.status === undefined || n.status === query.status);
      return needViews(store, needs);
    });

    serve(app, API_ROUTES.createNeed, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = input.body();
      const need = await createNeed(store, body, user.username, now());
      return (await needViews(store, [need]))[0]!;
    });

    serve(app, API_ROUTES.updateNeed, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { needId } = input.params();
      const body = input.body();
      const need = await updateNeed(store, needId, body, user.username, now());
      return (await needViews(store, [need]))[0]!;
    });

    serve(
      app,
      API_ROUTES.importNeeds,
      async (input, request) => {
        const user = requireGlobal(request, 'programme.manage');
        return importNeeds(store, input.body(), user.username, now());
      },
      { bodyLimit: IMPORT_LIMIT },
    );

    // Needs surveys
    serve(app, API_ROUTES.surveys, async (input, request) => {
      const query = input.query();
      const { scope } = await scopedAgency(request, query.agency, 'agency.survey');
      const surveys = (await store.programme.listSurveys(query.agency)).filter((s) => inScope(scope, s.agencyId));
      return Promise.all(surveys.map((s) => surveyView(store, s)));
    });

    serve(app, API_ROUTES.sendSurvey, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { agencyId } = input.params();
      const body = input.body();
      return sendSurvey(store, agencyId, body, user.username, now());
    });

    serve(app, API_ROUTES.survey, async (input, request) => {
      const { surveyId } = input.params();
      const { survey } = await surveyAccess(store, request, surveyId, 'programme.read');
      return surveyView(store, survey);
    });

    serve(app, API_ROUTES.saveSurveyRows, async (input, request) => {
      const { surveyId } = input.params();
      const { survey } = await surveyAccess(store, request, surveyId, 'programme.manage');
      const body = input.body();
      return surveyView(store, await saveSurveyRows(store, survey, body.rows, now()));
    });

    serve(app, API_ROUTES.submitSurvey, async (input, request) => {
      const { surveyId } = input.params();
      const { survey, respondent } = await surveyAccess(store, request, surveyId, 'programme.manage');
      return surveyView(store, await submitSurvey(store, survey, respondent, now()));
    });

    serve(app, API_ROUTES.reviewSurvey, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { surveyId } = input.params();
      const body = input.body();
      const survey = await store.programme.getSurvey(surveyId);
      if (!survey) throw new StartexError('SURVEY_NOT_FOUND');
      return surveyView(store, await reviewSurvey(store, survey, body, user.username, now()));
    });

    // The Integrated Preparedness Plan
    serve(app, API_ROUTES.plans, async (_input, request) => {
      requireGlobal(request, 'programme.read');
      return store.programme.listPlans();
    });

    serve(app, API_ROUTES.createPlan, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const body = input.body();
      const plan = await createPlan(store, body, now());
      await identity.audit(user.username, 'programme.plan.created', plan.id, { title: plan.title });
      return plan;
    });

    serve(app, API_ROUTES.programmePlan, async (input, request) => {
      requireGlobal(request, 'programme.read');
      const { planId } = input.params();
      await fresh();
      return planDetail(store, planId, now());
    });

    serve(app, API_ROUTES.updatePlan, async (input, request) => {
      requireGlobal(request, 'programme.manage');
      const { planId } = input.params();
      const body = input.body();
      return updatePlan(store, planId, body, now());
    });

    serve(app, API_ROUTES.addPriority, async (input, request) => {
      requireGlobal(request, 'programme.manage');
      const { planId } = input.params();
      const body = input.body();
      return savePriority(store, planId, body, now());
    });

    serve(app, API_ROUTES.updatePriority, async (input, request) => {
      requireGlobal(request, 'programme.manage');
      const { priorityId } = input.params();
      const body = input.body();
      const existing = await store.programme.getPriority(priorityId);
      if (!existing) throw new StartexError('PRIORITY_NOT_FOUND');
      return savePriority(store, existing.planId, body, now(), priorityId);
    });

    serve(app, API_ROUTES.deletePriority, async (input, request) => {
      requireGlobal(request, 'programme.manage');
      const { priorityId } = input.params();
      await deletePriority(store, priorityId);
      return { ok: true as const };
    });

    serve(app, API_ROUTES.addActivity, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { planId } = input.params();
      const body = input.body();
      const saved = await saveActivity(store, planId, body, now());
      await identity.audit(user.username, 'programme.activity.created', saved.activity.id, { planId, kind: body.kind });
      return saved;
    });

    serve(app, API_ROUTES.updateActivity, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { activityId } = input.params();
      const body = input.body();
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
    serve(app, API_ROUTES.createCalendarFeed, async (input, request) => {
      const { planId } = input.params();
      // The agency to check comes in the body, so a stranger is refused before it is read.
      requireUser(request);
      const body = input.body();
      const { scope, agencyId } = await scopedAgency(request, body.agencyId, 'agency.view');
      if (scope.kind === 'agencies' && agencyId === undefined) throw new StartexError('VALIDATION_FAILED', 'Name your agency: agencyId.', 'body.agencyId');
      await requirePlan(store, planId);
      return makeCalendarFeed(store, planId, agencyId, scope.user.username, now());
    });

    serve(app, API_ROUTES.calendarFeeds, async (input, request) => {
      const { planId } = input.params();
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      await requirePlan(store, planId);
      return (await store.programme.listCalendarFeeds(planId)).filter((f) => (f.agencyId === undefined ? scope.kind === 'centre' : inScope(scope, f.agencyId))).map(feedView);
    });

    serve(app, API_ROUTES.revokeCalendarFeed, async (input, request) => {
      const { planId, feedId } = input.params();
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      const feed = (await store.programme.listCalendarFeeds(planId)).find((f) => f.id === feedId);
      if (!feed || (feed.agencyId === undefined ? scope.kind !== 'centre' : !inScope(scope, feed.agencyId))) throw new StartexError(scope.kind === 'centre' ? 'CALENDAR_FEED_INVALID' : 'FORBIDDEN');
      await store.programme.revokeCalendarFeed(feedId, now());
      await identity.audit(scope.user.username, 'programme.calendar-feed.revoked', planId, { feedId });
      return { ok: true as const };
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
    serve(app, API_ROUTES.linkExercise, async (input, request) => {
      const user = requireGlobal(request, 'programme.manage');
      const { activityId } = input.params();
      const { exerciseId } = input.body();
      await runtime.get(exerciseId);
      await requireExercise(identity, request, exerciseId, 'exercise.manage');
      await linkExercise(store, runtime, activityId, exerciseId, user.username, now());
      return exerciseProgramme(store, runtime, exerciseId);
    });

    /** The centre, or the exercise's own staff with the given verb. */
    const exerciseAccess = async (request: FastifyRequest, exerciseId: string, global: 'programme.read' | 'programme.manage', verb: 'review.read' | 'exercise.manage') => {
      const { user } = requireUser(request);
      await runtime.get(exerciseId);
      if (allowsGlobal(user.roles, global)) return user;
      return (await requireExercise(identity, request, exerciseId, verb)).user;
    };

    serve(app, API_ROUTES.exerciseProgramme, async (input, request) => {
      const { exerciseId } = input.params();
      await exerciseAccess(request, exerciseId, 'programme.read', 'review.read');
      await fresh();
      return exerciseProgramme(store, runtime, exerciseId);
    });

    serve(app, API_ROUTES.setCapabilityMap, async (input, request) => {
      const { exerciseId } = input.params();
      const user = await exerciseAccess(request, exerciseId, 'programme.manage', 'exercise.manage');
      const body = input.body();
      await setCapabilityMap(store, runtime, exerciseId, body, user.username, now());
      return exerciseProgramme(store, runtime, exerciseId);
    });

    // Traceability and ratings
    serve(app, API_ROUTES.programmeTrace, async (input, request) => {
      requireGlobal(request, 'programme.read');
      const { kind, id } = input.params();
      await fresh();
      return trace(store, runtime, kind, id, now());
    });

    serve(app, API_ROUTES.programmeRating, async (input, request) => {
      const { ratingId } = input.params();
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      await fresh();
      const graph = await programmeGraph(store);
      const rating = graph.ratings.find((r) => r.id === ratingId);
      // Another agency's rating is as unknown to a focal point as one that does not exist.
      if (!rating || !inScope(scope, rating.agencyId)) throw new StartexError(scope.kind === 'centre' ? 'RATING_NOT_FOUND' : 'FORBIDDEN');
      return ratingView(graph, rating);
    });

    // Dashboards
    serve(app, API_ROUTES.agencyDashboard, async (input, request) => {
      const { agencyId } = input.params();
      await requireAgency(store, request, agencyId, 'programme.read', 'agency.view');
      await fresh();
      return agencyDashboard(store, agencyId, now());
    });

    serve(app, API_ROUTES.programmeAgencyChart, async (input, request, reply) => {
      // Who is calling first: a stranger learns nothing from which chart names exist.
      requireUser(request);
      const { agencyId, file } = input.params();
      await requireAgency(store, request, agencyId, 'programme.read', 'agency.view');
      const { lang } = input.query();
      await fresh();
      reply.header('cache-control', 'no-store');
      return renderAgencyChart(file, await agencyDashboard(store, agencyId, now()), await capabilityName(), PROGRAMME_WORDS[lang]);
    });

    serve(app, API_ROUTES.centreDashboard, async (input, request) => {
      requireGlobal(request, 'programme.read');
      const { plan } = input.query();
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
    serve(app, API_ROUTES.courses, async (_input, request) => {
      requireGlobal(request, 'programme.read');
      return store.programme.listCourses();
    });

    serve(app, API_ROUTES.createCourse, async (input, request) => {
      const user = requireGlobal(request, 'training.write');
      const body = input.body();
      const course = await saveCourse(store, body, now());
      await identity.audit(user.username, 'programme.course.created', course.id, { title: course.title });
      return course;
    });

    serve(app, API_ROUTES.course, async (input, request) => {
      requireGlobal(request, 'programme.read');
      const { courseId } = input.params();
      return { course: await requireCourse(store, courseId), sessions: await store.programme.listSessions(courseId) };
    });

    serve(app, API_ROUTES.updateCourse, async (input, request) => {
      requireGlobal(request, 'training.write');
      const { courseId } = input.params();
      const body = input.body();
      return saveCourse(store, body, now(), courseId);
    });

    serve(app, API_ROUTES.addCourseSession, async (input, request) => {
      requireGlobal(request, 'training.write');
      const { courseId } = input.params();
      const body = input.body();
      return saveSession(store, courseId, body, now());
    });

    serve(app, API_ROUTES.courseSession, async (input, request) => {
      requireGlobal(request, 'programme.read');
      const { sessionId } = input.params();
      return sessionDetail(store, await requireSession(store, sessionId));
    });

    serve(app, API_ROUTES.recordAttendance, async (input, request) => {
      const user = requireGlobal(request, 'training.write');
      const { sessionId } = input.params();
      const body = input.body();
      const session = await requireSession(store, sessionId);
      await setAttendance(store, session, body.rows, now());
      await identity.audit(user.username, 'programme.attendance.recorded', sessionId, { rows: body.rows.length });
      return sessionDetail(store, session);
    });

    serve(
      app,
      API_ROUTES.importAttendance,
      async (input, request) => {
        const user = requireGlobal(request, 'training.write');
        const { sessionId } = input.params();
        const body = input.body();
        const session = await requireSession(store, sessionId);
        return importAttendance(store, session, body, user.username, now());
      },
      { bodyLimit: IMPORT_LIMIT },
    );

    serve(app, API_ROUTES.trainees, async (input, request) => {
      const query = input.query();
      const { scope } = await scopedAgency(request, query.agency, 'agency.view');
      return (await store.programme.listTrainees(query.agency)).filter((t) => inScope(scope, t.agencyId));
    });

    serve(app, API_ROUTES.addTrainee, async (input, request) => {
      requireGlobal(request, 'training.write');
      const body = input.body();
      return addTrainee(store, body, now());
    });

    serve(app, API_ROUTES.personRecord, async (input, request) => {
      const { personId } = input.params();
      const scope = await agencyScope(store, request, 'programme.read', 'agency.view');
      const person = await store.programme.getTrainee(personId);
      if (!person || !inScope(scope, person.agencyId)) throw new StartexError(scope.kind === 'centre' ? 'TRAINEE_NOT_FOUND' : 'FORBIDDEN');
      return personRecord(store, personId, today());
    });

    serve(app, API_ROUTES.certificateAlerts, async (input, request) => {
      const query = input.query();
      const { scope } = await scopedAgency(request, query.agency, 'agency.view');
      return (await certificateAlerts(store, today())).filter((a) => inScope(scope, a.certificate.agencyId) && (query.agency === undefined || a.certificate.agencyId === query.agency));
    });
  };
}
