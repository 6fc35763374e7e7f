import { timelineMinutes, type Condition, type Effect, type Fact, type FieldMatch, type FieldValue, type Moment, type ScenarioDocument, type ScenarioState, type TeamRef, type TimelineTime } from '@startex/shared';
import { evaluateCondition } from '../evaluateCondition.ts';
import { allOf, anyOf, GENERATED_PREFIX, type GeneratedParts, type SourcePath, type StateSource } from './GeneratedParts.ts';
import { resolveTeams } from './resolveTeams.ts';
import { TITLE_WORDS, type TitleWords } from './titleWords.ts';

type ActionFact = Extract<Fact, { action: string }>;

/** A `since` names a row (an id) or a time ("T+30", "Day 2 10:30", minutes). */
export const isTime = (value: string | number): value is TimelineTime => typeof value === 'number' || !/^[a-z]/.test(value);
const formatTime = (value: TimelineTime) => (typeof value === 'number' ? `T+${value}` : value);
type AckFact = Extract<Fact, { acknowledged: string }>;

/**
 * Turns what a controller says happened ("police set the cordon within 15 minutes of the call",
 * "every team confirmed") into machine conditions: each leaf fact is recorded by reactions into a
 * flag (or, for "every team", a team set the analyzer counts instead of enumerating), and a
 * deadline is a window region that opens and closes on the exercise clock.
 */
export class FactCompiler {
  /** Injects whose release something depends on: their releases also set `released(id)`. */
  readonly tracked = new Set<string>();
  private readonly startMinute: number;
  /** The words of the titles it writes, in the scenario's language. */
  private readonly words: TitleWords;
  /** A fact recorded only inside a deadline window (its condition as JSON) -> the flag set when that window has passed. */
  private readonly passedFlagOf = new Map<string, string>();
  /** Windows that open and pass during play (one due at StartEx never opens). */
  private readonly passing = new Set<string>();
  /** Windows after a moment of play -> the facts recorded only while they are open. */
  private readonly momentWindows = new Map<string, Condition[]>();

  constructor(
    private readonly document: ScenarioDocument,
    private readonly parts: GeneratedParts,
    startMinute: number,
  ) {
    this.startMinute = startMinute;
    this.words = TITLE_WORDS[document.language];
  }

  /** The flag a release of this inject sets. */
  released(injectId: string): string {
    this.tracked.add(injectId);
    return this.parts.flag(this.parts.name('released', `released:${injectId}`).name);
  }

  /** The flag set when decision `decision` settles on `option` (chosen, or by default at the deadline). */
  decided(decision: string, option: string): string {
    return this.parts.flag(this.parts.name('decided', `decided:${decision}:${option}`).name);
  }

  condition(fact: Fact, at: SourcePath): Condition {
    if ('all' in fact) return { all: fact.all.map((f, i) => this.condition(f, [...at, 'all', i])) };
    if ('any' in fact) return { any: fact.any.map((f, i) => this.condition(f, [...at, 'any', i])) };
    if ('not' in fact) return { not: this.condition(fact.not, [...at, 'not']) };
    if ('flag' in fact) return { flag: fact.flag, ...(fact.equals !== undefined ? { equals: fact.equals } : {}) };
    if ('released' in fact) return { flag: this.released(fact.released) };
    if ('decision' in fact) return { flag: this.decided(fact.decision, fact.is) };
    if ('action' in fact) return this.actionFact(fact, at);
    return this.acknowledgedFact(fact, at);
  }

  /**
   * When a guard can never hold again: a fact it requires was not met before its deadline window
   * passed (nothing records it after the window), every branch of an `any` it requires can no
   * longer hold, or a `not` it requires is lost for good (what it rules out happened, and what
   * StartEx records as having happened stays so). Undefined when none of that can happen.
   */
  missedWindow(guard: Condition | undefined): Condition | undefined {
    return guard === undefined ? undefined : this.missed(guard);
  }

