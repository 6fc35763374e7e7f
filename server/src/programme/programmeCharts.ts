import type { TopLevelSpec } from 'vega-lite';
import type { ActivityView, AgencyDashboard, CentreDashboard, ProgrammeChartName } from '@startex/shared';
import { renderSpecSvg, svgToPng } from '../review/charts.ts';
import { nextDay } from './calendarDates.ts';

/** The programme's charts, drawn by the review's chart renderer (vega-lite to SVG, PNG for documents). */
const base = (title: string, values: Record<string, string | number>[]) =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    background: 'white',
    width: 560,
    config: { font: 'sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
    data: { values },
  }) as const;

const RATING_COLOURS = { domain: ['P', 'S', 'M', 'U'], range: ['#2e7d32', '#9e9d24', '#ef6c00', '#c62828'] };
const wholeAxis = { axis: { format: 'd', tickMinStep: 1 } } as const;

/** The figures each agency chart draws, as rows (the page shows the same as a table). */
export function agencyChartRows(chart: ProgrammeChartName, dashboard: AgencyDashboard, capabilityName: (id: string) => string): Record<string, string | number>[] {
  switch (chart) {
    case 'heatmap':
      return dashboard.ratings.map((r) => ({
        capability: capabilityName(r.capabilityId),
        exercise: `${new Date(r.finalisedAt).toISOString().slice(0, 10)} ${r.exerciseTitle} (v${r.version})`,
        rating: r.rating,
      }));
    case 'training':
      return dashboard.training.flatMap((t) => [
        { capability: capabilityName(t.capabilityId), measure: 'headcount needed', people: t.target },
        { capability: capabilityName(t.capabilityId), measure: 'trained', people: t.trained },
      ]);
    default: {
      const exhaustive: never = chart;
      return exhaustive;
    }
  }
}

function agencySpec(chart: ProgrammeChartName, dashboard: AgencyDashboard, capabilityName: (id: string) => string): TopLevelSpec {
  const values = agencyChartRows(chart, dashboard, capabilityName);
  switch (chart) {
    case 'heatmap':
      return {
        ...base(`${dashboard.agency.name}: capability ratings over time`, values),
        width: { step: 130 },
        height: { step: 28 },
        encoding: {
          x: { field: 'exercise', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -30, labelLimit: 240 } },
          y: { field: 'capability', type: 'nominal', title: null, axis: { labelLimit: 300 } },
        },
        layer: [
          { mark: { type: 'rect', stroke: 'white' }, encoding: { color: { field: 'rating', type: 'ordinal', scale: RATING_COLOURS, title: 'rating' } } },
          // The letter on every cell: the colour alone never carries the rating.
          { mark: { type: 'text', fontWeight: 'bold' }, encoding: { text: { field: 'rating' }, color: { value: 'white' } } },
        ],
      };
    case 'training':
      return {
        ...base(`${dashboard.agency.name}: trained people against the headcount needed`, values),
        mark: 'bar',
        encoding: {
          y: { field: 'capability', type: 'nominal', title: null, axis: { labelLimit: 300 } },
          yOffset: { field: 'measure', sort: ['headcount needed', 'trained'] },
          x: { field: 'people', type: 'quantitative', title: 'people', ...wholeAxis },
          color: { field: 'measure', type: 'nominal', title: null, sort: ['headcount needed', 'trained'], scale: { range: ['#90a4ae', '#1565c0'] } },
        },
      };
    default: {
      const exhaustive: never = chart;
      return exhaustive;
    }
  }
}

export const renderAgencyChart = (chart: ProgrammeChartName, dashboard: AgencyDashboard, capabilityName: (id: string) => string) =>
  renderSpecSvg(agencySpec(chart, dashboard, capabilityName));

/** A year of the plan as a Gantt chart: one bar per activity, coloured by kind. */
export function ganttRows(activities: readonly ActivityView[], year: number): Record<string, string>[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return activities
    .filter((a) => a.status !== 'cancelled' && a.start <= to && a.end >= from)
    // A bar runs to the end of its last day, so a one-day exercise is one day wide.
    .map((a) => ({ activity: a.title, kind: a.kind, start: a.start < from ? from : a.start, end: nextDay(a.end > to ? to : a.end), status: a.status }));
}

function ganttSpec(title: string, activities: readonly ActivityView[], year: number): TopLevelSpec {
  const values = ganttRows(activities, year);
  return {
    ...base(title, values),
    height: { step: 24 },
    mark: { type: 'bar', cornerRadius: 2, minBandSize: 4 },
    encoding: {
      y: { field: 'activity', type: 'nominal', sort: { field: 'start' }, title: null, axis: { labelLimit: 260 } },
      x: { field: 'start', type: 'temporal', title: null, scale: { domain: [`${year}-01-01`, `${year + 1}-01-01`] }, axis: { format: '%b', tickCount: 12 } },
      x2: { field: 'end' },
      color: { field: 'kind', type: 'nominal', title: 'kind' },
    },
  } as TopLevelSpec;
}

export const renderGanttSvg = (title: string, activities: readonly ActivityView[], year: number) => renderSpecSvg(ganttSpec(title, activities, year));
export const renderGanttPng = async (title: string, activities: readonly ActivityView[], year: number) => svgToPng(await renderGanttSvg(title, activities, year));

/** How many of each priority's open needs an activity serves. */
export function coverageRows(dashboard: CentreDashboard): Record<string, string | number>[] {
  return dashboard.coverage.flatMap((c) => [
    { priority: c.title, measure: 'open needs', count: c.needs },
    { priority: c.title, measure: 'with an activity', count: c.planned },
  ]);
}

export function renderCoverageSvg(dashboard: CentreDashboard): Promise<string> {
  return renderSpecSvg({
    ...base(`Coverage of the plan's priorities${dashboard.plan ? `: ${dashboard.plan.title}` : ''}`, coverageRows(dashboard)),
    mark: 'bar',
    encoding: {
      y: { field: 'priority', type: 'nominal', title: null, axis: { labelLimit: 300 } },
      yOffset: { field: 'measure', sort: ['open needs', 'with an activity'] },
      x: { field: 'count', type: 'quantitative', title: 'needs', ...wholeAxis },
      color: { field: 'measure', type: 'nominal', title: null, sort: ['open needs', 'with an activity'], scale: { range: ['#90a4ae', '#2e7d32'] } },
    },
  });
}
