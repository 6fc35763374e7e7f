import type { LogEntry, PhaseSpan } from '@startex/shared';

/** Each scenario state's spans of exercise time, from `state.entered` entries, closed at EndEx. */
export function phaseSpans(entries: readonly LogEntry[]): PhaseSpan[] {
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
        const span: PhaseSpan = { state, fromMs: entry.exerciseTimeMs, enteredSeq: entry.seq };
        open.set(state, span);
        spans.push(span);
      }
    } else if (entry.type === 'exercise.ended') {
      for (const state of [...open.keys()]) close(state, entry.exerciseTimeMs);
    }
  }
  return spans;
}
