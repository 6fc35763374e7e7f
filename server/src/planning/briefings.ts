import { parseScenarioClockTime, statePathTitle, stateTitle, stateTitles, type ExerciseSettings, type Metric, type ScenarioDocument, type ScenarioState } from '@startex/shared';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';
import type { AgencyRecord, PersonRecord } from '../store/PlanningStore.ts';
import { markdownBlocks, markdownRuns } from '../documents/markdown.ts';
import { bullets, facts, heading, paragraph, type Block, type StartexDocument } from '../documents/model.ts';
import { renderPdf } from '../documents/pdf.ts';
import { BRIEFING_WORDS } from '../documents/briefingWords.ts';
import { DOCUMENT_WORDS, formatNumber, storyTime, teamName, type DocumentLanguage } from '../documents/words.ts';
import { exerciseSettings } from './settings.ts';

/** What every briefing draws on: the pinned scenario, the plan, and the address people open StartEx at. */
export interface BriefingInput {
  record: ExerciseRecord;
  agencies: AgencyRecord[];
  mapping: Record<string, string>;
  people: PersonRecord[];
  /** e.g. https://startex.venue.lan:3000 (STARTEX_PUBLIC_URL, else the address the request came to). */
  baseUrl: string;
  /** The language the briefing is printed in. */
  language: DocumentLanguage;
}

function exerciseFacts(settings: ExerciseSettings, scenario: ScenarioDocument, language: DocumentLanguage): Block[] {
  const { fact } = BRIEFING_WORDS[language];
  const words = DOCUMENT_WORDS[language];
  return facts([
    [fact.date, settings.date],
    [fact.startEx, settings.startTime ? `${settings.startTime} ${words.zone(settings.timeZone)}` : undefined],
    [fact.storyStart, storyTime(settings.scenarioStartMs / 60_000, language)],
    [fact.exerciseType, words.exerciseType[settings.exerciseType]],
    [fact.location, settings.locations.join('; ') || undefined],
    [fact.language, words.language[settings.language]],
    [fact.duration, fact.expectedMinutes(scenario.expectedDurationMinutes)],
  ]);
}

/** The agency the plan maps a team to; before mapping, the kind of agency the scenario names (in `language`). */
export function agencyOf(input: Pick<BriefingInput, 'agencies' | 'mapping' | 'record'>, teamId: string, language: DocumentLanguage): string {
  const agency = input.agencies.find((a) => a.id === input.mapping[teamId]);
  if (agency) return agency.name;
  const team = input.record.scenario.teams.find((t) => t.id === teamId);
  return team ? DOCUMENT_WORDS[language].agencyType[team.agency] : BRIEFING_WORDS[language].notAssigned;
}

function document(input: BriefingInput, subtitle: string, blocks: Block[], options: { label?: string; contents?: boolean } = {}): StartexDocument {
  const { title } = exerciseSettings(input.record);
  return {
    title,
    subtitle,
    label: options.label,
    runningHeader: [`${title}: ${subtitle}`, options.label].filter(Boolean).join(' · '),
    contents: options.contents ?? false,
    parts: [{ blocks }],
    language: input.language,
  };
}

/** "Team: Agency" for each team given. */
const teamsWithAgencies = (input: BriefingInput, teams: readonly { id: string; name: string }[]) => bullets(teams.map((t) => `${t.name}: ${agencyOf(input, t.id, input.language)}`));

/**
 * A team's player briefing: the plan, its own team and agency, the objectives, the other teams and
 * how to use the tablet. Nothing controllers alone know: no scenario summary (it names branches),
 * no MSEL, no inject text, no expected actions, no branches, no other team's roster.
 */
