import { formatScenarioTime, metricTarget, statePathTitle, stateTitle, stateTitles, type ExerciseSettings, type ScenarioDocument, type ScenarioState } from '@startex/shared';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';
import type { AgencyRecord, PersonRecord } from '../store/PlanningStore.ts';
import { markdownBlocks, markdownRuns } from '../documents/markdown.ts';
import { bullets, facts, heading, paragraph, type Block, type StartexDocument } from '../documents/model.ts';
import { renderPdf } from '../documents/pdf.ts';
import { AGENCY_TYPE_LABEL, CHANNEL_LABEL, teamName } from '../documents/words.ts';
import { exerciseSettings } from './settings.ts';

/** What every briefing draws on: the pinned scenario, the plan, and the address people open StartEx at. */
export interface BriefingInput {
  record: ExerciseRecord;
  agencies: AgencyRecord[];
  mapping: Record<string, string>;
  people: PersonRecord[];
  /** e.g. https://startex.venue.lan:3000 (STARTEX_PUBLIC_URL, else the address the request came to). */
  baseUrl: string;
}

const TYPE_NAMES: Record<ExerciseSettings['exerciseType'], string> = {
  seminar: 'seminar',
  workshop: 'workshop',
  tabletop: 'tabletop exercise',
  game: 'game',
  drill: 'drill',
  functional: 'functional exercise',
  'full-scale': 'full-scale exercise',
  field: 'field exercise',
};

const KIND_NAMES = { standard: 'Standard', contingency: 'Contingency (sent only when an expected action did not happen)', adaptive: 'Adaptive (follows what players did)' } as const;

function exerciseFacts(settings: ExerciseSettings, scenario: ScenarioDocument): Block[] {
  return facts([
    ['Date', settings.date],
    ['StartEx', settings.startTime ? `${settings.startTime} (${settings.timeZone})` : undefined],
    ['Scenario time at StartEx', formatScenarioTime(settings.scenarioStartMs).slice(0, -3)],
    ['Exercise type', TYPE_NAMES[settings.exerciseType]],
    ['Location', settings.locations.join('; ') || undefined],
    ['Language', settings.language === 'lt' ? 'Lithuanian' : 'English'],
    ['Expected duration', `${scenario.expectedDurationMinutes} scenario minutes`],
  ]);
}

/** The agency the plan maps a team to; before mapping, the kind of agency the scenario names. */
export function agencyOf(input: Pick<BriefingInput, 'agencies' | 'mapping' | 'record'>, teamId: string): string {
  const agency = input.agencies.find((a) => a.id === input.mapping[teamId]);
  if (agency) return agency.name;
  const team = input.record.scenario.teams.find((t) => t.id === teamId);
  return team ? AGENCY_TYPE_LABEL[team.agency] : 'Not assigned';
}

function document(input: BriefingInput, subtitle: string, blocks: Block[], options: { label?: string; contents?: boolean } = {}): StartexDocument {
  const { title } = exerciseSettings(input.record);
  return { title, subtitle, label: options.label, runningHeader: [`${title}: ${subtitle}`, options.label].filter(Boolean).join(' · '), contents: options.contents ?? false, parts: [{ blocks }] };
}

/**
 * A team's player briefing: the plan, its own team and agency, the objectives, the other teams and
 * how to use the tablet. Nothing controllers alone know: no scenario summary (it names branches),
 * no MSEL, no inject text, no expected actions, no branches, no other team's roster.
 */
