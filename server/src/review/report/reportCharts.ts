import { REVIEW_CHARTS, type ExerciseReview, type ReviewChartName } from '@startex/shared';
import { renderChartPng } from '../charts.ts';

export interface ReportChart {
  name: ReviewChartName;
  png: Buffer;
}

/** The review's charts as PNGs for the PDF and DOCX (rendered by the review's own chart module). */
export async function reportCharts(review: ExerciseReview): Promise<ReportChart[]> {
  const charts: ReportChart[] = [];
  for (const name of REVIEW_CHARTS) charts.push({ name, png: Buffer.from(await renderChartPng(name, review)) });
  return charts;
}