export function playerBriefing(input: BriefingInput, teamId: string): Promise<Buffer> {
  const { scenario } = input.record;
  const { language } = input;
  const words = BRIEFING_WORDS[language];
  const settings = exerciseSettings(input.record);
  const team = scenario.teams.find((t) => t.id === teamId)!;
  const members = input.people.filter((p) => p.role === 'participant' && p.teamId === team.id);
  const actions = scenario.actions.filter((a) => a.teams.includes(team.id));
  return renderPdf(
    document(input, words.player.subtitle(team.name), [
      heading(1, words.theExercise),
      ...exerciseFacts(settings, scenario, language),
      heading(1, words.player.yourTeam),
      ...facts([
        [words.player.team, team.name],
        [words.player.agency, agencyOf(input, team.id, language)],
      ]),
      ...(members.length > 0 ? [bullets(members.map((p) => p.name))] : []),
      ...(actions.length > 0 ? [paragraph(words.player.reports), bullets(actions.map((a) => a.label))] : []),
      heading(1, words.player.otherTeams),
      teamsWithAgencies(input, scenario.teams.filter((t) => t.id !== team.id)),
      ...objectives(scenario, language),
      heading(1, words.player.usingTheTablet),
      bullets(words.player.tablet(`${input.baseUrl}/tablet`)),
      heading(1, words.player.conduct),
      bullets(words.player.rules),
    ]),
  );
}

/**
 * The controller/evaluator handbook: everything, MSEL with times, channels, recipients and expected
 * actions, the branches and contingencies, and evaluation guides (an evaluator: only what they cover).
 */
export function handbook(input: BriefingInput, coverage?: { objectives: string[]; teams: string[] }): Promise<Buffer> {
  const { record, language } = input;
  const { scenario } = record;
  const words = BRIEFING_WORDS[language];
  const { handbook: book } = words;
  const settings = exerciseSettings(record);
  const team = (id: string) => teamName(scenario, id, language);
  const msel = [...scenario.injects]
    .sort((a, b) => a.number - b.number)
    .flatMap((inject): Block[] => [
      heading(2, `#${inject.number} ${inject.subject}`),
      ...facts([
        [book.storyTime, inject.scenarioTime === undefined ? undefined : storyTime(parseScenarioClockTime(inject.scenarioTime), language)],
        [book.kind, book.kindName[inject.kind]],
        [book.channel, DOCUMENT_WORDS[language].channel[inject.channel]],
        [book.from, inject.from],
        [book.to, inject.to.map(team).join(', ')],
      ]),
      ...markdownBlocks(inject.body),
      ...(inject.expectedActions.length > 0 ? [{ type: 'paragraph', runs: [{ text: book.expectedActions, bold: true }] } satisfies Block, bullets(inject.expectedActions.map(markdownRuns))] : []),
    ]);
  const branches: string[] = [];
  describeBranches(scenario, stateTitles(scenario), scenario.machine, scenario.title, language, branches);
  const contingencies = scenario.injects.filter((i) => i.kind !== 'standard');
  // Coverage that names no objective covers them all (the roster shows it as "everything").
  const mine = coverage && coverage.objectives.length > 0;
  const guided = mine ? scenario.objectives.filter((o) => coverage.objectives.includes(o.id)) : scenario.objectives;
  const guides = guided.flatMap((objective): Block[] => [
    heading(2, objective.title),
    ...objective.capabilityTargets.flatMap((target): Block[] => [
      { type: 'paragraph', runs: [{ text: `${book.capabilityTarget}: `, bold: true }, { text: target.title }] },
      ...(target.criticalTasks.length > 0 ? [bullets(target.criticalTasks.map((t) => book.criticalTask(t.title)))] : []),
    ]),
  ]);
  return renderPdf(
    document(
      input,
      book.subtitle,
      [
        heading(1, words.theExercise),
        ...exerciseFacts(settings, scenario, language),
        ...facts([
          [book.scenario, book.scenarioVersion(scenario.title, scenario.version)],
          [book.speed, `×${formatNumber(settings.speed, language)}`],
          [book.console, `${input.baseUrl}/console/${encodeURIComponent(record.id)}`],
          [book.evaluatorView, `${input.baseUrl}/evaluate/${encodeURIComponent(record.id)}`],
        ]),
        ...markdownBlocks(scenario.summary),
        heading(1, words.teamsAndAgencies),
        teamsWithAgencies(input, scenario.teams),
        ...(scenario.simulatedOrganisations.length > 0 ? [heading(1, book.simCell), bullets(scenario.simulatedOrganisations.map((o) => o.name))] : []),
        heading(1, book.msel),
        ...msel,
        heading(1, book.branches),
        bullets(branches.length > 0 ? branches : [book.noBranches]),
        ...(contingencies.length > 0 ? [paragraph(book.contingencies), bullets(contingencies.map((i) => `#${i.number} ${i.subject} (${book.kindShort[i.kind]})`))] : []),
        heading(1, mine ? book.yourGuide : book.guides),
        ...(coverage && coverage.teams.length > 0 ? [paragraph(book.teamsYouObserve(coverage.teams.map(team).join(', ')))] : []),
        ...guides,
        paragraph(book.rateEach),
        ...(scenario.metrics.length > 0 && !coverage ? [heading(1, book.metrics), bullets(scenario.metrics.map((m) => book.metricTarget(m.title, metricTarget(m, language))))] : []),
      ],
      { label: book.label, contents: true },
    ),
  );
}