  private missed(condition: Condition): Condition | undefined {
    if ('all' in condition) return anyOf(...condition.all.map((c) => this.missed(c)));
    if ('any' in condition) {
      const branches = condition.any.map((c) => this.missed(c));
      return branches.every((b) => b !== undefined) ? allOf(...branches) : undefined;
    }
    if ('not' in condition) return lasting(condition.not) ? condition.not : undefined;
    const passed = this.passedFlagOf.get(JSON.stringify(condition));
    return passed === undefined ? undefined : { all: [{ flag: passed }, { not: condition }] };
  }

  /** When a moment can no longer happen: the decision it waits for settled on another option. */
  foreclosed(moment: Moment): Condition | undefined {
    if (!('decision' in moment) || moment.is === undefined) return undefined;
    const options = this.document.timeline.find((row) => row.decision?.id === moment.decision)?.decision?.options ?? [];
    return anyOf(...options.filter((o) => o.id !== moment.is).map((o) => ({ flag: this.decided(moment.decision, o.id) })));
  }

  /** The condition that holds from the moment something happens (its first occurrence) on; a row's `after` carries its minutes besides. */
  anchor(moment: Moment, at: SourcePath): Condition {
    if ('inject' in moment) return { flag: this.released(moment.inject) };
    if ('decision' in moment) {
      if (moment.is !== undefined) return { flag: this.decided(moment.decision, moment.is) };
      const options = this.document.timeline.find((row) => row.decision?.id === moment.decision)?.decision?.options ?? [];
      return { any: options.map((o) => ({ flag: this.decided(moment.decision, o.id) })) };
    }
    if ('action' in moment) return this.actionFact({ action: moment.action, by: moment.by, every: moment.every, where: moment.where, since: moment.since }, at);
    return this.acknowledgedFact({ acknowledged: moment.acknowledged, by: moment.by, every: moment.every }, at);
  }

  private actionFact(fact: ActionFact, at: SourcePath): Condition {
    const action = this.document.actions.find((a) => a.id === fact.action);
    const named = fact.by === undefined ? undefined : resolveTeams(this.document, fact.by);
    const every = fact.every === true;
    const members = every ? (named ?? action?.teams ?? []) : named;
    const window = this.window(fact, at);
    const since = fact.since === undefined ? undefined : this.since(fact.since, at);
    const when = allOf(this.where(fact.action, fact.where), window === undefined ? undefined : { flag: window }, since === undefined ? undefined : { flag: since });
    const meaning = JSON.stringify(['action', fact.action, members, every, fact.where, window, since]);
    return this.inWindow(
      window,
      this.record(meaning, every, members, at, (team, effects) => ({ action: fact.action, ...(team ? { team } : {}), ...(when ? { when } : {}), effects })),
    );
  }

  private acknowledgedFact(fact: AckFact, at: SourcePath): Condition {
    const inject = this.document.timeline.find((r) => r.id === fact.acknowledged) ?? this.document.injects.find((i) => i.id === fact.acknowledged);
    const named = fact.by === undefined ? undefined : resolveTeams(this.document, fact.by);
    const every = fact.every === true;
    const members = every ? (named ?? (inject ? resolveTeams(this.document, inject.to) : [])) : named;
    const window = this.window({ ...fact, of: fact.after === undefined ? fact.acknowledged : undefined }, at);
    // A team can only acknowledge what was released: the analyzer then never tries it before.
    const when = allOf({ flag: this.released(fact.acknowledged) }, window === undefined ? undefined : { flag: window });
    const meaning = JSON.stringify(['acknowledged', fact.acknowledged, members, every, window]);
    return this.inWindow(
      window,
      this.record(meaning, every, members, at, (team, effects) => ({ acknowledged: fact.acknowledged, ...(team ? { team } : {}), ...(when ? { when } : {}), effects })),
    );
  }

  /** Notes that a fact is recorded only while its window is open, for `missedWindow`. */
  private inWindow(window: string | undefined, fact: Condition): Condition {
    if (window !== undefined && this.passing.has(window)) this.passedFlagOf.set(JSON.stringify(fact), passedFlag(window));
    const recorded = window === undefined ? undefined : this.momentWindows.get(window);
    if (recorded && !recorded.some((known) => JSON.stringify(known) === JSON.stringify(fact))) recorded.push(fact);
    return fact;
  }

