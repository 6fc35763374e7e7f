import type { TFunction } from 'i18next';
import { decisionTitles, keyAsWords, releaseLateByWallMs, speedAfter, statePathTitle, stateTitles, type ExerciseView, type FieldValue, type LogEntry, type Party, type Recipients, type RatingSubject, type ScenarioDocument, type ScenarioState } from '@startex/shared';
import { phaseOf, phasePaths } from '@startex/scenarios/browser';
import { addStrings } from '../i18n/index.ts';

addStrings(
  'words',
  { simcell: '{{organisation}} (SimCell)', control: 'Exercise control', everyone: 'everyone', yes: 'yes', no: 'no', timer: '{{state}}, after {{minutes}} min' },
  { simcell: '{{organisation}} (imitacinė grupė)', control: 'Pratybų valdymas', everyone: 'visiems', yes: 'taip', no: 'ne', timer: '{{state}}, po {{minutes}} min' },
);

/**
 * Words for the ids an exercise's log and scenario carry, so that no key reaches a person: team and
 * organisation names, action and field labels, inject numbers and subjects, phase titles. Where
 * the scenario gives no title (a state without one, milestones), a key is read as words
 * (keyAsWords, shared with the server's documents): "driver_interview" -> "Driver interview".
 */
export interface ExerciseWords {
  team(id: string): string;
  organisation(id: string): string;
  party(party: Party): string;
  recipients(to: Pick<Recipients, 'teams' | 'organisations'> & { all?: boolean | undefined }): string;
  action(id: string): string;
  /** "Dose rate at 1 m (µSv/h): 0.45", with yes/no for booleans, team names for team fields, picks joined. */
  field(actionId: string, name: string, value: FieldValue): string;
  inject(id: string): string;
  /** A state by key or dotted path: "Handling › Confirmation". */
  state(keyOrPath: string): string;
  /** The phase the active states make, as people follow it: "T+30: Bomb threat call" (phaseOf). */
  phase(paths: readonly string[]): string;
  /** A scenario timer ("driver_interview.after.1") as its state and delay: "Driver interview, after 5 min". */
  timer(key: string): string;
  decision(id: string): string;
  milestone(id: string): string;
  ratingSubject(subject: RatingSubject): string;
  /** How late (wall-clock ms) a scenario timer released an inject: older entries say it in exercise time, read at the speed then. */
  lateByWallMs(release: Extract<LogEntry, { type: 'inject.released' }>): number | undefined;
  /**
   * What a scenario timer's firing did, from the entries logged with it: the phase it moved to
   * (only when the phase people follow changed), injects released or not sent, milestones, EndEx.
   * Two timers of one state then read apart, also to a viewer without the scenario's timers.
   */
  timerEffects(fired: Extract<LogEntry, { type: 'timer.fired' }>): TimerEffect[];
  /**
   * A timer of a region outside the phase (a timeline's waited-for moment or window) that did
   * nothing people see: a feed leaves it out, as it leaves out a step that keeps the phase.
   */
  quietTimer(fired: Extract<LogEntry, { type: 'timer.fired' }>): boolean;
}

/** The entries a machine step logs after its cause (applyInput's follow-on), as a timer's effects. */
export type TimerEffect = Extract<LogEntry, { type: (typeof TIMER_EFFECTS)[number] }>;
const TIMER_EFFECTS = ['state.entered', 'milestone.reached', 'inject.released', 'inject.suppressed', 'exercise.ended'] as const;
/** A scenario timer's key: its state's key, then which of the state's `after` entries. */
const TIMER_KEY = /^(.+)\.after\.(\d+)$/;
const isTimerEffect = (entry: LogEntry): entry is TimerEffect => (TIMER_EFFECTS as readonly string[]).includes(entry.type);

/** Every state of the machine by key (keys are unique across the machine). */
export function statesByKey(document: ScenarioDocument | undefined): Map<string, ScenarioState> {
  const states = new Map<string, ScenarioState>();
  const walk = (state: ScenarioState) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      states.set(key, child);
      walk(child);
    }
  };
  if (document) walk(document.machine);
  return states;
}

/** Where the words come from: an exercise view (what this viewer may see), or a scenario document itself. */
export type WordSource = Pick<ExerciseView, 'teams' | 'simulatedOrganisations' | 'actions' | 'stateTitles' | 'decisionTitles'> & {
  control?: { scenario: ScenarioDocument } | undefined;
  evaluation?: { objectives: ScenarioDocument['objectives'] } | undefined;
};

/** The words of a scenario document, for views that show the document rather than play (the statechart). */
export function documentSource(document: ScenarioDocument): WordSource {
  return { teams: document.teams, simulatedOrganisations: document.simulatedOrganisations, actions: document.actions, control: { scenario: document }, evaluation: { objectives: document.objectives } };
}

