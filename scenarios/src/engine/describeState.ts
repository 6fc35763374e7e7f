import { clockNow } from './ExerciseClock.ts';
import type { ExerciseState } from './ExerciseState.ts';
import { currentStates } from './projections.ts';

/**
 * Everything a state holds, as plain data: what a replay of the log must reproduce exactly (the
 * replay and crash tests compare it), and a readable dump for diagnostics.
 */
export function describeState(s: ExerciseState, atWallTime: number) {
  return {
    status: s.status,
    lastSeq: s.lastSeq,
    exerciseTimeMs: clockNow(s.clock, atWallTime),
    clock: s.clock,
    timing: s.timing,
    haltReason: s.haltReason,
    states: [...currentStates(s)],
    context: s.run?.machine.context as unknown,
    timers: s.run?.timers ?? {},
    machineStatus: s.run?.machine.status,
    // Progress of every inject, the copies teams were sent with control's edits in them.
    injects: s.injects.toObject(),
    released: s.injects.values().flatMap((p) => (p.inject ? [p.injectId] : [])).sort(),
    held: Object.fromEntries(s.injects.values().flatMap((p) => (p.held ? [[p.injectId, p.held.reason]] : []))),
    skipped: Object.fromEntries(s.injects.values().flatMap((p) => (p.skipped ? [[p.injectId, p.skipped.reason]] : []))),
    adHocCount: s.adHocCount,
    // Requests served (idempotency keys, receipts), who each message went to, current ratings.
    served: s.served.toObject(),
    messages: s.messages.toObject(),
    ratings: s.ratings.toObject(),
    commsCheck: s.commsCheck,
  };
}
