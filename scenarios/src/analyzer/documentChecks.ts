import type { ActionField, Condition, ParticipantAction, ScenarioDocument, ScenarioState } from '@startex/shared';
import { jsonPath, type Problem } from './Problem.ts';

type Path = (string | number)[];
type Metric = ScenarioDocument['metrics'][number];
/** A metric from one event to another (the kind these rules read). */
type DurationMetric = Extract<Metric, { from: unknown }>;
type MetricEvent = DurationMetric['from'];

/**
 * Rules that read the document alone and find what can never work as written: action fields no
 * value can satisfy (or with settings their type ignores), choice options and decisions written
 * twice, conditions on a choice value the field does not offer, and metrics that can never
 * measure anything.
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

/** Which settings each field type reads; the others do nothing and betray a different intent. */
const SETTINGS: Record<ActionField['type'], readonly ('options' | 'min' | 'max' | 'maxLength')[]> = {
  text: ['maxLength'],
  number: ['min', 'max'],
  choice: ['options'],
  boolean: [],
  'multi-choice': ['options', 'min', 'max'],
  team: ['options'],
  time: [],
};

function fieldProblems(action: ParticipantAction, field: ActionField, path: Path, error: Report): void {
  const name = `Field "${field.name}" of action "${action.id}"`;
  if (field.min !== undefined && field.max !== undefined && field.min > field.max && field.type === 'number') {
    error('impossible-field', [...path, 'min'], `${name} has min ${field.min} above max ${field.max}, so no value can be entered${field.required ? ' and the action can never be taken' : ''}; make min at most max.`);
  }
  for (const setting of ['options', 'min', 'max', 'maxLength'] as const) {
    if (field[setting] === undefined || SETTINGS[field.type].includes(setting)) continue;
    const fits = setting === 'options' ? 'choice' : setting === 'maxLength' ? 'text' : 'number';
    error(
      'ignored-field-setting',
      [...path, setting],
      `${name} is of type ${field.type}, which ignores "${setting}" (only ${fits} fields use it), so players could enter values you meant to rule out; change the type to ${fits}, or remove "${setting}".`,
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
}

/** Every condition of the document with the action whose fields it reads (none for timers). */
function conditionProblems(document: ScenarioDocument, error: Report): void {
  const actions = new Map(document.actions.map((a) => [a.id, a]));
  const walk = (state: ScenarioState, path: Path) => {
    state.on?.forEach((t, i) => {
      const action = actions.get(t.action);
      if (action && t.when) fieldConditions(action, t.when, [...path, 'on', i, 'when'], error);
    });
    for (const [key, child] of Object.entries(state.states ?? {})) walk(child, [...path, 'states', key]);
  };
  walk(document.machine, ['machine']);
}

/** A comparison with a choice value the field does not offer is never true. */
function fieldConditions(action: ParticipantAction, condition: Condition, path: Path, error: Report): void {
  if ('all' in condition) condition.all.forEach((c, i) => fieldConditions(action, c, [...path, 'all', i], error));
  else if ('any' in condition) condition.any.forEach((c, i) => fieldConditions(action, c, [...path, 'any', i], error));
  else if ('not' in condition) fieldConditions(action, condition.not, [...path, 'not'], error);
  else if ('field' in condition && condition.equals !== undefined) {
    const field = action.fields.find((f) => f.name === condition.field);
    if (field?.type !== 'choice') return;
    if (typeof condition.equals === 'string' && (field.options ?? []).includes(condition.equals)) return;
    const close = (field.options ?? []).find((o) => o.toLowerCase() === String(condition.equals).toLowerCase());
    error(
      'impossible-condition',
      [...path, 'equals'],
      `Field "${field.name}" of action "${action.id}" offers no option ${JSON.stringify(condition.equals)}, so this comparison is never true.${close ? ` Did you mean "${close}"?` : ''} Use one of: ${(field.options ?? []).join(', ')}.`,
    );
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

/** The teams an event can concern for a per-team metric; undefined when it is exercise-wide. */
function teamsOf(document: ScenarioDocument, event: MetricEvent): string[] | undefined {
  if (event.on === 'inject.acknowledged') return document.injects.find((i) => i.id === event.inject)?.to;
  if (event.on === 'action.taken') return document.actions.find((a) => a.id === event.action)?.teams;
  return undefined;
}

function metricProblems(document: ScenarioDocument, metric: Metric, path: Path, error: Report): void {
  if (!('from' in metric)) return;
  const name = `Metric "${metric.id}"`;
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
