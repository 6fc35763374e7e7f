import type { Inject, Team } from '@startex/shared';

type InjectChannel = Inject['channel'];
type InjectKind = Inject['kind'];

/**
 * The words of MSEL cells that StartEx reads as something: a delivery method as a channel, an
 * addressee list, a status or type that leaves a row out, STARTEX and ENDEX rows. Pure and small,
 * so the import's rules can be read in one place.
 */

/** Keywords of each channel, tried in the order the cell writes them ("Phone, Cell phone and email" is a phone call). */
const CHANNEL_WORDS: [RegExp, InjectChannel][] = [
  [/e-?mail|emits|mail\b|outlook/, 'email'],
  [/phone|telephone|call\b|cell\b|land ?line|voice|sms|text message/, 'phone'],
  [/radio|lmr|net call|walkie|transmission/, 'radio'],
  [/fax/, 'fax'],
  [/news|media|\btv\b|television|press|newspaper|broadcast/, 'news'],
  [/social|twitter|facebook|tweet|post\b|x\.com/, 'social'],
  [/sensor|alarm|monitor|detector|pager|portal/, 'sensor'],
  [/document|memo|letter|report|\bsir\b|hard ?copy|form\b|message form|written|paper|handout|map\b/, 'document'],
  [/verbal|in person|face|person\b|brief|meeting|visit|walk[- ]?in|actor|role ?play|simcell|controller/, 'face-to-face'],
];

/** The channel a delivery method names (the first keyword in the cell), or undefined when none does. */
export function channelOf(text: string): InjectChannel | undefined {
  const lower = text.toLowerCase();
  let best: { at: number; channel: InjectChannel } | undefined;
  for (const [pattern, channel] of CHANNEL_WORDS) {
    const at = lower.search(pattern);
    if (at >= 0 && (!best || at < best.at)) best = { at, channel };
  }
  return best?.channel;
}

/** Addressees that mean every team. */
const EVERYONE = new Set(['all', 'all participants', 'all players', 'all teams', 'all agencies', 'everyone', 'everybody', 'all exercise participants', 'all player teams']);

export const ALL_TEAMS = 'all';

/**
 * An addressee cell as names, `all` for everyone: "JOC, All" is everyone; "Police; Fire",
 * "ERPSS/AE Crew" and "SPS MED & J1" are two teams each. Names `known` to be one team (the
 * Lookups sheet of an MSEL StartEx exported) are kept whole, whatever they hold.
 */
export function addresseesOf(text: string, known: readonly string[] = []): string[] {
  const found: { at: number; name: string }[] = [];
  let rest = text;
  for (const name of [...known].sort((a, b) => b.length - a.length)) {
    for (let at = rest.indexOf(name); at >= 0; at = rest.indexOf(name, at + 1)) {
      const before = rest.slice(0, at);
      const after = rest.slice(at + name.length);
      if (!/(^|[,;\n/&]\s*)$/.test(before) || !/^(\s*[,;\n/&]|\s*$)/.test(after)) continue;
      found.push({ at, name });
      rest = `${before}${'\u0000'.repeat(name.length)}${after}`;
    }
  }
  // eslint-disable-next-line no-control-regex -- NUL stands in for the names already found
  const pieces = [...rest.matchAll(/[^,;\n/&\u0000]+/g)].map((m) => ({ at: m.index, name: m[0].replace(/\s+/g, ' ').trim() }));
  const names = [...found, ...pieces].filter((n) => n.name !== '').sort((a, b) => a.at - b.at).map((n) => n.name);
  if (names.some((name) => EVERYONE.has(name.toLowerCase()))) return [ALL_TEAMS];
  return [...new Set(names)];
}

/** A status that says the row is not played. */
export const isLeftOut = (status: string) => /omit|delet|cancel|not inject|void|remov|withdrawn|drop/i.test(status);

/** A type that says the row is for exercise staff, not players. */
export const isAdministrative = (type: string) => /admin|logistic/i.test(type);

export function kindOf(type: string): InjectKind {
  if (/contingen/i.test(type)) return 'contingency';
  if (/adaptive|branch/i.test(type)) return 'adaptive';
  return 'standard';
}

/** A row that only marks StartEx or EndEx. */
export function markerOf(texts: readonly string[]): 'startex' | 'endex' | undefined {
  for (const text of texts) {
    const word = text.toLowerCase().replace(/[^a-z]/g, '');
    if (word === 'startex' || word === 'startexercise') return 'startex';
    if (word === 'endex' || word === 'endexercise') return 'endex';
  }
  return undefined;
}

/** Expected actions, one per line, without bullets or numbering. */
export function actionsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-•*·‣▪]|\d+[.)]|[a-z][.)])\s+/i, '').trim())
    .filter((line) => line !== '');
}

/** At most `max` characters, cut at a word with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A subject made from a description: its first line, up to the first full stop, at most 80 characters. */
export function subjectFrom(body: string): string {
  const line = body.trim().split(/\r?\n/)[0] ?? '';
  const sentence = /^(.{10,}?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return shorten(sentence, 80);
}

/** An id from a name or a reference: lower-case letters, digits and single dashes. */
export function slug(text: string, max = 40): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** The agency a team's name suggests; `other` when it suggests none. */
export function agencyOf(name: string): Team['agency'] {
  const lower = name.toLowerCase();
  const guesses: [RegExp, Team['agency']][] = [
    [/police|law enforcement|\blea\b|sheriff|gendarm/, 'police'],
    [/customs/, 'customs'],
    [/border/, 'border-guard'],
    [/fire|rescue|hazmat|\busar\b|\bsar\b/, 'fire-rescue'],
    [/health|hospital|medical|ambulance|\bems\b|\bmed\b|surgeon|public health/, 'health'],
    [/regulat|inspectorate|radiation safety/, 'regulator'],
    [/crisis|\beoc\b|emergency management|\bema\b|civil protection|\bjoc\b|operations cent/, 'crisis-centre'],
    [/security service|intelligence|state security/, 'security-service'],
    [/operator|facility|plant|licensee/, 'facility-operator'],
    [/nssc|nuclear security support/, 'nssc'],
  ];
  return guesses.find(([pattern]) => pattern.test(lower))?.[1] ?? 'other';
}
