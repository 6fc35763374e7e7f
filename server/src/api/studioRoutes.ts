import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'yaml';
import { API_ROUTES, type ScenarioRef } from '@startex/shared';
import { parseScenarioValue } from '@startex/scenarios';
import { scenarioInvalid, type ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import { requireGlobal } from '../auth/httpAuth.ts';
import type { GlobalVerb } from '@startex/scenarios/engine';
import type { Store } from '../store/ExerciseStore.ts';
import { mselCsv, mselXlsx } from '../studio/mselExport/exportMsel.ts';
import { MselWizard } from '../studio/MselWizard.ts';
import { ScenarioStudio } from '../studio/ScenarioStudio.ts';
import { StudioPresence } from '../studio/StudioPresence.ts';
import { download } from './reportRoutes.ts';
import { serve } from './typedRoute.ts';

/** A draft is as large as an upload may be. */
const DRAFT_LIMIT = 2 * 1024 * 1024;
/** An MSEL file of 2 MB, as base64 in JSON. */
const MSEL_LIMIT = 3 * 1024 * 1024;

/** The scenario studio's routes (STUDIO_ROUTES in shared/src/routes/studio.ts): drafts, versions, presence, MSEL exchange. */
export function studioRoutes(store: Store, analysis: ScenarioAnalysis, presence = new StudioPresence()) {
  const studio = new ScenarioStudio(store, analysis);
  const wizard = new MselWizard(store, analysis, studio);

  /** The caller, allowed `verb`, as an author. Asked before the request is read, so a stranger is refused first. */
  const caller = (request: FastifyRequest, verb: GlobalVerb) => {
    const user = requireGlobal(request, verb);
    return { author: { username: user.username, displayName: user.displayName }, userId: user.id };
  };

  /** The MSEL at a ref, as a workbook or CSV. */
  const mselFile = async (reply: FastifyReply, id: string, ref: ScenarioRef, format: 'xlsx' | 'csv') => {
    // A draft is exported once it reads as a scenario; what it still lacks is listed otherwise.
    const parsed = parseScenarioValue(await studio.document(id, ref));
    if (!parsed.ok) throw scenarioInvalid(parsed.problems);
    return download(reply, id, `msel-${ref}`, format, format === 'xlsx' ? await mselXlsx(parsed.document) : await mselCsv(parsed.document));
  };

  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.studioScenarios, async (input, request) => {
      caller(request, 'scenarios.read');
      return studio.list(input.query());
    });

    serve(app, API_ROUTES.studioCreate, async (input, request) => {
      const { author } = caller(request, 'scenarios.write');
      return studio.create(author, input.body());
    });

    serve(app, API_ROUTES.studioCopy, async (input, request) => {
      const { author } = caller(request, 'scenarios.write');
      const { id } = input.params();
      return studio.copy(author, id, input.body());
    });

    serve(app, API_ROUTES.studioDraft, async (input, request) => {
      caller(request, 'scenarios.read');
      return studio.draft(input.params().id);
    });

    serve(
      app,
      API_ROUTES.studioSave,
      async (input, request) => {
        const { author } = caller(request, 'scenarios.write');
        const { id } = input.params();
        return studio.save(author, id, input.body());
      },
      { bodyLimit: DRAFT_LIMIT },
    );

    serve(app, API_ROUTES.studioDiscard, async (input, request) => {
      const { author } = caller(request, 'scenarios.write');
      const { id } = input.params();
      await studio.discard(author, id, input.query().revision);
      return { ok: true as const };
    });

    serve(app, API_ROUTES.studioDocument, async (input, request, reply) => {
      caller(request, 'scenarios.read');
      const { id } = input.params();
      const { ref, format } = input.query();
      const document = await studio.document(id, ref);
      return format === 'json' ? download(reply, id, ref, 'json', JSON.stringify(document, null, 2)) : download(reply, id, ref, 'yaml', stringify(document));
    });

    serve(
      app,
      API_ROUTES.studioMerge,
      async (input, request) => {
        caller(request, 'scenarios.write');
        const { id } = input.params();
        return studio.merge(id, input.body());
      },
      { bodyLimit: DRAFT_LIMIT },
    );

    serve(app, API_ROUTES.studioPublish, async (input, request) => {
      const { author } = caller(request, 'scenarios.publish');
      const { id } = input.params();
      return studio.publish(author, id, input.body());
    });

    serve(app, API_ROUTES.studioRevert, async (input, request) => {
      const { author } = caller(request, 'scenarios.write');
      const { id } = input.params();
      return studio.revert(author, id, input.body());
    });

    serve(app, API_ROUTES.studioVersions, async (input, request) => {
      caller(request, 'scenarios.read');
      return studio.versions(input.params().id);
    });

    serve(app, API_ROUTES.studioHistory, async (input, request) => {
      caller(request, 'scenarios.read');
      const { id } = input.params();
      return studio.history(id, input.query().limit);
    });

    serve(app, API_ROUTES.studioDiff, async (input, request) => {
      caller(request, 'scenarios.read');
      const { id } = input.params();
      const { from, to } = input.query();
      return studio.diff(id, from, to);
    });

    serve(app, API_ROUTES.studioPresence, async (input, request) => {
      const { author } = caller(request, 'scenarios.read');
      const { id } = input.params();
      return presence.beat(id, author, input.body().revision);
    });

    serve(app, API_ROUTES.studioLeave, async (input, request) => {
      const { author } = caller(request, 'scenarios.read');
      return presence.leave(input.params().id, author);
    });

    serve(app, API_ROUTES.studioMselXlsx, async (input, request, reply) => {
      caller(request, 'scenarios.read');
      const { id } = input.params();
      return mselFile(reply, id, input.query().ref, 'xlsx');
    });

    serve(app, API_ROUTES.studioMselCsv, async (input, request, reply) => {
      caller(request, 'scenarios.read');
      const { id } = input.params();
      return mselFile(reply, id, input.query().ref, 'csv');
    });

    serve(
      app,
      API_ROUTES.mselInspect,
      async (input, request) => {
        const importer = caller(request, 'scenarios.write');
        return wizard.inspect(importer, input.body().file);
      },
      { bodyLimit: MSEL_LIMIT },
    );

    serve(
      app,
      API_ROUTES.mselPreview,
      async (input, request) => {
        caller(request, 'scenarios.write');
        const { file, mapping } = input.body();
        return wizard.preview(file, mapping);
      },
      { bodyLimit: MSEL_LIMIT },
    );

    serve(
      app,
      API_ROUTES.mselImport,
      async (input, request) => {
        const importer = caller(request, 'scenarios.write');
        return wizard.import(importer, input.body());
      },
      { bodyLimit: MSEL_LIMIT },
    );
  };
}