export function playerBriefing(input: BriefingInput, teamId: string): Promise<Buffer> {
  const { scenario } = input.record;
  const settings = exerciseSettings(input.record);
  const team = scenario.teams.find((t) => t.id === teamId)!;
  const members = input.people.filter((p) => p.role === 'participant' && p.teamId === team.id);
  const actions = scenario.actions.filter((a) => a.teams.includes(team.id));
  return renderPdf(
    document(input, `Player briefing: ${team.name}`, [
      heading(1, 'The exercise'),
      ...exerciseFacts(settings, scenario),
      heading(1, 'Your team'),
      ...facts([
        ['Team', team.name],
        ['Agency', agencyOf(input, team.id)],
      ]),
      ...(members.length > 0 ? [bullets(members.map((p) => p.name))] : []),
      ...(actions.length > 0 ? [paragraph('Reports your team can send from the tablet:'), bullets(actions.map((a) => a.label))] : []),
      heading(1, 'Other teams in play'),
      bullets(scenario.teams.filter((t) => t.id !== team.id).map((t) => `${t.name}: ${agencyOf(input, t.id)}`)),
      ...objectives(scenario),
      heading(1, 'Using the tablet'),
      bullets([
        `Scan your team's QR code from the join-code sheet, or open ${input.baseUrl}/tablet and type the code.`,
        'Messages (injects) arrive on the tablet: read each one and press Acknowledge when your team has it.',
        'Report what your team does with the report buttons; the tablet keeps working offline and sends when the network is back.',
        'Before StartEx a communications check arrives: acknowledge it so exercise control knows your tablet works.',
      ]),
      heading(1, 'Conduct'),
      bullets([
        "Play as you would on a real day, within your agency's procedures and the law.",
        'Say "REAL WORLD" for any real emergency: exercise control stops play at once.',
        'Do not contact other teams or outside organisations except through the tablet or as exercise control says.',
      ]),
    ]),
  );
}

/**
 * The controller/evaluator handbook: everything, MSEL with times, channels, recipients and expected
 * actions, the branches and contingencies, and evaluation guides (an evaluator: only what they cover).
 */
export function handbook(input: BriefingInput, coverage?: { objectives: string[]; teams: string[] }): Promise<Buffer> {
  const { record } = input;
  const { scenario } = record;
  const settings = exerciseSettings(record);
  const team = (id: string) => teamName(scenario, id);
  const msel = [...scenario.injects]
    .sort((a, b) => a.number - b.number)
    .flatMap((inject): Block[] => [
      heading(2, `#${inject.number} ${inject.subject}`),
      ...facts([
        ['Scenario time', inject.scenarioTime],
        ['Kind', KIND_NAMES[inject.kind]],
        ['Channel', CHANNEL_LABEL[inject.channel]],
        ['From', inject.from],
        ['To', inject.to.map(team).join(', ')],
      ]),
      ...markdownBlocks(inject.body),
      ...(inject.expectedActions.length > 0 ? [{ type: 'paragraph', runs: [{ text: 'Expected actions', bold: true }] } satisfies Block, bullets(inject.expectedActions.map(markdownRuns))] : []),
    ]);
  const branches: string[] = [];
  describeBranches(scenario, stateTitles(scenario), scenario.machine, scenario.title, branches);
  const contingencies = scenario.injects.filter((i) => i.kind !== 'standard');
  // Coverage that names no objective covers them all (the roster shows it as "everything").
  const mine = coverage && coverage.objectives.length > 0;
  const guided = mine ? scenario.objectives.filter((o) => coverage.objectives.includes(o.id)) : scenario.objectives;
  const guides = guided.flatMap((objective): Block[] => [
    heading(2, objective.title),
    ...objective.capabilityTargets.flatMap((target): Block[] => [
      { type: 'paragraph', runs: [{ text: 'Capability target: ', bold: true }, { text: target.title }] },
      ...(target.criticalTasks.length > 0 ? [bullets(target.criticalTasks.map((t) => `Critical task: ${t.title}`))] : []),
    ]),
  ]);
  return renderPdf(
    document(
      input,
      'Controller and evaluator handbook',
      [
        heading(1, 'The exercise'),
        ...exerciseFacts(settings, scenario),
        ...facts([
          ['Scenario', `${scenario.title}, version ${scenario.version}`],
          ['Speed', `×${settings.speed}`],
          ['Console', `${input.baseUrl}/console/${encodeURIComponent(record.id)}`],
          ['Evaluator view', `${input.baseUrl}/evaluate/${encodeURIComponent(record.id)}`],
        ]),
        ...markdownBlocks(scenario.summary),
        heading(1, 'Teams and agencies'),
        bullets(scenario.teams.map((t) => `${t.name}: ${agencyOf(input, t.id)}`)),
        ...(scenario.simulatedOrganisations.length > 0 ? [heading(1, 'SimCell: organisations control plays'), bullets(scenario.simulatedOrganisations.map((o) => o.name))] : []),
        heading(1, 'Master Scenario Events List (MSEL)'),
        ...msel,
        heading(1, 'Branches and contingencies'),
        bullets(branches.length > 0 ? branches : ['The scenario has no branches.']),
        ...(contingencies.length > 0 ? [paragraph('Contingency and adaptive injects:'), bullets(contingencies.map((i) => `#${i.number} ${i.subject} (${i.kind})`))] : []),
        heading(1, mine ? 'Evaluation guide: your objectives' : 'Evaluation guides'),
        ...(coverage && coverage.teams.length > 0 ? [paragraph(`Teams you observe: ${coverage.teams.map(team).join(', ')}`)] : []),
        ...guides,
        paragraph('Rate each capability target P (performed without challenges), S (some challenges), M (major challenges) or U (unable to be performed).'),
        ...(scenario.metrics.length > 0 && !coverage ? [heading(1, 'Metrics'), bullets(scenario.metrics.map((m) => `${m.title}: target ${metricTarget(m)}`))] : []),
      ],
      { label: 'CONTROL STAFF ONLY', contents: true },
    ),
  );
}

