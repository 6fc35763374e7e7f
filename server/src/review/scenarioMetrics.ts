import type { LogEntry, MetricResult, MetricReview, ScenarioDocument } from '@startex/shared';

type MetricEvent = ScenarioDocument['metrics'][number]['from'];
type Occurrence = { atMs: number; seq: number };

/**
 * The scenario's own metrics (from event A to event B, against a target), per team where the
 * metric is per team. An event is its first occurrence in the log: for a team, the team's own
 * acknowledgement or action; releases, milestones and StartEx are exercise-wide. A metric whose
 * end never happened although the target had passed by EndEx is not met (no value).
 */
export function scenarioMetrics(scenario: ScenarioDocument, entries: readonly LogEntry[]): MetricReview[] {
  const first = new Map<string, Occurrence>();
  const once = (key: string, entry: LogEntry) => {
    if (!first.has(key)) first.set(key, { atMs: entry.exerciseTimeMs, seq: entry.seq });
  };
  let endedAtMs: number | undefined;
  for (const entry of entries) {
    switch (entry.type) {
      case 'exercise.started':
        once('startex', entry);
        break;
      case 'exercise.ended':
        endedAtMs ??= entry.exerciseTimeMs;
        break;
      case 'inject.released':
        once(`released:${entry.inject.id}`, entry);
        break;
      case 'inject.acknowledged':
        once(`acknowledged:${entry.injectId}`, entry);
        once(`acknowledged:${entry.injectId}:${entry.teamId}`, entry);
        break;
      case 'action.taken':
        once(`action:${entry.actionId}`, entry);
        once(`action:${entry.actionId}:${entry.teamId}`, entry);
        break;
      case 'milestone.reached':
        once(`milestone:${entry.milestone}`, entry);
        break;
      default:
        break;
    }
  }

  /** The teams an event can concern (undefined: exercise-wide, so every team). */
  const teamsOf = (event: MetricEvent): string[] | undefined => {
    if (event.on === 'inject.acknowledged') return scenario.injects.find((i) => i.id === event.inject)?.to;
    if (event.on === 'action.taken') return scenario.actions.find((a) => a.id === event.action)?.teams;
    return undefined;
  };
  const occurrence = (event: MetricEvent, teamId: string | undefined): Occurrence | undefined => {
    const team = teamId === undefined ? '' : `:${teamId}`;
    switch (event.on) {
      case 'startex':
        return first.get('startex');
      case 'inject.released':
        return first.get(`released:${event.inject}`);
      case 'milestone':
        return first.get(`milestone:${event.milestone}`);
      case 'inject.acknowledged':
        return first.get(`acknowledged:${event.inject}${team}`);
      case 'action.taken':
        return first.get(`action:${event.action}${team}`);
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  };

  return scenario.metrics.map((metric) => {
    const unitMs = metric.unit === 'minutes' ? 60_000 : 1000;
    const result = (teamId: string | undefined): MetricResult => {
      const from = occurrence(metric.from, teamId);
      const to = occurrence(metric.to, teamId);
      const base: MetricResult = {
        ...(teamId !== undefined ? { teamId } : {}),
        ...(from ? { fromAtMs: from.atMs, fromSeq: from.seq } : {}),
        ...(to ? { toAtMs: to.atMs, toSeq: to.seq } : {}),
        status: 'no-data',
      };
      if (from && to) {
        const value = Math.round(((to.atMs - from.atMs) / unitMs) * 10) / 10;
        return { ...base, value, status: value <= metric.target ? 'met' : 'not-met' };
      }
      if (from && endedAtMs !== undefined && (endedAtMs - from.atMs) / unitMs > metric.target) return { ...base, status: 'not-met' };
      return base;
    };
    const fromTeams = teamsOf(metric.from);
    const toTeams = teamsOf(metric.to);
    const teams = scenario.teams.map((t) => t.id).filter((id) => (fromTeams ?? [id]).includes(id) && (toTeams ?? [id]).includes(id));
    return {
      metricId: metric.id,
      title: metric.title,
      unit: metric.unit,
      target: metric.target,
      perTeam: metric.perTeam,
      results: metric.perTeam ? teams.map((id) => result(id)) : [result(undefined)],
    };
  });
}
