import { randomUUID } from 'node:crypto';
import { StartexError, type ExerciseSettings, type ExerciseStatus, type LogEntry, type ScenarioDocument } from '@startex/shared';
import { defaultSettings } from '../planning/settings.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { ExerciseHost, type HostLog } from './ExerciseHost.ts';
import { withLogTailCache, type TailCachedStore } from './logTailCache.ts';

/** Told of each durable batch of any exercise, with the connection its input came from (none for timers and REST). */
export type RuntimeCommitListener = (exerciseId: string, entries: LogEntry[], origin: string | undefined) => void;

export interface NewExercise {
  id?: string;
  title?: string;
  scenario: ScenarioDocument;
  speed: number;
  /** The plan; without it the scenario's defaults at `speed`. Its speed and title win over the fields above. */
  settings?: ExerciseSettings;
}

export interface RuntimeOptions {
  /** Where hosts report errors nobody waits for (a timer's commit, a listener): fastify's logger. */
  log?: HostLog;
  /** How long a host out of play stays loaded after its last use with nobody connected. */
  idleMs?: number;
}

/** Exercises in these states run timers and have devices that reconnect to them: they stay loaded. */
const IN_PLAY = new Set<ExerciseStatus>(['live', 'paused', 'halted']);

/**
 * All exercises on this server: creates them and keeps one host per exercise in memory while it
 * is in play or in use; the others are unloaded when idle (their log is the exercise).
 */
export class ExerciseRuntime {
  private readonly hosts = new Map<string, Promise<ExerciseHost>>();
  private readonly lastUsed = new Map<string, number>();
  private readonly listeners = new Set<RuntimeCommitListener>();
  /** What the hosts read and write through. */
  private readonly hostStore: TailCachedStore;
  private readonly log: HostLog | undefined;
  private readonly idleMs: number;
  private readonly idleSweep: NodeJS.Timeout;
  private connected: (exerciseId: string) => boolean = () => false;

  constructor(
    readonly store: ExerciseStore,
    options: RuntimeOptions = {},
  ) {
    this.hostStore = withLogTailCache(store);
    this.log = options.log;
    this.idleMs = options.idleMs ?? 15 * 60_000;
    this.idleSweep = setInterval(() => void this.unloadIdle(), this.idleMs);
    this.idleSweep.unref();
  }

  /** Hosts with realtime connections (ConnectionRegistry) are in use, however long since their last input. */
  keepLoadedWhile(connected: (exerciseId: string) => boolean): void {
    this.connected = connected;
  }

  /** Creates an exercise in draft; people and join codes are added by the identity service. */
  async create(input: NewExercise): Promise<ExerciseRecord> {
    const settings = input.settings ?? defaultSettings(input.scenario, input.speed, input.title);
    const exercise: ExerciseRecord = {
      id: input.id ?? randomUUID(),
      title: settings.title,
      scenario: input.scenario,
      speed: settings.speed,
      createdAt: Date.now(),
      settings,
    };
    await this.store.createExercise(exercise);
    return exercise;
  }

  /** The host of an exercise, loading it from the log on first use. */
  async get(exerciseId: string): Promise<ExerciseHost> {
    this.lastUsed.set(exerciseId, Date.now());
    let host = this.hosts.get(exerciseId);
    if (!host) {
      host = this.load(exerciseId);
      this.hosts.set(exerciseId, host);
    }
    return host;
  }

  /**
   * Unloads the hosts out of play that nobody used for `idleMs` before `now` and nobody is
   * connected to, with no commit in flight: they load from the log again on their next use.
   */
  async unloadIdle(now = Date.now()): Promise<string[]> {
    const unloaded: string[] = [];
    for (const [exerciseId, loading] of this.hosts) {
      const [settled] = await Promise.allSettled([loading]);
      // A host that failed to load is no longer in the map (load); one replaced meanwhile is not this one.
      if (settled.status !== 'fulfilled' || this.hosts.get(exerciseId) !== loading) continue;
      const host = settled.value;
      const idle = now - (this.lastUsed.get(exerciseId) ?? 0) >= this.idleMs;
      if (!idle || IN_PLAY.has(host.status) || !host.settled || this.connected(exerciseId)) continue;
      this.hosts.delete(exerciseId);
      this.lastUsed.delete(exerciseId);
      this.hostStore.forgetTail(exerciseId);
      host.dispose();
      unloaded.push(exerciseId);
    }
    return unloaded;
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
    return record;
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
    clearInterval(this.idleSweep);
    // A host that failed to load told whoever asked for it; there is nothing of it to stop.
    for (const settled of await Promise.allSettled(this.hosts.values())) if (settled.status === 'fulfilled') settled.value.dispose();
    this.hosts.clear();
  }

  private async load(exerciseId: string): Promise<ExerciseHost> {
    try {
      const record = await this.store.getExercise(exerciseId);
      if (!record) throw new StartexError('EXERCISE_NOT_FOUND');
      const host = await ExerciseHost.load(this.hostStore, record, undefined, this.log);
      host.onCommit((entries, origin) => {
        for (const listener of this.listeners) listener(exerciseId, entries, origin);
      });
      return host;
    } catch (error) {
      // The caller hears of the failure; the next one tries again.
      this.hosts.delete(exerciseId);
      throw error;
    }
  }
}