  /**
   * Once every fact a window after a moment records is met, the window closes: what it still
   * counted down no longer matters, and plays that differ only in when the moment came go on alike
   * (otherwise each minute the moment could come keeps a timer of its own until the deadline).
   * Call when every condition is compiled.
   */
  closeMetWindows(): void {
    for (const [name, facts] of this.momentWindows) {
      const region = this.parts.regions.get(name);
      const open = region?.states?.[`${name}-open`];
      const met = allOf(...facts);
      if (!region || !open || !met) continue;
      open.always = [{ when: met, target: `${name}-met`, effects: this.close(name) }];
      region.states![`${name}-met`] = { title: this.words.met };
      this.parts.stateSources.set(`${name}-met`, { kind: 'wait', path: this.parts.stateSources.get(name)?.path ?? [] });
    }
  }

  /** Reactions that record a fact: a flag, or for "every team" a team set and how many it must hold. */
  private record(
    meaning: string,
    every: boolean,
    members: string[] | undefined,
    at: SourcePath,
    reaction: (team: string | undefined, effects: [{ setFlag: string; value: boolean }] | [{ addTeam: string }]) => Parameters<GeneratedParts['reaction']>[0],
  ): Condition {
    if (every) {
      const { name, fresh } = this.parts.name('teams', meaning);
      if (fresh) for (const team of members ?? []) this.parts.reaction(reaction(team, [{ addTeam: name }]), at);
      return { teams: name, atLeast: Math.max(1, members?.length ?? 0) };
    }
    const { name, fresh } = this.parts.name('fact', meaning);
    if (fresh) {
      this.parts.flag(name);
      for (const team of members ?? [undefined]) this.parts.reaction(reaction(team, [{ setFlag: name, value: true }]), at);
    }
    return { flag: name };
  }

  /** Field values a fact asks for, as conditions on the action's fields. */
  private where(actionId: string, where: Record<string, FieldMatch> | undefined): Condition | undefined {
    return whereCondition(this.document, actionId, where);
  }

  /** The flag that is true from the release of row `from` on, or from a time on (a region waits for it). */
  private since(from: string | number, at: SourcePath): string {
    const time = isTime(from) ? timelineMinutes(from, this.startMinute) : undefined;
    const { name, fresh } = this.parts.name('since', `since:${time ?? from}`);
    if (fresh) {
      this.parts.flag(name, time === 0);
      if (time === 0) return name;
      const open: Effect[] = [{ setFlag: name, value: true }];
      const wait: ScenarioState =
        time === undefined
          ? { title: this.words.notYet, always: [{ when: { flag: this.released(String(from)) }, target: `${name}-open`, effects: open }] }
          : { title: this.words.notYet, after: [{ minutes: time, target: `${name}-open`, effects: open }] };
      this.parts.region(
        name,
        { title: this.words.from(time === undefined ? this.rowTitle(String(from)) : formatTime(from)), initial: `${name}-wait`, states: { [`${name}-wait`]: wait, [`${name}-open`]: { title: this.words.windowOpen } } },
        { [name]: { kind: 'structure', path: at }, [`${name}-wait`]: { kind: 'structure', path: at }, [`${name}-open`]: { kind: 'wait', path: at } },
      );
    }
    return name;
  }

  /** Closing a window: its flag goes false for good, and it says it has passed. */
  private close(window: string): Effect[] {
    this.passing.add(window);
    return [
      { setFlag: window, value: false },
      { setFlag: this.parts.flag(passedFlag(window)), value: true },
    ];
  }