export function exerciseWords(view: WordSource | undefined, entries: readonly LogEntry[], t: TFunction): ExerciseWords {
  const document = view?.control?.scenario;
  const states = statesByKey(document);
  const teams = new Map((view?.teams ?? []).map((team) => [team.id, team.name]));
  const organisations = new Map((view?.simulatedOrganisations ?? []).map((o) => [o.id, o.name]));
  const actions = new Map((view?.actions ?? []).map((a) => [a.id, a]));
  const injects = new Map<string, { number: number; subject: string }>((document?.injects ?? []).map((i) => [i.id, i]));
  const releaseSpeeds = new Map<number, number>();
  let speed = 1;
  for (const entry of entries) {
    speed = speedAfter(speed, entry);
    if (entry.type !== 'inject.released') continue;
    injects.set(entry.inject.id, entry.inject);
    releaseSpeeds.set(entry.seq, speed);
  }
  // Control reads decisions from its scenario; evaluators and observers get their labels with their view.
  const decisions = view?.decisionTitles ? new Map(Object.entries(view.decisionTitles)) : document ? decisionTitles(document) : new Map<string, string>();
  const subjects = new Map<string, string>();
  for (const objective of view?.evaluation?.objectives ?? []) {
    subjects.set(`capability:${objective.id}`, objective.title);
    for (const target of objective.capabilityTargets) subjects.set(`target:${target.id}`, target.title);
  }
  const w = (key: string, values?: Record<string, unknown>) => t(key, { ns: 'words', ...values });

  const team = (id: string) => teams.get(id) ?? keyAsWords(id);
  const organisation = (id: string) => organisations.get(id) ?? keyAsWords(id);
  // Control reads the titles from its scenario; evaluators and observers get them with their view.
  const titles = view?.stateTitles ? new Map(Object.entries(view.stateTitles)) : document ? stateTitles(document) : new Map<string, string>();
  const state = (keyOrPath: string) => statePathTitle(titles, keyOrPath);
  const phase = (paths: readonly string[]) => phaseOf(paths, titles);
  // Where an entry is in `entries`, found once a timer asks (a feed asks for each of its timers).
  let indexBySeq: Map<number, number> | undefined;
  const indexOf = (seq: number) => (indexBySeq ??= new Map(entries.map((e, index) => [e.seq, index]))).get(seq) ?? -1;
  /** The active states when the entry at index `at` was logged: the last `state.entered` before it. */
  const statesBefore = (at: number) => {
    for (let index = at - 1; index >= 0; index--) {
      const entry = entries[index]!;
      if (entry.type === 'state.entered') return entry.states;
    }
    return undefined;
  };
  const timerEffects = (fired: Extract<LogEntry, { type: 'timer.fired' }>): TimerEffect[] => {
    const at = indexOf(fired.seq);
    if (at < 0) return [];
    const before = statesBefore(at);
    let phaseBefore = before ? phase(before) : undefined;
    const effects: TimerEffect[] = [];
    // The firing's own commit: the entries right after it, in unbroken seq order.
    for (let next = at + 1; next < entries.length; next++) {
      const entry = entries[next]!;
      if (entry.seq !== fired.seq + (next - at) || !isTimerEffect(entry)) break;
      if (entry.type === 'state.entered') {
        const now = phase(entry.states);
        if (now === phaseBefore) continue;
        phaseBefore = now;
      }
      effects.push(entry);
    }
    return effects;
  };
  return {
    team,
    organisation,
    party: (p) => (p.kind === 'team' ? team(p.teamId) : p.kind === 'simcell' ? w('simcell', { organisation: organisation(p.organisationId) }) : w('control')),
    recipients: (to) => (to.all ? w('everyone') : [...to.teams.map(team), ...to.organisations.map(organisation)].join(', ')),
    action: (id) => actions.get(id)?.label ?? keyAsWords(id),
    field: (actionId, name, value) => {
      const field = actions.get(actionId)?.fields.find((f) => f.name === name);
      const shown = (v: string | number | boolean) => (typeof v === 'boolean' ? w(v ? 'yes' : 'no') : field?.type === 'team' ? team(String(v)) : String(v));
      return `${field?.label ?? keyAsWords(name)}: ${Array.isArray(value) ? value.map(shown).join(', ') : shown(value)}`;
    },
    inject: (id) => {
      const inject = injects.get(id);
      return inject ? `#${inject.number} ${inject.subject}` : keyAsWords(id);
    },
    state,
    phase,
    timer: (key) => {
      const match = TIMER_KEY.exec(key);
      if (!match) return keyAsWords(key);
      const minutes = states.get(match[1]!)?.after?.[Number(match[2])]?.minutes;
      return minutes === undefined ? state(match[1]!) : w('timer', { state: state(match[1]!), minutes });
    },
    decision: (id) => decisions.get(id) ?? keyAsWords(id),
    milestone: (id) => keyAsWords(id),
    ratingSubject: (subject) => subjects.get(`${subject.kind}:${subject.id}`) ?? keyAsWords(subject.id),
    lateByWallMs: (release) => releaseLateByWallMs(release, releaseSpeeds.get(release.seq) ?? speed),
    timerEffects,
    quietTimer: (fired) => {
      const at = indexOf(fired.seq);
      const timerState = TIMER_KEY.exec(fired.timer)?.[1];
      const before = at < 0 ? undefined : statesBefore(at);
      if (timerState === undefined || !before) return false;
      const inPhase = phasePaths(before).some((path) => path.split('.').includes(timerState));
      return !inPhase && timerEffects(fired).length === 0;
    },
  };
}
