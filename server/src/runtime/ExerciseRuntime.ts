import { randomUUID } from 'node:crypto';
import { expandTimeline } from '@startex/scenarios';
import { StartexError, type ExerciseSettings, type ExerciseStatus, type LogEntry, type ScenarioDocument } from '@startex/shared';
import { defaultSettings } from '../planning/settings.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { ExerciseHost } from './ExerciseHost.ts';
import { stderrLog, type HostLog } from './hostTypes.ts';
import { withLogTailCache, type TailCachedStore } from './logTailCache.ts';

/** Told of each durable batch of any exercise, with the connection its input came from (none for timers and REST). */
export type RuntimeCommitListener = (exerciseId: string, entries: LogEntry[], origin: string | undefined) => void;

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
  private readonly replanListeners = new Set<(exerciseId: string) => void>();
  /** What the hosts read and write through. */
  private readonly hostStore: TailCachedStore;
  private readonly log: HostLog;
  private readonly idleMs: number;
  private readonly idleSweep: NodeJS.Timeout;
  private connected: (exerciseId: string) => boolean = () => false;
  private loadHost: HostLoader = (store, record) => ExerciseHost.load(store, record, undefined, this.log);
  /** Per exercise, the last seq its listeners were told of (or its host loaded with): where a reloaded host's news start. */
  private readonly toldSeqs = new Map<string, number>();

  constructor(
    readonly store: ExerciseStore,
    options: RuntimeOptions = {},
  ) {
    this.hostStore = withLogTailCache(store);
    this.log = options.log ?? stderrLog;
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
    this.lastUsed.set(exerciseId, Date.now());
    let host = this.hosts.get(exerciseId);
    if (!host) {
      // Loaded before (its host failed to load again): listeners hear what was committed since.
      host = this.load(exerciseId, this.toldSeqs.get(exerciseId));
      this.track(exerciseId, host);
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
      this.toldSeqs.delete(exerciseId);
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
      // A host that failed to load told whoever asked for it; there is nothing of it to stop.
      const [previous] = await Promise.allSettled(before ? [before] : []);
      if (previous?.status === 'fulfilled') previous.value.dispose();
      return this.load(exerciseId, this.toldSeqs.get(exerciseId));
    })();
    this.track(exerciseId, host);
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
    clearInterval(this.idleSweep);
    // A host that failed to load told whoever asked for it; there is nothing of it to stop.
    for (const settled of await Promise.allSettled(this.hosts.values())) if (settled.status === 'fulfilled') settled.value.dispose();
    this.hosts.clear();
    this.toldSeqs.clear();
  }

  /** Keeps a host being loaded; the caller hears of a failed load and the next one tries again (a host loaded in its place stays). */
  private track(exerciseId: string, host: Promise<ExerciseHost>): void {
    this.hosts.set(exerciseId, host);
    host.catch(() => {
      if (this.hosts.get(exerciseId) === host) this.hosts.delete(exerciseId);
    });
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
    const tell = (entries: LogEntry[], origin: string | undefined) => {
      if (entries.length === 0) return;
      this.toldSeqs.set(exerciseId, Math.max(this.toldSeqs.get(exerciseId) ?? 0, entries.at(-1)!.seq));
      for (const listener of this.listeners) listener(exerciseId, entries, origin);
    };
    if (heardSeq === undefined) this.toldSeqs.set(exerciseId, loadedSeq);
    let held: { entries: LogEntry[]; origin: string | undefined }[] | undefined = heardSeq !== undefined && loadedSeq > heardSeq ? [] : undefined;
    host.onCommit((entries, origin) => (held ? held.push({ entries, origin }) : tell(entries, origin)));
    if (held) {
      try {
        tell(
          (await this.hostStore.readLog(exerciseId, heardSeq)).filter((entry) => entry.seq <= loadedSeq),
          undefined,
        );
      } catch (error) {
        this.log.error({ err: error, exerciseId }, `Could not tell of the entries after seq ${heardSeq}; clients catch up when they resync`);
      }
      for (const batch of held) tell(batch.entries, batch.origin);
      held = undefined;
    }
    return host;
  }
}
