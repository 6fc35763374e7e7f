import { z } from 'zod';
import { ScenarioDocumentObject } from '../scenario/document.ts';
import { ScenarioLint, ScenarioSummary, ScenarioText, ScenarioUploaded } from '../scenario/library.ts';
import { FileContent, route, type RouteSpec } from './spec.ts';

/** YAML's media types, then JSON: an upload is read in the language its content type names. */
const SCENARIO_MEDIA = ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/json'] as const;

/** The scenarios exercises are made from: the built-in library, uploads, and the document format's JSON Schema. */
export const SCENARIO_ROUTES = {
  scenarios: route({ method: 'GET', path: '/api/scenarios', tag: 'scenarios', access: 'global-role', summary: 'The scenarios an exercise can be made from: the library\'s and every uploaded or published version.', response: z.array(ScenarioSummary) }),
  scenario: route({ method: 'GET', path: '/api/scenarios/:id', tag: 'scenarios', access: 'global-role', summary: 'A scenario\'s document (a library scenario, or the newest stored version).', params: z.object({ id: z.string().min(1).max(64) }), response: ScenarioDocumentObject }),
  scenarioSchema: route({ method: 'GET', path: '/api/scenarios/schema.json', tag: 'scenarios', access: 'public', summary: 'The scenario document\'s JSON Schema, for YAML and JSON editors.', produces: 'application/schema+json; charset=utf-8', response: FileContent }),
  uploadScenario: route({ method: 'POST', path: '/api/scenarios', tag: 'scenarios', access: 'global-role', summary: 'Stores a scenario document (YAML or JSON) as its next version when the analyzer finds no error (else SCENARIO_INVALID with the problems); audited.', body: ScenarioText, consumes: SCENARIO_MEDIA, status: 201, response: ScenarioUploaded }),
  lintScenario: route({ method: 'POST', path: '/api/scenarios/lint', tag: 'scenarios', access: 'global-role', summary: 'Lints a scenario document (YAML or JSON) without storing it: for editors, and for checking a file before upload.', body: ScenarioText, consumes: SCENARIO_MEDIA, response: ScenarioLint }),
} satisfies Record<string, RouteSpec>;
