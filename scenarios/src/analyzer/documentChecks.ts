import {
  parseScenarioClockTime,
  timelineMinutes,
  type ActionField,
  type Condition,
  type Fact,
  type Metric,
  type MetricEvent,
  type ParticipantAction,
  type ScenarioDocument,
  type ScenarioState,
  type TeamRef,
} from '@startex/shared';
import { resolveTeams } from '../timeline/resolveTeams.ts';
import { jsonPath, type Problem } from './Problem.ts';

type Path = (string | number)[];

/**
 * Rules that read the document alone, as written (timeline rows included), and find what can never
 * work: action fields no value can satisfy (or with settings their type ignores), choice options
 * and decisions written twice, conditions on a choice value the field does not offer, and metrics
 * that can never measure anything.
 */
export function documentChecks(document: ScenarioDocument): Problem[] {
  const problems: Problem[] = [];
  const error = (rule: string, path: Path, message: string) => problems.push({ severity: 'error', rule, path: jsonPath(path), message });
  document.actions.forEach((action, i) => action.fields.forEach((field, f) => fieldProblems(action, field, ['actions', i, 'fields', f], error)));
  decisionProblems(document, error);
  conditionProblems(document, error);
  document.metrics.forEach((metric, i) => metricProblems(document, metric, ['metrics', i], error));
  return problems;
}

type Report = (rule: string, path: Path, message: string) => void;

type Setting = 'options' | 'min' | 'max' | 'maxLength';

/** Which settings each field type reads (validateAction.ts); the others do nothing and betray a different intent. */
const SETTINGS: Record<ActionField['type'], readonly Setting[]> = {
  text: ['maxLength'],
  number: ['min', 'max'],
  choice: ['options'],
  boolean: [],
  'multi-choice': ['options', 'min', 'max'],
  team: ['options'],
  time: [],
};

/** "choice, multi-choice and team": the field types that read a setting. */
function typesReading(setting: Setting): string {
  const types = Object.entries(SETTINGS).flatMap(([type, settings]) => (settings.includes(setting) ? [type] : []));
  return types.length > 1 ? `${types.slice(0, -1).join(', ')} and ${types.at(-1)}` : types[0]!;
}

function fieldProblems(action: ParticipantAction, field: ActionField, path: Path, error: Report): void {
  const name = `Field "${field.name}" of action "${action.id}"`;
  const never = field.required ? ' and the action can never be taken' : '';
  if (field.min !== undefined && field.max !== undefined && field.min > field.max && (field.type === 'number' || field.type === 'multi-choice')) {
    const what = field.type === 'number' ? 'no value can be entered' : 'no number of options can be picked';
    error('impossible-field', [...path, 'min'], `${name} has min ${field.min} above max ${field.max}, so ${what}${never}; make min at most max.`);
  }
  const offered = new Set(field.options ?? []).size;
  if (field.type === 'multi-choice' && field.min !== undefined && field.options && field.min > offered) {
    error('impossible-field', [...path, 'min'], `${name} needs at least ${field.min} options picked but offers only ${offered}, so ${field.required ? 'the action can never be taken' : 'it can only be left empty'}; lower min, or add options.`);
  }
  for (const setting of ['options', 'min', 'max', 'maxLength'] as const) {
    if (field[setting] === undefined || SETTINGS[field.type].includes(setting)) continue;
    const fits = setting === 'options' ? 'choice' : setting === 'maxLength' ? 'text' : 'number';
    error(
      'ignored-field-setting',
      [...path, setting],
      `${name} is of type ${field.type}, which ignores "${setting}" (only ${typesReading(setting)} fields use it), so players could enter values you meant to rule out; change the type to ${fits}, or remove "${setting}".`,
    );
  }
  const seen = new Set<string>();
  field.options?.forEach((option, o) => {
    if (seen.has(option)) error('duplicate-option', [...path, 'options', o], `${name} offers "${option}" twice, so the tablet would show it twice; remove one.`);
    seen.add(option);
  });
}

