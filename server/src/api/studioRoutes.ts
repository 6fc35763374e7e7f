import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'yaml';
import { z } from 'zod';
import {
  CopyScenarioBody,
  CreateScenarioBody,
  DiffQuery,
  DiscardDraftQuery,
  DocumentQuery,
  HistoryQuery,
  MergeDraftBody,
  MselImportBody,
  MselInspectBody,
  MselPreviewBody,
  PresenceBody,
  PublishBody,
  RefQuery,
  RevertBody,
  SaveDraftBody,
  StudioListQuery,
  type DraftView,
} from '@startex/shared';
import { parseScenarioValue } from '@startex/scenarios';
import { scenarioInvalid, type ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import { requireGlobal } from '../auth/httpAuth.ts';
import type { GlobalVerb } from '@startex/scenarios/engine';
import type { Store } from '../store/ExerciseStore.ts';
import { mselCsv, mselXlsx } from '../studio/mselExport/exportMsel.ts';
import { MselWizard } from '../studio/MselWizard.ts';
import { ScenarioStudio } from '../studio/ScenarioStudio.ts';
import { StudioPresence } from '../studio/StudioPresence.ts';
import { parse } from './parse.ts';
import { download } from './reportRoutes.ts';

const ScenarioParams = z.object({ id: z.string().min(1).max(64) });
/** A draft is as large as an upload may be. */
const DRAFT_LIMIT = 2 * 1024 * 1024;
/** An MSEL file of 2 MB, as base64 in JSON. */
const MSEL_LIMIT = 3 * 1024 * 1024;

/** The scenario studio's routes (shared/src/studio.ts lists them): drafts, versions, presence, MSEL exchange. */
export function studioRoutes(store: Store, analysis: ScenarioAnalysis, presence = new StudioPresence()) {
  const studio = new ScenarioStudio(store, analysis);
  const wizard = new MselWizard(store, analysis, studio);

  /** The caller, allowed `verb`, as an author; and the scenario the path names. */
  const caller = (request: FastifyRequest, verb: GlobalVerb) => {
    const user = requireGlobal(request, verb);
    return { author: { username: user.username, displayName: user.displayName }, userId: user.id };
  };
  const scenarioOf = (request: FastifyRequest) => parse(ScenarioParams, request.params, 'params').id;

  return async (app: FastifyInstance) => {
    app.get('/api/studio/scenarios', async (request) => {
      caller(request, 'scenarios.read');
      return studio.list(parse(StudioListQuery, request.query, 'query'));
    });

    app.post('/api/studio/scenarios', async (request, reply): Promise<DraftView> => {
      const { author } = caller(request, 'scenarios.write');
      return reply.status(201).send(await studio.create(author, parse(CreateScenarioBody, request.body, 'body')));
    });

    app.post('/api/studio/scenarios/:id/copy', async (request, reply): Promise<DraftView> => {
      const { author } = caller(request, 'scenarios.write');
      const id = scenarioOf(request);
      return reply.status(201).send(await studio.copy(author, id, parse(CopyScenarioBody, request.body, 'body')));
    });

    app.get('/api/studio/scenarios/:id/draft', async (request) => {
      caller(request, 'scenarios.read');
      return studio.draft(scenarioOf(request));
    });

    app.put('/api/studio/scenarios/:id/draft', { bodyLimit: DRAFT_LIMIT }, async (request) => {
      const { author } = caller(request, 'scenarios.write');
      const id = scenarioOf(request);
      return studio.save(author, id, parse(SaveDraftBody, request.body, 'body'));
    });

    app.delete('/api/studio/scenarios/:id/draft', async (request) => {
      const { author } = caller(request, 'scenarios.write');
      const id = scenarioOf(request);
      await studio.discard(author, id, parse(DiscardDraftQuery, request.query, 'query').revision);
      return { ok: true };
    });

    app.get('/api/studio/scenarios/:id/document', async (request, reply) => {
      caller(request, 'scenarios.read');
      const id = scenarioOf(request);
      const { ref, format } = parse(DocumentQuery, request.query, 'query');
      const document = await studio.document(id, ref);
      return format === 'json' ? download(reply, id, ref, 'json', JSON.stringify(document, null, 2)) : download(reply, id, ref, 'yaml', stringify(document));
    });

    app.post('/api/studio/scenarios/:id/merge', { bodyLimit: DRAFT_LIMIT }, async (request) => {
      caller(request, 'scenarios.write');
      const id = scenarioOf(request);
      return studio.merge(id, parse(MergeDraftBody, request.body, 'body'));
    });

    app.post('/api/studio/scenarios/:id/publish', async (request, reply) => {
      const { author } = caller(request, 'scenarios.publish');
      const id = scenarioOf(request);
      return reply.status(201).send(await studio.publish(author, id, parse(PublishBody, request.body, 'body')));
    });

    app.post('/api/studio/scenarios/:id/revert', async (request) => {
      const { author } = caller(request, 'scenarios.write');
      const id = scenarioOf(request);
      return studio.revert(author, id, parse(RevertBody, request.body, 'body'));
    });

    app.get('/api/studio/scenarios/:id/versions', async (request) => {
      caller(request, 'scenarios.read');
      return studio.versions(scenarioOf(request));
    });

    app.get('/api/studio/scenarios/:id/history', async (request) => {
      caller(request, 'scenarios.read');
      const id = scenarioOf(request);
      return studio.history(id, parse(HistoryQuery, request.query, 'query').limit);
    });

    app.get('/api/studio/scenarios/:id/diff', async (request) => {
      caller(request, 'scenarios.read');
      const id = scenarioOf(request);
      const { from, to } = parse(DiffQuery, request.query, 'query');
      return studio.diff(id, from, to);
    });

    app.post('/api/studio/scenarios/:id/presence', async (request) => {
      const { author } = caller(request, 'scenarios.read');
      const id = scenarioOf(request);
      return presence.beat(id, author, parse(PresenceBody, request.body, 'body').revision);
    });

    app.delete('/api/studio/scenarios/:id/presence', async (request) => {
      const { author } = caller(request, 'scenarios.read');
      return presence.leave(scenarioOf(request), author);
    });

    for (const format of ['xlsx', 'csv'] as const) {
      app.get(`/api/studio/scenarios/:id/msel.${format}`, async (request, reply) => {
        caller(request, 'scenarios.read');
        const id = scenarioOf(request);
        const { ref } = parse(RefQuery, request.query, 'query');
        // A draft is exported once it reads as a scenario; what it still lacks is listed otherwise.
        const parsed = parseScenarioValue(await studio.document(id, ref));
        if (!parsed.ok) throw scenarioInvalid(parsed.problems);
        return download(reply, id, `msel-${ref}`, format, format === 'xlsx' ? await mselXlsx(parsed.document) : await mselCsv(parsed.document));
      });
    }

    app.post('/api/studio/msel/inspect', { bodyLimit: MSEL_LIMIT }, async (request) => {
      const importer = caller(request, 'scenarios.write');
      return wizard.inspect(importer, parse(MselInspectBody, request.body, 'body').file);
    });

    app.post('/api/studio/msel/preview', { bodyLimit: MSEL_LIMIT }, async (request) => {
      caller(request, 'scenarios.write');
      const { file, mapping } = parse(MselPreviewBody, request.body, 'body');
      return wizard.preview(file, mapping);
    });

    app.post('/api/studio/msel/import', { bodyLimit: MSEL_LIMIT }, async (request, reply) => {
      const importer = caller(request, 'scenarios.write');
      return reply.status(201).send(await wizard.import(importer, parse(MselImportBody, request.body, 'body')));
    });
  };
}
