import type { Condition, ParticipantAction, ScenarioDocument } from '@startex/shared';
import { evaluateCondition } from './compileScenario.ts';
import type { RunInput } from './ScenarioRun.ts';
import { statesByKey } from './statesByKey.ts';
import { validateActionFields } from './validateAction.ts';

type FieldValue = string | number | boolean;
type FieldCondition = Extract<Condition, { field: string }>;
export type ActionInput = Extract<RunInput, { type: 'action' }>;

/** Above this many field combinations, fields are varied one at a time instead. */
const MAX_COMBINATIONS = 512;
const NO_CONTEXT = { flags: {}, counters: {} };

function fieldLeaves(condition: Condition | undefined, out: FieldCondition[]): FieldCondition[] {
  if (!condition) return out;
  if ('all' in condition) condition.all.forEach((c) => fieldLeaves(c, out));
  else if ('any' in condition) condition.any.forEach((c) => fieldLeaves(c, out));
  else if ('not' in condition) fieldLeaves(condition.not, out);
  else if ('field' in condition) out.push(condition);
  return out;
}

/**
 * One value from every class of values the guards can tell apart. A guard compares a number
 * with `equals`, `atLeast` and `atMost` only, so the thresholds, the midpoints between them and
 * one value beyond each end meet every outcome; other types are few enough to try them all.
 * `undefined` stands for an optional field left empty.
 */
function valueClasses(field: ParticipantAction['fields'][number], leaves: FieldCondition[]): (FieldValue | undefined)[] {
  const values: (FieldValue | undefined)[] = field.required ? [] : [undefined];
  const equals = leaves.flatMap((l) => (l.equals === undefined ? [] : [l.equals]));
  switch (field.type) {
    case 'boolean':
      return [...values, true, false];
    case 'choice':
      return [...values, ...(field.options ?? [])];
    case 'text': {
      const texts = equals.filter((v): v is string => typeof v === 'string');
      let other = 'x';
      while (texts.includes(other)) other += 'x';
      return [...values, ...texts, other];
    }
    case 'number': {
      const thresholds = [0, field.min, field.max, ...equals, ...leaves.flatMap((l) => [l.atLeast, l.atMost])]
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
        .sort((a, b) => a - b)
        .filter((v, i, all) => i === 0 || v !== all[i - 1]);
      const between = thresholds.slice(1).map((v, i) => (v + thresholds[i]!) / 2);
      return [...values, thresholds[0]! - 1, ...thresholds, ...between, thresholds.at(-1)! + 1];
    }
    default: {
      const exhaustive: never = field.type;
      return exhaustive;
    }
  }
}

/** Every combination of the given per-field choices, or one field at a time when there are too many. */
function combine(base: Record<string, FieldValue | undefined>, choices: [string, (FieldValue | undefined)[]][]) {
  const total = choices.reduce((n, [, values]) => n * values.length, 1);
  if (total > MAX_COMBINATIONS) {
    return [base, ...choices.flatMap(([name, values]) => values.map((value) => ({ ...base, [name]: value })))];
  }
  return choices.reduce<Record<string, FieldValue | undefined>[]>(
    (acc, [name, values]) => acc.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value }))),
    [base],
  );
}

const defined = (fields: Record<string, FieldValue | undefined>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, FieldValue>;

/**
 * The inputs that can make a difference for one action: for each team a transition tells apart
 * (plus one other allowed team), one set of field values per distinct outcome of the guards'
 * field conditions. Only values the server would accept (validateActionFields) are kept, so a
 * guard that needs an out-of-range value can never fire here either.
 */
function inputsForAction(document: ScenarioDocument, action: ParticipantAction): ActionInput[] {
  const transitions = [...statesByKey(document).values()].flatMap((s) => (s.on ?? []).filter((t) => t.action === action.id));
  const leaves = transitions.flatMap((t) => fieldLeaves(t.when, []));
  const named = new Set(transitions.flatMap((t) => (t.team && action.teams.includes(t.team) ? [t.team] : [])));
  const other = action.teams.find((team) => !named.has(team));
  const teams = [...named, ...(other ? [other] : [])];

  const referenced = new Set(leaves.map((l) => l.field));
  const base: Record<string, FieldValue | undefined> = {};
  const choices: [string, (FieldValue | undefined)[]][] = [];
  for (const field of action.fields) {
    const classes = valueClasses(field, leaves.filter((l) => l.field === field.name));
    const valid = classes.filter((value) => !validateActionFields({ ...action, fields: [field] }, value === undefined ? {} : { [field.name]: value }));
    if (referenced.has(field.name)) choices.push([field.name, valid]);
    else base[field.name] = field.required ? valid[0] : undefined;
  }
  const outcomes = new Map<string, Record<string, FieldValue>>();
  for (const candidate of combine(base, choices)) {
    const fields = defined(candidate);
    if (validateActionFields(action, fields)) continue;
    const event = { type: `action.${action.id}`, fields };
    const outcome = leaves.map((leaf) => (evaluateCondition(leaf, NO_CONTEXT, event) ? 1 : 0)).join('');
    if (!outcomes.has(outcome)) outcomes.set(outcome, fields);
  }
  return teams.flatMap((teamId) => [...outcomes.values()].map((fields) => ({ type: 'action' as const, teamId, actionId: action.id, fields })));
}

const cache = new WeakMap<ScenarioDocument, Map<string, ActionInput[]>>();

/** The inputs worth trying for an action (see inputsForAction), computed once per document. */
export function actionInputs(document: ScenarioDocument, actionId: string): ActionInput[] {
  let byAction = cache.get(document);
  if (!byAction) cache.set(document, (byAction = new Map()));
  let inputs = byAction.get(actionId);
  if (!inputs) {
    const action = document.actions.find((a) => a.id === actionId);
    inputs = action ? inputsForAction(document, action) : [];
    byAction.set(actionId, inputs);
  }
  return inputs;
}
