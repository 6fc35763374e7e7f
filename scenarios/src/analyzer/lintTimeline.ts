import {
  parseScenarioClockTime,
  timelineMinutes,
  type Fact,
  type FieldMatch,
  type Moment,
  type ScenarioDocument,
  type TeamRef,
  type TimelineTime,
} from '@startex/shared';
import { compileScenario } from '../compileScenario.ts';
import { exploreScenario, type ExplorationBudget } from '../explore.ts';
import { isTime } from '../timeline/compileFacts.ts';
import { GENERATED_PREFIX, type SourcePath } from '../timeline/GeneratedParts.ts';
import { expandWithSources, hasTimeline, MAIN_TRACK, type Expansion } from '../timeline/expandTimeline.ts';
import { ALL_TEAMS } from '../timeline/resolveTeams.ts';
import { documentChecks } from './documentChecks.ts';
import { checkPayloadSizes } from './payloadSize.ts';
import { suggest, type LintStage } from './lintScenario.ts';
import { hasErrors, jsonPath, type Problem } from './Problem.ts';

type Path = (string | number)[];
type LintStatechart = (document: ScenarioDocument, budget: ExplorationBudget, stage: LintStage) => Problem[];

/**
 * The analyzer for what the statechart rules cannot see or would say in the wrong words: the
 * timeline's references, facts, decisions and times are checked as written; then the expanded
 * machine goes through the statechart rules, and their findings are told of the rows, deadlines
 * and EndEx rules they concern ("a timeline time the machine cannot reach", "a deadline after
 * EndEx"), at the row's path. Reactions, the newer metric kinds and field types are checked here
 * for every document, and so are the document checks (documentChecks.ts), on what was written.
 */