/** The observer briefing: the plan, the teams, the objectives, the wall display and the observer's rules. */
export function observerBriefing(input: BriefingInput): Promise<Buffer> {
  const { scenario } = input.record;
  const { language } = input;
  const words = BRIEFING_WORDS[language];
  const settings = exerciseSettings(input.record);
  return renderPdf(
    document(input, words.observer.subtitle, [
      heading(1, words.theExercise),
      ...exerciseFacts(settings, scenario, language),
      heading(1, words.teamsAndAgencies),
      teamsWithAgencies(input, scenario.teams),
      ...objectives(scenario, language),
      heading(1, words.observer.asObserver),
      bullets(words.observer.rules(`${input.baseUrl}/display`)),
    ]),
  );
}

/** Branch points in words: the state by name, teams by name, reports by label, injects by number. */
function describeBranches(scenario: ScenarioDocument, titles: ReadonlyMap<string, string>, state: ScenarioState, name: string, language: DocumentLanguage, into: string[]): void {
  const words = BRIEFING_WORDS[language].branch;
  const target = (t: string | undefined) => (t ? words.goesTo(statePathTitle(titles, t)) : words.stays);
  const releases = (effects: { release?: string }[]) => {
    const numbers = effects.flatMap((e) => ('release' in e && e.release ? [scenario.injects.find((i) => i.id === e.release)?.number] : [])).filter((n) => n !== undefined);
    return numbers.length > 0 ? words.releases(numbers.map((n) => `#${n}`).join(', ')) : '';
  };
  for (const d of state.decisions ?? []) into.push(words.decision(name, d.label, `${target(d.target)}${releases(d.effects as { release?: string }[])}`));
  for (const a of state.on ?? []) {
    if (!a.target && a.effects.length === 0) continue;
    const label = scenario.actions.find((x) => x.id === a.action)?.label ?? words.aReport;
    const who = a.team ? teamName(scenario, a.team, language) : words.aTeam;
    into.push(words.report(name, who, label, Boolean(a.when), `${target(a.target)}${releases(a.effects as { release?: string }[])}`));
  }
  for (const t of state.after ?? []) {
    if (!t.when && !t.target) continue;
    into.push(words.after(name, t.minutes, Boolean(t.when), `${target(t.target)}${releases(t.effects as { release?: string }[])}`));
  }
  for (const [key, child] of Object.entries(state.states ?? {})) describeBranches(scenario, titles, child, stateTitle(child, key), language, into);
}

function objectives(scenario: ScenarioDocument, language: DocumentLanguage): Block[] {
  if (scenario.objectives.length === 0) return [];
  return [heading(1, BRIEFING_WORDS[language].objectives), bullets(scenario.objectives.map((o) => o.title))];
}

/** A scenario metric's target in words: "15 minutes", "yes", "at least 3", "every team by T+30". */
function metricTarget(metric: Metric, language: DocumentLanguage): string {
  const { target } = BRIEFING_WORDS[language].handbook;
  const words = DOCUMENT_WORDS[language];
  switch (metric.kind) {
    case 'duration':
      return target.duration(`${formatNumber(metric.target, language)} ${words.unit[metric.unit]}`);
    case 'yes-no':
      return metric.expected ? words.yes : words.no;
    case 'count':
      return [metric.atLeast !== undefined ? target.atLeast(metric.atLeast) : '', metric.atMost !== undefined ? target.atMost(metric.atMost) : ''].filter(Boolean).join(target.and);
    case 'every-team':
      return target.everyTeamBy(typeof metric.by === 'number' ? `T+${metric.by}` : metric.by);
    default: {
      const exhaustive: never = metric;
      return exhaustive;
    }
  }
}