/** The observer briefing: the plan, the teams, the objectives, the wall display and the observer's rules. */
export function observerBriefing(input: BriefingInput): Promise<Buffer> {
  const { scenario } = input.record;
  const settings = exerciseSettings(input.record);
  return renderPdf(
    document(input, 'Observer briefing', [
      heading(1, 'The exercise'),
      ...exerciseFacts(settings, scenario),
      heading(1, 'Teams and agencies'),
      bullets(scenario.teams.map((t) => `${t.name}: ${agencyOf(input, t.id)}`)),
      ...objectives(scenario),
      heading(1, 'As an observer'),
      bullets([
        'Watch, do not take part: do not speak to players or give hints during play.',
        `Follow play on the wall display (${input.baseUrl}/display, with the display code from exercise control); the evaluators' notes are not shown there.`,
        'Say "REAL WORLD" for any real emergency: exercise control stops play at once.',
        'Bring remarks to the hot wash and the debrief after EndEx.',
      ]),
    ]),
  );
}

/** Branch points in words: the state by name, teams by name, reports by label, injects by number. */
function describeBranches(scenario: ScenarioDocument, titles: ReadonlyMap<string, string>, state: ScenarioState, name: string, into: string[]): void {
  const target = (t: string | undefined) => (t ? `goes to "${statePathTitle(titles, t)}"` : 'stays');
  const releases = (effects: { release?: string }[]) => {
    const numbers = effects.flatMap((e) => ('release' in e && e.release ? [scenario.injects.find((i) => i.id === e.release)?.number] : [])).filter((n) => n !== undefined);
    return numbers.length > 0 ? `, releases ${numbers.map((n) => `#${n}`).join(', ')}` : '';
  };
  for (const d of state.decisions ?? []) into.push(`In "${name}", control may decide "${d.label}": ${target(d.target)}${releases(d.effects as { release?: string }[])}`);
  for (const a of state.on ?? []) {
    if (!a.target && a.effects.length === 0) continue;
    const label = scenario.actions.find((x) => x.id === a.action)?.label ?? 'a report';
    into.push(`In "${name}", when ${a.team ? teamName(scenario, a.team) : 'a team'} reports "${label}"${a.when ? ' (with a condition)' : ''}: ${target(a.target)}${releases(a.effects as { release?: string }[])}`);
  }
  for (const t of state.after ?? []) {
    if (!t.when && !t.target) continue;
    into.push(`In "${name}", after ${t.minutes} min${t.when ? ' if the condition holds' : ''}: ${target(t.target)}${releases(t.effects as { release?: string }[])}`);
  }
  for (const [key, child] of Object.entries(state.states ?? {})) describeBranches(scenario, titles, child, stateTitle(child, key), into);
}

function objectives(scenario: ScenarioDocument): Block[] {
  if (scenario.objectives.length === 0) return [];
  return [heading(1, 'Exercise objectives'), bullets(scenario.objectives.map((o) => o.title))];
}