  /**
   * The flag that is true while a fact's deadline window is open: from the release of row `of`, or
   * the first time moment `after` happens, for `within` minutes; or from StartEx until `before`. A
   * region of its own opens and closes it, through a distinct `expired` state (unreachable when play
   * always ends first). A window after a decision's option that the decision did not take passes
   * without opening: the fact can no longer be met.
   */
  private window(fact: { within?: number | undefined; of?: string | undefined; after?: Moment | undefined; before?: ActionFact['before'] }, at: SourcePath): string | undefined {
    if (fact.before !== undefined) return this.windowUntil(fact.before, at);
    if (fact.within === undefined) return undefined;
    if (fact.after !== undefined && !('inject' in fact.after)) return this.windowAfter(fact.after, fact.within, at);
    const of = fact.after !== undefined && 'inject' in fact.after ? fact.after.inject : fact.of;
    if (of === undefined) return undefined;
    const { name, fresh } = this.parts.name('window', `within:${of}:${fact.within}`);
    if (fresh) {
      this.parts.flag(name);
      const opened = this.released(of);
      this.parts.region(
        name,
        {
          title: this.words.minutesAfter(fact.within, this.rowTitle(of)),
          initial: `${name}-wait`,
          states: {
            [`${name}-wait`]: { title: this.words.notYet, always: [{ when: { flag: opened }, target: `${name}-open`, effects: [{ setFlag: name, value: true }] }] },
            [`${name}-open`]: { title: this.words.windowOpen, after: [{ minutes: fact.within, target: `${name}-expired`, effects: this.close(name) }] },
            [`${name}-expired`]: { title: this.words.passed },
          },
        },
        {
          [name]: { kind: 'structure', path: at },
          [`${name}-wait`]: { kind: 'structure', path: at },
          [`${name}-open`]: { kind: 'wait', path: at },
          [`${name}-expired`]: { kind: 'deadline', path: [...at, 'within'], what: `the deadline ${fact.within} minutes after "${of}"` },
        },
      );
    }
    return name;
  }

  private windowUntil(before: TimelineTime, at: SourcePath): string {
    const minutes = timelineMinutes(before, this.startMinute);
    const { name, fresh } = this.parts.name('window', `before:${minutes}`);
    if (fresh) {
      this.parts.flag(name, minutes > 0);
      if (minutes > 0) {
        const what = `the deadline ${formatTime(before)}`;
        this.parts.region(
          name,
          {
            title: this.words.until(formatTime(before)),
            initial: `${name}-open`,
            states: {
              [`${name}-open`]: { title: this.words.windowOpen, after: [{ minutes, target: `${name}-expired`, effects: this.close(name) }] },
              [`${name}-expired`]: { title: this.words.passed },
            },
          },
          { [name]: { kind: 'structure', path: at }, [`${name}-open`]: { kind: 'structure', path: at }, [`${name}-expired`]: { kind: 'deadline', path: [...at, 'before'], what } },
        );
      }
    }
    return name;
  }

  /** A window from the first time something is done or decided: it waits for that moment, then runs `within` minutes. */
  private windowAfter(moment: Exclude<Moment, { inject: string }>, within: number, at: SourcePath): string {
    const { name, fresh } = this.parts.name('window', `within:${JSON.stringify(moment)}:${within}`);
    if (!fresh) return name;
    this.parts.flag(name);
    this.momentWindows.set(name, []);
    const opened = this.anchor(moment, [...at, 'after']);
    const foreclosed = this.foreclosed(moment);
    const what = `the deadline ${within} minutes after ${this.momentTitle(moment)}`;
    this.parts.region(
      name,
      {
        title: this.words.minutesAfter(within, this.momentTitle(moment)),
        initial: `${name}-wait`,
        states: {
          [`${name}-wait`]: {
            title: this.words.notYet,
            always: [
              { when: opened, target: `${name}-open`, effects: [{ setFlag: name, value: true }] },
              ...(foreclosed ? [{ when: foreclosed, target: `${name}-foreclosed`, effects: this.close(name) }] : []),
            ],
          },
          [`${name}-open`]: { title: this.words.windowOpen, after: [{ minutes: within, target: `${name}-expired`, effects: this.close(name) }] },
          [`${name}-expired`]: { title: this.words.passed },
          ...(foreclosed ? { [`${name}-foreclosed`]: { title: this.words.passedOtherDecision } } : {}),
        },
      },
      {
        [name]: { kind: 'structure', path: at },
        [`${name}-wait`]: { kind: 'structure', path: at },
        [`${name}-open`]: { kind: 'window', path: [...at, 'after'], what },
        // Never entered when the moment never comes: told at the moment, not as a deadline after EndEx.
        [`${name}-expired`]: { kind: 'deadline', path: [...at, 'within'], what, opensIn: `${name}-open` },
        ...(foreclosed ? { [`${name}-foreclosed`]: { kind: 'wait', path: at } satisfies StateSource } : {}),
      },
    );
    return name;
  }

