import type { ExerciseReview, ReviewChartName } from '@startex/shared';
import type { TopLevelSpec } from 'vega-lite';
import { lazyImport, lazyRequire } from '../lazyPackage.ts';
import { CHART_WORDS, type ChartWords, type TimeUnit } from './chartWords.ts';

const chartLibraries = lazyImport(async () => ({ vega: await import('vega'), vegaLite: await import('vega-lite') }));
const resvg = lazyRequire<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');

const MS_PER: Record<TimeUnit, number> = { seconds: 1000, minutes: 60_000 };

/** Seconds for a short drill (everything within two minutes), else minutes: the axis then reads in whole units. */
function unitFor(ms: readonly (number | undefined)[]): TimeUnit {
  return Math.max(0, ...ms.filter((x): x is number => x !== undefined)) < 120_000 ? 'seconds' : 'minutes';
}
const inUnit = (ms: number, unit: TimeUnit) => Math.round((ms / MS_PER[unit]) * 10) / 10;

function responseUnit(review: ExerciseReview): TimeUnit {
  return unitFor(review.teams.flatMap((t) => [t.releaseToDelivery.medianMs, t.releaseToAcknowledge.medianMs, t.releaseToAction.medianMs]));
}
function phaseEnd(review: ExerciseReview): number {
  return review.endedAtMs ?? Math.max(0, ...review.phases.map((p) => p.toMs ?? p.fromMs));
}
/** The unit of the phases chart's figures (chartRows), for a table of them beside it. */
export function phaseUnit(review: ExerciseReview): TimeUnit {
  return unitFor([phaseEnd(review), ...review.phases.map((p) => p.toMs)]);
}

/** Figures as tables of rows: what each chart draws, and what a screen reader reads instead. Times are in the chart's unit; steps and levels in `words`. */
export function chartRows(chart: ReviewChartName, review: ExerciseReview, words: ChartWords = CHART_WORDS.en): Record<string, string | number>[] {
  switch (chart) {
    case 'response-times': {
      const unit = responseUnit(review);
      return review.teams.flatMap((team) =>
        (
          [
            [words.step.delivered, team.releaseToDelivery.medianMs],
            [words.step.acknowledged, team.releaseToAcknowledge.medianMs],
            [words.step.firstAction, team.releaseToAction.medianMs],
          ] as const
        ).flatMap(([step, ms]) => (ms === undefined ? [] : [{ team: team.name, step, [unit]: inUnit(ms, unit) }])),
      );
    }
    case 'phases': {
      const end = phaseEnd(review);
      const unit = phaseUnit(review);
      return review.phases.map((p) => ({ phase: p.title, from: inUnit(p.fromMs, unit), to: inUnit(p.toMs ?? end, unit) }));
    }
    case 'ratings': {
      const { targets, capabilities } = review.evaluation.distribution;
      return (['P', 'S', 'M', 'U'] as const).flatMap((rating) => [
        { rating, level: words.levels.targets, count: targets[rating] },
        { rating, level: words.levels.capabilities, count: capabilities[rating] },
      ]);
    }
    default: {
      const exhaustive: never = chart;
      return exhaustive;
    }
  }
}

/** An axis from 0 with whole-number ticks, however small the figures (all zero included). */
function wholeScale(rows: Record<string, string | number>[], fields: string[]) {
  const top = Math.max(1, ...rows.flatMap((r) => fields.map((f) => Number(r[f] ?? 0))));
  return { scale: { domain: [0, top], nice: true }, axis: { format: 'd', tickMinStep: 1 } };
}

/** A chart's vega-lite spec; every word on it but the exercise's own names (teams, phases) from `words`. */
function spec(chart: ReviewChartName, review: ExerciseReview, words: ChartWords): TopLevelSpec {
  const values = chartRows(chart, review, words);
  const unit = chart === 'phases' ? phaseUnit(review) : responseUnit(review);
  const steps = [words.step.delivered, words.step.acknowledged, words.step.firstAction];
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: words.title[chart](unit),
    background: 'white',
    width: 560,
    config: { font: 'sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
    data: { values },
  } as const;
  switch (chart) {
    case 'response-times':
      return {
        ...base,
        mark: 'bar',
        encoding: {
          // A channel's title names its figures to screen readers too; the axis shows the team names alone.
          y: { field: 'team', type: 'nominal', title: words.team, axis: { labelLimit: 0, title: null } },
          yOffset: { field: 'step', sort: steps },
          x: { field: unit, type: 'quantitative', title: words.afterRelease(unit), ...wholeScale(values, [unit]) },
          color: { field: 'step', type: 'nominal', title: words.reached, sort: steps, scale: { range: ['#90a4ae', '#1565c0', '#2e7d32'] } },
        },
      };
    case 'phases':
      return {
        ...base,
        encoding: {
          y: { field: 'phase', type: 'nominal', sort: null, title: words.phase, axis: { labelLimit: 0, title: null } },
          x: { field: 'from', type: 'quantitative', title: words.exerciseTime(unit), ...wholeScale(values, ['from', 'to']) },
          color: { value: '#1565c0' },
        },
        layer: [
          { mark: { type: 'bar', cornerRadius: 2 }, encoding: { x2: { field: 'to' } } },
          // A phase that began and ended at once is a bar of no width: mark it with a tick so it still shows.
          { transform: [{ filter: 'datum.from === datum.to' }], mark: { type: 'tick', thickness: 4, opacity: 1 } },
        ],
      };
    case 'ratings':
      return {
        ...base,
        height: 200,
        mark: 'bar',
        encoding: {
          x: { field: 'rating', type: 'nominal', sort: ['P', 'S', 'M', 'U'], title: words.rating, axis: { labelAngle: 0 } },
          xOffset: { field: 'level' },
          y: { field: 'count', type: 'quantitative', title: words.count, ...wholeScale(values, ['count']) },
          color: { field: 'level', type: 'nominal', title: words.level, scale: { range: ['#1565c0', '#e65100'] }, legend: { labelLimit: 300 } },
        },
      };
    default: {
      const exhaustive: never = chart;
      return exhaustive;
    }
  }
}

/** A chart as SVG in the words of `words` (English unless asked): vega-lite compiled to vega, rendered headless (no canvas, no DOM). */
export async function renderChartSvg(chart: ReviewChartName, review: ExerciseReview, words: ChartWords = CHART_WORDS.en): Promise<string> {
  return renderSpecSvg(spec(chart, review, words));
}

/** The same chart as PNG at twice the size, for the PDF and DOCX reports (in the report's words); text in the system's fonts. */
export async function renderChartPng(chart: ReviewChartName, review: ExerciseReview, words: ChartWords = CHART_WORDS.en): Promise<Buffer> {
  return svgToPng(await renderChartSvg(chart, review, words));
}

/** Any vega-lite chart as SVG, the way the review's are drawn (the programme's dashboards use it too). */
export async function renderSpecSvg(chartSpec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await chartLibraries();
  const compiled = vegaLite.compile(chartSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG chart as PNG at twice the size, for PDF and DOCX documents. */
export function svgToPng(svg: string): Buffer {
  const png = new (resvg().Resvg)(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' }).render().asPng();
  return Buffer.from(png);
}
