import { phaseOf, phasePaths } from '@startex/scenarios';
import { stateTitles, type LogEntry, type PhaseSpan, type ScenarioDocument } from '@startex/shared';

/**
 * The spans of exercise time of each phase as people follow it, from `state.entered` entries,
 * closed at EndEx. A phase is what the wall display and the feeds show (phasePaths/phaseOf): a
 * hand-written machine's states by their titled paths, a timeline's storyline state by its own
 * title ("T+30: Bomb threat call"), never its bookkeeping regions or "Play › Main timeline › …".
 */
export function phaseSpans(scenario: ScenarioDocument, entries: readonly LogEntry[]): PhaseSpan[] {
  const titles = stateTitles(scenario);
  const spans: PhaseSpan[] = [];
  const open = new Map<string, PhaseSpan>();
  const close = (state: string, atMs: number) => {
    const span = open.get(state);
    if (!span) return;
    span.toMs = atMs;
    open.delete(state);
  };
  for (const entry of entries) {
    if (entry.type === 'state.entered') {
      const now = phasePaths(entry.states);
      for (const state of [...open.keys()]) if (!now.includes(state)) close(state, entry.exerciseTimeMs);
      for (const state of now) {
        if (open.has(state)) continue;
        const span: PhaseSpan = { state, title: phaseOf([state], titles), fromMs: entry.exerciseTimeMs, enteredSeq: entry.seq };
        open.set(state, span);
        spans.push(span);
      }
    } else if (entry.type === 'exercise.ended') {
      for (const state of [...open.keys()]) close(state, entry.exerciseTimeMs);
    }
  }
  return spans;
}
