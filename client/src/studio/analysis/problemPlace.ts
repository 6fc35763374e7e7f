import { columnOfField, type MselColumn } from '../msel/columns.ts';
import { sectionOfPart, type PartSection } from '../parts/PartsView.tsx';
import { parseJsonPath, type DocPath } from '../document/studioDocument.ts';

/** Where a problem is fixed: a cell of the MSEL, a form, or the text (states written by hand, syntax). */
export type ProblemPlace =
  | { view: 'msel'; row: number; column: MselColumn['key'] }
  | { view: 'parts'; section: PartSection; part: string; index: number; field?: string | undefined }
  | { view: 'source'; path: DocPath };

const SETTINGS = new Set(['title', 'summary', 'exerciseType', 'functions', 'expectedDurationMinutes', 'language', 'scenarioStart', 'endex', 'id', 'version']);
const FORM_PARTS = new Set(['teams', 'teamGroups', 'simulatedOrganisations', 'tracks', 'actions', 'objectives', 'metrics', 'flags']);

/** The place a problem's path (`$.timeline[3].when`) points at, in the view that edits it. */
export function problemPlace(jsonPath: string): ProblemPlace {
  const path = parseJsonPath(jsonPath);
  const [part, index, field] = path;
  if (part === 'timeline' && typeof index === 'number') return { view: 'msel', row: index, column: columnOfField(field) };
  if (typeof part === 'string' && FORM_PARTS.has(part) && typeof index === 'number') {
    return { view: 'parts', section: sectionOfPart(part), part, index, field: typeof field === 'string' ? field : undefined };
  }
  if (typeof part === 'string' && SETTINGS.has(part)) return { view: 'parts', section: 'settings', part, index: 0, field: part };
  return { view: 'source', path };
}
