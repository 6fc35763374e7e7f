import { randomUUID } from 'node:crypto';
import { StartexError, type LogEntry, type ScenarioDocument } from '@startex/shared';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { ExerciseHost } from './ExerciseHost.ts';

export type RuntimeCommitListener = (exerciseId: string, entries: LogEntry[]) => void;

export interface NewExercise {
  id?: string;
  title?: string;
  scenario: ScenarioDocument;
  speed: number;
}

/** All exercises on this server: creates them and keeps one host per exercise in memory. */
export class ExerciseRuntime {
  private readonly hosts = new Map<string, Promise<ExerciseHost>>();
  private readonly listeners = new Set<RuntimeCommitListener>();

  constructor(readonly store: ExerciseStore) {}

  /** Creates an exercise in draft; people and join codes are added by the identity service. */
  async create(input: NewExercise): Promise<ExerciseRecord> {
    const exercise: ExerciseRecord = {
      id: input.id ?? randomUUID(),
      title: input.title ?? input.scenario.title,
      scenario: input.scenario,
      speed: input.speed,
      createdAt: Date.now(),
    };
    await this.store.createExercise(exercise);
    return exercise;
  }

  /** The host of an exercise, loading it from the log on first use. */
  async get(exerciseId: string): Promise<ExerciseHost> {
    let host = this.hosts.get(exerciseId);
    if (!host) {
      host = this.load(exerciseId);
      this.hosts.set(exerciseId, host);
      host.catch(() => this.hosts.delete(exerciseId));
    }
    return host;
  }

  /** Loads every stored exercise so that timers of live ones run again after a restart. */
  async resumeAll(): Promise<void> {
    for (const exercise of await this.store.listExercises()) await this.get(exercise.id);
  }

  onCommit(listener: RuntimeCommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const host of this.hosts.values()) (await host.catch(() => undefined))?.dispose();
    this.hosts.clear();
  }

  private async load(exerciseId: string): Promise<ExerciseHost> {
    const record = await this.store.getExercise(exerciseId);
    if (!record) throw new StartexError('EXERCISE_NOT_FOUND');
    const host = await ExerciseHost.load(this.store, record);
    host.onCommit((entries) => {
      for (const listener of this.listeners) listener(exerciseId, entries);
    });
    return host;
  }
}
