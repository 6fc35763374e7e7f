import type { Condition, FieldValue, ParticipantAction, ScenarioDocument } from '@startex/shared';
import { evaluateCondition } from './evaluateCondition.ts';
import type { RunInput } from './ScenarioRun.ts';
import { statesByKey } from './statesByKey.ts';
import { validateActionFields } from './validateAction.ts';

type FieldCondition = Extract<Condition, { field: string }>;
export type ActionInput = Extract<RunInput, { type: 'action' }>;
export type AcknowledgementInput = Extract<RunInput, { type: 'acknowledgement' }>;

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

const MINUTES_IN_DAY = 1440;
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Every subset of `items` (at most 2^6 of them: past six, each alone and all together). */
function subsets<T>(items: T[]): T[][] {
  if (items.length > 6) return [[], ...items.map((i) => [i]), items];
  return items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]);
}

/**
 * One value from every class of values the guards can tell apart. A guard compares a number or a
 * time of day with `equals`, `atLeast` and `atMost` only, so the thresholds, the midpoints between
 * them and one value beyond each end meet every outcome; a multi-choice field is tested with
 * `includes`, so each combination of the options named; other types are few enough to try them
 * all. `undefined` stands for an optional field left empty.
 */
function valueClasses(field: ParticipantAction['fields'][number], leaves: FieldCondition[]): (FieldValue | undefined)[] {
  const values: (FieldValue | undefined)[] = field.required ? [] : [undefined];
  const equals = leaves.flatMap((l) => (l.equals === undefined ? [] : [l.equals]));
  switch (field.type) {
    case 'boolean':
      return [...values, true, false];
    case 'choice':
    case 'team':
      return [...values, ...(field.options ?? [])];
    case 'multi-choice': {
      const options = field.options ?? [];
      const named = [...new Set(leaves.flatMap((l) => (l.includes === undefined ? [] : [l.includes])))].filter((o) => options.includes(o));
      const others = options.filter((o) => !named.includes(o));
      return [
        ...values,
        ...subsets(named).map((picked) => [...picked, ...others.slice(0, Math.max(0, (field.min ?? 1) - picked.length))]),
      ];
    }
    case 'time': {
      const bounds = [...equals, ...leaves.flatMap((l) => [l.atLeast, l.atMost])].filter((v): v is string => typeof v === 'string' && /^\d\d:\d\d$/.test(v));
      const marks = [...new Set([0, MINUTES_IN_DAY - 1, ...bounds.map(minutesOf)])].sort((a, b) => a - b);
      const between = marks.slice(1).map((m, i) => Math.floor((m + marks[i]!) / 2));
      return [...values, ...[...new Set([...marks, ...between])].map(clock)];
    }
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
  const transitions = [
    ...[...statesByKey(document).values()].flatMap((s) => (s.on ?? []).filter((t) => t.action === action.id)),
    ...document.reactions.flatMap((r) => ('action' in r && r.action === action.id ? [r] : [])),
  ];
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

/**
 * The acknowledgements worth trying for an inject: by each team a reaction names, plus one other
 * team it was sent to (teams alike in everything else play on alike).
 */
export function acknowledgementInputs(document: ScenarioDocument, injectId: string): AcknowledgementInput[] {
  const to = document.injects.find((i) => i.id === injectId)?.to ?? [];
  const named = new Set(document.reactions.flatMap((r) => ('acknowledged' in r && r.acknowledged === injectId && r.team && to.includes(r.team) ? [r.team] : [])));
  const other = to.find((team) => !named.has(team));
  return [...named, ...(other ? [other] : [])].map((teamId) => ({ type: 'acknowledgement' as const, teamId, injectId }));
}
