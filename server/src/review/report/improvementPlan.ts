import type { ImprovementItem, ImprovementItemView } from '@startex/shared';

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
