import { z } from 'zod';

/**
 * What changed between two versions of a scenario document, as a person reads it
 * (scenarios/src/diff/diffScenarios.ts computes it), and what a three-way merge could not settle
 * (scenarios/src/merge/mergeScenarios.ts): the studio's answers, so the server and the client read one shape.
 */

/** The parts of a document, in the order the studio shows them. */
export const DOCUMENT_PARTS = [
  'teams',
  'teamGroups',
  'simulatedOrganisations',
  'objectives',
  'metrics',
  'flags',
  'tracks',
  'timeline',
  'decisions',
  'endex',
  'injects',
  'actions',
  'reactions',
  'states',
  'defaultResponses',
] as const;
export const DocumentPart = z.enum(DOCUMENT_PARTS);
export type DocumentPart = z.infer<typeof DocumentPart>;

/** One field that differs; `path` goes into the thing (`['to']`, `['fields', 'nuclide', 'options']`). Absent before: added; absent after: removed. */
export const FieldChange = z.object({
  path: z.array(z.string()),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

const changedThing = { id: z.string(), title: z.string(), index: z.number().int() };

export const ItemChange = z.discriminatedUnion('change', [
  z.object({ change: z.literal('added'), ...changedThing, item: z.unknown() }),
  z.object({ change: z.literal('removed'), ...changedThing, item: z.unknown() }),
  /** Changed fields, moved in the list's order, or both; indexes are places in the list before and after. */
  z.object({ change: z.literal('changed'), ...changedThing, fields: z.array(FieldChange), moved: z.object({ from: z.number().int(), to: z.number().int() }).optional() }),
]);
export type ItemChange = z.infer<typeof ItemChange>;

export const PartDiff = z.object({ part: DocumentPart, changes: z.array(ItemChange) });
export type PartDiff = z.infer<typeof PartDiff>;

export const ScenarioDiff = z.object({
  /** Title, summary, type, functions, duration, language, scenario start, id. */
  settings: z.array(FieldChange),
  /** Only the parts with a change, in DOCUMENT_PARTS order. */
  parts: z.array(PartDiff),
  counts: z.object({ settings: z.number().int(), added: z.number().int(), removed: z.number().int(), changed: z.number().int(), moved: z.number().int() }),
  identical: z.boolean(),
});
export type ScenarioDiff = z.infer<typeof ScenarioDiff>;

export const MergeConflict = z.object({
  /** From the document's root; inside a list of things, a segment is the thing's id (`['timeline', 'van_report', 'subject']`). */
  path: z.array(z.string()),
  /** The part of the document (`timeline`, `teams`, `title`, ...) and what a person calls the thing in it. */
  part: z.string(),
  title: z.string(),
  kind: z.enum(['both-changed', 'removed-by-them', 'removed-by-you']),
  /** The value at `path` in each document; absent where the document has none. */
  base: z.unknown().optional(),
  theirs: z.unknown().optional(),
  yours: z.unknown().optional(),
});
export type MergeConflict = z.infer<typeof MergeConflict>;
