import { SCENARIO_SCHEMA_VERSION, type MselImportBody, type MselProblem, type ScenarioDocumentInput, type Team } from '@startex/shared';
import type { MappedMsel, RowContent } from './mapRows.ts';
import { agencyOf, ALL_TEAMS, shorten, slug } from './rowWords.ts';

/**
 * Step 3 of the MSEL import: the rows that import become a timeline scenario. Addressees become
 * teams and senders simulated organisations, each named as the MSEL names it; storylines become
 * tracks; play ends at the ENDEX row, else half an hour after the last inject. Branches, actions
 * and metrics are added afterwards in the studio.
 */

export interface BuiltScenario {
  document: ScenarioDocumentInput;
  teams: Team[];
  organisations: { id: string; name: string }[];
  tracks: { id: string; title: string }[];
  /** Problems of the whole: too many teams, senders or storylines. */
  problems: MselProblem[];
  /** The team each addressee name lands in. */
  teamOf: (name: string) => string;
}

const MAX_TEAMS = 50;
const MAX_ORGANISATIONS = 50;
const MAX_TRACKS = 50;
const BODY_MAX = 20_000;
const OTHER_ADDRESSEES = 'Other addressees';
/** Play goes on this long after the last inject when no ENDEX row says when it ends. */
const ENDEX_AFTER_LAST = 30;

export function buildScenario(mapped: MappedMsel, scenario: MselImportBody['scenario'], fileName: string): BuiltScenario {
  const rows = mapped.rows.flatMap((r) => (r.outcome === 'inject' && r.content ? [r.content] : []));
  const problems: MselProblem[] = [];
  const teamIds = new Set<string>();
  const { names, others } = teamNames(rows);
  const teams = names.map((name) => ({ id: newId(name, 'team', teamIds), name, agency: agencyOf(name) }));
  if (others.length > 0) {
    teams.push({ id: newId(OTHER_ADDRESSEES, 'team', teamIds), name: OTHER_ADDRESSEES, agency: 'other' });
    problems.push({
      severity: 'warning',
      code: 'MSEL_TOO_MANY_TEAMS',
      message: `The rows name ${names.length + others.length} different addressees; a scenario holds at most ${MAX_TEAMS} teams. The ${names.length} named most often are teams; ${others.length} others (${others.slice(0, 10).join(', ')}${others.length > 10 ? ', …' : ''}) share the team "${OTHER_ADDRESSEES}", and their rows' descriptions say whom they were for.`,
      field: 'to',
    });
  }
  if (teams.length === 0) teams.push({ id: 'players', name: 'Players', agency: 'other' });
  const teamByName = new Map(teams.map((t) => [t.name, t.id]));
  const merged = new Set(others);
  for (const name of others) teamByName.set(name, teamByName.get(OTHER_ADDRESSEES)!);

  // The senders named most often become simulated organisations; past 50, the others stay text.
  const senders = namesInOrder(rows.map((r) => r.from)).filter((name) => !teamByName.has(name));
  const frequency = new Map<string, number>();
  for (const row of rows) frequency.set(row.from, (frequency.get(row.from) ?? 0) + 1);
  const kept = new Set([...senders].sort((a, b) => frequency.get(b)! - frequency.get(a)!).slice(0, MAX_ORGANISATIONS));
  if (senders.length > MAX_ORGANISATIONS) {
    problems.push({
      severity: 'warning',
      code: 'MSEL_TOO_MANY_ORGANISATIONS',
      message: `The rows name ${senders.length} different senders; the ${MAX_ORGANISATIONS} named most often become simulated organisations, the others are written as text.`,
      field: 'from',
    });
  }
  const organisationIds = new Set(teamIds);
  const organisations = senders.filter((name) => kept.has(name)).map((name) => ({ id: newId(name, 'sender', organisationIds), name }));
  const senderId = new Map([...teamByName, ...organisations.map((o) => [o.name, o.id] as const)]);

  const trackIds = new Set<string>();
  const tracks = namesInOrder(rows.flatMap((r) => (r.track ? [r.track] : []))).map((title) => ({ id: newId(title, 'track', trackIds), title }));
  const trackByTitle = new Map(tracks.map((t) => [t.title, t.id]));
  if (tracks.length > MAX_TRACKS) {
    problems.push({
      severity: 'error',
      code: 'MSEL_TOO_MANY_TRACKS',
      message: `The storyline column names ${tracks.length} different storylines; a scenario holds at most ${MAX_TRACKS}. Map another column to the storyline, or none.`,
      field: 'track',
    });
  }

  const last = Math.max(0, ...rows.map((r) => r.minutes));
  const endex = mapped.endexMinutes !== undefined && mapped.endexMinutes > last ? mapped.endexMinutes : last + ENDEX_AFTER_LAST;
  const document: ScenarioDocumentInput = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: scenario.id,
    version: 1,
    title: scenario.title,
    summary: `Imported from the MSEL "${fileName}": ${rows.length} injects to ${teams.length} teams. Add branches, actions, objectives and metrics in the studio.`,
    exerciseType: scenario.exerciseType,
    functions: scenario.functions,
    expectedDurationMinutes: Math.max(1, Math.ceil(endex)),
    language: scenario.language,
    ...(mapped.scenarioStart ? { scenarioStart: mapped.scenarioStart } : {}),
    teams,
    simulatedOrganisations: organisations,
    tracks,
    timeline: rows.map((row) => timelineRow(row, senderId, teamByName, trackByTitle, merged)),
    endex: [{ at: endexTime(endex, mapped.scenarioStart) }],
    injects: [],
    machine: {},
  };
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const teamOf = (name: string) => (name === ALL_TEAMS ? ALL_TEAMS : (teamName.get(teamByName.get(name) ?? '') ?? name));
  return { document, teams, organisations, tracks, problems, teamOf };
}

