import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_ROUTES, StartexError, type ScenarioDocument, type ScenarioSummary } from '@startex/shared';
import { hasErrors, LIBRARY } from '@startex/scenarios';
import { scenarioInvalid, UPLOAD_EXPLORE_MS, type ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import { requireGlobal } from '../auth/httpAuth.ts';
import type { Store } from '../store/ExerciseStore.ts';
import { scenarioSchemaRoute } from './scenarioSchemaRoute.ts';
import { serve } from './typedRoute.ts';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];
/** The analyzer refuses documents over 1 MiB with its own message; this only stops abuse. */
const UPLOAD_LIMIT = 2 * 1024 * 1024;

const summary = (document: ScenarioDocument, version: number, source: ScenarioSummary['source']): ScenarioSummary => ({
  id: document.id,
  version,
  title: document.title,
  source,
  exerciseType: document.exerciseType,
  functions: document.functions,
});

/** The scenario library's routes (SCENARIO_ROUTES in shared/src/routes/scenarios.ts): list, documents, uploads, lint, the JSON Schema. */
export function scenariosRoutes(store: Store, analysis: ScenarioAnalysis) {
  return async (app: FastifyInstance) => {
    // Scoped to these routes (fastify encapsulation): scenario bodies stay text until the analyzer reads them.
    app.addContentTypeParser([...YAML_TYPES, 'application/json'], { parseAs: 'string', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    const isYaml = (contentType: string | undefined) => YAML_TYPES.some((t) => contentType?.startsWith(t));
    scenarioSchemaRoute(app);
    // Bodies arrive as text, JSON or YAML, so the analyzer reports syntax errors in its own words.
    const analyseBody = (text: string, request: FastifyRequest) =>
      analysis.analyse({ kind: 'text', text, format: isYaml(request.headers['content-type']) ? 'yaml' : 'json', exploreMs: UPLOAD_EXPLORE_MS });

    serve(app, API_ROUTES.scenarios, async (_input, request) => {
      requireGlobal(request, 'scenarios.read');
      return [
        ...Object.values(LIBRARY).map((d) => summary(d, d.version, 'library')),
        ...(await store.listScenarios()).map((s) => summary(s.document, s.version, 'uploaded')),
      ];
    });

    serve(app, API_ROUTES.scenario, async (input, request) => {
      requireGlobal(request, 'scenarios.read');
      const { id } = input.params();
      const document = LIBRARY[id] ?? (await store.getScenario(id))?.document;
      if (!document) throw new StartexError('SCENARIO_NOT_FOUND');
      return document;
    });

    /** Lints without storing: for editors and for checking a file before upload. */
    serve(
      app,
      API_ROUTES.lintScenario,
      async (input, request) => {
        requireGlobal(request, 'scenarios.write');
        const { problems } = await analyseBody(input.body(), request);
        return { ok: !hasErrors(problems), problems };
      },
      { bodyLimit: UPLOAD_LIMIT },
    );

    /** Stores a new version when the analyzer finds no error; otherwise stores nothing. */
    serve(
      app,
      API_ROUTES.uploadScenario,
      async (input, request) => {
        const user = requireGlobal(request, 'scenarios.write');
        const { document, problems } = await analyseBody(input.body(), request);
        if (!document || hasErrors(problems)) throw scenarioInvalid(problems);
        if (LIBRARY[document.id]) throw new StartexError('SCENARIO_ID_RESERVED', `"${document.id}" is a built-in library scenario; choose another id.`, 'id');
        const stored = await store.saveScenario(document);
        await store.appendAudit({ at: Date.now(), actor: user.username, action: 'scenario.uploaded', target: stored.document.id, details: { version: stored.version } });
        return { ...summary(stored.document, stored.version, 'uploaded'), warnings: problems };
      },
      { bodyLimit: UPLOAD_LIMIT },
    );
  };
}
