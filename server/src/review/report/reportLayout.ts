import type { ImprovementItem } from '@startex/shared';
import type { PlanColumn, ReportWords } from './reportWords.ts';

/** The improvement plan's columns as the AAR/IP and its spreadsheets print them: a row's value in words, and the column's relative width. */
export const PLAN_COLUMNS: { column: PlanColumn; value: (item: ImprovementItem, words: ReportWords) => string; width: number }[] = [
  { column: 'capability', value: (i) => i.capability, width: 1.1 },
  { column: 'issue', value: (i) => i.issue, width: 1.4 },
  { column: 'recommendation', value: (i) => i.recommendation, width: 1.3 },
  { column: 'correctiveAction', value: (i) => i.correctiveAction, width: 1.4 },
  { column: 'element', value: (i, words) => words.element[i.capabilityElement], width: 0.8 },
  { column: 'responsibleAgency', value: (i) => i.responsibleAgency, width: 1 },
  { column: 'pointOfContact', value: (i) => i.pointOfContact, width: 0.9 },
  { column: 'start', value: (i) => i.startDate, width: 0.8 },
  { column: 'due', value: (i) => i.dueDate, width: 0.8 },
  { column: 'status', value: (i, words) => words.status[i.status], width: 0.7 },
];
