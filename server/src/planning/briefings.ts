import { formatScenarioTime, metricTarget, type ExerciseSettings, type ScenarioDocument, type ScenarioState } from '@startex/shared';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';
import type { AgencyRecord, PersonRecord } from '../store/PlanningStore.ts';
import { bullets, facts, heading, newPdf, paragraph, pdfBytes, type Pdf } from '../documents/pdf.ts';
import { exerciseSettings } from './settings.ts';

/** What every briefing draws on: the pinned scenario and the plan. */
export interface BriefingInput {
  record: ExerciseRecord;
  agencies: AgencyRecord[];
  mapping: Record<string, string>;
  people: PersonRecord[];
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

function exerciseFacts(doc: Pdf, settings: ExerciseSettings, scenario: ScenarioDocument): void {
  facts(doc, [
    ['Date', settings.date],
    ['StartEx', settings.startTime ? `${settings.startTime} (${settings.timeZone})` : undefined],
    ['Scenario time at StartEx', formatScenarioTime(settings.scenarioStartMs).slice(0, -3)],
    ['Exercise type', TYPE_NAMES[settings.exerciseType]],
    ['Location', settings.locations.join('; ') || undefined],
    ['Language', settings.language === 'lt' ? 'Lithuanian' : 'English'],
    ['Expected duration', `${scenario.expectedDurationMinutes} scenario minutes`],
  ]);
}

const agencyOf = (input: BriefingInput, teamId: string, fallback: string) => {
  const agency = input.agencies.find((a) => a.id === input.mapping[teamId]);
  return agency ? `${agency.name} (${agency.type})` : fallback;
};

/**
 * A team's player briefing: the plan, its own team and agency, the objectives, the other teams and
 * how to use the tablet. Nothing controllers alone know: no scenario summary (it names branches),
 * no MSEL, no inject text, no expected actions, no branches, no other team's roster.
 */
export function playerBriefing(input: BriefingInput, teamId: string): Promise<Buffer> {
  const { record } = input;
  const { scenario } = record;
  const settings = exerciseSettings(record);
  const team = scenario.teams.find((t) => t.id === teamId)!;
  const doc = newPdf(`${settings.title}: player briefing, ${team.name}`);
  doc.font('bold').fontSize(18).text(settings.title).fontSize(13).text(`Player briefing: ${team.name}`).font('body').fontSize(10.5);
  heading(doc, 'The exercise', 13);
  exerciseFacts(doc, settings, scenario);
  heading(doc, 'Your team', 13);
  facts(doc, [
    ['Team', team.name],
    ['Agency', agencyOf(input, team.id, team.agency)],
  ]);
  const members = input.people.filter((p) => p.role === 'participant' && p.teamId === team.id);
  if (members.length > 0) bullets(doc, members.map((p) => p.name));
  const actions = scenario.actions.filter((a) => a.teams.includes(team.id));
  if (actions.length > 0) {
    paragraph(doc, 'Reports your team can send from the tablet:');
    bullets(doc, actions.map((a) => a.label));
  }
  heading(doc, 'Other teams in play', 13);
  bullets(doc, scenario.teams.filter((t) => t.id !== team.id).map((t) => `${t.name}: ${agencyOf(input, t.id, t.agency)}`));
  objectives(doc, scenario);
  heading(doc, 'Using the tablet', 13);
  bullets(doc, [
    'Scan your team\'s QR code from the join-code sheet, or open the link on it and type the code.',
    'Messages (injects) arrive on the tablet: read each one and press Acknowledge when your team has it.',
    'Report what your team does with the report buttons; the tablet keeps working offline and sends when the network is back.',
    'Before StartEx a communications check arrives: acknowledge it so exercise control knows your tablet works.',
  ]);
  heading(doc, 'Conduct', 13);
  bullets(doc, [
    'Play as you would on a real day, within your agency\'s procedures and the law.',
    'Say "REAL WORLD" for any real emergency: exercise control stops play at once.',
    'Do not contact other teams or outside organisations except through the tablet or as exercise control says.',
  ]);
  return pdfBytes(doc);
}

/**
 * The controller/evaluator handbook: everything, MSEL with times, channels, recipients and expected
 * actions, the branches and contingencies, and evaluation guides (an evaluator: only what they cover).
 */
export function handbook(input: BriefingInput, coverage?: { objectives: string[]; teams: string[] }): Promise<Buffer> {
  const { record } = input;
  const { scenario } = record;
  const settings = exerciseSettings(record);
  const doc = newPdf(`${settings.title}: controller and evaluator handbook`);
  doc.font('bold').fontSize(18).text(settings.title).fontSize(13).text('Controller and evaluator handbook: CONTROL STAFF ONLY').font('body').fontSize(10.5);
  heading(doc, 'The exercise', 13);
  exerciseFacts(doc, settings, scenario);
  facts(doc, [['Scenario', `${scenario.title} (${scenario.id}, version ${scenario.version})`], ['Speed', `×${settings.speed}`]]);
  paragraph(doc, scenario.summary);
  heading(doc, 'Teams and agencies', 13);
  bullets(doc, scenario.teams.map((t) => `${t.name} [${t.id}]: ${agencyOf(input, t.id, t.agency)}`));
  if (scenario.simulatedOrganisations.length > 0) {
    heading(doc, 'SimCell: organisations control plays', 13);
    bullets(doc, scenario.simulatedOrganisations.map((o) => o.name));
  }
  heading(doc, 'Master Scenario Events List (MSEL)', 13);
  const teamName = (id: string) => scenario.teams.find((t) => t.id === id)?.name ?? id;
  for (const inject of [...scenario.injects].sort((a, b) => a.number - b.number)) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.font('bold').fontSize(11).text(`#${inject.number} ${inject.subject}`);
    facts(doc, [
      ['Scenario time', inject.scenarioTime],
      ['Kind', inject.kind],
      ['Channel', inject.channel],
      ['From', inject.from],
      ['To', inject.to.map(teamName).join(', ')],
    ]);
    paragraph(doc, plainText(inject.body));
    if (inject.expectedActions.length > 0) {
      doc.font('bold').text('Expected actions:');
      bullets(doc, inject.expectedActions);
    }
  }
  heading(doc, 'Branches and contingencies', 13);
  const branches: string[] = [];
  describeBranches(scenario, scenario.machine, 'start', branches);
  bullets(doc, branches.length > 0 ? branches : ['The scenario has no branches.']);
  const contingencies = scenario.injects.filter((i) => i.kind !== 'standard');
  if (contingencies.length > 0) {
    paragraph(doc, 'Contingency and adaptive injects:');
    bullets(doc, contingencies.map((i) => `#${i.number} ${i.subject} (${i.kind})`));
  }
  const objectives = coverage ? scenario.objectives.filter((o) => coverage.objectives.includes(o.id)) : scenario.objectives;
  heading(doc, coverage ? 'Evaluation guide: your objectives' : 'Evaluation guides', 13);
  if (coverage && coverage.teams.length > 0) paragraph(doc, `Teams you observe: ${coverage.teams.map(teamName).join(', ')}`);
  if (objectives.length === 0) paragraph(doc, 'No objectives are assigned to you: ask the exercise director.');
  for (const objective of objectives) {
    doc.font('bold').fontSize(11).text(objective.title).font('body').fontSize(10.5);
    for (const target of objective.capabilityTargets) {
      doc.text(`Capability target: ${target.title}`, { indent: 12 });
      bullets(doc, target.criticalTasks.map((t) => `Critical task: ${t.title}`), 24);
    }
  }
  paragraph(doc, 'Rate each capability target P (performed without challenges), S (some challenges), M (major challenges) or U (unable to be performed).');
  if (scenario.metrics.length > 0 && !coverage) {
    heading(doc, 'Metrics', 13);
    bullets(doc, scenario.metrics.map((m) => `${m.title}: target ${metricTarget(m)}`));
  }
  return pdfBytes(doc);
}

