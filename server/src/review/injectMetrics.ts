import {
  actsUponRule,
  ON_TIME_TOLERANCE_MS,
  parseScenarioClockTime,
  releaseLateByWallMs,
  speedAfter,
  type InjectReview,
  type InjectTeamLatency,
  type LatencySummary,
  type LogEntry,
  type ReleasedInject,
  type ScenarioDocument,
  type TeamReview,
  type Timeliness,
} from '@startex/shared';

type Released = Extract<LogEntry, { type: 'inject.released' }>;

interface Tracked {
  release: Released | undefined;
  /** The clock's speed when it was released, to read older entries' lateness (exercise time) as wall time. */
  releaseSpeed?: number;
  held?: { reason: string; seq: number };
  skipped?: { reason: string; seq: number };
  teams: Map<string, InjectTeamLatency>;
}

/**
 * Per inject: scheduled vs released, and per recipient team released -> delivered ->
 * acknowledged -> first action upon it (shared actsUponRule, as the console and tablets count
 * it). Per team: the same, summarised.
 */
export function injectMetrics(scenario: ScenarioDocument, entries: readonly LogEntry[]): { injects: InjectReview[]; teams: TeamReview[] } {
  const startMs = parseScenarioClockTime(scenario.scenarioStart) * 60_000;
  const actsUpon = actsUponRule(scenario);
  const tracked = new Map<string, Tracked>();
  for (const inject of scenario.injects) tracked.set(inject.id, { release: undefined, teams: new Map() });
  const of = (injectId: string) => {
    let t = tracked.get(injectId);
    if (!t) tracked.set(injectId, (t = { release: undefined, teams: new Map() }));
    return t;
  };
  const actions = new Map<string, number>();
  const messages = new Map<string, number>();
  // Released injects not yet acted upon, per team: an action answers those released before it.
  const awaiting = new Map<string, Set<string>>();
  let speed = 1;

  for (const entry of entries) {
    speed = speedAfter(speed, entry);
    switch (entry.type) {
      case 'inject.released': {
        const t = of(entry.inject.id);
        if (t.release) break;
        t.release = entry;
        t.releaseSpeed = speed;
        for (const teamId of entry.inject.to) {
          t.teams.set(teamId, { teamId });
          let waiting = awaiting.get(teamId);
          if (!waiting) awaiting.set(teamId, (waiting = new Set()));
          waiting.add(entry.inject.id);
        }
        break;
      }
      case 'inject.held':
        of(entry.injectId).held = { reason: entry.reason, seq: entry.seq };
        break;
      case 'inject.skipped':
        of(entry.injectId).skipped = { reason: entry.reason, seq: entry.seq };
        break;
      case 'inject.delivered': {
        const team = tracked.get(entry.injectId)?.teams.get(entry.teamId);
        if (team && team.deliveredSeq === undefined) Object.assign(team, { deliveredAtMs: entry.exerciseTimeMs, deliveredSeq: entry.seq });
        break;
      }
      case 'inject.acknowledged': {
        const team = tracked.get(entry.injectId)?.teams.get(entry.teamId);
        if (team && team.acknowledgedSeq === undefined) Object.assign(team, { acknowledgedAtMs: entry.exerciseTimeMs, acknowledgedSeq: entry.seq });
        break;
      }
      case 'action.taken': {
        actions.set(entry.teamId, (actions.get(entry.teamId) ?? 0) + 1);
        const waiting = awaiting.get(entry.teamId);
        if (!waiting) break;
        for (const injectId of waiting) {
          if (!actsUpon(entry, injectId)) continue;
          Object.assign(tracked.get(injectId)!.teams.get(entry.teamId)!, { firstActionAtMs: entry.exerciseTimeMs, firstActionSeq: entry.seq });
          waiting.delete(injectId);
        }
        break;
      }
      case 'message.sent':
        if (entry.from.kind === 'team') messages.set(entry.from.teamId, (messages.get(entry.from.teamId) ?? 0) + 1);
        break;
      default:
        break;
    }
  }

  const injects: InjectReview[] = [];
  for (const [injectId, t] of tracked) {
    const planned = scenario.injects.find((i) => i.id === injectId);
    const inject: ReleasedInject | undefined = t.release?.inject;
    const scheduledAtMs = planned?.scenarioTime !== undefined ? parseScenarioClockTime(planned.scenarioTime) * 60_000 - startMs : undefined;
    const releasedAtMs = t.release?.exerciseTimeMs;
    const deviationMs = releasedAtMs !== undefined && scheduledAtMs !== undefined ? releasedAtMs - scheduledAtMs : undefined;
    const releaseSpeed = t.releaseSpeed ?? 1;
    const lateByWallMs = t.release ? releaseLateByWallMs(t.release, releaseSpeed) : undefined;
    injects.push({
      injectId,
      number: inject?.number ?? planned?.number ?? 0,
      subject: inject?.subject ?? planned?.subject ?? injectId,
      kind: inject?.kind ?? planned?.kind ?? 'standard',
      adHoc: inject?.adHoc ?? false,
      ...(scheduledAtMs !== undefined ? { scheduledAtMs } : {}),
      ...(t.release ? { releasedAtMs, releasedSeq: t.release.seq } : {}),
      ...(lateByWallMs !== undefined ? { lateByWallMs } : {}),
      ...(deviationMs !== undefined ? { deviationMs } : {}),
      // Timeliness is judged in exercise time, as the deviation from the MSEL is.
      timeliness: timeliness(releasedAtMs, deviationMs, lateByWallMs === undefined ? undefined : lateByWallMs * releaseSpeed),
      ...(t.held && !t.release ? { held: t.held } : {}),
      ...(t.skipped && !t.release ? { skipped: t.skipped } : {}),
      teams: [...t.teams.values()].map((team) => withLatencies(team, releasedAtMs!)),
    });
  }
  injects.sort((a, b) => a.number - b.number || a.injectId.localeCompare(b.injectId));

  const teams: TeamReview[] = scenario.teams.map((team) => {
    const rows = injects.flatMap((i) => i.teams.filter((x) => x.teamId === team.id));
    return {
      teamId: team.id,
      name: team.name,
      injectsReceived: rows.length,
      delivered: rows.filter((r) => r.deliveredSeq !== undefined).length,
      acknowledged: rows.filter((r) => r.acknowledgedSeq !== undefined).length,
      actedUpon: rows.filter((r) => r.firstActionSeq !== undefined).length,
      actions: actions.get(team.id) ?? 0,
      messagesSent: messages.get(team.id) ?? 0,
      releaseToDelivery: summary(rows.map((r) => r.releaseToDeliveryMs)),
      releaseToAcknowledge: summary(rows.map((r) => r.releaseToAcknowledgeMs)),
      releaseToAction: summary(rows.map((r) => r.releaseToActionMs)),
    };
  });
  return { injects, teams };
}

