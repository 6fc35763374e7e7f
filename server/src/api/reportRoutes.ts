import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_ROUTES, ImprovementItemParams, ReportVersionParams, StartexError, withoutBidiControls } from '@startex/shared';
import { requireGlobal, requireUser } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allows, allowsGlobal } from '@startex/scenarios/engine';
import { exportArchive, importArchive } from '../review/archive.ts';
import { reportCharts } from '../review/report/reportCharts.ts';
import { renderDocx } from '../documents/docx.ts';
import { renderPdf } from '../documents/pdf.ts';
import { documentLanguage, type DocumentLanguage } from '../documents/words.ts';
import { reportDocument } from '../review/report/reportDocument.ts';
import { ReportService } from '../review/report/ReportService.ts';
import { improvementPlanCsv, improvementPlanXlsx, metricsCsv } from '../review/report/spreadsheets.ts';
import type { ReviewService } from '../review/ReviewService.ts';
import { exerciseSettings } from '../planning/settings.ts';
import type { ExerciseHost } from '../runtime/ExerciseHost.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { Store } from '../store/ExerciseStore.ts';
import { exerciseGuard } from './exerciseGuard.ts';
import { serve } from './typedRoute.ts';

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
  /** A document's language: the viewer's (`lang`), else the exercise's. */
  const languageOf = (host: ExerciseHost, asked: DocumentLanguage | undefined) => documentLanguage(asked, exerciseSettings(host.record));

  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.report, async (_input, request) => {
      const { params } = await guard(request, 'report.read');
      return reports.view(params.id);
    });

    serve(app, API_ROUTES.saveReportDraft, async (input, request) => {
      const { params, user } = await guard(request, 'report.edit');
      await reports.saveDraft(params.id, input.body(), user.username);
      return { ok: true as const };
    });

    serve(app, API_ROUTES.finaliseReport, async (_input, request) => {
      const { params, user } = await guard(request, 'report.edit');
      const version = await reports.finalise(params.id, user.username);
      return { version: version.version, finalisedAt: version.finalisedAt, finalisedBy: version.finalisedBy };
    });

    serve(app, API_ROUTES.reportVersion, async (_input, request) => {
      const { params } = await guard(request, 'report.read', ReportVersionParams);
      return reports.version(params.id, params.version);
    });

    // Stated as a route so that a client trying to change a finalised version hears why it cannot.
    serve(app, API_ROUTES.changeReportVersion, async (_input, request) => {
      const { params } = await guard(request, 'report.edit', ReportVersionParams);
      await reports.version(params.id, params.version);
      throw new StartexError('REPORT_VERSION_FINAL');
    });

    serve(app, API_ROUTES.improvementPlan, async (_input, request) => {
      const { params } = await guard(request, 'improvement.read');
      return reports.items(params.id);
    });

    serve(app, API_ROUTES.addImprovementItem, async (input, request) => {
      const { params, user } = await guard(request, 'improvement.write');
      return reports.addItem(params.id, input.body(), user.username);
    });

    serve(app, API_ROUTES.updateImprovementItem, async (input, request) => {
      const { params } = await guard(request, 'improvement.write', ImprovementItemParams);
      return reports.updateItem(params.id, params.itemId, input.body());
    });

    serve(app, API_ROUTES.changeImprovementStatus, async (input, request) => {
      const { params, user } = await guard(request, 'improvement.write', ImprovementItemParams);
      return reports.changeStatus(params.id, params.itemId, input.body(), user.username);
    });

    serve(app, API_ROUTES.reportPdf, async (input, request, reply) => {
      const { params, host } = await guard(request, 'report.read');
      const { version, lang } = input.query();
      const language = languageOf(host, lang);
      const source = await reports.source(params.id, version);
      return download(reply, host.record.title, version ? `aar-ip-v${version}` : 'aar-ip-draft', 'pdf', await renderPdf(reportDocument(source, await reportCharts(source.review, language), language)));
    });

    serve(app, API_ROUTES.reportDocx, async (input, request, reply) => {
      const { params, host } = await guard(request, 'report.read');
      const { version, lang } = input.query();
      const language = languageOf(host, lang);
      const source = await reports.source(params.id, version);
      return download(reply, host.record.title, version ? `aar-ip-v${version}` : 'aar-ip-draft', 'docx', await renderDocx(reportDocument(source, await reportCharts(source.review, language), language)));
    });

    serve(app, API_ROUTES.improvementPlanXlsx, async (input, request, reply) => {
      const { params, host } = await guard(request, 'improvement.read');
      const language = languageOf(host, input.query().lang);
      const { review } = withoutBidiControls(await reviews.reviewed(params.id));
      const plan = withoutBidiControls(await store.review.listItems(params.id));
      const workbook = await improvementPlanXlsx(plan, review, withoutBidiControls(host.record.scenario), Date.now(), exerciseSettings(host.record).timeZone, language);
      return download(reply, host.record.title, 'improvement-plan', 'xlsx', workbook);
    });

    serve(app, API_ROUTES.improvementPlanCsv, async (input, request, reply) => {
      const { params, host } = await guard(request, 'improvement.read');
      const language = languageOf(host, input.query().lang);
      const plan = withoutBidiControls(await store.review.listItems(params.id));
      return download(reply, host.record.title, 'improvement-plan', 'csv', await improvementPlanCsv(plan, Date.now(), exerciseSettings(host.record).timeZone, language));
    });

    serve(app, API_ROUTES.metricsCsv, async (input, request, reply) => {
      const { params, host } = await guard(request, 'report.read');
      const language = languageOf(host, input.query().lang);
      const { review } = withoutBidiControls(await reviews.reviewed(params.id));
      return download(reply, host.record.title, 'metrics', 'csv', await metricsCsv(review, withoutBidiControls(host.record.scenario), language));
    });

    serve(app, API_ROUTES.archiveJson, async (_input, request, reply) => {
      const { params, host } = await guard(request, 'exercise.archive');
      return download(reply, host.record.title, 'archive', 'json', JSON.stringify(await exportArchive(store, params.id, Date.now())));
    });

    serve(
      app,
      API_ROUTES.importArchive,
      async (_input, request) => {
        const user = requireGlobal(request, 'exercises.import');
        // Not input.body(): the archive is checked by importArchive, which lists every problem under ARCHIVE_INVALID.
        const record = await importArchive(store, request.body, Date.now());
        await identity.setMembership(user.username, { exerciseId: record.id, userId: user.id, role: 'director' });
        await store.appendAudit({ at: Date.now(), actor: user.username, action: 'exercise.imported', target: record.id, details: { title: record.title } });
        const host = await runtime.get(record.id);
        return { id: record.id, title: record.title, status: host.status };
      },
      { bodyLimit: ARCHIVE_BODY_LIMIT },
    );

    serve(app, API_ROUTES.correctiveActions, async (input, request) => {
      const { user } = requireUser(request);
      const query = input.query();
      const filter = { agency: query.agency, status: query.status, overdue: query.overdue === undefined ? undefined : query.overdue === 'true' };
      if (allowsGlobal(user.roles, 'corrective-actions.read')) return reports.correctiveActions(filter);
      const held = (await store.membershipsOf(user.id)).filter((m) => allows(m.role, 'corrective-actions.view')).map((m) => m.exerciseId);
      if (held.length === 0) throw new StartexError('FORBIDDEN');
      return reports.correctiveActions(filter, new Set(held));
    });
  };
}
