import { z } from 'zod';
import { ProgrammeChartName, ScheduleQuery } from '../programme.ts';
import { ChartLanguage } from '../review.ts';
import { FileContent, route, type RouteSpec } from './spec.ts';

const ref = z.string().min(1).max(64);
const PlanParams = z.object({ planId: ref });

/**
 * The language of the file's own words (titles, axes, headings, kinds, statuses, months); what people
 * wrote stays as written. English when not asked: the server keeps no language per person (the
 * interface's is the browser's choice), so the programme pages always ask in their viewer's, and a
 * calendar program, which asks for nothing, gets English unless its address names a language.
 */
const Language = { lang: ChartLanguage.default('en') };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SVG = 'image/svg+xml';
const ICS = 'text/calendar; charset=utf-8';

/** The preparedness programme's charts and documents: the dashboards' charts, the plan as PDF, Word and iCalendar, the workbook. */
export const PROGRAMME_DOCUMENT_ROUTES = {
  programmeAgencyChart: route({
    method: 'GET',
    path: '/api/programme/agencies/:agencyId/charts/:file',
    tag: 'programme',
    access: 'global-role',
    summary: "An agency's dashboard chart as SVG: heatmap.svg (capability ratings over time) or training.svg (trained people against the headcount needed).",
    params: z.object({
      agencyId: ref,
      file: z
        .string()
        .regex(/^[a-z-]{1,40}\.svg$/, 'ask for <chart>.svg')
        .transform((file) => file.slice(0, -'.svg'.length))
        .pipe(ProgrammeChartName),
    }),
    // `v` only keeps browsers from showing an older drawing.
    query: z.strictObject({ v: z.string().max(64).optional(), ...Language }),
    produces: SVG,
    response: FileContent,
  }),
  programmeCoverageChart: route({
    method: 'GET',
    path: '/api/programme/dashboard/coverage.svg',
    tag: 'programme',
    access: 'global-role',
    summary: "How many of each priority's open needs an activity serves, for a plan (the latest when none is named), as SVG.",
    query: z.strictObject({ plan: ref.optional(), ...Language }),
    produces: SVG,
    response: FileContent,
  }),
  programmeGantt: route({
    method: 'GET',
    path: '/api/programme/plans/:planId/gantt.svg',
    tag: 'programme',
    access: 'global-role',
    summary: "A year of the plan as a Gantt chart (SVG), for all agencies or one (a focal point names theirs).",
    params: PlanParams,
    query: ScheduleQuery.extend(Language),
    produces: SVG,
    response: FileContent,
  }),
  programmePlanPdf: route({
    method: 'GET',
    path: '/api/programme/plans/:planId/exports/plan.pdf',
    tag: 'programme',
    access: 'global-role',
    summary: 'The Integrated Preparedness Plan as PDF: priorities and the needs behind them, each year\'s schedule with its Gantt chart, the checks.',
    params: PlanParams,
    query: z.object(Language),
    produces: 'application/pdf',
    response: FileContent,
  }),
  programmePlanDocx: route({
    method: 'GET',
    path: '/api/programme/plans/:planId/exports/plan.docx',
    tag: 'programme',
    access: 'global-role',
    summary: 'The Integrated Preparedness Plan as a Word document, the same as the PDF.',
    params: PlanParams,
    query: z.object(Language),
    produces: DOCX,
    response: FileContent,
  }),
  programmePlanCalendar: route({
    method: 'GET',
    path: '/api/programme/plans/:planId/exports/calendar.ics',
    tag: 'programme',
    access: 'global-role',
    summary: "The plan's schedule as iCalendar: every activity an all-day event; one agency's part with `agency` (a focal point names theirs).",
    params: PlanParams,
    query: z.strictObject({ agency: ref.optional(), ...Language }),
    produces: ICS,
    response: FileContent,
  }),
  programmeCalendarFeed: route({
    method: 'GET',
    path: '/api/programme/calendar/:file',
    tag: 'programme',
    access: 'public',
    summary: 'A calendar subscription: <secret>.ics, the schedule its secret opens, for calendar programs without a session; CALENDAR_FEED_INVALID once revoked.',
    params: z.object({
      file: z
        .string()
        .regex(/^[A-Za-z0-9_-]{20,200}\.ics$/, 'ask for <secret>.ics')
        .transform((file) => file.slice(0, -'.ics'.length)),
    }),
    query: z.object(Language),
    produces: ICS,
    response: FileContent,
  }),
  programmeWorkbook: route({
    method: 'GET',
    path: '/api/programme/exports/programme.xlsx',
    tag: 'programme',
    access: 'global-role',
    summary: 'Needs and planned activities as one XLSX workbook; in English the needs sheet has the needs import\'s own columns, so it can be imported again.',
    query: z.object(Language),
    produces: XLSX,
    response: FileContent,
  }),
} satisfies Record<string, RouteSpec>;