function timeliness(releasedAtMs: number | undefined, deviationMs: number | undefined, lateByExerciseMs: number | undefined): Timeliness {
  if (releasedAtMs === undefined) return 'not-released';
  if (deviationMs !== undefined) return deviationMs > ON_TIME_TOLERANCE_MS ? 'late' : deviationMs < -ON_TIME_TOLERANCE_MS ? 'early' : 'on-time';
  return lateByExerciseMs !== undefined && lateByExerciseMs > ON_TIME_TOLERANCE_MS ? 'late' : 'unscheduled';
}

function withLatencies(team: InjectTeamLatency, releasedAtMs: number): InjectTeamLatency {
  return {
    ...team,
    ...(team.deliveredAtMs !== undefined ? { releaseToDeliveryMs: team.deliveredAtMs - releasedAtMs } : {}),
    ...(team.acknowledgedAtMs !== undefined ? { releaseToAcknowledgeMs: team.acknowledgedAtMs - releasedAtMs } : {}),
    ...(team.firstActionAtMs !== undefined ? { releaseToActionMs: team.firstActionAtMs - releasedAtMs } : {}),
  };
}

/** Median (the lower of the middle two for an even count, so it is always a measured value) and maximum. */
export function summary(values: readonly (number | undefined)[]): LatencySummary {
  const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  if (known.length === 0) return { of: 0 };
  return { medianMs: known[Math.floor((known.length - 1) / 2)]!, maxMs: known.at(-1)!, of: known.length };
}