interface Offer {
  decision: string;
  label: string;
  path: Path;
  /** The offering state and its ancestors, innermost first, each with whether it is parallel. */
  lineage: { key: string; parallel: boolean }[];
}

/** Two states are active together when one contains the other or they sit in different regions of one parallel state. */
function activeTogether(a: Offer, b: Offer): boolean {
  const ancestorsOfB = new Map(b.lineage.map((s, depth) => [s.key, depth]));
  const common = a.lineage.find((s) => ancestorsOfB.has(s.key));
  if (!common) return false;
  return common.key === a.lineage[0]!.key || common.key === b.lineage[0]!.key || common.parallel;
}

/**
 * A decision id is what the console sends: offered twice in states that are active together,
 * the console shows two buttons and one press takes both (or only the inner one).
 */
function decisionProblems(document: ScenarioDocument, error: Report): void {
  const offers: Offer[] = [];
  const walk = (key: string, state: ScenarioState, path: Path, lineage: Offer['lineage']) => {
    const own = [{ key, parallel: state.type === 'parallel' }, ...lineage];
    state.decisions?.forEach((d, i) => offers.push({ decision: d.decision, label: d.label, path: [...path, 'decisions', i, 'decision'], lineage: own }));
    for (const [childKey, child] of Object.entries(state.states ?? {})) walk(childKey, child, [...path, 'states', childKey], own);
  };
  walk(document.id, document.machine, ['machine'], []);
  offers.forEach((offer, i) => {
    const earlier = offers.slice(0, i).find((other) => other.decision === offer.decision && activeTogether(other, offer));
    if (earlier) {
      error(
        'duplicate-id',
        offer.path,
        `Decision "${offer.decision}" is also offered at ${jsonPath(earlier.path)} by a state active at the same time, so the console would show it twice and one press would answer both; give each decision its own id.`,
      );
    }
  });
  rowDecisionProblems(document, new Set(offers.map((o) => o.decision)), error);
}

/**
 * Decisions declared on timeline rows: conditions name a decision by its id, and the console sends
 * the option picked, while the rows' storylines run beside every state of the machine. So decision
 * ids are unique among the rows, and option ids across the document (a machine's decisions too).
 */
function rowDecisionProblems(document: ScenarioDocument, machineDecisions: ReadonlySet<string>, error: Report): void {
  const decisions = new Map<string, Path>();
  const options = new Map<string, Path>();
  document.timeline.forEach((row, i) => {
    if (!row.decision) return;
    const path: Path = ['timeline', i, 'decision'];
    const { id } = row.decision;
    const earlier = decisions.get(id);
    if (earlier) error('duplicate-id', [...path, 'id'], `Decision "${id}" is also declared at ${jsonPath(earlier)}, so a condition that names it could mean either; give each decision its own id.`);
    else if (machineDecisions.has(id)) error('duplicate-id', [...path, 'id'], `Decision "${id}" is also a decision of the machine, so a condition that names it could mean either; rename one.`);
    else decisions.set(id, [...path, 'id']);
    row.decision.options.forEach((option, o) => {
      const at: Path = [...path, 'options', o, 'id'];
      const first = options.get(option.id);
      if (first) error('duplicate-id', at, `Decision option "${option.id}" is also at ${jsonPath(first)}; the console sends the option picked, so give each option its own id.`);
      else if (machineDecisions.has(option.id)) error('duplicate-id', at, `Decision option "${option.id}" is also a decision of the machine, so the console would send the same id for both; rename one.`);
      else options.set(option.id, at);
    });
  });
}

/** Every condition of the document with the action whose fields it reads (none for timers). */
function conditionProblems(document: ScenarioDocument, error: Report): void {
  const actions = new Map(document.actions.map((a) => [a.id, a]));
  const teams = document.teams.map((t) => t.id);
  const walk = (state: ScenarioState, path: Path) => {
    state.on?.forEach((t, i) => {
      const action = actions.get(t.action);
      if (action && t.when) fieldConditions(action, teams, t.when, [...path, 'on', i, 'when'], error);
    });
    for (const [key, child] of Object.entries(state.states ?? {})) walk(child, [...path, 'states', key]);
  };
  walk(document.machine, ['machine']);
  document.reactions.forEach((reaction, i) => {
    const action = 'action' in reaction ? actions.get(reaction.action) : undefined;
    if (action && reaction.when) fieldConditions(action, teams, reaction.when, ['reactions', i, 'when'], error);
  });
}

