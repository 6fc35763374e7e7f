/** Something that serves critical tasks: a scenario inject or participant action (ids only). */
export interface ServesTasks {
  id: string;
  criticalTasks: readonly string[];
}

/** Whether one `action.taken` counts as acting upon one inject released to the acting team before it. */
export type ActsUpon = (action: { actionId: string; injectId?: string | undefined }, injectId: string) => boolean;

/**
 * The one rule for "acted upon", used by the console's MSEL, the tablet, the wall display and the
 * review: an action acts upon an inject when the participant took it from that inject, or when the
 * action and the inject serve a common critical task. Which tasks an inject serves is in the
 * scenario document, which only staff hold: without `scenario` (tablets, the wall display) only
 * the first half of the rule can be seen.
 */
export function actsUponRule(scenario?: { injects: readonly ServesTasks[]; actions: readonly ServesTasks[] }): ActsUpon {
  const tasksOfAction = new Map(scenario?.actions.map((a) => [a.id, new Set(a.criticalTasks)]));
  const tasksOfInject = new Map(scenario?.injects.map((i) => [i.id, i.criticalTasks]));
  return (action, injectId) => {
    if (action.injectId === injectId) return true;
    const tasks = tasksOfAction.get(action.actionId);
    return tasks !== undefined && (tasksOfInject.get(injectId) ?? []).some((task) => tasks.has(task));
  };
}