export function lintTimeline(document: ScenarioDocument, budget: ExplorationBudget, stage: LintStage, lintStatechart: LintStatechart): Problem[] {
  const problems = [...checkAsWritten(document), ...documentChecks(document), ...checkPayloadSizes(document)];
  if (hasErrors(problems)) return problems;
  const expansion = expandWithSources(document);
  const statechart = lintStatechart(expansion.document, budget, stage);
  const unentered = new Set(statechart.flatMap((p) => (p.rule === 'unreachable-state' ? [lastGeneratedKey(p.path, expansion)].filter((key) => key !== undefined) : [])));
  const found = statechart.flatMap((p) => tellOfTimeline(p, expansion, document, unentered));
  const seen = new Set<string>();
  const unique = found.filter((p) => {
    const key = `${p.rule} ${p.path} ${p.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  if (hasErrors(unique) || stage === 'rules') return [...problems, ...unique];
  return [...problems, ...unique, ...checkPlannedTimes(document, expansion, budget)];
}

/** Checks of the document as written: references, times and facts the expansion relies on. */
function checkAsWritten(document: ScenarioDocument): Problem[] {
  const problems: Problem[] = [];
  const error = (rule: string, path: Path, message: string) => problems.push({ severity: 'error', rule, path: jsonPath(path), message });
  const startMinute = parseScenarioClockTime(document.scenarioStart);
  const teamIds = new Set(document.teams.map((t) => t.id));
  const groups = new Map(document.teamGroups.map((g) => [g.id, g]));
  const rows = new Map(document.timeline.map((row, i) => [row.id, { row, i }]));
  const injectIds = new Set([...document.injects.map((i) => i.id), ...rows.keys()]);
  const actions = new Map(document.actions.map((a) => [a.id, a]));
  const tracks = new Set([MAIN_TRACK, ...document.tracks.map((t) => t.id)]);
  const decisions = new Map(document.timeline.flatMap((row) => (row.decision ? [[row.decision.id, row.decision] as const] : [])));
  const unknown = (path: Path, kind: string, name: string, known: Iterable<string>, add = `add a ${kind} with this id`) =>
    error('unknown-reference', path, `Unknown ${kind} "${name}".${suggest(name, known)} Check the spelling, or ${add}.`);

  // Ids StartEx generates start with `tl--`; a document keeps away from them.
  const reserved = (id: string, path: Path) => {
    if (id.startsWith(GENERATED_PREFIX)) error('reserved-id', path, `Ids starting with "${GENERATED_PREFIX}" are StartEx's own; rename "${id}".`);
  };
  document.teams.forEach((t, i) => reserved(t.id, ['teams', i, 'id']));
  document.injects.forEach((t, i) => reserved(t.id, ['injects', i, 'id']));
  document.timeline.forEach((t, i) => reserved(t.id, ['timeline', i, 'id']));
  document.flags.forEach((t, i) => reserved(t.id, ['flags', i, 'id']));
  const walk = (states: Record<string, { states?: Record<string, unknown> | undefined }> | undefined, path: Path) => {
    for (const [key, child] of Object.entries(states ?? {})) {
      reserved(key, [...path, key]);
      walk(child.states as typeof states, [...path, key, 'states']);
    }
  };
  walk(document.machine.states, ['machine', 'states']);

  const uniqueIds = (ids: string[], path: (i: number) => Path, kind: string) => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) error('duplicate-id', path(i), `${kind} "${id}" is defined twice (first at index ${seen.get(id)}); make each unique.`);
      else seen.set(id, i);
    });
  };
  uniqueIds(document.tracks.map((t) => t.id), (i) => ['tracks', i, 'id'], 'Track');
  uniqueIds(document.flags.map((t) => t.id), (i) => ['flags', i, 'id'], 'Flag');
  uniqueIds(document.teamGroups.map((t) => t.id), (i) => ['teamGroups', i, 'id'], 'Team group');
  document.teamGroups.forEach((group, i) => {
    if (teamIds.has(group.id) || group.id === ALL_TEAMS) error('duplicate-id', ['teamGroups', i, 'id'], `Team group "${group.id}" has the id of a team (or "all"); rename the group.`);
    group.teams.forEach((t, ti) => {
      if (!teamIds.has(t)) unknown(['teamGroups', i, 'teams', ti], 'team', t, teamIds);
    });
  });
  // Decision and option ids: documentChecks.ts.

  const teamRef = (ref: TeamRef | undefined, path: Path, allowed?: readonly string[], action?: string) => {
    if (ref === undefined) return;
    const names = typeof ref === 'string' ? [ref] : ref;
    names.forEach((name, i) => {
      const at = typeof ref === 'string' ? path : [...path, i];
      if (name === ALL_TEAMS || groups.has(name)) return;
      if (!teamIds.has(name)) unknown(at, 'team', name, [...teamIds, ...groups.keys(), ALL_TEAMS], 'add a team or a team group with this id');
      else if (allowed && !allowed.includes(name)) {
        error('action-team', at, `Team "${name}" cannot take "${action}" (allowed: ${allowed.join(', ')}), so this never happens; add the team to the action or name another team.`);
      }
    });
  };
  const time = (value: TimelineTime, path: Path): number => {
    const minutes = timelineMinutes(value, startMinute);
    if (minutes < 0) error('timeline-time-unreachable', path, `${String(value)} is before StartEx (${document.scenarioStart}); give a time after scenarioStart.`);
    return minutes;
  };
  const where = (actionId: string, match: Record<string, FieldMatch> | undefined, path: Path) => {
    const action = actions.get(actionId);
    if (!action || !match) return;
    for (const [name, value] of Object.entries(match)) {
      const field = action.fields.find((f) => f.name === name);
      if (!field) {
        error('unknown-reference', [...path, name], `Action "${actionId}" has no field "${name}".${suggest(name, action.fields.map((f) => f.name))} Use one of the action's fields or add this one to it.`);
        continue;
      }
      const values = typeof value === 'object' ? [value.includes, value.not].filter((v) => v !== undefined) : [value];
      const options = field.type === 'choice' || field.type === 'multi-choice' || field.type === 'team' ? (field.options ?? (field.type === 'team' ? [...teamIds] : [])) : undefined;
      for (const v of values) {
        if (options && !options.includes(String(v))) {
          error('invalid-fields', [...path, name], `"${String(v)}" is not an option of "${field.label}", so this never matches; use one of: ${options.join(', ')}.`);
        }
      }
    }
  };
  const fact = (f: Fact, path: Path, inMetric = false) => {
    if ('all' in f) return f.all.forEach((c, i) => fact(c, [...path, 'all', i], inMetric));
    if ('any' in f) return f.any.forEach((c, i) => fact(c, [...path, 'any', i], inMetric));
    if ('not' in f) return fact(f.not, [...path, 'not'], inMetric);
    if ('flag' in f) {
      if (inMetric) error('metric-impossible', path, `A metric is computed from the log, which does not record flags; measure an action, an acknowledgement, a release or a decision instead.`);
      return;
    }
    if ('released' in f) {
      if (!injectIds.has(f.released)) unknown([...path, 'released'], 'inject', f.released, injectIds);
      return;
    }
    if ('decision' in f) {
      if (inMetric) error('metric-impossible', path, `A metric is computed from the log, which does not record a default taken at a decision's deadline; measure an action, an acknowledgement or a release instead.`);
      const decision = decisions.get(f.decision);
      if (!decision) unknown([...path, 'decision'], 'decision', f.decision, decisions.keys(), 'declare the decision on a row');
      else if (!decision.options.some((o) => o.id === f.is)) unknown([...path, 'is'], 'option', f.is, decision.options.map((o) => o.id), `add the option to decision "${f.decision}"`);
      return;
    }
    if (f.before !== undefined) time(f.before, [...path, 'before']);
    deadline(f, path, inMetric);
    if ('acknowledged' in f) {
      if (!injectIds.has(f.acknowledged)) unknown([...path, 'acknowledged'], 'inject', f.acknowledged, injectIds);
      teamRef(f.by, [...path, 'by']);
      return;
    }
    const action = actions.get(f.action);
    if (!action) unknown([...path, 'action'], 'action', f.action, actions.keys());
    teamRef(f.by, [...path, 'by'], action?.teams, f.action);
    where(f.action, f.where, [...path, 'where']);
    if (f.within !== undefined && f.of === undefined && f.after === undefined) {
      error('fact-deadline', [...path, 'within'], `Within ${f.within} minutes of what? Add "of: <row id>" (the row whose release starts the minutes) or "after: { action: <action>, by: <team> }" (the first time something is done or decided), or use "before: T+..." for a fixed time.`);
    }
    if (f.of !== undefined && !injectIds.has(f.of)) unknown([...path, 'of'], 'row', f.of, injectIds);
    if (f.since !== undefined) {
      if (isTime(f.since)) time(f.since, [...path, 'since']);
      else if (!injectIds.has(f.since)) unknown([...path, 'since'], 'row', f.since, injectIds);
    }
    if (f.of !== undefined && f.within === undefined) error('fact-deadline', [...path, 'of'], `"of" needs "within": add how many minutes after "${f.of}" count.`);
  };
  /** Where a fact's `within` counts from, when that is a moment of play (`after`). */
  const deadline = (f: Extract<Fact, { action: string } | { acknowledged: string }>, path: Path, inMetric: boolean) => {
    if (f.after === undefined) return;
    const at = [...path, 'after'];
    if (inMetric) {
      error('metric-impossible', at, `A metric cannot count a deadline from a moment of play yet; count it from a row ("of: <row id>"), or measure the time between the two with a duration metric.`);
      return;
    }
    if (f.within === undefined) error('fact-deadline', at, `"after" needs "within": add how many minutes after it count.`);
    if ('of' in f && f.of !== undefined) error('fact-deadline', at, `Both "of" and "after" say where the minutes count from; keep one of them.`);
    anchor(f.after, at);
  };
  const anchor = (a: Moment, path: Path) => {
    if ('inject' in a) {
      if (!injectIds.has(a.inject)) unknown([...path, 'inject'], 'inject', a.inject, injectIds);
    } else if ('decision' in a) {
      const decision = decisions.get(a.decision);
      if (!decision) unknown([...path, 'decision'], 'decision', a.decision, decisions.keys(), 'declare the decision on a row');
      else if (a.is !== undefined && !decision.options.some((o) => o.id === a.is)) unknown([...path, 'is'], 'option', a.is, decision.options.map((o) => o.id), `add the option to decision "${a.decision}"`);
    } else {
      fact(a, path);
    }
  };

  // Rows: a time or an anchor (not both), what they point at, and no row timed after itself.
  document.timeline.forEach((row, i) => {
    const path: Path = ['timeline', i];
    if ((row.at === undefined) === (row.after === undefined)) {
      error('timeline-time', path, row.at === undefined ? `Row "${row.id}" has no time; add "at: T+45" or "after: { inject: <row>, minutes: 10 }".` : `Row "${row.id}" has both "at" and "after"; keep one of them.`);
    }
    if (row.at !== undefined) time(row.at, [...path, 'at']);
    if (row.after) anchor(row.after, [...path, 'after']);
    if (row.track !== undefined && !tracks.has(row.track)) unknown([...path, 'track'], 'track', row.track, tracks, 'declare it under "tracks"');
    if (row.when) fact(row.when, [...path, 'when']);
    if (row.unless) fact(row.unless, [...path, 'unless']);
    row.to.forEach((t, ti) => {
      if (!teamIds.has(t) && !groups.has(t) && t !== ALL_TEAMS) unknown([...path, 'to', ti], 'team', t, [...teamIds, ...groups.keys(), ALL_TEAMS], 'add a team or a team group with this id');
    });
    if (row.decision && !row.decision.options.some((o) => o.id === row.decision!.default)) {
      unknown([...path, 'decision', 'default'], 'option', row.decision.default, row.decision.options.map((o) => o.id), 'make the default one of the options');
    }
    // A cycle of rows each after the next never starts.
    const seen = new Set<string>([row.id]);
    const previous = (r: typeof row) => (r.after && 'inject' in r.after ? rows.get(r.after.inject)?.row : undefined);
    for (let at = previous(row); at; at = previous(at)) {
      if (seen.has(at.id)) {
        error('timeline-cycle', [...path, 'after'], `Row "${row.id}" is timed after a chain of rows that comes back to "${at.id}", so none of them ever goes out; give one of them a time ("at").`);
        break;
      }
      seen.add(at.id);
    }
  });
  document.endex.forEach((rule, i) => {
    const path: Path = ['endex', i];
    if ((rule.at === undefined) === (rule.after === undefined)) error('timeline-time', path, `An EndEx rule needs one of "at" or "after"; ${rule.at === undefined ? 'add one' : 'keep one of them'}.`);
    if (rule.at !== undefined) time(rule.at, [...path, 'at']);
    if (rule.after) anchor(rule.after, [...path, 'after']);
    if (rule.when) fact(rule.when, [...path, 'when']);
    if (rule.unless) fact(rule.unless, [...path, 'unless']);
  });

  // Reactions (hand-written or not): what they listen to.
  document.reactions.forEach((reaction, i) => {
    const path: Path = ['reactions', i];
    if ('action' in reaction) {
      const action = actions.get(reaction.action);
      if (!action) unknown([...path, 'action'], 'action', reaction.action, actions.keys());
      if (reaction.team !== undefined) teamRef(reaction.team, [...path, 'team'], action?.teams, reaction.action);
    } else {
      if (!injectIds.has(reaction.acknowledged)) unknown([...path, 'acknowledged'], 'inject', reaction.acknowledged, injectIds);
      if (reaction.team !== undefined && !teamIds.has(reaction.team)) unknown([...path, 'team'], 'team', reaction.team, teamIds);
    }
  });

  // Field types: what a team can enter must exist.
  document.actions.forEach((action, ai) =>
    action.fields.forEach((field, fi) => {
      const path: Path = ['actions', ai, 'fields', fi];
      if (field.type === 'multi-choice' && !field.options?.length) error('schema', [...path, 'options'], `Multi-choice field "${field.name}" needs its options; add them.`);
      if (field.type === 'team') (field.options ?? []).forEach((t, ti) => !teamIds.has(t) && unknown([...path, 'options', ti], 'team', t, teamIds));
    }),
  );

  // The metric kinds beyond durations.
  document.metrics.forEach((metric, i) => {
    const path: Path = ['metrics', i];
    switch (metric.kind) {
      case 'duration':
        for (const end of ['from', 'to'] as const) {
          const event = metric[end];
          if (event.on !== 'action.taken') continue;
          const action = actions.get(event.action);
          teamRef(event.by, [...path, end, 'by'], action?.teams, event.action);
          where(event.action, event.where, [...path, end, 'where']);
        }
        return;
      case 'yes-no':
        return fact(metric.holds, [...path, 'holds'], true);
      case 'count': {
        const action = actions.get(metric.counts.action);
        if (!action) unknown([...path, 'counts', 'action'], 'action', metric.counts.action, actions.keys());
        teamRef(metric.counts.by, [...path, 'counts', 'by'], action?.teams, metric.counts.action);
        where(metric.counts.action, metric.counts.where, [...path, 'counts', 'where']);
        if (metric.atLeast === undefined && metric.atMost === undefined) error('schema', path, `Count metric "${metric.id}" needs a target; add "atLeast" or "atMost".`);
        return;
      }
      case 'every-team': {
        const action = actions.get(metric.action);
        if (!action) unknown([...path, 'action'], 'action', metric.action, actions.keys());
        teamRef(metric.teams, [...path, 'teams'], action?.teams, metric.action);
        where(metric.action, metric.where, [...path, 'where']);
        time(metric.by, [...path, 'by']);
        return;
      }
      default: {
        const exhaustive: never = metric;
        return exhaustive;
      }
    }
  });
  return problems;
}

