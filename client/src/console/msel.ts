import { foldInjectProgress, type InjectProgress, type RecipientStatus } from '@startex/scenarios/engine';
import { actsUponRule, parseScenarioClockTime, type LogEntry, type ScenarioDocument, type ReleasedInject, type ScenarioState } from '@startex/shared';

type Channel = ReleasedInject['channel'];

/** One line of the MSEL: a scenario inject (planned or out) or an ad hoc one from the log. */
export interface MselRow {
  id: string;
  number: number;
  subject: string;
  body: string;
  channel: Channel;
  from: string;
  to: string[];
  kind: ReleasedInject['kind'];
  adHoc: boolean;
  edited: boolean;
  expectedActions: string[];
  /** Planned story time, "Day 1 09:02", when the MSEL gives one. */
  planned?: string;
  /** Planned exercise time (since StartEx), from the planned story time and the scenario's start. */
  plannedExerciseMs?: number;
  /** Scenario time of the release, when out. */
  releasedAtScenarioMs?: number;
  /** Exercise time of the release, when out. */
  releasedAtExerciseMs?: number;
  /** Where the row sits on the scenario time line: release time, else planned time. */
  sortMs: number;
  /** The machine states whose entry or transitions release it. */
  phases: string[];
  state: 'upcoming' | 'released' | 'held' | 'skipped';
  progress?: InjectProgress;
}

/** Per recipient: what the team has done with it, or `pending` before release. */
export type TeamChipStatus = RecipientStatus | 'pending';

export function teamStatus(row: MselRow, teamId: string): TeamChipStatus {
  return row.progress?.teams[teamId]?.status ?? 'pending';
}

/** Which states release each inject (entry effects or the effects of a transition out of them). */
export function injectPhases(document: ScenarioDocument): Map<string, string[]> {
  const phases = new Map<string, string[]>();
  const walk = (state: ScenarioState) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      const effects = [
        ...(child.entry ?? []),
        ...(child.after ?? []).flatMap((t) => t.effects),
        ...(child.on ?? []).flatMap((t) => t.effects),
        ...(child.decisions ?? []).flatMap((t) => t.effects),
      ];
      for (const effect of effects) {
        if ('release' in effect) phases.set(effect.release, [...(phases.get(effect.release) ?? []), key]);
      }
      walk(child);
    }
  };
  walk(document.machine);
  return phases;
}

/** Every state key with its depth, in document order, for the phase filter. */
export function stateKeys(document: ScenarioDocument): { key: string; depth: number }[] {
  const keys: { key: string; depth: number }[] = [];
  const walk = (state: ScenarioState, depth: number) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      keys.push({ key, depth });
      walk(child, depth + 1);
    }
  };
  walk(document.machine, 0);
  return keys;
}

/** The MSEL folded from the scenario and the log, in scenario-time order. */
export function mselRows(document: ScenarioDocument, entries: readonly LogEntry[]): MselRow[] {
  const progress = foldInjectProgress(entries, actsUponRule(document));
  const phases = injectPhases(document);
  const startMs = parseScenarioClockTime(document.scenarioStart) * 60_000;
  // The release entries, for the story time each release was logged at.
  const released = new Map<string, LogEntry & { type: 'inject.released' }>();
  for (const entry of entries) if (entry.type === 'inject.released') released.set(entry.inject.id, entry);
  const stateOf = (p: InjectProgress | undefined): MselRow['state'] =>
    p?.inject ? 'released' : p?.skipped ? 'skipped' : p?.held ? 'held' : 'upcoming';

  const rows: MselRow[] = document.injects.map((inject) => {
    const release = released.get(inject.id);
    const p = progress.get(inject.id);
    const edit = p?.edited;
    const plannedMs = inject.scenarioTime ? parseScenarioClockTime(inject.scenarioTime) * 60_000 : undefined;
    return {
      id: inject.id,
      number: inject.number,
      subject: release?.inject.subject ?? edit?.subject ?? inject.subject,
      body: release?.inject.body ?? edit?.body ?? inject.body,
      channel: inject.channel,
      from: inject.from,
      to: inject.to,
      kind: inject.kind,
      adHoc: false,
      edited: edit !== undefined,
      expectedActions: inject.expectedActions,
      ...(inject.scenarioTime ? { planned: inject.scenarioTime } : {}),
      ...(plannedMs !== undefined ? { plannedExerciseMs: Math.max(0, plannedMs - startMs) } : {}),
      ...(release ? { releasedAtScenarioMs: release.scenarioTimeMs, releasedAtExerciseMs: release.exerciseTimeMs } : {}),
      sortMs: release?.scenarioTimeMs ?? plannedMs ?? Number.POSITIVE_INFINITY,
      phases: phases.get(inject.id) ?? [],
      state: stateOf(p),
      ...(p ? { progress: p } : {}),
    };
  });
  for (const [id, release] of released) {
    if (!release.inject.adHoc) continue;
    const p = progress.get(id);
    rows.push({
      id,
      number: release.inject.number,
      subject: release.inject.subject,
      body: release.inject.body,
      channel: release.inject.channel,
      from: release.inject.from,
      to: release.inject.to,
      kind: release.inject.kind,
      adHoc: true,
      edited: false,
      expectedActions: [],
      releasedAtScenarioMs: release.scenarioTimeMs,
      releasedAtExerciseMs: release.exerciseTimeMs,
      sortMs: release.scenarioTimeMs,
      phases: [],
      state: 'released',
      ...(p ? { progress: p } : {}),
    });
  }
  // Unplanned injects (conditional ones) go last; before StartEx the plan starts at scenarioStart.
  return rows.sort((a, b) => a.sortMs - b.sortMs || a.number - b.number).map((row) => (row.sortMs < startMs ? { ...row, sortMs: startMs } : row));
}

export interface MselFilter {
  team: string;
  phase: string;
  channel: string;
  search: string;
}
export const NO_FILTER: MselFilter = { team: '', phase: '', channel: '', search: '' };

export function filterRows(rows: readonly MselRow[], filter: MselFilter): MselRow[] {
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      (!filter.team || row.to.includes(filter.team)) &&
      (!filter.phase || row.phases.includes(filter.phase)) &&
      (!filter.channel || row.channel === filter.channel) &&
      words.every((w) => `#${row.number} ${row.id} ${row.subject} ${row.body} ${row.from}`.toLowerCase().includes(w)),
  );
}
