import { DOCUMENT_WORDS, localRange, localTime, ratingText, type DocumentLanguage } from '../../documents/words.ts';
import { REPORT_SCHEMA_VERSION, type CapabilityReview, type ExerciseReview, type LogEntry, type ObservationReview, type ReportContent, type ReportFinding, type ScenarioDocument } from '@startex/shared';
import { REPORT_WORDS } from './reportWords.ts';

/**
 * The first AAR/IP draft of an exercise, assembled from its review and scenario in the exercise's
 * language: overview, a generated executive summary to rewrite, and per capability its final ratings
 * with the evaluators' strengths and areas for improvement (analysis and root cause left to fill in).
 * Once assembled it is the authors' text: documents print it as it stands, whatever their language.
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
  /** The exercise's language: the draft's generated words are in it. */
  language: DocumentLanguage;
  /** The agency playing a team, from the plan. */
  agencyOf: (teamId: string) => string;
}): ReportContent {
  const { title, scenario, log, review, timeZone, exerciseType, language, agencyOf } = input;
  const words = DOCUMENT_WORDS[language];
  const teamName = new Map(scenario.teams.map((t) => [t.id, t.name]));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    overview: {
      exerciseName: title.slice(0, 200),
      exerciseType: words.exerciseType[exerciseType],
      dates: playDates(log, timeZone, language),
      scope: `${scenario.summary}\n\n${REPORT_WORDS[language].draftText.scope(scenario.functions.map((f) => words.securityFunction[f]).join(', '), scenario.expectedDurationMinutes)}`.slice(0, 20_000),
      objectives: scenario.objectives.map((o) => o.title),
      participants: scenario.teams.map((t) => `${t.name}: ${agencyOf(t.id)}`.slice(0, 200)),
    },
    executiveSummary: executiveSummary(scenario, review, language),
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
function playDates(log: readonly LogEntry[], timeZone: string, language: DocumentLanguage): string {
  const words = REPORT_WORDS[language].draftText;
  const started = log.find((e) => e.type === 'exercise.started');
  const ended = log.find((e) => e.type === 'exercise.ended');
  if (!started) return words.notPlayed;
  if (!ended) return words.stillInPlay(localTime(started.wallTime, timeZone, language));
  return localRange(started.wallTime, ended.wallTime, timeZone, language);
}

function executiveSummary(scenario: ScenarioDocument, review: ExerciseReview, language: DocumentLanguage): string {
  const words = REPORT_WORDS[language].draftText;
  const released = review.injects.filter((i) => i.releasedAtMs !== undefined).length;
  const late = review.injects.filter((i) => i.timeliness === 'late').length;
  const { covered, of } = review.evaluation.coverage;
  const rated = review.evaluation.capabilities.map((c) => `- ${c.title}: ${ratingText(c.final.rating, language)}`).join('\n');
  return [
    words.played(scenario.teams.length, released, scenario.injects.length, late, review.contingency.released.length),
    words.observed(covered, of),
    rated ? `${words.ratings}\n\n${rated}` : '',
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
