import {
  parseScenarioClockTime,
  timelineMinutes,
  type Fact,
  type FieldMatch,
  type LogEntry,
  type Metric,
  type MetricEvent,
  type MetricResult,
  type MetricReview,
  type ScenarioDocument,
  type TeamRef,
} from '@startex/shared';
import { matchesWhere, resolveTeams } from '@startex/scenarios';

type Occurrence = { atMs: number; seq: number };
type Taken = Extract<LogEntry, { type: 'action.taken' }>;
type Acknowledged = Extract<LogEntry, { type: 'inject.acknowledged' }>;

/** What the log says happened, indexed for the metrics: each kind of entry in log order. */
interface Play {
  startexAtMs: number | undefined;
  endedAtMs: number | undefined;
  released: Map<string, Occurrence>;
  milestones: Map<string, Occurrence>;
  actions: Taken[];
  acknowledgements: Acknowledged[];
}

function readPlay(entries: readonly LogEntry[]): Play {
  const play: Play = { startexAtMs: undefined, endedAtMs: undefined, released: new Map(), milestones: new Map(), actions: [], acknowledgements: [] };
  const once = (map: Map<string, Occurrence>, key: string, entry: LogEntry) => {
    if (!map.has(key)) map.set(key, { atMs: entry.exerciseTimeMs, seq: entry.seq });
  };
  for (const entry of entries) {
    switch (entry.type) {
      case 'exercise.started':
        play.startexAtMs ??= entry.exerciseTimeMs;
        break;
      case 'exercise.ended':
        play.endedAtMs ??= entry.exerciseTimeMs;
        break;
      case 'inject.released':
        once(play.released, entry.inject.id, entry);
        break;
      case 'milestone.reached':
        once(play.milestones, entry.milestone, entry);
        break;
      case 'action.taken':
        play.actions.push(entry);
        break;
      case 'inject.acknowledged':
        play.acknowledgements.push(entry);
        break;
      default:
        break;
    }
  }
  return play;
}

const at = (entry: LogEntry): Occurrence => ({ atMs: entry.exerciseTimeMs, seq: entry.seq });

/**
 * The scenario's own metrics against their targets, per team where the metric is per team: the
 * time from one event to another (an event is its first occurrence in the log: for a team, the
 * team's own acknowledgement or action; releases, milestones and StartEx are exercise-wide), whether
 * something held by EndEx, how many times an action was taken, and whether every team took an
 * action by a time. A duration whose end never happened although the target had passed by EndEx is
 * not met (no value).
 */