/** The observer briefing: the plan, the scenario in outline, the teams, the objectives and the observer's rules. */
export function observerBriefing(input: BriefingInput): Promise<Buffer> {
  const { record } = input;
  const { scenario } = record;
  const settings = exerciseSettings(record);
  const doc = newPdf(`${settings.title}: observer briefing`);
  doc.font('bold').fontSize(18).text(settings.title).fontSize(13).text('Observer briefing').font('body').fontSize(10.5);
  heading(doc, 'The exercise', 13);
  exerciseFacts(doc, settings, scenario);
  heading(doc, 'Teams and agencies', 13);
  bullets(doc, scenario.teams.map((t) => `${t.name}: ${agencyOf(input, t.id, t.agency)}`));
  objectives(doc, scenario);
  heading(doc, 'As an observer', 13);
  bullets(doc, [
    'Watch, do not take part: do not speak to players or give hints during play.',
    'Follow play on the wall display or the observer view; the evaluators\' notes are not shown there.',
    'Say "REAL WORLD" for any real emergency: exercise control stops play at once.',
    'Bring remarks to the hot wash and the debrief after EndEx.',
  ]);
  return pdfBytes(doc);
}

/** Inject bodies are Markdown; print them without emphasis and code marks. */
const plainText = (markdown: string) => markdown.replace(/\*\*|__|`/g, '').replace(/(^|\s)\*(\S[^*]*)\*/g, '$1$2');

function describeBranches(scenario: ScenarioDocument, state: ScenarioState, path: string, into: string[]): void {
  const target = (t: string | undefined) => (t ? `goes to "${t}"` : 'stays');
  const releases = (effects: { release?: string }[]) => {
    const injects = effects.flatMap((e) => ('release' in e && e.release ? [e.release] : []));
    return injects.length > 0 ? `, releases ${injects.map((id) => `#${scenario.injects.find((i) => i.id === id)?.number ?? id}`).join(', ')}` : '';
  };
  for (const d of state.decisions ?? []) into.push(`In "${path}", control may decide "${d.label}": ${target(d.target)}${releases(d.effects as { release?: string }[])}`);
  for (const a of state.on ?? []) {
    if (!a.target && a.effects.length === 0) continue;
    into.push(`In "${path}", when ${a.team ?? 'a team'} reports "${scenario.actions.find((x) => x.id === a.action)?.label ?? a.action}"${a.when ? ' (with a condition)' : ''}: ${target(a.target)}${releases(a.effects as { release?: string }[])}`);
  }
  for (const t of state.after ?? []) {
    if (!t.when && !t.target) continue;
    into.push(`In "${path}", after ${t.minutes} min${t.when ? ' if the condition holds' : ''}: ${target(t.target)}${releases(t.effects as { release?: string }[])}`);
  }
  for (const [name, child] of Object.entries(state.states ?? {})) describeBranches(scenario, child, name, into);
}

function objectives(doc: Pdf, scenario: ScenarioDocument): void {
  if (scenario.objectives.length === 0) return;
  heading(doc, 'Exercise objectives', 13);
  bullets(doc, scenario.objectives.map((o) => o.title));
}
