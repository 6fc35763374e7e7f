import type { Machine, ScenarioReport } from './report.ts';

export interface BenchContext {
  quick: boolean;
  machine: Machine;
  /** A scratch folder for documents and data, removed afterwards. */
  tmp: string;
  /** Where to write CPU profiles of the StartEx server (node --cpu-prof), when asked. */
  profileDir: string | undefined;
  /** Tablets for the cluster benchmark (--tablets), instead of its default. */
  tablets?: number | undefined;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Omit<ScenarioReport, 'name' | 'title' | 'durationMs'>>;
}
