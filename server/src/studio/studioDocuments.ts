import { SCENARIO_SCHEMA_VERSION, StartexError, type CreateScenarioBody, type DraftDocument, type ScenarioDocument } from '@startex/shared';
import { parseScenarioValue } from '@startex/scenarios';

/**
 * Scenario documents as the studio handles them: a draft may be half written (it is checked as a
 * whole when it is published), but it is one JSON object of the scenario it belongs to, no deeper
 * than the analyzer reads, and its list words (title, type, functions, language) are read from it.
 */

/** A draft the studio keeps: refused only for what could never become this scenario's document. */
export function checkDraftDocument(document: DraftDocument, scenarioId: string): void {
  const parsed = parseScenarioValue(document);
  const deep = parsed.ok ? undefined : parsed.problems.find((p) => p.rule === 'too-deep');
  if (deep) throw new StartexError('VALIDATION_FAILED', deep.message, 'body.document');
  if (document.id !== scenarioId) {
    throw new StartexError('VALIDATION_FAILED', `The document's id must stay "${scenarioId}"; make a copy to give a scenario another id.`, 'body.document.id');
  }
}

export interface ListWords {
  title: string;
  exerciseType: string | null;
  functions: string[];
  language: string | null;
}

/** What the scenario list shows of a draft, as far as it is written. */
export function listWords(document: DraftDocument, scenarioId: string): ListWords {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  return {
    title: (text(document.title) ?? scenarioId).slice(0, 200),
    exerciseType: text(document.exerciseType),
    functions: Array.isArray(document.functions) ? document.functions.filter((f): f is string => typeof f === 'string').slice(0, 3) : [],
    language: text(document.language),
  };
}

/** A new scenario: one team, no rows yet, an hour of play; the studio fills in the rest. */
export function skeletonDocument(body: CreateScenarioBody): DraftDocument {
  const lt = body.language === 'lt';
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: body.id,
    version: 1,
    title: body.title,
    summary: '',
    exerciseType: body.exerciseType,
    functions: body.functions,
    expectedDurationMinutes: 60,
    language: body.language,
    scenarioStart: 'Day 1 09:00',
    teams: [{ id: 'team-1', name: lt ? 'Komanda 1' : 'Team 1', agency: 'other' }],
    teamGroups: [],
    simulatedOrganisations: [],
    objectives: [],
    metrics: [],
    flags: [],
    timeline: [],
    tracks: [],
    endex: [{ at: 'T+60' }],
    injects: [],
    actions: [],
    reactions: [],
    machine: {},
    defaultResponses: [],
  };
}

/** Another scenario's document under a new id and title. */
export function copyDocument(source: DraftDocument | ScenarioDocument, id: string, title: string | undefined): DraftDocument {
  const language = (source as { language?: unknown }).language;
  const sourceTitle = typeof source.title === 'string' ? source.title : id;
  const copied = title ?? `${sourceTitle} (${language === 'lt' ? 'kopija' : 'copy'})`;
  return { ...structuredClone(source), id, version: 1, title: copied.slice(0, 200) };
}
