import { z } from 'zod';
import {
  ArchiveImported,
  CorrectiveActionQuery,
  LanguageQuery,
  ExerciseArchive,
  ImprovementItemParams,
  ImprovementItemView,
  NewImprovementItemBody,
  ReportContent,
  ReportExportQuery,
  ReportVersion,
  ReportVersionParams,
  ReportVersionSummary,
  ReportView,
  StatusChangeBody,
  TeamBriefingParams,
  UpdateImprovementItemBody,
} from '../report.ts';
import { ExerciseParams, FileContent, Ok, route, type RouteSpec } from './spec.ts';

const PDF = 'application/pdf';

/**
 * The after-action report (AAR/IP), its improvement plan, the exports and the archive; and the
 * plan's printed documents (briefings, the join-code sheet). Every document takes `lang` (en, lt):
 * its words in the viewer's language, else the exercise's.
 */
export const REPORT_ROUTES = {
  report: route({ method: 'GET', path: '/api/exercises/:id/report', tag: 'reports', access: 'exercise-role', summary: 'The AAR/IP draft (assembled from the review until someone saves it), the finalised versions, and the choices for improvement plan rows.', params: ExerciseParams, response: ReportView }),
  saveReportDraft: route({ method: 'PUT', path: '/api/exercises/:id/report/draft', tag: 'reports', access: 'exercise-role', summary: 'Saves the AAR/IP draft as its authors wrote it.', params: ExerciseParams, body: ReportContent, response: Ok }),
  finaliseReport: route({ method: 'POST', path: '/api/exercises/:id/report/finalise', tag: 'reports', access: 'exercise-role', summary: 'Freezes the draft and today\'s improvement plan as the next version, never changed again; only after EndEx.', params: ExerciseParams, status: 201, response: ReportVersionSummary }),
  reportVersion: route({ method: 'GET', path: '/api/exercises/:id/report/versions/:version', tag: 'reports', access: 'exercise-role', summary: 'A finalised version of the AAR/IP with its improvement plan as it stood.', params: ReportVersionParams, response: ReportVersion }),
  changeReportVersion: route({ method: 'PUT', path: '/api/exercises/:id/report/versions/:version', tag: 'reports', access: 'exercise-role', summary: 'Always refused with REPORT_VERSION_FINAL: a finalised version is never changed (edit the draft and finalise again).', params: ReportVersionParams, response: z.never() }),
  improvementPlan: route({ method: 'GET', path: '/api/exercises/:id/improvement-plan', tag: 'reports', access: 'exercise-role', summary: 'The exercise\'s improvement plan rows, each with whether it is overdue today.', params: ExerciseParams, response: z.array(ImprovementItemView) }),
  addImprovementItem: route({ method: 'POST', path: '/api/exercises/:id/improvement-plan', tag: 'reports', access: 'exercise-role', summary: 'A new improvement plan row; its capability from the scenario\'s objectives and its agency from the directory (free text only as "other").', params: ExerciseParams, body: NewImprovementItemBody, status: 201, response: ImprovementItemView }),
  updateImprovementItem: route({ method: 'PATCH', path: '/api/exercises/:id/improvement-plan/:itemId', tag: 'reports', access: 'exercise-role', summary: 'Changes fields of an improvement plan row (not its status).', params: ImprovementItemParams, body: UpdateImprovementItemBody, response: ImprovementItemView }),
  changeImprovementStatus: route({ method: 'POST', path: '/api/exercises/:id/improvement-plan/:itemId/status', tag: 'reports', access: 'exercise-role', summary: 'A row\'s new status with a comment, kept in its history.', params: ImprovementItemParams, body: StatusChangeBody, response: ImprovementItemView }),
  correctiveActions: route({ method: 'GET', path: '/api/corrective-actions', tag: 'reports', access: 'session', summary: 'Corrective actions across the exercises the person may see (programme staff: all), most urgent first, filtered by agency, status or overdue.', query: CorrectiveActionQuery, response: z.array(ImprovementItemView) }),
  reportPdf: route({ method: 'GET', path: '/api/exercises/:id/exports/report.pdf', tag: 'reports', access: 'exercise-role', summary: 'The AAR/IP as PDF: a finalised version, or the draft.', params: ExerciseParams, query: ReportExportQuery, produces: PDF, response: FileContent }),
  reportDocx: route({ method: 'GET', path: '/api/exercises/:id/exports/report.docx', tag: 'reports', access: 'exercise-role', summary: 'The AAR/IP as Word (DOCX): a finalised version, or the draft.', params: ExerciseParams, query: ReportExportQuery, produces: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', response: FileContent }),
  improvementPlanXlsx: route({ method: 'GET', path: '/api/exercises/:id/exports/improvement-plan.xlsx', tag: 'reports', access: 'exercise-role', summary: 'The improvement plan and the review\'s metrics, response times and injects as one workbook.', params: ExerciseParams, query: LanguageQuery, produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', response: FileContent }),
  improvementPlanCsv: route({ method: 'GET', path: '/api/exercises/:id/exports/improvement-plan.csv', tag: 'reports', access: 'exercise-role', summary: 'The improvement plan as CSV.', params: ExerciseParams, query: LanguageQuery, produces: 'text/csv; charset=utf-8', response: FileContent }),
  metricsCsv: route({ method: 'GET', path: '/api/exercises/:id/exports/metrics.csv', tag: 'reports', access: 'exercise-role', summary: 'The review\'s metrics as CSV: each metric per team, with its target and whether it was met.', params: ExerciseParams, query: LanguageQuery, produces: 'text/csv; charset=utf-8', response: FileContent }),
  archiveJson: route({ method: 'GET', path: '/api/exercises/:id/exports/archive.json', tag: 'reports', access: 'exercise-role', summary: 'The whole exercise as one file (scenario, log, report versions, improvement plan), for importing again.', params: ExerciseParams, produces: 'application/json; charset=utf-8', response: FileContent }),
  // The body is checked on import with its own catalogue code (ARCHIVE_INVALID, listing the problems).
  importArchive: route({ method: 'POST', path: '/api/archives', tag: 'reports', access: 'global-role', summary: 'Imports an exercise archive as a new, ended exercise for re-analysis; its importer becomes its director. ARCHIVE_INVALID lists what is wrong.', body: ExerciseArchive, status: 201, response: ArchiveImported }),
  handbook: route({ method: 'GET', path: '/api/exercises/:id/briefings/handbook', tag: 'planning', access: 'exercise-role', summary: 'The controller and evaluator handbook as PDF: the MSEL, branches and evaluation guides (an evaluator: the objectives they cover).', params: ExerciseParams, query: LanguageQuery, produces: PDF, response: FileContent }),
  observerBriefing: route({ method: 'GET', path: '/api/exercises/:id/briefings/observer', tag: 'planning', access: 'exercise-role', summary: 'The observer briefing as PDF: the plan, the teams, the objectives and the observer\'s rules.', params: ExerciseParams, query: LanguageQuery, produces: PDF, response: FileContent }),
  playerBriefing: route({ method: 'GET', path: '/api/exercises/:id/briefings/player/:teamId', tag: 'planning', access: 'exercise-role', summary: 'A team\'s player briefing as PDF, without anything only control staff may know (a participant: their own team\'s).', params: TeamBriefingParams, query: LanguageQuery, produces: PDF, response: FileContent }),
  joinCodeSheet: route({ method: 'GET', path: '/api/exercises/:id/join-codes/sheet', tag: 'planning', access: 'exercise-role', summary: 'The printable join-code sheet as PDF: each team\'s tablet code with its QR code, then the wall-display codes.', params: ExerciseParams, query: LanguageQuery, produces: PDF, response: FileContent }),
} satisfies Record<string, RouteSpec>;
