import type { MselField } from '@startex/shared';

/**
 * MSEL column headers as exercise teams write them (HSEEP templates, Cadence's import layout,
 * military date-time groups), by the field they fill. A header is compared in its plain form:
 * lower case, words only, without what brackets add ("SEND FROM (Simulated)" reads "send from").
 * A longer synonym that matches wins over a shorter one, so "INJECT DTG" is a time before "DATE"
 * is a day, and "Expected action" is not an "action".
 */
const SYNONYMS: Record<MselField, string[]> = {
  number: ['inject #', 'inject no', 'inject number', 'inj #', 'inj no', 'msel #', 'msel no', 'msel number', 'event #', 'event no', 'event number', 'serial', 'no', '#', 'number', 'source reference', 'reference', 'ref', 'ref #', 'id'],
  time: [
    'scheduled time',
    'scheduled',
    'time',
    'inject time',
    'dtg',
    'inject dtg',
    'date time group',
    'date time',
    'datetime',
    'story time',
    'scenario time',
    'exercise time',
    'planned time',
    'delivery time',
    'release time',
    't+',
    'h+',
  ],
  day: ['day', 'date', 'exercise day', 'story day', 'inject date'],
  from: ['from', 'source', 'sent from', 'send from', 'sender', 'originator', 'from source', 'simulated sender'],
  to: ['to', 'target', 'send to', 'sent to', 'recipient', 'recipients', 'addressee', 'addressees', 'to target', 'player', 'players', 'audience', 'receiver'],
  channel: ['delivery method', 'inject mode', 'method', 'mode', 'inject method', 'delivery', 'means', 'medium', 'channel', 'how delivered'],
  subject: ['subject', 'title', 'inject title', 'headline', 'event', 'event title', 'summary title'],
  body: ['description', 'script', 'description script', 'inject description', 'inject text', 'message', 'narrative', 'details', 'event summary', 'event description', 'content', 'text', 'body'],
  expectedActions: ['expected action', 'expected actions', 'expected player action', 'expected player actions', 'expected reaction', 'expected reaction to inject', 'expected outcome', 'expected response', 'anticipated response'],
  track: ['track', 'storyline', 'story line', 'thread', 'storyline thread', 'track storyline', 'phase', 'scenario phase', 'stream'],
  status: ['status', 'inject status'],
  type: ['type', 'inject type', 'event type', 'kind', 'category'],
};

/** A header as compared: lower case, camelCase split, brackets and punctuation dropped, "#" kept. */
export function plainHeader(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9#+]+/g, ' ')
    .trim();
}

const ENTRIES = Object.entries(SYNONYMS).flatMap(([field, words]) => words.map((word) => ({ field: field as MselField, word })));

/** The field a header names, and how sure: the number of characters its synonym shares (0: none). */
export function recogniseHeader(header: string): { field: MselField; score: number } | undefined {
  const plain = plainHeader(header);
  if (plain === '') return undefined;
  let best: { field: MselField; score: number } | undefined;
  for (const { field, word } of ENTRIES) {
    const score = plain === word ? word.length + 100 : startsWithWords(plain, word) ? word.length : 0;
    if (score > 0 && (!best || score > best.score)) best = { field, score };
  }
  return best;
}

/** "time 0600 1800" starts with "time"; "timeline" does not. */
const startsWithWords = (plain: string, word: string) => plain === word || plain.startsWith(`${word} `);

/**
 * The column for each field a sheet's headers name: where two headers name the same field, the
 * surer one. Returns field -> header as written.
 */
export function proposeColumns(headers: readonly string[]): Partial<Record<MselField, string>> {
  const best = new Map<MselField, { header: string; score: number }>();
  for (const header of headers) {
    const found = recogniseHeader(header);
    if (!found) continue;
    const current = best.get(found.field);
    if (!current || found.score > current.score) best.set(found.field, { header, score: found.score });
  }
  return Object.fromEntries([...best].map(([field, { header }]) => [field, header]));
}

/** How many headers of a row name a field: the header row is the row that names most. */
export const recognisedCount = (headers: readonly string[]) => headers.filter((h) => recogniseHeader(h) !== undefined).length;
