import type { ExerciseView } from '@startex/shared';

export type Objectives = NonNullable<ExerciseView['evaluation']>['objectives'];

export interface TaskRef {
  objectiveId: string;
  objectiveTitle: string;
  targetId: string;
  targetTitle: string;
  taskId: string;
  taskTitle: string;
}

/** Every critical task with the capability target and objective it belongs to. */
export function criticalTasks(objectives: Objectives): TaskRef[] {
  return objectives.flatMap((o) =>
    o.capabilityTargets.flatMap((c) =>
      c.criticalTasks.map((task) => ({ objectiveId: o.id, objectiveTitle: o.title, targetId: c.id, targetTitle: c.title, taskId: task.id, taskTitle: task.title })),
    ),
  );
}
