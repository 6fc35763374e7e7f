import type { Condition, Effect, ScenarioDocument, ScenarioState } from '@startex/shared';
import { compileScenario } from '../compileScenario.ts';
import { DEFAULT_MAX_POINTS, exploreScenario, type ExplorationBudget } from '../explore.ts';
import { checkResponses } from './checkResponses.ts';
import { lintTimeline } from './lintTimeline.ts';
import { parseScenarioText, parseScenarioValue, type ParseResult } from './parseScenario.ts';
import { hasErrors, jsonPath, type Problem } from './Problem.ts';

type Path = (string | number)[];

interface StateEntry {
  key: string;
  state: ScenarioState;
  path: Path;
  parent: StateEntry | undefined;
}

/** Every state with its document path and parent, depth first. */
function listStates(document: ScenarioDocument): StateEntry[] {
  const out: StateEntry[] = [];
  const walk = (key: string, state: ScenarioState, path: Path, parent: StateEntry | undefined) => {
    const entry = { key, state, path, parent };
    out.push(entry);
    for (const [childKey, child] of Object.entries(state.states ?? {})) walk(childKey, child, [...path, 'states', childKey], entry);
  };
  walk(document.id, document.machine, ['machine'], undefined);
  return out;
}

export function suggest(name: string, known: Iterable<string>): string {
  const options = [...known];
  const close = options.find((o) => o.includes(name) || name.includes(o) || levenshtein(o, name) <= 2);
  return close ? ` Did you mean "${close}"?` : options.length ? ` Use one of: ${options.slice(0, 8).join(', ')}.` : '';
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}

function conditionRefs(condition: Condition | undefined, out: { flags: string[]; counters: string[] }) {
  if (!condition) return;
  if ('all' in condition) condition.all.forEach((c) => conditionRefs(c, out));
  else if ('any' in condition) condition.any.forEach((c) => conditionRefs(c, out));
  else if ('not' in condition) conditionRefs(condition.not, out);
  else if ('flag' in condition) out.flags.push(condition.flag);
  else if ('counter' in condition) out.counters.push(condition.counter);
}

/**
 * How far the analyzer goes. `rules`: the schema, references and structure, everything that needs
 * no play explored (quick enough for every edit in the studio); `full`: then every path of play
 * explored. A document with an error is never explored, so when `rules` finds an error, `full`
 * finds the same problems.
 */
export type LintStage = 'rules' | 'full';

/** The semantic rules, for a document that already passed the schema (a timeline is checked, then expanded: lintTimeline.ts). */
export function lintDocument(document: ScenarioDocument, budget: ExplorationBudget = {}, stage: LintStage = 'full'): Problem[] {
  return lintTimeline(document, budget, stage, lintStatechart);
}