/**
 * A finding about the expanded machine, told of what the controller wrote: paths into generated
 * states become the row, deadline or EndEx rule they stand for, and a state never entered there
 * means a time never reached.
 */
function tellOfTimeline(problem: Problem, expansion: Expansion, document: ScenarioDocument, unentered: ReadonlySet<string>): Problem[] {
  if (!hasTimeline(document)) return [problem];
  const titled = (message: string) =>
    message
      .replace(/tl--[a-z0-9_-]+/g, (key) => `"${expansion.titles.get(key) ?? key}"`)
      .replace(/"\."/g, ' › ')
      .replace(/""/g, '"');
  const path = problem.path
    .replace(/^\$\.machine\.states\["tl--play"\]\.states\["tl--machine"\]/, '$.machine')
    .replace(/^\$\.injects\[(\d+)\]/, (whole, index: string) => {
      const inject = expansion.document.injects[Number(index)];
      const row = inject && expansion.rowOfInject.get(inject.id);
      return row ? jsonPath(row) : whole;
    })
    .replace(/^\$\.reactions\[(\d+)\].*$/, (whole, index: string) => {
      const source = expansion.reactionSources.get(Number(index));
      return source ? jsonPath(source) : whole;
    });
  const key = lastGeneratedKey(problem.path, expansion);
  const source = key === undefined ? undefined : expansion.stateSources.get(key);
  const at = source ? jsonPath(source.path as SourcePath) : path;
  switch (problem.rule) {
    case 'unreachable-state': {
      if (!source) return [{ ...problem, path }];
      switch (source.kind) {
        case 'row-time': {
          // A time where only a conditional EndEx was due: nothing to tell (the rows around it say it).
          if (source.rows.length === 0) return [];
          const when = source.after === undefined ? `at T+${source.minutes}` : `${source.minutes} minutes after ${source.after}`;
          const rows = source.rows.length > 0 ? `Row${source.rows.length > 1 ? 's' : ''} ${source.rows.map((r) => `"${r}"`).join(', ')} ${when}` : `EndEx ${when}`;
          return [{ severity: 'error', rule: 'timeline-time-unreachable', path: at, message: `${rows} ${source.rows.length > 1 ? 'are' : 'is'} never reached: play has always ended by then; move it earlier, or let play end later.` }];
        }
        case 'anchor':
        case 'endex':
          // It closed first on every path (its condition could no longer hold): inject-never-released tells of a row.
          if (source.closedIn !== undefined && !unentered.has(source.closedIn)) return [];
          return source.kind === 'anchor'
            ? [{ severity: 'error', rule: 'timeline-time-unreachable', path: at, message: `Row "${source.row}" is timed after something that never happens on any play path, so it never goes out; check its "after" (the row, action or decision it waits for must be reachable).` }]
            : [{ severity: 'error', rule: 'timeline-time-unreachable', path: at, message: `This EndEx rule never applies: what it waits for never happens on any play path; check its "after", or remove the rule.` }];
        case 'deadline':
          // Its window never opened: told of the moment it counts from.
          if (source.opensIn !== undefined && unentered.has(source.opensIn)) return [];
          return [{ severity: 'error', rule: 'deadline-after-endex', path: at, message: `${capitalised(source.what)} falls after EndEx on every play path, so it never passes; make it shorter, or let play end later.` }];
        case 'window':
          return [{ severity: 'error', rule: 'timeline-time-unreachable', path: at, message: `${capitalised(source.what)} never starts: what it counts from never happens on any play path, so the condition is never met in time; check its "after".` }];
        case 'wait':
        case 'structure':
          // What it waits for is never released: reported at that row already.
          return [];
        default: {
          const exhaustive: never = source;
          return exhaustive;
        }
      }
    }
    case 'no-endex':
      return [{ ...problem, path: '$.endex', message: 'Nothing ever ends play: add an EndEx rule such as "endex: [{ at: T+120 }]", or a top-level final state to the machine.' }];
    case 'too-many-plays':
      return [
        {
          ...problem,
          message: `${problem.message.split('. ')[0]}. Conditions that independent storylines check at many different times multiply the points of play: check them at fewer times, use "every: true" for "all teams did X" instead of one condition per team, or end contingencies once answered.`,
        },
      ];
    default:
      return [{ ...problem, path: source ? at : path, message: titled(problem.message) }];
  }
}

