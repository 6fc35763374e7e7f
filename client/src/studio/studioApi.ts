import type {
  CopyScenarioBody,
  CreateScenarioBody,
  DraftDocument,
  DraftView,
  HistoryEntry,
  MselImportBody,
  MselFile,
  MselInspection,
  MselMapping,
  MselPreview,
  PresenceView,
  StudioListQuery,
  StudioScenarioSummary,
  VersionView,
  PlannedExerciseSummary,
} from '@startex/shared';
import type { MergeConflict, ScenarioDiff } from '@startex/scenarios/browser';
import { api } from '../lib/api.ts';

/** The studio's REST routes (shared/src/studio.ts), typed. */
const base = (id: string) => `/api/studio/scenarios/${encodeURIComponent(id)}`;

/** What POST .../merge answers: the merged document and where both changed the same thing. */
export interface MergeView {
  document: DraftDocument;
  conflicts: MergeConflict[];
}

export const studioApi = {
  list(query: StudioListQuery = {}) {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    return api<StudioScenarioSummary[]>(`/api/studio/scenarios${params.size ? `?${params}` : ''}`);
  },
  create: (body: CreateScenarioBody) => api<DraftView>('/api/studio/scenarios', { method: 'POST', body }),
  copy: (id: string, body: CopyScenarioBody) => api<DraftView>(`${base(id)}/copy`, { method: 'POST', body }),
  draft: (id: string) => api<DraftView>(`${base(id)}/draft`),
  /** `merged`: this save settles a refused one (the history says so); `baseVersion`: the version merged in. */
  save: (id: string, revision: number, document: DraftDocument, merge?: { merged: true; baseVersion?: number }) =>
    api<DraftView>(`${base(id)}/draft`, { method: 'PUT', body: { revision, document, ...merge } }),
  discard: (id: string, revision: number) => api<{ ok: true }>(`${base(id)}/draft?revision=${revision}`, { method: 'DELETE' }),
  document: (id: string, ref: string) => api<DraftDocument>(`${base(id)}/document?ref=${encodeURIComponent(ref)}&format=json`),
  merge: (id: string, baseRef: string, theirs: string, document: DraftDocument) => api<MergeView>(`${base(id)}/merge`, { method: 'POST', body: { base: baseRef, theirs, document } }),
  publish: (id: string, revision: number, note?: string) => api<VersionView>(`${base(id)}/publish`, { method: 'POST', body: { revision, ...(note ? { note } : {}) } }),
  revert: (id: string, revision: number, version: number) => api<DraftView>(`${base(id)}/revert`, { method: 'POST', body: { revision, version } }),
  versions: (id: string) => api<VersionView[]>(`${base(id)}/versions`),
  history: (id: string, limit = 50) => api<HistoryEntry[]>(`${base(id)}/history?limit=${limit}`),
  diff: (id: string, from: string, to: string) => api<ScenarioDiff>(`${base(id)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  presence: (id: string, revision: number) => api<PresenceView[]>(`${base(id)}/presence`, { method: 'POST', body: { revision } }),
  leave: (id: string) => api<PresenceView[]>(`${base(id)}/presence`, { method: 'DELETE' }),
  downloadUrl: (id: string, ref: string, format: 'yaml' | 'json') => `${base(id)}/document?ref=${encodeURIComponent(ref)}&format=${format}`,
  mselUrl: (id: string, ref: string, format: 'xlsx' | 'csv') => `${base(id)}/msel.${format}?ref=${encodeURIComponent(ref)}`,
  inspect: (body: { file: MselFile }) => api<MselInspection>('/api/studio/msel/inspect', { method: 'POST', body }),
  preview: (body: { file: MselFile; mapping: MselMapping }) => api<MselPreview>('/api/studio/msel/preview', { method: 'POST', body }),
  importMsel: (body: MselImportBody) => api<DraftView>('/api/studio/msel/import', { method: 'POST', body }),
  /** An exercise pinned to a published version (the planning API, as New exercise uses it). */
  createExercise: (scenarioId: string, version: number) =>
    api<PlannedExerciseSummary>('/api/exercises', { method: 'POST', body: { source: { kind: 'uploaded', scenarioId, version } } }),
};
