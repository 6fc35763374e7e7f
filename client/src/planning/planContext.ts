import type { ExercisePlan } from '@startex/shared';

/** What every planning section gets: the plan, how to change it, and whether it may still change. */
export interface PlanContext {
  plan: ExercisePlan;
  exerciseId: string;
  setPlan: (plan: ExercisePlan) => void;
  reload: () => Promise<void>;
  /** After StartEx the plan is history: the server answers PLAN_LOCKED to any change. */
  locked: boolean;
}

