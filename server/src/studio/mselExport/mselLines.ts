import { InjectChannel, InjectKind, parseScenarioClockTime, timelineMinutes, type ScenarioDocument, type TimelineRow } from '@startex/shared';
import { compileScenario, expandTimeline, resolveTeams, simulate } from '@startex/scenarios';

/**
 * A scenario's MSEL as spreadsheet lines, in words: one line per inject (the timeline's rows in
 * their order, then the injects the hand-written states release), framed by STARTEX and ENDEX
 * lines. The headers are ones the MSEL import recognises, so an exported MSEL imports back to
 * the same timeline. Times are written as the document writes most of them: story time
 * ("Day 1 10:45") or minutes after StartEx ("T+45").
 */

export const MSEL_HEADERS = ['Inject #', 'Time', 'From', 'To', 'Delivery method', 'Subject', 'Description', 'Expected action', 'Storyline', 'Type', 'Condition'] as const;

export type MselLine = [number | null, string, string, string, string, string, string, string, string, string, string];

export const ALL_TEAMS_WORDS = 'All teams';
export const CHANNELS = InjectChannel.options;
export const KINDS = InjectKind.options;

export interface MselSheetContent {
  lines: MselLine[];
  /** Names for the lookups sheet. */
  teams: string[];
  senders: string[];
  storylines: string[];
}

export function mselLines(document: ScenarioDocument): MselSheetContent {
  const startMinute = parseScenarioClockTime(document.scenarioStart);
  const storyForm = document.timeline.filter((r) => typeof r.at === 'string' && /^(Day|D)/.test(r.at)).length * 2 > document.timeline.filter((r) => r.at !== undefined).length;
  const time = (minutes: number) => (storyForm ? storyTime(startMinute + minutes) : `T+${Math.round(minutes * 10) / 10}`);
  const expanded = expandTimeline(document);
  const planned = plannedMinutes(document);
  const names = new Map<string, string>([
    ...document.teams.map((t) => [t.id, t.name] as const),
    ...document.simulatedOrganisations.map((o) => [o.id, o.name] as const),
    ['all', ALL_TEAMS_WORDS],
  ]);
  const name = (id: string) => names.get(id) ?? id;
  // Groups are written as their teams: a spreadsheet knows teams, and every team is in the Lookups sheet.
  const addressees = (to: readonly string[]) => (to.includes('all') ? ALL_TEAMS_WORDS : resolveTeams(document, [...to]).map(name).join(', '));
  const tracks = new Map(document.tracks.map((t) => [t.id, t.title]));
  const numberOf = new Map(expanded.injects.map((i) => [i.id, i.number]));

  const rows = new Set(document.timeline.map((r) => r.id));
  const lines: MselLine[] = [marker('STARTEX', time(0))];
  for (const row of document.timeline) {
    const minutes = row.at !== undefined ? timelineMinutes(row.at, startMinute) : planned.get(row.id);
    lines.push([
      numberOf.get(row.id) ?? row.number ?? null,
      minutes === undefined ? '' : time(minutes),
      name(row.from),
      addressees(row.to),
      row.channel,
      row.subject,
      row.body,
      row.expectedActions.join('\n'),
      row.track ? (tracks.get(row.track) ?? row.track) : '',
      row.kind,
      conditionOf(row),
    ]);
  }
  for (const inject of expanded.injects.filter((i) => !rows.has(i.id) && document.injects.some((d) => d.id === i.id))) {
    const minutes = planned.get(inject.id);
    lines.push([
      inject.number,
      minutes === undefined ? '' : time(minutes),
      name(inject.from),
      addressees(inject.to),
      inject.channel,
      inject.subject,
      inject.body,
      inject.expectedActions.join('\n'),
      '',
      inject.kind,
      'Released by the scenario\'s states',
    ]);
  }
  const endex = document.endex.find((rule) => rule.at !== undefined && !rule.when && !rule.unless && !rule.after);
  if (endex?.at !== undefined) lines.push(marker('ENDEX', time(timelineMinutes(endex.at, startMinute))));
  return {
    lines,
    teams: [ALL_TEAMS_WORDS, ...document.teams.map((t) => t.name)],
    senders: [...document.simulatedOrganisations.map((o) => o.name), ...document.teams.map((t) => t.name)],
    storylines: document.tracks.map((t) => t.title),
  };
}

const marker = (word: string, time: string): MselLine => [null, time, '', '', '', word, '', '', '', '', ''];

/** When each inject goes out with the default responses, else if nobody acts: as the console's MSEL plans it. */
function plannedMinutes(document: ScenarioDocument): Map<string, number> {
  const scenario = compileScenario(document);
  const planned = new Map<string, number>();
  for (const responses of [document.defaultResponses, []]) {
    for (const event of simulate(scenario, responses).timeline) {
      if (event.kind === 'inject' && !planned.has(event.ref)) planned.set(event.ref, event.atMs / 60_000);
    }
  }
  return planned;
}

/** What a spreadsheet cannot hold, in words: when a row goes out other than at its time. */
function conditionOf(row: TimelineRow): string {
  const parts = [
    row.after ? `after ${JSON.stringify(row.after)}` : '',
    row.when ? `when ${JSON.stringify(row.when)}` : '',
    row.unless ? `unless ${JSON.stringify(row.unless)}` : '',
    row.decision ? `decision "${row.decision.title}"` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function storyTime(minutes: number): string {
  const whole = Math.round(minutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `Day ${Math.floor(whole / 1440) + 1} ${two(Math.floor((whole % 1440) / 60))}:${two(whole % 60)}`;
}
