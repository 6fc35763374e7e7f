import { randomUUID } from 'node:crypto';
import { expandTimeline } from '@startex/scenarios';
import { StartexError, type ExerciseSettings, type LogEntry, type ScenarioDocument } from '@startex/shared';
import { defaultSettings } from '../planning/settings.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { ExerciseHost } from './ExerciseHost.ts';
import { withLogTailCache } from './logTailCache.ts';

export type RuntimeCommitListener = (exerciseId: string, entries: LogEntry[]) => void;

/**
 * Loads the host of an exercise, reading and writing through `store`. On one node that is
 * ExerciseHost.load; on several (server/src/cluster) the host owns the exercise or follows it.
 */
export type HostLoader = (store: ExerciseStore, record: ExerciseRecord) => Promise<ExerciseHost>;

export interface NewExercise {
  id?: string;
  title?: string;
  scenario: ScenarioDocument;
  speed: number;
  /** The plan; without it the scenario's defaults at `speed`. Its speed and title win over the fields above. */
  settings?: ExerciseSettings;
}

/** All exercises on this server: creates them and keeps one host per exercise in memory. */
export class ExerciseRuntime {
  private readonly hosts = new Map<string, Promise<ExerciseHost>>();
  private readonly listeners = new Set<RuntimeCommitListener>();
  private readonly replanListeners = new Set<(exerciseId: string) => void>();
  /** What the hosts read and write through. */
  private readonly hostStore: ExerciseStore;
  private loadHost: HostLoader = (store, record) => ExerciseHost.load(store, record);
  /** Per exercise, the last seq its listeners were told of (or its host loaded with): where a reloaded host's news start. */
  private readonly toldSeqs = new Map<string, number>();

  constructor(readonly store: ExerciseStore) {
    this.hostStore = withLogTailCache(store);
  }

  /** Creates an exercise in draft; people and join codes are added by the identity service. */
  async create(input: NewExercise): Promise<ExerciseRecord> {
    const settings = input.settings ?? defaultSettings(input.scenario, input.speed, input.title);
    const exercise: ExerciseRecord = {
      id: input.id ?? randomUUID(),
      title: settings.title,
      scenario: expandTimeline(input.scenario),
      speed: settings.speed,
      createdAt: Date.now(),
      settings,
    };
    await this.store.createExercise(exercise);
    return exercise;
  }

  /** The host of an exercise, loading it from the log on first use. */
  async get(exerciseId: string): Promise<ExerciseHost> {
    let host = this.hosts.get(exerciseId);
    if (!host) {
      // Loaded before (its host failed to load again): listeners hear what was committed since.
      host = this.load(exerciseId, this.toldSeqs.get(exerciseId));
      this.hosts.set(exerciseId, host);
      host.catch(() => {
        if (this.hosts.get(exerciseId) === host) this.hosts.delete(exerciseId);
      });
    }
    return host;
  }

  /**
   * Loads the exercises in play after a restart, so that their timers run again and their
   * devices find them loaded when they reconnect. The others (planned, ended, closed: a
   * server's history) load on first use; folding them all held up every restart.
   */
  async resumePlay(): Promise<void> {
    for (const exerciseId of await this.store.exercisesInPlay()) await this.get(exerciseId);
  }

  /**
   * New plan settings for an exercise that has not started: the host refuses (PLAN_LOCKED) once
   * play began, else takes them at once; `persist` stores them, and a failure there undoes the change.
   */
  async replan(exerciseId: string, settings: ExerciseSettings, persist: (settings: ExerciseSettings) => Promise<void>): Promise<ExerciseRecord> {
    const host = await this.get(exerciseId);
    const before = host.record;
    const record: ExerciseRecord = { ...before, title: settings.title, speed: settings.speed, settings };
    host.replan(record);
    try {
      await persist(settings);
    } catch (error) {
      host.replan(before);
      throw error;
    }
    for (const listener of this.replanListeners) listener(exerciseId);
    return record;
  }

  /** Hears of every plan change made here (several nodes: the other nodes load the new plan). */
  onReplan(listener: (exerciseId: string) => void): void {
    this.replanListeners.add(listener);
  }

  /** Loads hosts with `loader` from now on (several nodes: before any host is loaded). */
  loadHostsWith(loader: HostLoader): void {
    this.loadHost = loader;
  }

  /**
   * Loads an exercise's host again, in place of the one loaded (several nodes: when this node
   * takes the exercise over or gives it up); listeners keep listening. Inputs wait for the new one.
   */
  async reload(exerciseId: string): Promise<ExerciseHost> {
    const before = this.hosts.get(exerciseId);
    const host = (async () => {
      (await before?.catch(() => undefined))?.dispose();
      return this.load(exerciseId, this.toldSeqs.get(exerciseId));
    })();
    this.hosts.set(exerciseId, host);
    host.catch(() => {
      if (this.hosts.get(exerciseId) === host) this.hosts.delete(exerciseId);
    });
    return host;
  }

  /** Ids of the exercises loaded now (tests and diagnostics). */
  loaded(): string[] {
    return [...this.hosts.keys()];
  }

  onCommit(listener: RuntimeCommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const host of this.hosts.values()) (await host.catch(() => undefined))?.dispose();
    this.hosts.clear();
    this.toldSeqs.clear();
  }

  /**
   * Loads a host; when it replaces one whose listeners heard up to `heardSeq`, they are first told
   * of the entries the new host folded beyond it (committed meanwhile by another node), then of
   * the new host's own commits, in seq order.
   */
  private async load(exerciseId: string, heardSeq?: number): Promise<ExerciseHost> {
    const record = await this.store.getExercise(exerciseId);
    if (!record) throw new StartexError('EXERCISE_NOT_FOUND');
    const host = await this.loadHost(this.hostStore, record);
    const loadedSeq = host.lastSeq;
    const tell = (entries: LogEntry[]) => {
      if (entries.length === 0) return;
      this.toldSeqs.set(exerciseId, Math.max(this.toldSeqs.get(exerciseId) ?? 0, entries.at(-1)!.seq));
      for (const listener of this.listeners) listener(exerciseId, entries);
    };
    if (heardSeq === undefined) this.toldSeqs.set(exerciseId, loadedSeq);
    let held: LogEntry[][] | undefined = heardSeq !== undefined && loadedSeq > heardSeq ? [] : undefined;
    host.onCommit((entries) => (held ? held.push(entries) : tell(entries)));
    if (held) {
      try {
        tell((await this.hostStore.readLog(exerciseId, heardSeq)).filter((entry) => entry.seq <= loadedSeq));
      } catch (error) {
        console.error(`StartEx: could not tell of the entries of ${exerciseId} after seq ${heardSeq}; clients catch up when they resync:`, error);
      }
      for (const entries of held) tell(entries);
      held = undefined;
    }
    return host;
  }
}
