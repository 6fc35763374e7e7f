import { localRange, localTime } from '../../documents/words.ts';
import { REPORT_SCHEMA_VERSION, type CapabilityReview, type ExerciseReview, type LogEntry, type ObservationReview, type ReportContent, type ReportFinding, type ScenarioDocument } from '@startex/shared';

const EXERCISE_TYPE: Record<ScenarioDocument['exerciseType'], string> = {
  seminar: 'Seminar',
  workshop: 'Workshop',
  tabletop: 'Tabletop exercise (TTX)',
  game: 'Game',
  drill: 'Drill',
  functional: 'Functional exercise',
  'full-scale': 'Full-scale exercise',
  field: 'Field exercise',
};

/**
 * The first AAR/IP draft of an exercise, assembled from its review and scenario: overview,
 * a generated executive summary to rewrite, and per capability its final ratings with the
 * evaluators' strengths and areas for improvement (analysis and root cause left to fill in).
 */
export function assembleDraft(input: {
  title: string;
  scenario: ScenarioDocument;
  log: readonly LogEntry[];
  review: ExerciseReview;
  /** The exercise's time zone: the play dates are written in it. */
  timeZone: string;
  /** The exercise's type as planned (the plan may call the scenario's drill a functional exercise). */
  exerciseType: ScenarioDocument['exerciseType'];
  /** The agency playing a team, from the plan. */
  agencyOf: (teamId: string) => string;
}): ReportContent {
  const { title, scenario, log, review, timeZone, exerciseType, agencyOf } = input;
  const teamName = new Map(scenario.teams.map((t) => [t.id, t.name]));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    overview: {
      exerciseName: title.slice(0, 200),
      exerciseType: EXERCISE_TYPE[exerciseType],
      dates: playDates(log, timeZone),
      scope: `${scenario.summary}\n\nSecurity functions: ${scenario.functions.join(', ')}. Planned duration: ${scenario.expectedDurationMinutes} minutes.`.slice(0, 20_000),
      objectives: scenario.objectives.map((o) => o.title),
      participants: scenario.teams.map((t) => `${t.name}: ${agencyOf(t.id)}`.slice(0, 200)),
    },
    executiveSummary: executiveSummary(scenario, review),
    capabilities: review.evaluation.capabilities.map((capability) => ({
      id: capability.id,
      title: capability.title,
      ...(capability.final.rating ? { rating: capability.final.rating } : {}),
      targets: capability.targets.map((t) => ({ id: t.id, title: t.title, ...(t.final.rating ? { rating: t.final.rating } : {}) })),
      strengths: observationsOf(capability)
        .filter((o) => o.kind === 'strength')
        .map((o) => finding(o, teamName)),
      areasForImprovement: observationsOf(capability)
        .filter((o) => o.kind === 'area-for-improvement')
        .map((o) => finding(o, teamName)),
    })),
  };
}

function observationsOf(capability: CapabilityReview): ObservationReview[] {
  const all = [...capability.observations, ...capability.targets.flatMap((t) => t.tasks.flatMap((task) => task.observations))];
  return all.sort((a, b) => a.observedAtMs - b.observedAtMs || a.seq - b.seq);
}

function finding(observation: ObservationReview, teamName: Map<string, string>): ReportFinding {
  const team = observation.teamId ? teamName.get(observation.teamId) : undefined;
  return {
    id: `obs-${observation.observationId}`.slice(0, 64),
    text: team ? `${team}: ${observation.text}` : observation.text,
    analysis: '',
    rootCause: '',
    observationIds: [observation.observationId],
  };
}

/** "2026-11-27 09:00 – 11:45 (Europe/Vilnius)" from StartEx and EndEx wall times in the log. */
function playDates(log: readonly LogEntry[], timeZone: string): string {
  const started = log.find((e) => e.type === 'exercise.started');
  const ended = log.find((e) => e.type === 'exercise.ended');
  if (!started) return 'Not played yet';
  if (!ended) return `${localTime(started.wallTime, timeZone)}, still in play`;
  return localRange(started.wallTime, ended.wallTime, timeZone);
}

function executiveSummary(scenario: ScenarioDocument, review: ExerciseReview): string {
  const released = review.injects.filter((i) => i.releasedAtMs !== undefined).length;
  const late = review.injects.filter((i) => i.timeliness === 'late').length;
  const { covered, of } = review.evaluation.coverage;
  const rated = review.evaluation.capabilities
    .map((c) => `- ${c.title}: ${c.final.rating ?? 'not rated'}`)
    .join('\n');
  return [
    `${scenario.teams.length} teams played ${released} of ${scenario.injects.length} planned injects (${late} released late, ${review.contingency.released.length} contingency injects needed).`,
    `Evaluators observed ${covered} of ${of} critical tasks.`,
    rated ? `Capability ratings:\n\n${rated}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A saved draft with the ratings the log holds now: ratings are recorded and reconciled in the
 * review, not typed into the report, so a rating given after the draft was saved still shows.
 */
export function withCurrentRatings(content: ReportContent, review: ExerciseReview): ReportContent {
  const capabilities = new Map(review.evaluation.capabilities.map((c) => [c.id, c]));
  return {
    ...content,
    capabilities: content.capabilities.map((section) => {
      const current = capabilities.get(section.id);
      if (!current) return section;
      const targets = new Map(current.targets.map((t) => [t.id, t.final.rating]));
      const { rating: _old, ...rest } = section;
      return {
        ...rest,
        ...(current.final.rating ? { rating: current.final.rating } : {}),
        targets: section.targets.map(({ rating: _r, ...target }) => {
          const rating = targets.get(target.id);
          return rating ? { ...target, rating } : target;
        }),
      };
    }),
  };
}
