import type { ExerciseReview, ExerciseStatus, LogEntry, ScenarioDocument } from '@startex/shared';
import { evaluation } from './evaluation.ts';
import { injectMetrics } from './injectMetrics.ts';
import { phaseSpans } from './phases.ts';
import { scenarioMetrics } from './scenarioMetrics.ts';

const STATUS_OF: Partial<Record<LogEntry['type'], ExerciseStatus>> = {
  'exercise.readied': 'ready',
  'exercise.started': 'live',
  'exercise.paused': 'paused',
  'exercise.resumed': 'live',
  'exercise.halted': 'halted',
  'exercise.ended': 'ended',
  'exercise.closed': 'closed',
};

/**
 * The whole after-action review of an exercise, from its scenario and its log alone: the same
 * log gives the same review, and every figure carries the seqs of the entries behind it.
 */
export function computeReview(scenario: ScenarioDocument, entries: LogEntry[]): ExerciseReview {
  let status: ExerciseStatus = 'draft';
  let startedAtMs: number | undefined;
  let endedAtMs: number | undefined;
  for (const entry of entries) {
    status = STATUS_OF[entry.type] ?? status;
    if (entry.type === 'exercise.started') startedAtMs ??= entry.exerciseTimeMs;
    if (entry.type === 'exercise.ended') endedAtMs ??= entry.exerciseTimeMs;
  }
  const { injects, teams } = injectMetrics(scenario, entries);
  const evaluated = evaluation(scenario, entries);
  const contingency = injects.filter((i) => i.kind === 'contingency' && i.releasedSeq !== undefined);
  return {
    exerciseId: entries[0]?.exerciseId ?? '',
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    lastSeq: entries.at(-1)?.seq ?? 0,
    status,
    ...(startedAtMs !== undefined ? { startedAtMs } : {}),
    ...(endedAtMs !== undefined ? { endedAtMs } : {}),
    phases: phaseSpans(scenario, entries),
    injects,
    teams,
    contingency: {
      released: contingency.map((i) => ({ injectId: i.injectId, seq: i.releasedSeq!, atMs: i.releasedAtMs! })),
      planned: scenario.injects.filter((i) => i.kind === 'contingency').length,
    },
    metrics: scenarioMetrics(scenario, entries),
    evaluation: evaluated.evaluation,
    rollups: evaluated.rollups,
    feedback: evaluated.feedback,
  };
}
