import type { TopLevelSpec } from 'vega-lite';
import type { ActivityView, AgencyDashboard, CentreDashboard, ProgrammeChartName } from '@startex/shared';
import { renderSpecSvg, svgToPng } from '../review/charts.ts';
import { nextDay } from './calendarDates.ts';
import type { ProgrammeWords } from './programmeWords.ts';

/** The programme's charts, drawn by the review's chart renderer (vega-lite to SVG, PNG for documents), in the words' language. */
const base = (title: string, values: Record<string, string | number>[], words: ProgrammeWords) =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, aria: false },
    background: 'white',
    width: 560,
    // Labels are never cut (names are long, Lithuanian ones longer). No ARIA descriptions: vega writes them from the data's field keys; the page gives each chart an alt text and its figures as a table.
    config: { font: 'sans-serif', aria: false, axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12, labelLimit: 0 }, locale: words.chartLocale },
    data: { values },
  }) as const;

const RATING_COLOURS = { domain: ['P', 'S', 'M', 'U'], range: ['#2e7d32', '#9e9d24', '#ef6c00', '#c62828'] };
const wholeAxis = { axis: { format: 'd', tickMinStep: 1 } } as const;

/** The figures each agency chart draws, as rows (the page shows the same as a table). */
export function agencyChartRows(chart: ProgrammeChartName, dashboard: AgencyDashboard, capabilityName: (id: string) => string, words: ProgrammeWords): Record<string, string | number>[] {
  switch (chart) {
    case 'heatmap':
      return dashboard.ratings.map((r) => ({
        capability: capabilityName(r.capabilityId),
        exercise: words.charts.ratedIn(new Date(r.finalisedAt).toISOString().slice(0, 10), r.exerciseTitle, r.version),
        rating: r.rating,
      }));
    case 'training':
      return dashboard.training.flatMap((t) => [
        { capability: capabilityName(t.capabilityId), measure: words.charts.headcountNeeded, people: t.target },
        { capability: capabilityName(t.capabilityId), measure: words.charts.trained, people: t.trained },
      ]);
    default: {
      const exhaustive: never = chart;
      return exhaustive;
    }
  }
}

function agencySpec(chart: ProgrammeChartName, dashboard: AgencyDashboard, capabilityName: (id: string) => string, words: ProgrammeWords): TopLevelSpec {
  const values = agencyChartRows(chart, dashboard, capabilityName, words);
  const measures = [words.charts.headcountNeeded, words.charts.trained];
  switch (chart) {
    case 'heatmap':
      return {
        ...base(words.charts.heatmapTitle(dashboard.agency.name), values, words),
        width: { step: 130 },
        height: { step: 28 },
        encoding: {
          x: { field: 'exercise', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -30, labelLimit: 0 } },
          y: { field: 'capability', type: 'nominal', title: null, axis: { labelLimit: 0 } },
        },
        layer: [
          { mark: { type: 'rect', stroke: 'white' }, encoding: { color: { field: 'rating', type: 'ordinal', scale: RATING_COLOURS, title: words.charts.rating } } },
          // The letter on every cell: the colour alone never carries the rating.
          { mark: { type: 'text', fontWeight: 'bold' }, encoding: { text: { field: 'rating' }, color: { value: 'white' } } },
        ],
      };
    case 'training':
      return {
        ...base(words.charts.trainingTitle(dashboard.agency.name), values, words),
        mark: 'bar',
        encoding: {
          y: { field: 'capability', type: 'nominal', title: null, axis: { labelLimit: 0 } },
          yOffset: { field: 'measure', sort: measures },
          x: { field: 'people', type: 'quantitative', title: words.charts.people, ...wholeAxis },
          color: { field: 'measure', type: 'nominal', title: null, sort: measures, scale: { range: ['#90a4ae', '#1565c0'] } },
        },
      };
    default: {
      const exhaustive: never = chart;
      return exhaustive;
    }
  }
}

export const renderAgencyChart = (chart: ProgrammeChartName, dashboard: AgencyDashboard, capabilityName: (id: string) => string, words: ProgrammeWords) =>
  renderSpecSvg(agencySpec(chart, dashboard, capabilityName, words));

/** A year of the plan as a Gantt chart: one bar per activity, coloured by kind. */
export function ganttRows(activities: readonly ActivityView[], year: number, words: ProgrammeWords): Record<string, string>[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return activities
    .filter((a) => a.status !== 'cancelled' && a.start <= to && a.end >= from)
    // A bar runs to the end of its last day, so a one-day exercise is one day wide.
    .map((a) => ({ activity: a.title, kind: words.kind[a.kind], start: a.start < from ? from : a.start, end: nextDay(a.end > to ? to : a.end), status: words.activityStatus[a.status] }));
}

function ganttSpec(title: string, activities: readonly ActivityView[], year: number, words: ProgrammeWords): TopLevelSpec {
  const values = ganttRows(activities, year, words);
  return {
    ...base(title, values, words),
    height: { step: 24 },
    mark: { type: 'bar', cornerRadius: 2, minBandSize: 4 },
    encoding: {
      y: { field: 'activity', type: 'nominal', sort: { field: 'start' }, title: null, axis: { labelLimit: 0 } },
      // Each month named once, at its start: vega's width estimate (no canvas on the server) would drop every other Lithuanian one.
      x: {
        field: 'start',
        type: 'temporal',
        title: null,
        scale: { domain: [`${year}-01-01`, `${year + 1}-01-01`] },
        axis: { format: '%b', values: Array.from({ length: 12 }, (_, month) => ({ year, month: month + 1, date: 1 })), labelOverlap: false },
      },
      x2: { field: 'end' },
      color: { field: 'kind', type: 'nominal', title: words.charts.kind },
    },
  } as TopLevelSpec;
}

export const renderGanttSvg = (title: string, activities: readonly ActivityView[], year: number, words: ProgrammeWords) => renderSpecSvg(ganttSpec(title, activities, year, words));
export const renderGanttPng = async (title: string, activities: readonly ActivityView[], year: number, words: ProgrammeWords) => svgToPng(await renderGanttSvg(title, activities, year, words));

/** How many of each priority's open needs an activity serves. */
export function coverageRows(dashboard: CentreDashboard, words: ProgrammeWords): Record<string, string | number>[] {
  return dashboard.coverage.flatMap((c) => [
    { priority: c.title, measure: words.charts.openNeeds, count: c.needs },
    { priority: c.title, measure: words.charts.withAnActivity, count: c.planned },
  ]);
}

export function renderCoverageSvg(dashboard: CentreDashboard, words: ProgrammeWords): Promise<string> {
  const measures = [words.charts.openNeeds, words.charts.withAnActivity];
  return renderSpecSvg({
    ...base(words.charts.coverageTitle(dashboard.plan?.title), coverageRows(dashboard, words), words),
    mark: 'bar',
    encoding: {
      y: { field: 'priority', type: 'nominal', title: null, axis: { labelLimit: 0 } },
      yOffset: { field: 'measure', sort: measures },
      x: { field: 'count', type: 'quantitative', title: words.charts.needs, ...wholeAxis },
      color: { field: 'measure', type: 'nominal', title: null, sort: measures, scale: { range: ['#90a4ae', '#2e7d32'] } },
    },
  });
}
