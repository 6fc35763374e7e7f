import { StartexError, type AgencyChoice, type AgencyView, type CapabilityChoice, type ImprovementItem, type ImprovementItemView, type ScenarioDocument } from '@startex/shared';

/** Today's calendar date (UTC), as improvement plan dates are written. */
export function calendarDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Overdue: the due date has passed and the action is neither completed nor cancelled. */
export function isOverdue(item: Pick<ImprovementItem, 'dueDate' | 'status'>, today: string): boolean {
  return item.dueDate < today && item.status !== 'completed' && item.status !== 'cancelled';
}

export function itemView(item: ImprovementItem, today: string, exerciseTitle?: string): ImprovementItemView {
  return { ...item, overdue: isOverdue(item, today), ...(exerciseTitle !== undefined ? { exerciseTitle } : {}) };
}

/**
 * A row's capability and responsible agency as stored: the picked objective's title or agency's
 * name, or the words given as "other". An id that names nothing is refused.
 */
export function resolveChoices<T extends { capability?: CapabilityChoice | undefined; responsibleAgency?: AgencyChoice | undefined }>(
  body: T,
  scenario: ScenarioDocument,
  agencies: readonly AgencyView[],
): Omit<T, 'capability' | 'responsibleAgency'> & { capability?: string; responsibleAgency?: string } {
  const { capability, responsibleAgency, ...rest } = body;
  const resolved: { capability?: string; responsibleAgency?: string } = {};
  if (capability !== undefined) {
    if (typeof capability === 'string') resolved.capability = capability;
    else if ('other' in capability) resolved.capability = capability.other;
    else {
      const objective = scenario.objectives.find((o) => o.id === capability.objectiveId);
      if (!objective) throw new StartexError('UNKNOWN_OBJECTIVE', 'Pick the capability from the scenario\'s objectives, or write it as "other".', 'body.capability.objectiveId');
      resolved.capability = objective.title;
    }
  }
  if (responsibleAgency !== undefined) {
    if (typeof responsibleAgency === 'string') resolved.responsibleAgency = responsibleAgency;
    else if ('other' in responsibleAgency) resolved.responsibleAgency = responsibleAgency.other;
    else {
      const agency = agencies.find((a) => a.id === responsibleAgency.agencyId);
      if (!agency) throw new StartexError('UNKNOWN_AGENCY', 'Pick the agency from the directory, or write it as "other".', 'body.responsibleAgency.agencyId');
      resolved.responsibleAgency = agency.name;
    }
  }
  return { ...rest, ...resolved };
}
