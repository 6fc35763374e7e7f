/**
 * xstate-only states that wrap a document's machine when it has reactions: every reaction is a
 * region of its own beside the machine, so that each one sees every action whatever state handles
 * it. Document keys start with a letter, so these never clash, and ScenarioRun leaves them out of
 * the states it reports.
 */
export const WRAPPER = { play: '__play', main: '__main', reaction: '__reaction' } as const;
