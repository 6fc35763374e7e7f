import type { ExerciseReview, MetricResult, MetricReview, ReportFinding, ScenarioDocument } from '@startex/shared';
import { markdownBlocks, markdownRuns } from '../../documents/markdown.ts';
import { bullets, facts, heading, paragraph, textTable, type Block, type Run, type StartexDocument } from '../../documents/model.ts';
import { DOCUMENT_WORDS, formatNumber, localTime, ratingText, teamName, type DocumentLanguage } from '../../documents/words.ts';
import { chartRows, phaseUnit } from '../charts.ts';
import type { ReportChart } from './reportCharts.ts';
import { PLAN_COLUMNS } from './reportLayout.ts';
import { REPORT_WORDS } from './reportWords.ts';
import type { ReportSource } from './ReportService.ts';

/** "Draft", or "Version 2, finalised 2026-11-28 10:15 (Europe/Vilnius) by lead-evaluator". */
function versionLabel(source: ReportSource, language: DocumentLanguage): { label: string; short: string } {
  const words = REPORT_WORDS[language];
  const { finalised } = source;
  if (!finalised) return { label: words.draft, short: words.draft };
  return { label: words.finalised(finalised.version, localTime(finalised.finalisedAt, source.timeZone, language), finalised.finalisedBy), short: words.version(finalised.version) };
}

/**
 * The AAR/IP as a document, for the PDF and the Word export alike, in `language`: overview,
 * executive summary, capabilities with their findings, metrics against their targets, charts, and
 * the improvement plan on landscape pages. The report's text is markdown and keeps its tables,
 * lists and emphasis; it stays as its authors wrote it.
 */
export function reportDocument(source: ReportSource, charts: ReportChart[], language: DocumentLanguage): StartexDocument {
  const { content, improvementPlan, review, scenario } = source;
  const words = REPORT_WORDS[language];
  const chapter = chapters(charts.length > 0);
  const subheading = (text: string): Block => ({ type: 'paragraph', runs: [{ text, bold: true }] });
  const findings = (list: ReportFinding[], withAnalysis: boolean): Block[] =>
    list.length === 0
      ? [paragraph(words.noneRecorded, 'muted')]
      : [
          {
            type: 'list',
            ordered: false,
            start: 1,
            items: list.map((finding) => [
              { type: 'paragraph', runs: markdownRuns(finding.text) },
              ...(withAnalysis ? [labelled(words.analysis, finding.analysis), labelled(words.rootCause, finding.rootCause)] : []),
            ]),
          },
        ];

  const body: Block[] = [
    heading(1, `${chapter.overview}. ${words.chapter.overview}`),
    ...facts([
      [words.fact.exerciseName, content.overview.exerciseName],
      [words.fact.type, content.overview.exerciseType],
      [words.fact.dates, content.overview.dates],
    ]),
    subheading(words.fact.scope),
    ...markdownBlocks(content.overview.scope),
    subheading(words.fact.objectives),
    bullets(content.overview.objectives),
    subheading(words.fact.participants),
    bullets(content.overview.participants),
    heading(1, `${chapter.summary}. ${words.chapter.summary}`),
    ...markdownBlocks(content.executiveSummary || '—'),
    heading(1, `${chapter.capabilities}. ${words.chapter.capabilities}`),
    ...content.capabilities.flatMap((capability): Block[] => [
      heading(2, capability.title),
      ...facts([[words.fact.rating, ratingText(capability.rating, language)]]),
      ...(capability.targets.length > 0 ? [bullets(capability.targets.map((t) => `${t.title}: ${ratingText(t.rating, language)}`))] : []),
      heading(3, words.strengths),
      ...findings(capability.strengths, false),
      heading(3, words.areas),
      ...findings(capability.areasForImprovement, true),
    ]),
    heading(1, `${chapter.metrics}. ${words.chapter.metrics}`),
    ...metricsTable(review, scenario, language),
    ...(charts.length > 0
      ? [
          heading(1, `${chapter.charts}. ${words.chapter.charts}`),
          ...charts.flatMap((chart): Block[] => [
            heading(3, words.chartTitle[chart.name]),
            { type: 'image', png: chart.png, title: words.chartTitle[chart.name] },
            ...(chart.name === 'phases' ? phaseTable(review, language) : []),
          ]),
        ]
      : []),
  ];
  const plan: Block[] = [
    heading(1, `${chapter.plan}. ${words.chapter.plan}`),
    improvementPlan.length === 0
      ? paragraph(words.noPlanRows)
      : textTable(
          PLAN_COLUMNS.map((c) => words.plan[c.column]),
          improvementPlan.map((item) => PLAN_COLUMNS.map((c) => c.value(item, words))),
          { widths: PLAN_COLUMNS.map((c) => c.width), size: 'small' },
        ),
  ];
  const { label, short } = versionLabel(source, language);
  return {
    title: words.title,
    subtitle: content.overview.exerciseName,
    label,
    runningHeader: words.runningHeader(source.title, short),
    contents: true,
    parts: [{ blocks: body }, { landscape: true, blocks: plan }],
    language,
  };
}