/** The innermost generated state a problem's path names that stands for something written. */
function lastGeneratedKey(path: string, expansion: Expansion): string | undefined {
  return [...path.matchAll(/\["(tl--[a-z0-9_-]+)"\]/g)].map((m) => m[1]!).filter((key) => expansion.stateSources.has(key)).at(-1);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A planned time written on an inject cannot be earlier than the machine can release it (later is
 * possible: an inject released after an action goes out whenever the team acts).
 */
function checkPlannedTimes(document: ScenarioDocument, expansion: Expansion, budget: ExplorationBudget): Problem[] {
  const written = document.injects.flatMap((inject, i) => (inject.scenarioTime ? [{ inject, i }] : []));
  if (written.length === 0) return [];
  const startMinute = parseScenarioClockTime(document.scenarioStart);
  // The statechart rules explored this very machine already: the exploration is reused.
  const exploration = exploreScenario(compileScenario(expansion.document), budget);
  if (exploration.truncated) return [];
  return written.flatMap(({ inject, i }) => {
    const ms = exploration.earliestRelease.get(inject.id);
    if (ms === undefined) return [];
    const minutes = ms / 60_000;
    const machine = parseScenarioClockTime(inject.scenarioTime!) - startMinute;
    if (machine >= Math.floor(minutes)) return [];
    const day = Math.floor((startMinute + minutes) / 1440) + 1;
    const clock = `${String(Math.floor(((startMinute + minutes) % 1440) / 60)).padStart(2, '0')}:${String(Math.floor((startMinute + minutes) % 60)).padStart(2, '0')}`;
    return [
      {
        severity: 'warning' as const,
        rule: 'planned-time-mismatch',
        path: jsonPath(['injects', i, 'scenarioTime']),
        message: `The MSEL says ${inject.scenarioTime} but the machine cannot release "${inject.id}" before Day ${day} ${clock}; remove scenarioTime (StartEx computes planned times from the machine) or fix the delay.`,
      },
    ];
  });
}
