import type { CapabilityElement, ImprovementItem, ImprovementStatus, MetricStatus, Rating } from '@startex/shared';

/** What the AAR/IP documents and spreadsheets share: labels, and the improvement plan's columns. */
export const RATING_LABEL: Record<Rating, string> = {
  P: 'P: performed without challenges',
  S: 'S: performed with some challenges',
  M: 'M: performed with major challenges',
  U: 'U: unable to be performed',
};

export const ratingText = (rating: Rating | undefined) => (rating ? RATING_LABEL[rating] : 'not rated');

export const CHART_TITLES = {
  'response-times': 'Response times per team',
  phases: 'Scenario phases over exercise time',
  ratings: 'Rating distribution',
} as const;

export const ELEMENT_LABEL: Record<CapabilityElement, string> = {
  planning: 'Planning',
  organisation: 'Organisation',
  equipment: 'Equipment',
  training: 'Training',
  exercises: 'Exercises',
};

export const STATUS_LABEL: Record<ImprovementStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const METRIC_STATUS_LABEL: Record<MetricStatus, string> = { met: 'Met', 'not-met': 'Not met', 'no-data': 'No data' };

export const PLAN_COLUMNS: { header: string; value: (item: ImprovementItem) => string; width: number }[] = [
  { header: 'Capability', value: (i) => i.capability, width: 1.1 },
  { header: 'Issue / area for improvement', value: (i) => i.issue, width: 1.4 },
  { header: 'Recommendation', value: (i) => i.recommendation, width: 1.3 },
  { header: 'Corrective action', value: (i) => i.correctiveAction, width: 1.4 },
  { header: 'Element', value: (i) => ELEMENT_LABEL[i.capabilityElement], width: 0.8 },
  { header: 'Responsible agency', value: (i) => i.responsibleAgency, width: 1 },
  { header: 'Point of contact', value: (i) => i.pointOfContact, width: 0.9 },
  { header: 'Start', value: (i) => i.startDate, width: 0.8 },
  { header: 'Due', value: (i) => i.dueDate, width: 0.8 },
  { header: 'Status', value: (i) => STATUS_LABEL[i.status], width: 0.7 },
];
