import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  API_ROUTES,
  CorrectiveActionQuery,
  NewImprovementItemBody,
  ReportContent,
  StartexError,
  StatusChangeBody,
  UpdateImprovementItemBody,
  withoutBidiControls,
  type ImprovementItemView,
  type ReportVersion,
  type ReportVersionSummary,
  type ReportView,
} from '@startex/shared';
import { requireGlobal, requireUser } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allows, allowsGlobal } from '@startex/scenarios/engine';
import { exportArchive, importArchive } from '../review/archive.ts';
import { reportCharts } from '../review/report/reportCharts.ts';
import { renderDocx } from '../documents/docx.ts';
import { renderPdf } from '../documents/pdf.ts';
import { reportDocument } from '../review/report/reportDocument.ts';
import { ReportService } from '../review/report/ReportService.ts';
import { improvementPlanCsv, improvementPlanXlsx, metricsCsv } from '../review/report/spreadsheets.ts';
import type { ReviewService } from '../review/ReviewService.ts';
import { exerciseSettings } from '../planning/settings.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { Store } from '../store/ExerciseStore.ts';
import { ExerciseParams, exerciseGuard } from './exerciseGuard.ts';
import { parse } from './parse.ts';
import { serve } from './typedRoute.ts';

const VersionParams = ExerciseParams.extend({ version: z.coerce.number().int().positive().max(1_000_000) });
const ItemParams = ExerciseParams.extend({ itemId: z.string().min(1).max(64) });
const VersionQuery = z.strictObject({ version: z.coerce.number().int().positive().max(1_000_000).optional() });
/** An archive of a long exercise is large; this route alone accepts it. */
const ARCHIVE_BODY_LIMIT = 64 * 1024 * 1024;

const MEDIA = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
} as const;

/**
 * A download: sets its media type and an ASCII file name from the exercise (or plan) title, so no
 * header ever carries user text raw, and answers the body for the handler to return.
 */
export function download<Body extends Buffer | string>(reply: FastifyReply, title: string, name: string, extension: keyof typeof MEDIA, body: Body): Body {
  const slug = title.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase() || 'exercise';
  reply.type(MEDIA[extension]).header('content-disposition', `attachment; filename="${slug}-${name}.${extension}"`);
  return body;
}

