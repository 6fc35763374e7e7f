import { z } from 'zod';
import { ScenarioDiff } from '../scenario/diff.ts';
import {
  CopyScenarioBody,
  CreateScenarioBody,
  DiffQuery,
  DiscardDraftQuery,
  DocumentQuery,
  DraftView,
  HistoryEntry,
  HistoryQuery,
  MergeDraftBody,
  MergeView,
  MselImportBody,
  MselInspectBody,
  MselInspection,
  MselPreview,
  MselPreviewBody,
  PresenceBody,
  PresenceView,
  PublishBody,
  PublishedVersion,
  RefQuery,
  RevertBody,
  SaveDraftBody,
  StudioListQuery,
  StudioScenarioSummary,
  VersionView,
} from '../studio.ts';
import { FileContent, Ok, route, type RouteSpec } from './spec.ts';

/** `:id` of an /api/studio/scenarios/:id/... route: a scenario id. */
const ScenarioParams = z.object({ id: z.string().min(1).max(64) });
const tag = 'studio';
const access = 'global-role';

/**
 * The scenario studio (shared/src/studio.ts says what each answer means): the list, drafts that
 * autosave, merges, versions and history, who has a scenario open, and the MSEL's exchange with
 * spreadsheets. Reading needs policy `scenarios.read`, writing `scenarios.write`, publishing `scenarios.publish`.
 */
export const STUDIO_ROUTES = {
  studioScenarios: route({ method: 'GET', path: '/api/studio/scenarios', tag, access, summary: 'The scenarios an author can open: the library\'s (read-only) and the centre\'s, with their drafts; by words, function, type, language or origin.', query: StudioListQuery, response: z.array(StudioScenarioSummary) }),
  studioCreate: route({ method: 'POST', path: '/api/studio/scenarios', tag, access, summary: 'A new scenario: a draft of a skeleton document.', body: CreateScenarioBody, status: 201, response: DraftView }),
  studioCopy: route({ method: 'POST', path: '/api/studio/scenarios/:id/copy', tag, access, summary: 'A copy of any scenario (the library\'s too), at a ref, as a new one.', params: ScenarioParams, body: CopyScenarioBody, status: 201, response: DraftView }),
  studioDraft: route({ method: 'GET', path: '/api/studio/scenarios/:id/draft', tag, access, summary: 'The scenario\'s draft; revision 0 (not stored yet) is the newest version, for a scenario nobody edits. SCENARIO_READ_ONLY for a library scenario.', params: ScenarioParams, response: DraftView }),
  studioSave: route({ method: 'PUT', path: '/api/studio/scenarios/:id/draft', tag, access, summary: 'Autosave: the next revision of the draft; SCENARIO_DRAFT_CONFLICT (409) when `revision` is not the newest (problems[0].theirs says whose save is newer).', params: ScenarioParams, body: SaveDraftBody, response: DraftView }),
  studioDiscard: route({ method: 'DELETE', path: '/api/studio/scenarios/:id/draft', tag, access, summary: 'Drops the draft\'s unpublished changes (SCENARIO_DRAFT_CONFLICT when `revision` is not the newest).', params: ScenarioParams, query: DiscardDraftQuery, response: Ok }),
  studioDocument: route({ method: 'GET', path: '/api/studio/scenarios/:id/document', tag, access, summary: 'The scenario\'s document at a ref (the draft, a revision or a version) as a download: YAML, or JSON with format=json.', params: ScenarioParams, query: DocumentQuery, produces: 'application/yaml; charset=utf-8', response: FileContent }),
  studioMerge: route({ method: 'POST', path: '/api/studio/scenarios/:id/merge', tag, access, summary: 'A three-way merge of your document with theirs (a ref) from the base both started from; saves nothing.', params: ScenarioParams, body: MergeDraftBody, response: MergeView }),
  studioPublish: route({ method: 'POST', path: '/api/studio/scenarios/:id/publish', tag, access, summary: 'The draft as the next version when it lints (else SCENARIO_INVALID with the problems); audited.', params: ScenarioParams, body: PublishBody, status: 201, response: PublishedVersion }),
  studioRevert: route({ method: 'POST', path: '/api/studio/scenarios/:id/revert', tag, access, summary: 'A version\'s document as the next revision of the draft.', params: ScenarioParams, body: RevertBody, response: DraftView }),
  studioVersions: route({ method: 'GET', path: '/api/studio/scenarios/:id/versions', tag, access, summary: 'The scenario\'s published versions, newest first.', params: ScenarioParams, response: z.array(VersionView) }),
  studioHistory: route({ method: 'GET', path: '/api/studio/scenarios/:id/history', tag, access, summary: 'Who changed the scenario, how and when; newest first.', params: ScenarioParams, query: HistoryQuery, response: z.array(HistoryEntry) }),
  studioDiff: route({ method: 'GET', path: '/api/studio/scenarios/:id/diff', tag, access, summary: 'What changed between two refs: the settings field by field, and each part\'s things added, removed, changed and moved.', params: ScenarioParams, query: DiffQuery, response: ScenarioDiff }),
  studioPresence: route({ method: 'POST', path: '/api/studio/scenarios/:id/presence', tag, access, summary: 'A heartbeat of an open studio page (every PRESENCE_HEARTBEAT_MS): who has the scenario open.', params: ScenarioParams, body: PresenceBody, response: z.array(PresenceView) }),
  studioLeave: route({ method: 'DELETE', path: '/api/studio/scenarios/:id/presence', tag, access, summary: 'The studio page was closed: who still has the scenario open.', params: ScenarioParams, response: z.array(PresenceView) }),
  studioMselXlsx: route({ method: 'GET', path: '/api/studio/scenarios/:id/msel.xlsx', tag, access, summary: 'The MSEL at a ref as a workbook: its rows, lookups and data validation.', params: ScenarioParams, query: RefQuery, produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', response: FileContent }),
  studioMselCsv: route({ method: 'GET', path: '/api/studio/scenarios/:id/msel.csv', tag, access, summary: 'The MSEL at a ref as CSV.', params: ScenarioParams, query: RefQuery, produces: 'text/csv; charset=utf-8', response: FileContent }),
  mselInspect: route({ method: 'POST', path: '/api/studio/msel/inspect', tag, access, summary: 'MSEL import, step 1: the file\'s sheets, header rows and columns, and a mapping to start from.', body: MselInspectBody, response: MselInspection }),
  mselPreview: route({ method: 'POST', path: '/api/studio/msel/preview', tag, access, summary: 'MSEL import, step 2: every row as it would land in the timeline, with its problems; saves nothing.', body: MselPreviewBody, response: MselPreview }),
  mselImport: route({ method: 'POST', path: '/api/studio/msel/import', tag, access, summary: 'MSEL import, step 3: a new scenario\'s draft; MSEL_IMPORT_INVALID (422) with the problems, and nothing saved, when rows have errors.', body: MselImportBody, status: 201, response: DraftView }),
} satisfies Record<string, RouteSpec>;
