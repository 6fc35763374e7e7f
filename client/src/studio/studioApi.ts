import { API_ROUTES, type CopyScenarioBody, type CreateScenarioBody, type DraftDocument, type MselFile, type MselImportBody, type MselMapping, type StudioListQuery } from '@startex/shared';
import { call, routeHref } from '../lib/api.ts';

/** The studio's REST routes (STUDIO_ROUTES in shared/src/routes/studio.ts), typed by the route table. */
const scenario = (id: string) => ({ params: { id } });

export const studioApi = {
  /** Empty filters are left out. */
  list: (query: StudioListQuery = {}) =>
    call(API_ROUTES.studioScenarios, { query: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')) as StudioListQuery }),
  create: (body: CreateScenarioBody) => call(API_ROUTES.studioCreate, { body }),
  copy: (id: string, body: CopyScenarioBody) => call(API_ROUTES.studioCopy, { ...scenario(id), body }),
  draft: (id: string) => call(API_ROUTES.studioDraft, scenario(id)),
  /** `merged`: this save settles a refused one (the history says so); `baseVersion`: the version merged in. */
  save: (id: string, revision: number, document: DraftDocument, merge?: { merged: true; baseVersion?: number }) =>
    call(API_ROUTES.studioSave, { ...scenario(id), body: { revision, document, ...merge } }),
  discard: (id: string, revision: number) => call(API_ROUTES.studioDiscard, { ...scenario(id), query: { revision } }),
  merge: (id: string, base: string, theirs: string, document: DraftDocument) => call(API_ROUTES.studioMerge, { ...scenario(id), body: { base, theirs, document } }),
  publish: (id: string, revision: number, note?: string) => call(API_ROUTES.studioPublish, { ...scenario(id), body: { revision, ...(note ? { note } : {}) } }),
  revert: (id: string, revision: number, version: number) => call(API_ROUTES.studioRevert, { ...scenario(id), body: { revision, version } }),
  versions: (id: string) => call(API_ROUTES.studioVersions, scenario(id)),
  history: (id: string, limit = 50) => call(API_ROUTES.studioHistory, { ...scenario(id), query: { limit } }),
  diff: (id: string, from: string, to: string) => call(API_ROUTES.studioDiff, { ...scenario(id), query: { from, to } }),
  presence: (id: string, revision: number) => call(API_ROUTES.studioPresence, { ...scenario(id), body: { revision } }),
  leave: (id: string) => call(API_ROUTES.studioLeave, scenario(id)),
  downloadUrl: (id: string, ref: string, format: 'yaml' | 'json') => routeHref(API_ROUTES.studioDocument, { ...scenario(id), query: { ref, format } }),
  mselUrl: (id: string, ref: string, format: 'xlsx' | 'csv') => routeHref(format === 'xlsx' ? API_ROUTES.studioMselXlsx : API_ROUTES.studioMselCsv, { ...scenario(id), query: { ref } }),
  inspect: (body: { file: MselFile }) => call(API_ROUTES.mselInspect, { body }),
  preview: (body: { file: MselFile; mapping: MselMapping }) => call(API_ROUTES.mselPreview, { body }),
  importMsel: (body: MselImportBody) => call(API_ROUTES.mselImport, { body }),
  /** An exercise pinned to a published version (the planning API, as New exercise uses it). */
  createExercise: (scenarioId: string, version: number) => call(API_ROUTES.createExercise, { body: { source: { kind: 'uploaded', scenarioId, version } } }),
};
