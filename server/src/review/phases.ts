import { statePathTitle, stateTitles, type LogEntry, type PhaseSpan, type ScenarioDocument } from '@startex/shared';

/** Each scenario state's spans of exercise time, from `state.entered` entries, closed at EndEx, titled as the scenario titles its states. */
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
      const now = new Set(entry.states);
      for (const state of [...open.keys()]) if (!now.has(state)) close(state, entry.exerciseTimeMs);
      for (const state of entry.states) {
        if (open.has(state)) continue;
        const span: PhaseSpan = { state, title: statePathTitle(titles, state), fromMs: entry.exerciseTimeMs, enteredSeq: entry.seq };
        open.set(state, span);
        spans.push(span);
      }
    } else if (entry.type === 'exercise.ended') {
      for (const state of [...open.keys()]) close(state, entry.exerciseTimeMs);
    }
  }
  return spans;
}