/** The rules of the statechart form. */
function lintStatechart(document: ScenarioDocument, budget: ExplorationBudget, stage: LintStage): Problem[] {
  const problems: Problem[] = [];
  const error = (rule: string, path: Path, message: string) => problems.push({ severity: 'error', rule, path: jsonPath(path), message });
  const warn = (rule: string, path: Path, message: string) => problems.push({ severity: 'warning', rule, path: jsonPath(path), message });

  // Duplicated ids, per kind.
  const unique = <T>(items: T[], idOf: (t: T) => string | number, path: (i: number) => Path, kind: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const id = idOf(item);
      if (seen.has(id)) error('duplicate-id', path(i), `${kind} "${id}" is defined twice (first at index ${seen.get(id)}); make each unique.`);
      else seen.set(id, i);
    });
  };
  unique(document.teams, (t) => t.id, (i) => ['teams', i, 'id'], 'Team');
  unique(document.simulatedOrganisations, (t) => t.id, (i) => ['simulatedOrganisations', i, 'id'], 'Simulated organisation');
  unique(document.injects, (t) => t.id, (i) => ['injects', i, 'id'], 'Inject');
  unique(document.injects, (t) => t.number, (i) => ['injects', i, 'number'], 'Inject number');
  unique(document.actions, (t) => t.id, (i) => ['actions', i, 'id'], 'Action');
  unique(document.metrics, (t) => t.id, (i) => ['metrics', i, 'id'], 'Metric');
  unique(document.objectives, (t) => t.id, (i) => ['objectives', i, 'id'], 'Objective');
  const tasks = document.objectives.flatMap((o, oi) =>
    o.capabilityTargets.flatMap((c, ci) => c.criticalTasks.map((t, ti) => ({ ...t, path: ['objectives', oi, 'capabilityTargets', ci, 'criticalTasks', ti] as Path }))),
  );
  unique(tasks, (t) => t.id, (i) => [...tasks[i]!.path, 'id'], 'Critical task');
  document.actions.forEach((a, ai) => unique(a.fields, (f) => f.name, (i) => ['actions', ai, 'fields', i, 'name'], `Field of "${a.id}"`));

  const states = listStates(document);
  const stateKeys = new Map<string, StateEntry>();
  for (const entry of states) {
    if (stateKeys.has(entry.key)) {
      error('duplicate-id', entry.path, `State "${entry.key}" also exists at ${jsonPath(stateKeys.get(entry.key)!.path)}; rename one: state keys are unique across the document because transitions target them by key.`);
    } else stateKeys.set(entry.key, entry);
  }

  // References.
  const teamIds = new Set(document.teams.map((t) => t.id));
  const injectIds = new Set(document.injects.map((i) => i.id));
  const actionById = new Map(document.actions.map((a) => [a.id, a]));
  const taskIds = new Set(tasks.map((t) => t.id));
  const ref = (ok: boolean, path: Path, kind: string, name: string, known: Iterable<string>) => {
    if (!ok) error('unknown-reference', path, `Unknown ${kind} "${name}".${suggest(name, known)} Check the spelling, or add a ${kind} with this id.`);
  };
  document.injects.forEach((inject, i) => {
    inject.to.forEach((t, ti) => ref(teamIds.has(t), ['injects', i, 'to', ti], 'team', t, teamIds));
    inject.criticalTasks.forEach((t, ti) => ref(taskIds.has(t), ['injects', i, 'criticalTasks', ti], 'critical task', t, taskIds));
  });
  document.actions.forEach((action, i) => {
    action.teams.forEach((t, ti) => ref(teamIds.has(t), ['actions', i, 'teams', ti], 'team', t, teamIds));
    action.criticalTasks.forEach((t, ti) => ref(taskIds.has(t), ['actions', i, 'criticalTasks', ti], 'critical task', t, taskIds));
    action.fields.forEach((f, fi) => {
      if (f.type === 'choice' && !(f.options?.length)) error('schema', ['actions', i, 'fields', fi, 'options'], `Choice field "${f.name}" needs at least one option; add its options.`);
    });
  });

  const released = new Set<string>();
  const setFlags = new Set<string>();
  const counters = new Set<string>();
  const milestones = new Set<string>();
  const readPaths: { kind: 'flag' | 'counter'; name: string; path: Path }[] = [];
  const effects = (list: Effect[] | undefined, path: Path) =>
    (list ?? []).forEach((effect, i) => {
      if ('release' in effect) {
        ref(injectIds.has(effect.release), [...path, i, 'release'], 'inject', effect.release, injectIds);
        released.add(effect.release);
      } else if ('setFlag' in effect) setFlags.add(effect.setFlag);
      else if ('increment' in effect) counters.add(effect.increment);
      else if ('milestone' in effect) milestones.add(effect.milestone);
    });
  const condition = (c: Condition | undefined, path: Path) => {
    const refs = { flags: [] as string[], counters: [] as string[] };
    conditionRefs(c, refs);
    refs.flags.forEach((name) => readPaths.push({ kind: 'flag', name, path }));
    refs.counters.forEach((name) => readPaths.push({ kind: 'counter', name, path }));
  };
  const target = (key: string | undefined, path: Path) => {
    if (key !== undefined) ref(stateKeys.has(key), path, 'target state', key, stateKeys.keys());
  };

  for (const { key, state, path } of states) {
    const children = Object.keys(state.states ?? {});
    if (state.initial !== undefined && !children.includes(state.initial)) {
      error('unknown-reference', [...path, 'initial'], `Initial state "${state.initial}" is not a child of "${key}"; change it to one of its children.${suggest(state.initial, children)}`);
    }
    if (state.type === 'parallel' && children.length < 2) warn('parallel-needs-regions', path, `Parallel state "${key}" should have at least two regions.`);
    if (state.type === 'final' && (children.length || state.after?.length || state.on?.length || state.decisions?.length)) {
      error('final-has-exits', path, `Final state "${key}" cannot have child states or transitions; move them to another state.`);
    }
    effects(state.entry, [...path, 'entry']);
    state.after?.forEach((t, i) => {
      target(t.target, [...path, 'after', i, 'target']);
      effects(t.effects, [...path, 'after', i, 'effects']);
      condition(t.when, [...path, 'after', i, 'when']);
    });
    state.on?.forEach((t, i) => {
      const action = actionById.get(t.action);
      ref(action !== undefined, [...path, 'on', i, 'action'], 'action', t.action, actionById.keys());
      if (t.team !== undefined) {
        ref(teamIds.has(t.team), [...path, 'on', i, 'team'], 'team', t.team, teamIds);
        if (action && teamIds.has(t.team) && !action.teams.includes(t.team)) {
          error('action-team', [...path, 'on', i, 'team'], `Team "${t.team}" cannot take "${t.action}" (allowed: ${action.teams.join(', ')}), so this transition can never fire; add the team to the action or change the team.`);
        }
      }
      if (action) {
        const fields = new Set(action.fields.map((f) => f.name));
        const fieldRefs: string[] = [];
        const collect = (c: Condition | undefined) => {
          if (!c) return;
          if ('all' in c) c.all.forEach(collect);
          else if ('any' in c) c.any.forEach(collect);
          else if ('not' in c) collect(c.not);
          else if ('field' in c) fieldRefs.push(c.field);
        };
        collect(t.when);
        for (const f of fieldRefs) {
          if (!fields.has(f)) error('unknown-reference', [...path, 'on', i, 'when'], `Action "${action.id}" has no field "${f}"; use one of the action's fields or add this one to it.${suggest(f, fields)}`);
        }
      }
      target(t.target, [...path, 'on', i, 'target']);
      effects(t.effects, [...path, 'on', i, 'effects']);
      condition(t.when, [...path, 'on', i, 'when']);
    });
    state.decisions?.forEach((d, i) => {
      target(d.target, [...path, 'decisions', i, 'target']);
      effects(d.effects, [...path, 'decisions', i, 'effects']);
    });
    state.always?.forEach((t, i) => {
      target(t.target, [...path, 'always', i, 'target']);
      effects(t.effects, [...path, 'always', i, 'effects']);
      condition(t.when, [...path, 'always', i, 'when']);
    });
  }
  document.reactions.forEach((r, i) => {
    effects(r.effects, ['reactions', i, 'effects']);
    condition(r.when, ['reactions', i, 'when']);
  });
  for (const { kind, name, path } of readPaths) {
    const known = kind === 'flag' ? setFlags : counters;
    if (!known.has(name)) warn(`${kind}-never-set`, path, `No effect ever sets ${kind} "${name}", so this condition never changes; add an effect that sets it, or remove the condition.${suggest(name, known)}`);
  }

  document.metrics.forEach((metric, i) => {
    if (metric.kind !== 'duration') return; // the other kinds: lintTimeline.ts
    for (const end of ['from', 'to'] as const) {
      const event = metric[end];
      const path: Path = ['metrics', i, end];
      if ('inject' in event) ref(injectIds.has(event.inject), [...path, 'inject'], 'inject', event.inject, injectIds);
      if ('action' in event) ref(actionById.has(event.action), [...path, 'action'], 'action', event.action, actionById.keys());
      if ('milestone' in event && !milestones.has(event.milestone)) {
        error('metric-impossible', [...path, 'milestone'], `No effect marks milestone "${event.milestone}", so metric "${metric.id}" can never be measured; add a { "milestone": "${event.milestone}" } effect or measure another event.${suggest(event.milestone, milestones)}`);
      }
    }
  });
  problems.push(...checkResponses(document, document.defaultResponses, ['defaultResponses']));

  // Coverage of the evaluation design.
  const exercised = new Set([...document.injects.flatMap((i) => i.criticalTasks), ...document.actions.flatMap((a) => a.criticalTasks)]);
  for (const task of tasks) {
    if (!exercised.has(task.id)) error('task-not-exercised', task.path, `No inject or action exercises critical task "${task.id}"; link it from an inject's or action's criticalTasks.`);
  }
  document.objectives.forEach((objective, i) => {
    const own = objective.capabilityTargets.flatMap((c) => c.criticalTasks.map((t) => t.id));
    if (own.length === 0) error('objective-not-exercised', ['objectives', i], `Objective "${objective.id}" has no critical tasks, so nothing can be evaluated against it; add capability targets with critical tasks, or remove it.`);
  });
  document.injects.forEach((inject, i) => {
    if (!released.has(inject.id)) error('inject-never-released', ['injects', i], `Inject "${inject.id}" is never released: no state or transition has { "release": "${inject.id}" }; add that effect where it should be sent, or remove the inject.`);
  });

  // Structure: dead ends that need no exploration to see.
  for (const entry of states) {
    const isLeaf = Object.keys(entry.state.states ?? {}).length === 0;
    if (!isLeaf || entry.state.type === 'final') continue;
    let exits = 0;
    for (let e: StateEntry | undefined = entry; e; e = e.parent) {
      exits += (e.state.after?.length ?? 0) + (e.state.on?.length ?? 0) + (e.state.decisions?.length ?? 0) + (e.state.always?.length ?? 0);
      // A region of a parallel state is left when a sibling region leaves the parallel state.
      if (e.parent?.state.type === 'parallel') exits += 1;
    }
    if (exits === 0) error('no-way-out', entry.path, `State "${entry.key}" is not final and has no timer, action or decision to leave it (nor has any parent); add one or make it { "type": "final" }.`);
  }
  const topFinal = Object.values(document.machine.states ?? {}).some((s) => s.type === 'final');
  if (!topFinal) error('no-endex', ['machine', 'states'], 'The machine has no top-level final state, so the scenario can never reach EndEx; add one such as "endex": { "type": "final" }.');

  if (hasErrors(problems) || stage === 'rules') return problems;
  return [...problems, ...lintPlay(document, states, budget)];
}