function chapters(withCharts: boolean) {
  return { overview: 1, summary: 2, capabilities: 3, metrics: 4, charts: 5, plan: withCharts ? 6 : 5 };
}

function labelled(label: string, markdown: string): Block {
  const runs: Run[] = markdown.trim() ? markdownRuns(markdown) : [{ text: '—' }];
  return { type: 'paragraph', runs: [{ text: `${label}: `, bold: true }, ...runs] };
}

/** The phases chart's figures as a table, each phase by its title (a reader can copy them; a long title is never cut). */
function phaseTable(review: ExerciseReview, language: DocumentLanguage): Block[] {
  if (review.phases.length === 0) return [];
  const words = REPORT_WORDS[language];
  const unit = DOCUMENT_WORDS[language].unit[phaseUnit(review)];
  const rows = chartRows('phases', review).map((row) => [String(row.phase), formatNumber(Number(row.from), language), formatNumber(Number(row.to), language)]);
  return [textTable([words.phaseTable.phase, `${words.phaseTable.from} (${unit})`, `${words.phaseTable.to} (${unit})`], rows, { widths: [4.4, 1, 1], size: 'small' })];
}

/** A metric's target in words: "≤ 15 minutes", "yes", "≥ 3", "every team by T+30". */
function metricTargetText(metric: MetricReview, language: DocumentLanguage): string {
  const words = REPORT_WORDS[language];
  const number = (value: number) => formatNumber(value, language);
  switch (metric.kind) {
    case undefined:
      return words.target.atMost(`${number(metric.target)} ${DOCUMENT_WORDS[language].unit[metric.unit]}`);
    case 'yes-no':
      return metric.target === 1 ? DOCUMENT_WORDS[language].yes : DOCUMENT_WORDS[language].no;
    case 'count':
      if (metric.comparison === 'between') return words.target.between(number(metric.target), number(metric.targetMax ?? metric.target));
      return metric.comparison === 'at-least' ? words.target.atLeast(number(metric.target)) : words.target.atMost(number(metric.target));
    case 'every-team':
      return words.target.by(number(metric.target));
    default: {
      const exhaustive: never = metric.kind;
      return exhaustive;
    }
  }
}

/** A result's value in words: "12.5 minutes", "no", "4", "T+12", or "6 of 7 teams" for every team together. */
function metricValueText(metric: MetricReview, result: MetricResult, language: DocumentLanguage): string {
  const words = REPORT_WORDS[language];
  if (result.value === undefined) return '—';
  const value = formatNumber(result.value, language);
  switch (metric.kind) {
    case undefined:
      return `${value} ${DOCUMENT_WORDS[language].unit[metric.unit]}`;
    case 'yes-no':
      return result.value === 1 ? DOCUMENT_WORDS[language].yes : DOCUMENT_WORDS[language].no;
    case 'count':
      return value;
    case 'every-team':
      return result.teamId === undefined ? words.teamsDone(result.value, metric.results.length - 1) : words.doneAt(value);
    default: {
      const exhaustive: never = metric.kind;
      return exhaustive;
    }
  }
}

/** The scenario's metrics per team against their targets, as the spreadsheet has them, in words. */
function metricsTable(review: ExerciseReview, scenario: ScenarioDocument, language: DocumentLanguage): Block[] {
  const words = REPORT_WORDS[language];
  const rows = review.metrics.flatMap((metric) =>
    metric.results.map((result) => [
      metric.title,
      result.teamId ? teamName(scenario, result.teamId, language) : words.wholeExercise,
      metricValueText(metric, result, language),
      metricTargetText(metric, language),
      words.metricStatus[result.status],
    ]),
  );
  if (rows.length === 0) return [paragraph(words.noMetrics, 'muted')];
  const { metric, team, result, target, status } = words.metricTable;
  // Room for the longest status in either language ("Nėra duomenų") and a team's name on one line.
  return [textTable([metric, team, result, target, status], rows, { widths: [2.3, 1.75, 0.85, 1.05, 1.15] })];
}