/** A comparison with a value the field does not offer is never true (a team field offers every team unless the author chose). */
function fieldConditions(action: ParticipantAction, teams: readonly string[], condition: Condition, path: Path, error: Report): void {
  if ('all' in condition) condition.all.forEach((c, i) => fieldConditions(action, teams, c, [...path, 'all', i], error));
  else if ('any' in condition) condition.any.forEach((c, i) => fieldConditions(action, teams, c, [...path, 'any', i], error));
  else if ('not' in condition) fieldConditions(action, teams, condition.not, [...path, 'not'], error);
  else if ('field' in condition) {
    const field = action.fields.find((f) => f.name === condition.field);
    if (!field) return;
    const options = field.type === 'team' ? (field.options ?? teams) : (field.options ?? []);
    const notOffered = (value: unknown, key: 'equals' | 'includes') => {
      if (typeof value === 'string' && options.includes(value)) return;
      const close = options.find((o) => o.toLowerCase() === String(value).toLowerCase());
      error(
        'impossible-condition',
        [...path, key],
        `Field "${field.name}" of action "${action.id}" offers no option ${JSON.stringify(value)}, so this comparison is never true.${close ? ` Did you mean "${close}"?` : ''} Use one of: ${options.join(', ')}.`,
      );
    };
    if (field.type === 'multi-choice') {
      if (condition.equals !== undefined) {
        error('impossible-condition', [...path, 'equals'], `Field "${field.name}" of action "${action.id}" holds the options picked, a list that never equals one value; use "includes" instead of "equals".`);
      }
      if (condition.includes !== undefined) notOffered(condition.includes, 'includes');
    } else if ((field.type === 'choice' || field.type === 'team') && condition.equals !== undefined) notOffered(condition.equals, 'equals');
  }
}

const sameEvent = (a: MetricEvent, b: MetricEvent) => JSON.stringify(a) === JSON.stringify(b);