/** The AAR/IP, the improvement plan, the exports, the archive, and the corrective-action overview. */
export function reportRoutes(runtime: ExerciseRuntime, store: Store, identity: IdentityService, reviews: ReviewService) {
  const reports = new ReportService(store, runtime, reviews);
  const guard = exerciseGuard(runtime, identity);

  return async (app: FastifyInstance) => {

    app.get('/api/exercises/:id/report', async (request): Promise<ReportView> => {
      const { params } = await guard(request, 'report.read');
      return reports.view(params.id);
    });

    app.put('/api/exercises/:id/report/draft', async (request) => {
      const { params, user } = await guard(request, 'report.edit');
      const content = parse(ReportContent, request.body, 'body');
      await reports.saveDraft(params.id, content, user.username);
      return { ok: true };
    });

    app.post('/api/exercises/:id/report/finalise', async (request, reply) => {
      const { params, user } = await guard(request, 'report.edit');
      const version = await reports.finalise(params.id, user.username);
      const summary: ReportVersionSummary = { version: version.version, finalisedAt: version.finalisedAt, finalisedBy: version.finalisedBy };
      return reply.status(201).send(summary);
    });

    app.get('/api/exercises/:id/report/versions/:version', async (request): Promise<ReportVersion> => {
      const { params } = await guard(request, 'report.read', VersionParams);
      return reports.version(params.id, params.version);
    });

    // Stated as a route so that a client trying to change a finalised version hears why it cannot.
    app.put('/api/exercises/:id/report/versions/:version', async (request) => {
      const { params } = await guard(request, 'report.edit', VersionParams);
      await reports.version(params.id, params.version);
      throw new StartexError('REPORT_VERSION_FINAL');
    });

    app.get('/api/exercises/:id/improvement-plan', async (request): Promise<ImprovementItemView[]> => {
      const { params } = await guard(request, 'improvement.read');
      return reports.items(params.id);
    });

    app.post('/api/exercises/:id/improvement-plan', async (request, reply) => {
      const { params, user } = await guard(request, 'improvement.write');
      const body = parse(NewImprovementItemBody, request.body, 'body');
      return reply.status(201).send(await reports.addItem(params.id, body, user.username));
    });

    app.patch('/api/exercises/:id/improvement-plan/:itemId', async (request) => {
      const { params } = await guard(request, 'improvement.write', ItemParams);
      const body = parse(UpdateImprovementItemBody, request.body, 'body');
      return reports.updateItem(params.id, params.itemId, body);
    });

    app.post('/api/exercises/:id/improvement-plan/:itemId/status', async (request) => {
      const { params, user } = await guard(request, 'improvement.write', ItemParams);
      const body = parse(StatusChangeBody, request.body, 'body');
      return reports.changeStatus(params.id, params.itemId, body, user.username);
    });

    app.get('/api/exercises/:id/exports/report.pdf', async (request, reply) => {
      const { params, host } = await guard(request, 'report.read');
      const { version } = parse(VersionQuery, request.query, 'query');
      const source = await reports.source(params.id, version);
      return download(reply, host.record.title, version ? `aar-ip-v${version}` : 'aar-ip-draft', 'pdf', await renderPdf(reportDocument(source, await reportCharts(source.review))));
    });

    app.get('/api/exercises/:id/exports/report.docx', async (request, reply) => {
      const { params, host } = await guard(request, 'report.read');
      const { version } = parse(VersionQuery, request.query, 'query');
      const source = await reports.source(params.id, version);
      return download(reply, host.record.title, version ? `aar-ip-v${version}` : 'aar-ip-draft', 'docx', await renderDocx(reportDocument(source, await reportCharts(source.review))));
    });

    app.get('/api/exercises/:id/exports/improvement-plan.xlsx', async (request, reply) => {
      const { params, host } = await guard(request, 'improvement.read');
      const { review } = withoutBidiControls(await reviews.reviewed(params.id));
      const plan = withoutBidiControls(await store.review.listItems(params.id));
      return download(reply, host.record.title, 'improvement-plan', 'xlsx', await improvementPlanXlsx(plan, review, withoutBidiControls(host.record.scenario), Date.now(), exerciseSettings(host.record).timeZone));
    });

    app.get('/api/exercises/:id/exports/improvement-plan.csv', async (request, reply) => {
      const { params, host } = await guard(request, 'improvement.read');
      return download(reply, host.record.title, 'improvement-plan', 'csv', await improvementPlanCsv(withoutBidiControls(await store.review.listItems(params.id)), Date.now(), exerciseSettings(host.record).timeZone));
    });

    serve(app, API_ROUTES.metricsCsv, async (_input, request, reply) => {
      const { params, host } = await guard(request, 'report.read');
      const { review } = withoutBidiControls(await reviews.reviewed(params.id));
      return download(reply, host.record.title, 'metrics', 'csv', await metricsCsv(review, withoutBidiControls(host.record.scenario)));
    });

    app.get('/api/exercises/:id/exports/archive.json', async (request, reply) => {
      const { params, host } = await guard(request, 'exercise.archive');
      return download(reply, host.record.title, 'archive', 'json', JSON.stringify(await exportArchive(store, params.id, Date.now())));
    });

    app.post('/api/archives', { bodyLimit: ARCHIVE_BODY_LIMIT }, async (request, reply) => {
      const user = requireGlobal(request, 'exercises.import');
      const record = await importArchive(store, request.body, Date.now());
      await identity.setMembership(user.username, { exerciseId: record.id, userId: user.id, role: 'director' });
      await store.appendAudit({ at: Date.now(), actor: user.username, action: 'exercise.imported', target: record.id, details: { title: record.title } });
      const host = await runtime.get(record.id);
      return reply.status(201).send({ id: record.id, title: record.title, status: host.status });
    });

    app.get('/api/corrective-actions', async (request): Promise<ImprovementItemView[]> => {
      const { user } = requireUser(request);
      const query = parse(CorrectiveActionQuery, request.query, 'query');
      const filter = { agency: query.agency, status: query.status, overdue: query.overdue === undefined ? undefined : query.overdue === 'true' };
      if (allowsGlobal(user.roles, 'corrective-actions.read')) return reports.correctiveActions(filter);
      const held = (await store.membershipsOf(user.id)).filter((m) => allows(m.role, 'corrective-actions.view')).map((m) => m.exerciseId);
      if (held.length === 0) throw new StartexError('FORBIDDEN');
      return reports.correctiveActions(filter, new Set(held));
    });
  };
}