function timelineRow(row: RowContent, senderId: Map<string, string>, teamByName: Map<string, string>, trackByTitle: Map<string, string>, merged: Set<string>) {
  const forOthers = row.to.filter((name) => merged.has(name));
  return {
    id: row.id,
    ...(row.number !== undefined ? { number: row.number } : {}),
    at: row.at,
    channel: row.channel,
    from: senderId.get(row.from) ?? row.from,
    to: [...new Set(row.to.map((name) => (name === ALL_TEAMS ? ALL_TEAMS : teamByName.get(name)!)))],
    subject: row.subject,
    body: forOthers.length > 0 ? shorten(`For: ${forOthers.join(', ')}\n\n${row.body}`, BODY_MAX) : row.body,
    expectedActions: row.expectedActions,
    ...(row.track ? { track: trackByTitle.get(row.track)! } : {}),
    kind: row.kind,
  };
}

/** EndEx written as the rows are: story time when they are, else minutes after StartEx. */
function endexTime(minutes: number, scenarioStart: string | undefined): string {
  if (!scenarioStart) return `T+${Math.ceil(minutes)}`;
  const start = /^Day (\d+) (\d\d):(\d\d)$/.exec(scenarioStart)!;
  const total = (Number(start[1]) - 1) * 1440 + Number(start[2]) * 60 + Number(start[3]) + Math.ceil(minutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `Day ${Math.floor(total / 1440) + 1} ${two(Math.floor((total % 1440) / 60))}:${two(total % 60)}`;
}

const namesInOrder = (names: readonly string[]) => [...new Set(names)];

/** Addressees as teams: all of them, or (past 50) the 49 named most often, the `others` sharing one team. */
function teamNames(rows: readonly RowContent[]): { names: string[]; others: string[] } {
  const all = namesInOrder(rows.flatMap((r) => r.to.filter((name) => name !== ALL_TEAMS)));
  if (all.length <= MAX_TEAMS) return { names: all, others: [] };
  const count = new Map<string, number>();
  for (const row of rows) for (const name of row.to) count.set(name, (count.get(name) ?? 0) + 1);
  const kept = new Set([...all].sort((a, b) => count.get(b)! - count.get(a)!).slice(0, MAX_TEAMS - 1));
  return { names: all.filter((n) => kept.has(n)), others: all.filter((n) => !kept.has(n)) };
}

/** An id for a name: its words, unique among `taken`, never `all` (every team) and always starting with a letter. */
function newId(name: string, fallback: string, taken: Set<string>): string {
  let base = slug(name) || fallback;
  if (!/^[a-z]/.test(base) || base === ALL_TEAMS) base = `${fallback}-${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