function describe(event: MetricEvent): string {
  switch (event.on) {
    case 'startex':
      return 'StartEx';
    case 'inject.released':
      return `the release of inject "${event.inject}"`;
    case 'inject.acknowledged':
      return `the acknowledgement of inject "${event.inject}"`;
    case 'action.taken':
      return `action "${event.action}"`;
    case 'milestone':
      return `milestone "${event.milestone}"`;
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

/** The teams an inject or timeline row is sent to (groups and `all` resolved); undefined when there is no such inject. */
function recipients(document: ScenarioDocument, injectId: string): string[] | undefined {
  const inject = document.injects.find((i) => i.id === injectId) ?? document.timeline.find((r) => r.id === injectId);
  return inject && resolveTeams(document, inject.to);
}

/** The teams that may take an action, only those of `by` when given; undefined when there is no such action. */
function actors(document: ScenarioDocument, actionId: string, by: TeamRef | undefined): string[] | undefined {
  const allowed = document.actions.find((a) => a.id === actionId)?.teams;
  if (!allowed || by === undefined) return allowed;
  return resolveTeams(document, by).filter((team) => allowed.includes(team));
}

/** The teams an event can concern for a per-team metric; undefined when it is exercise-wide. */
function teamsOf(document: ScenarioDocument, event: MetricEvent): string[] | undefined {
  if (event.on === 'inject.acknowledged') return recipients(document, event.inject);
  if (event.on === 'action.taken') return actors(document, event.action, event.by);
  return undefined;
}

function metricProblems(document: ScenarioDocument, metric: Metric, path: Path, error: Report): void {
  const name = `Metric "${metric.id}"`;
  switch (metric.kind) {
    case 'duration':
      return durationProblems(document, metric, name, path, error);
    case 'yes-no':
      return factProblems(document, metric.holds, name, [...path, 'holds'], error);
    case 'count':
      if (metric.atLeast !== undefined && metric.atMost !== undefined && metric.atLeast > metric.atMost) {
        error('metric-impossible', [...path, 'atMost'], `${name} wants at least ${metric.atLeast} and at most ${metric.atMost}, which no count is, so its target is never met; make atLeast at most atMost.`);
      }
      return;
    case 'every-team':
      if (timelineMinutes(metric.by, parseScenarioClockTime(document.scenarioStart)) === 0) {
        error('metric-impossible', [...path, 'by'], `${name} asks every team to act by StartEx, before anyone can act, so it is never met; give a later time such as "T+30".`);
      }
      return;
    default: {
      const exhaustive: never = metric;
      return exhaustive;
    }
  }
}

function durationProblems(document: ScenarioDocument, metric: Extract<Metric, { kind: 'duration' }>, name: string, path: Path, error: Report): void {
  const { from, to } = metric;
  if (sameEvent(from, to)) {
    error('metric-impossible', [...path, 'to'], `${name} measures from ${describe(from)} to the same event, so it is always 0; change "to" to the event that ends what you measure.`);
    return;
  }
  if (to.on === 'startex') {
    error('metric-impossible', [...path, 'to'], `${name} ends at StartEx, which comes before every other event, so it can never be positive; change "to" to a later event (and measure from StartEx if that is what you meant).`);
    return;
  }
  if (from.on === 'inject.acknowledged' && to.on === 'inject.released' && from.inject === to.inject) {
    error('metric-impossible', [...path, 'to'], `${name} ends at the release of inject "${to.inject}", which always comes before its acknowledgement, so the time is never positive; change the metric to measure from the release to the acknowledgement.`);
    return;
  }
  const fromTeams = teamsOf(document, from);
  const toTeams = teamsOf(document, to);
  if (metric.perTeam && fromTeams && toTeams && !fromTeams.some((team) => toTeams.includes(team))) {
    error(
      'metric-impossible',
      [...path, 'perTeam'],
      `${name} is per team, but no team is concerned by both ${describe(from)} (${fromTeams.join(', ')}) and ${describe(to)} (${toTeams.join(', ')}), so no team ever gets a value; make it perTeam: false, or measure events of the same team.`,
    );
  }
}

/**
 * What a yes/no metric asks that can never happen, so its answer is known before play: an
 * acknowledgement by teams the inject is not sent to, or something done before StartEx.
 */
function factProblems(document: ScenarioDocument, fact: Fact, name: string, path: Path, error: Report): void {
  if ('all' in fact) return fact.all.forEach((f, i) => factProblems(document, f, name, [...path, 'all', i], error));
  if ('any' in fact) return fact.any.forEach((f, i) => factProblems(document, f, name, [...path, 'any', i], error));
  if ('not' in fact) return factProblems(document, fact.not, name, [...path, 'not'], error);
  if (!('acknowledged' in fact) && !('action' in fact)) return;
  if (fact.before !== undefined && timelineMinutes(fact.before, parseScenarioClockTime(document.scenarioStart)) === 0) {
    error('metric-impossible', [...path, 'before'], `${name} asks for something done before StartEx, when nobody can act yet, so its answer never changes; give a later time such as "T+30".`);
  }
  if (!('acknowledged' in fact) || fact.by === undefined) return;
  const sentTo = recipients(document, fact.acknowledged);
  if (!sentTo) return;
  const by = resolveTeams(document, fact.by);
  const never = by.filter((team) => !sentTo.includes(team));
  if (fact.every ? never.length > 0 : never.length === by.length) {
    error(
      'metric-impossible',
      [...path, 'by'],
      `${name} asks whether ${never.join(', ')} acknowledged inject "${fact.acknowledged}", which is sent only to ${sentTo.join(', ')}, so ${never.length > 1 ? 'they' : 'it'} never can; change "by" to teams the inject is sent to, or add them to its "to".`,
    );
  }
}
