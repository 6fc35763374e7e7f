import type { Condition, Reaction, ScenarioState } from '@startex/shared';

/** A path into the authored document, e.g. `['timeline', 3, 'unless']`. */
export type SourcePath = (string | number)[];

/** What a generated state stands for, so the analyzer can speak of the row or deadline instead. */
export type StateSource =
  | { kind: 'row-time'; path: SourcePath; rows: string[]; minutes: number; after?: string | undefined }
  | { kind: 'anchor'; path: SourcePath; row: string; /** The state entered instead when the row's condition can no longer hold. */ closedIn?: string | undefined }
  | { kind: 'deadline'; path: SourcePath; what: string; /** The state the deadline runs in, when it may never be entered. */ opensIn?: string | undefined }
  /** A deadline window, open from the first time something happens: never entered when that never does. */
  | { kind: 'window'; path: SourcePath; what: string }
  | { kind: 'wait'; path: SourcePath }
  | { kind: 'endex'; path: SourcePath; closedIn?: string | undefined }
  | { kind: 'structure'; path: SourcePath };

/** Everything a timeline compiles into besides the rows' own injects. */
export class GeneratedParts {
  readonly reactions: Reaction[] = [];
  /** Reaction index (among the generated ones) -> where it comes from. */
  readonly reactionSources: SourcePath[] = [];
  readonly flags = new Map<string, boolean>();
  /** Regions that run beside the tracks, by key. */
  readonly regions = new Map<string, ScenarioState>();
  readonly stateSources = new Map<string, StateSource>();
  private readonly names = new Map<string, string>();
  private count = 0;

  /** A generated name, one per meaning: generated keys start with `tl--`, which the analyzer keeps for itself. */
  name(kind: string, meaning: string): { name: string; fresh: boolean } {
    const known = this.names.get(meaning);
    if (known !== undefined) return { name: known, fresh: false };
    const name = `${GENERATED_PREFIX}${kind}-${++this.count}`;
    this.names.set(meaning, name);
    return { name, fresh: true };
  }

  flag(name: string, initial = false): string {
    if (!this.flags.has(name)) this.flags.set(name, initial);
    return name;
  }

  reaction(reaction: Reaction, source: SourcePath): void {
    this.reactions.push(reaction);
    this.reactionSources.push(source);
  }

  region(key: string, state: ScenarioState, sources: Record<string, StateSource>): void {
    this.regions.set(key, state);
    for (const [stateKey, source] of Object.entries(sources)) this.stateSources.set(stateKey, source);
  }
}

export const GENERATED_PREFIX = 'tl--';

export const allOf = (...conditions: (Condition | undefined)[]): Condition | undefined => {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { all: present };
};

export const anyOf = (...conditions: (Condition | undefined)[]): Condition | undefined => {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { any: present };
};