/** Rules that need play: explore every path the inputs allow (bounded) with the real engine. */
function lintPlay(document: ScenarioDocument, states: StateEntry[], budget: ExplorationBudget): Problem[] {
  const problems: Problem[] = [];
  let exploration;
  try {
    exploration = exploreScenario(compileScenario(document), budget);
  } catch (error) {
    return [{ severity: 'error', rule: 'compile', path: '$.machine', message: `The machine does not compile: ${(error as Error).message}` }];
  }
  if (exploration.truncated) {
    // Unchecked is not the same as correct: a document StartEx cannot check is not accepted.
    return [
      {
        severity: 'error',
        rule: 'too-many-plays',
        path: '$.machine',
        message: `Play has more than ${(budget.maxPoints ?? DEFAULT_MAX_POINTS).toLocaleString('en')} distinct points (or took too long) to check in full, so reachability, releases and EndEx cannot be confirmed. Use fewer parallel regions, make their timers line up (e.g. whole minutes that divide each other), or end cycles after a while.`,
      },
    ];
  }
  const severity = 'error';
  const hedge = '';
  for (const { key, path } of states) {
    if (key !== document.id && !exploration.visitedStates.has(key)) {
      problems.push({ severity, rule: 'unreachable-state', path: jsonPath(path), message: `State "${key}" is never entered on any play path${hedge}; add a transition that targets it or remove it.` });
    }
  }
  document.injects.forEach((inject, i) => {
    if (exploration.released.has(inject.id)) return;
    const contingency = inject.kind === 'contingency';
    problems.push({
      severity,
      rule: contingency ? 'contingency-never-triggered' : 'inject-never-released',
      path: jsonPath(['injects', i]),
      message: contingency
        ? `Contingency inject "${inject.id}" is never released: the condition or state that releases it can never occur${hedge}; check that condition (flags it reads must be set somewhere, field values must be ones the action accepts).`
        : `Inject "${inject.id}" is never released on any play path${hedge}: the state or transition that releases it is never reached; check the guards and targets that lead there (field values must be ones the action accepts).`,
    });
  });
  document.metrics.forEach((metric, i) => {
    if (metric.kind !== 'duration') return;
    for (const end of ['from', 'to'] as const) {
      const event = metric[end];
      if ('inject' in event && !exploration.released.has(event.inject)) {
        problems.push({ severity, rule: 'metric-impossible', path: jsonPath(['metrics', i, end]), message: `Metric "${metric.id}" measures inject "${event.inject}", which is never released${hedge}; make the inject reachable or measure another event.` });
      }
      if ('milestone' in event && !exploration.milestones.has(event.milestone)) {
        problems.push({ severity, rule: 'metric-impossible', path: jsonPath(['metrics', i, end]), message: `Metric "${metric.id}" measures milestone "${event.milestone}", which is never reached${hedge}; make the milestone reachable or measure another event.` });
      }
    }
  });
  // One problem per stuck state, at its own path (for parallel play, the first active region's leaf).
  const pathOf = new Map(states.map((s) => [s.key, s.path]));
  const stuckLeaves = new Map<string, string>();
  for (const active of exploration.stuck) {
    const leaf = active[0]?.split('.').at(-1) ?? document.id;
    if (!stuckLeaves.has(leaf)) stuckLeaves.set(leaf, active.join(', '));
  }
  for (const [leaf, where] of [...stuckLeaves].slice(0, 10)) {
    problems.push({
      severity: 'error',
      rule: 'never-ends',
      path: jsonPath(pathOf.get(leaf) ?? ['machine']),
      message: `From state ${where} play can never reach EndEx (a cycle with no exit); add a timer, action or decision that leads to a final state.`,
    });
  }
  return problems;
}

/** Parse + lint in one: what the CLI and the upload API run. */
export function lintScenarioText(text: string, format: 'json' | 'yaml', budget: ExplorationBudget = {}): { parsed: ParseResult; problems: Problem[] } {
  const parsed = parseScenarioText(text, format);
  return { parsed, problems: parsed.ok ? lintDocument(parsed.document, budget) : parsed.problems };
}

export function lintScenarioValue(raw: unknown, budget: ExplorationBudget = {}, stage: LintStage = 'full'): { parsed: ParseResult; problems: Problem[] } {
  const parsed = parseScenarioValue(raw);
  return { parsed, problems: parsed.ok ? lintDocument(parsed.document, budget, stage) : parsed.problems };
}