  /** How a moment reads in titles, in the scenario's words: `“Report the alarm level” by Customs post`, `decision “NSSC mobile team”: Send the mobile expert team`. */
  private momentTitle(moment: Exclude<Moment, { inject: string }>): string {
    const teams = (by: TeamRef | undefined, every: boolean | undefined) =>
      by === undefined ? '' : this.words.by(resolveTeams(this.document, by).map((t) => this.document.teams.find((team) => team.id === t)?.name ?? t).join(', '), every === true);
    if ('action' in moment) return `${this.words.action(this.document.actions.find((a) => a.id === moment.action)?.label ?? moment.action)}${teams(moment.by, moment.every)}`;
    if ('acknowledged' in moment) return `${this.words.acknowledgement(this.rowTitle(moment.acknowledged))}${teams(moment.by, moment.every)}`;
    const decision = this.document.timeline.find((row) => row.decision?.id === moment.decision)?.decision;
    const option = moment.is === undefined ? undefined : (decision?.options.find((o) => o.id === moment.is)?.title ?? moment.is);
    return this.words.decision(decision?.title ?? moment.decision, option);
  }

  /** A row (or inject) as titles name it: its subject, never its id. */
  private rowTitle(id: string): string {
    return this.document.timeline.find((r) => r.id === id)?.subject ?? this.document.injects.find((i) => i.id === id)?.subject ?? id;
  }
}

/**
 * Whether a condition, once true, stays true: the flags StartEx sets for what happened (a fact
 * recorded, a row released, a decision settled) and team sets only ever grow. A fact flag is
 * cleared only where nothing reads it any more (expandTimeline's forgetting), never under a guard
 * a region waits on.
 */
function lasting(condition: Condition): boolean {
  if ('all' in condition) return condition.all.every(lasting);
  if ('any' in condition) return condition.any.every(lasting);
  if ('teams' in condition) return true;
  if ('flag' in condition) return condition.equals !== false && LASTING_FLAG.test(condition.flag);
  return false;
}
const LASTING_FLAG = new RegExp(`^${GENERATED_PREFIX}(fact|released|decided)-\\d+$`);

/** The flag a window sets when it has passed (its own flag is false before it opens, too). */
const passedFlag = (window: string) => `${window}-passed`;

/** Field values a fact asks for (`where`), as a condition on the action's fields. */
export function whereCondition(document: ScenarioDocument, actionId: string, where: Record<string, FieldMatch> | undefined): Condition | undefined {
  if (!where) return undefined;
  const fields = document.actions.find((a) => a.id === actionId)?.fields ?? [];
  return allOf(
    ...Object.entries(where).map(([field, match]): Condition => {
      const multi = fields.find((f) => f.name === field)?.type === 'multi-choice';
      if (typeof match !== 'object') return multi && typeof match === 'string' ? { field, includes: match } : { field, equals: match };
      const bounds = allOf(
        match.atLeast !== undefined || match.atMost !== undefined || match.includes !== undefined
          ? { field, ...(match.atLeast !== undefined ? { atLeast: match.atLeast } : {}), ...(match.atMost !== undefined ? { atMost: match.atMost } : {}), ...(match.includes !== undefined ? { includes: match.includes } : {}) }
          : undefined,
        match.not !== undefined ? { not: { field, equals: match.not } } : undefined,
      );
      return bounds ?? { field };
    }),
  );
}

/** Whether an action's fields hold what `where` asks, as the machine decides it (for the review's metrics). */
export function matchesWhere(document: ScenarioDocument, actionId: string, where: Record<string, FieldMatch> | undefined, fields: Record<string, FieldValue>): boolean {
  const condition = whereCondition(document, actionId, where);
  return condition === undefined || evaluateCondition(condition, { flags: {}, counters: {} }, { type: `action.${actionId}`, fields });
}
