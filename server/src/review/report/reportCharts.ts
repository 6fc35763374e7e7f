import { REVIEW_CHARTS, type ExerciseReview, type ReviewChartName } from '@startex/shared';
import { renderChartPng } from '../charts.ts';
import { CHART_WORDS } from '../chartWords.ts';
import type { DocumentLanguage } from '../../documents/words.ts';

export interface ReportChart {
  name: ReviewChartName;
  png: Buffer;
}

/** The review's charts as PNGs for the PDF and DOCX, in the report's language (rendered by the review's own chart module). */
export async function reportCharts(review: ExerciseReview, language: DocumentLanguage): Promise<ReportChart[]> {
  const charts: ReportChart[] = [];
  for (const name of REVIEW_CHARTS) charts.push({ name, png: Buffer.from(await renderChartPng(name, review, CHART_WORDS[language])) });
  return charts;
}