export function scenarioMetrics(scenario: ScenarioDocument, entries: readonly LogEntry[]): MetricReview[] {
  const play = readPlay(entries);
  const startMinute = parseScenarioClockTime(scenario.scenarioStart);
  const teamsOf = (ref: TeamRef | undefined, fallback: string[]) => (ref === undefined ? fallback : resolveTeams(scenario, ref));
  const actionTeams = (actionId: string) => scenario.actions.find((a) => a.id === actionId)?.teams ?? [];
  const sinceStartex = (atMs: number) => atMs - (play.startexAtMs ?? 0);
  const actionsOf = (actionId: string, teams: string[] | undefined, where: Record<string, FieldMatch> | undefined) =>
    play.actions.filter((e) => e.actionId === actionId && (teams === undefined || teams.includes(e.teamId)) && matchesWhere(scenario, actionId, where, e.fields));

  /** The first occurrence of a duration metric's event, for a team or the exercise. */
  const occurrence = (event: MetricEvent, teamId: string | undefined): Occurrence | undefined => {
    switch (event.on) {
      case 'startex':
        return play.startexAtMs === undefined ? undefined : { atMs: play.startexAtMs, seq: entries.find((e) => e.type === 'exercise.started')!.seq };
      case 'inject.released':
        return play.released.get(event.inject);
      case 'milestone':
        return play.milestones.get(event.milestone);
      case 'inject.acknowledged': {
        const first = play.acknowledgements.find((e) => e.injectId === event.inject && (teamId === undefined || e.teamId === teamId));
        return first && at(first);
      }
      case 'action.taken': {
        const named = event.by === undefined ? undefined : resolveTeams(scenario, event.by);
        const teams = teamId === undefined ? named : named === undefined || named.includes(teamId) ? [teamId] : [];
        const first = actionsOf(event.action, teams, event.where)[0];
        return first && at(first);
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  };
  /** The teams a duration event can concern (undefined: exercise-wide, so every team). */
  const eventTeams = (event: MetricEvent): string[] | undefined => {
    if (event.on === 'inject.acknowledged') return scenario.injects.find((i) => i.id === event.inject)?.to;
    if (event.on === 'action.taken') return teamsOf(event.by, actionTeams(event.action));
    return undefined;
  };

  /** Whether a fact held over the whole play; for a team, facts that name no team mean that team's own. */
  const holds = (fact: Fact, teamId: string | undefined): boolean => {
    if ('all' in fact) return fact.all.every((f) => holds(f, teamId));
    if ('any' in fact) return fact.any.some((f) => holds(f, teamId));
    if ('not' in fact) return !holds(fact.not, teamId);
    if ('released' in fact) return play.released.has(fact.released);
    // The analyzer refuses these in metrics: the log does not record flags, nor a decision's default.
    if ('flag' in fact || 'decision' in fact) return false;
    const ownTeam = teamId === undefined ? undefined : [teamId];
    const startMs = play.startexAtMs ?? 0;
    const within = (atMs: number, opened: Occurrence | undefined, minutes: number | undefined) =>
      minutes === undefined || (opened !== undefined && atMs >= opened.atMs && atMs <= opened.atMs + minutes * 60_000);
    const before = (atMs: number) => fact.before === undefined || atMs - startMs <= timelineMinutes(fact.before, startMinute) * 60_000;
    if ('acknowledged' in fact) {
      const to = scenario.injects.find((i) => i.id === fact.acknowledged)?.to ?? [];
      const teams = fact.by === undefined ? (fact.every ? to : ownTeam) : resolveTeams(scenario, fact.by);
      const done = play.acknowledgements.filter(
        (e) => e.injectId === fact.acknowledged && (teams === undefined || teams.includes(e.teamId)) && within(e.exerciseTimeMs, play.released.get(fact.acknowledged), fact.within) && before(e.exerciseTimeMs),
      );
      return fact.every ? (teams ?? []).every((t) => done.some((e) => e.teamId === t)) : done.length > 0;
    }
    const teams = fact.by === undefined ? (fact.every ? actionTeams(fact.action) : ownTeam) : resolveTeams(scenario, fact.by);
    const since = (atMs: number) => {
      if (fact.since === undefined) return true;
      const from = typeof fact.since === 'number' || !/^[a-z]/.test(fact.since) ? startMs + timelineMinutes(fact.since, startMinute) * 60_000 : play.released.get(fact.since)?.atMs;
      return from !== undefined && atMs >= from;
    };
    const done = actionsOf(fact.action, teams, fact.where).filter(
      (e) => within(e.exerciseTimeMs, fact.of === undefined ? undefined : play.released.get(fact.of), fact.of === undefined ? undefined : fact.within) && before(e.exerciseTimeMs) && since(e.exerciseTimeMs),
    );
    return fact.every ? (teams ?? []).every((t) => done.some((e) => e.teamId === t)) : done.length > 0;
  };

  const review = (metric: Metric): MetricReview => {
    const base = { metricId: metric.id, title: metric.title, perTeam: metric.perTeam };
    const perTeam = (teams: string[], result: (teamId: string | undefined) => MetricResult) => (metric.perTeam ? teams.map((id) => result(id)) : [result(undefined)]);
    const allTeams = scenario.teams.map((t) => t.id);
    switch (metric.kind) {
      case 'duration': {
        const unitMs = metric.unit === 'minutes' ? 60_000 : 1000;
        const result = (teamId: string | undefined): MetricResult => {
          const from = occurrence(metric.from, teamId);
          const to = occurrence(metric.to, teamId);
          const found: MetricResult = {
            ...(teamId !== undefined ? { teamId } : {}),
            ...(from ? { fromAtMs: from.atMs, fromSeq: from.seq } : {}),
            ...(to ? { toAtMs: to.atMs, toSeq: to.seq } : {}),
            status: 'no-data',
          };
          if (from && to) {
            const value = Math.round(((to.atMs - from.atMs) / unitMs) * 10) / 10;
            return { ...found, value, status: value <= metric.target ? 'met' : 'not-met' };
          }
          if (from && play.endedAtMs !== undefined && (play.endedAtMs - from.atMs) / unitMs > metric.target) return { ...found, status: 'not-met' };
          return found;
        };
        const fromTeams = eventTeams(metric.from);
        const toTeams = eventTeams(metric.to);
        const teams = allTeams.filter((id) => (fromTeams ?? [id]).includes(id) && (toTeams ?? [id]).includes(id));
        return { ...base, unit: metric.unit, target: metric.target, results: perTeam(teams, result) };
      }
      case 'yes-no': {
        const result = (teamId: string | undefined): MetricResult => {
          // Known only once play is over: until EndEx, something may still happen.
          if (play.endedAtMs === undefined) return { ...(teamId !== undefined ? { teamId } : {}), status: 'no-data' };
          const value = holds(metric.holds, teamId) ? 1 : 0;
          return { ...(teamId !== undefined ? { teamId } : {}), value, status: value === (metric.expected ? 1 : 0) ? 'met' : 'not-met' };
        };
        return { ...base, kind: 'yes-no', unit: 'minutes', target: metric.expected ? 1 : 0, comparison: 'equals', results: perTeam(allTeams, result) };
      }
      case 'count': {
        const teams = teamsOf(metric.counts.by, actionTeams(metric.counts.action));
        const result = (teamId: string | undefined): MetricResult => {
          const value = actionsOf(metric.counts.action, teamId === undefined ? teams : [teamId], metric.counts.where).length;
          const met = (metric.atLeast === undefined || value >= metric.atLeast) && (metric.atMost === undefined || value <= metric.atMost);
          // Too few can still become enough until EndEx; too many cannot become fewer.
          const status = met ? 'met' : metric.atMost !== undefined && value > metric.atMost ? 'not-met' : play.endedAtMs === undefined ? 'no-data' : 'not-met';
          return { ...(teamId !== undefined ? { teamId } : {}), value, status };
        };
        const both = metric.atLeast !== undefined && metric.atMost !== undefined;
        return {
          ...base,
          kind: 'count',
          unit: 'minutes',
          target: metric.atLeast ?? metric.atMost ?? 0,
          ...(both ? { comparison: 'between', targetMax: metric.atMost } : metric.atLeast !== undefined ? { comparison: 'at-least' } : {}),
          results: perTeam(teams, result),
        };
      }
      case 'every-team': {
        const teams = teamsOf(metric.teams, actionTeams(metric.action));
        const deadline = timelineMinutes(metric.by, startMinute);
        const elapsedMinutes = play.endedAtMs === undefined ? undefined : sinceStartex(play.endedAtMs) / 60_000;
        const result = (teamId: string): MetricResult => {
          const first = actionsOf(metric.action, [teamId], metric.where)[0];
          if (!first) {
            const late = elapsedMinutes !== undefined && elapsedMinutes > deadline;
            return { teamId, status: late ? 'not-met' : 'no-data' };
          }
          const value = Math.round((sinceStartex(first.exerciseTimeMs) / 60_000) * 10) / 10;
          return { teamId, toAtMs: first.exerciseTimeMs, toSeq: first.seq, value, status: value <= deadline ? 'met' : 'not-met' };
        };
        const results = teams.map(result);
        const met = results.filter((r) => r.status === 'met').length;
        const all: MetricResult = { value: met, status: met === teams.length ? 'met' : results.some((r) => r.status === 'not-met') ? 'not-met' : 'no-data' };
        return { ...base, perTeam: true, kind: 'every-team', unit: 'minutes', target: deadline, results: [...results, all] };
      }
      default: {
        const exhaustive: never = metric;
        return exhaustive;
      }
    }
  };
  return scenario.metrics.map(review);
}
