import type { ExerciseReview, ReportFinding, ScenarioDocument } from '@startex/shared';
import { markdownBlocks, markdownRuns } from '../../documents/markdown.ts';
import { bullets, facts, heading, paragraph, textTable, type Block, type Run, type StartexDocument } from '../../documents/model.ts';
import { teamName } from '../../documents/words.ts';
import { chartRows, phaseUnit } from '../charts.ts';
import type { ReportChart } from './reportCharts.ts';
import { CHART_TITLES, METRIC_STATUS_LABEL, PLAN_COLUMNS, ratingText } from './reportLayout.ts';
import type { ReportSource } from './ReportService.ts';

/**
 * The AAR/IP as a document, for the PDF and the Word export alike: overview, executive summary,
 * capabilities with their findings, metrics against their targets, charts, and the improvement
 * plan on landscape pages. The report's text is markdown and keeps its tables, lists and emphasis.
 */
export function reportDocument(source: ReportSource, charts: ReportChart[]): StartexDocument {
  const { content, improvementPlan, review, scenario } = source;
  const chapter = chapters(charts.length > 0);
  const subheading = (text: string): Block => ({ type: 'paragraph', runs: [{ text, bold: true }] });
  const findings = (list: ReportFinding[], withAnalysis: boolean): Block[] =>
    list.length === 0
      ? [paragraph('None recorded.', 'muted')]
      : [
          {
            type: 'list',
            ordered: false,
            start: 1,
            items: list.map((finding) => [
              { type: 'paragraph', runs: markdownRuns(finding.text) },
              ...(withAnalysis ? [labelled('Analysis', finding.analysis), labelled('Root cause', finding.rootCause)] : []),
            ]),
          },
        ];

  const body: Block[] = [
    heading(1, `${chapter.overview}. Exercise overview`),
    ...facts([
      ['Exercise name', content.overview.exerciseName],
      ['Type', content.overview.exerciseType],
      ['Dates', content.overview.dates],
    ]),
    subheading('Scope'),
    ...markdownBlocks(content.overview.scope),
    subheading('Objectives'),
    bullets(content.overview.objectives),
    subheading('Participating agencies and teams'),
    bullets(content.overview.participants),
    heading(1, `${chapter.summary}. Executive summary`),
    ...markdownBlocks(content.executiveSummary || '—'),
    heading(1, `${chapter.capabilities}. Analysis of capabilities`),
    ...content.capabilities.flatMap((capability): Block[] => [
      heading(2, capability.title),
      ...facts([['Rating', ratingText(capability.rating)]]),
      ...(capability.targets.length > 0 ? [bullets(capability.targets.map((t) => `${t.title}: ${ratingText(t.rating)}`))] : []),
      heading(3, 'Strengths'),
      ...findings(capability.strengths, false),
      heading(3, 'Areas for improvement'),
      ...findings(capability.areasForImprovement, true),
    ]),
    heading(1, `${chapter.metrics}. Metrics against targets`),
    ...metricsTable(review, scenario),
    ...(charts.length > 0
      ? [
          heading(1, `${chapter.charts}. Charts`),
          ...charts.flatMap((chart): Block[] => [
            heading(3, CHART_TITLES[chart.name]),
            { type: 'image', png: chart.png, title: CHART_TITLES[chart.name] },
            ...(chart.name === 'phases' ? phaseTable(review) : []),
          ]),
        ]
      : []),
  ];
  const plan: Block[] = [
    heading(1, `${chapter.plan}. Improvement plan`),
    improvementPlan.length === 0
      ? paragraph('No improvement plan rows yet.')
      : textTable(
          PLAN_COLUMNS.map((c) => c.header),
          improvementPlan.map((item) => PLAN_COLUMNS.map((c) => c.value(item))),
          { widths: PLAN_COLUMNS.map((c) => c.width), size: 'small' },
        ),
  ];
  return {
    title: 'After-Action Report / Improvement Plan',
    subtitle: content.overview.exerciseName,
    label: source.label,
    runningHeader: `After-action report: ${source.title} · ${source.label.split(',')[0]}`,
    contents: true,
    parts: [{ blocks: body }, { landscape: true, blocks: plan }],
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
function phaseTable(review: ExerciseReview): Block[] {
  if (review.phases.length === 0) return [];
  const unit = phaseUnit(review);
  const rows = chartRows('phases', review).map((row) => [String(row.phase), String(row.from), String(row.to)]);
  return [textTable(['Phase', `From (${unit})`, `To (${unit})`], rows, { widths: [4.4, 1, 1], size: 'small' })];
}

/** The scenario's metrics per team against their targets, as the spreadsheet has them, in words. */
function metricsTable(review: ExerciseReview, scenario: ScenarioDocument): Block[] {
  const rows = review.metrics.flatMap((metric) =>
    metric.results.map((result) => [
      metric.title,
      result.teamId ? teamName(scenario, result.teamId) : 'Whole exercise',
      result.value === undefined ? '—' : `${result.value} ${metric.unit}`,
      `≤ ${metric.target} ${metric.unit}`,
      METRIC_STATUS_LABEL[result.status],
    ]),
  );
  if (rows.length === 0) return [paragraph('The scenario defines no metrics.', 'muted')];
  return [textTable(['Metric', 'Team', 'Result', 'Target', 'Status'], rows, { widths: [2.3, 1.9, 0.9, 1.3, 0.7] })];
}
