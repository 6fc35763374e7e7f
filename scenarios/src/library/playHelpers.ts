import {
  formatScenarioTime,
  type FieldValue,
  parseScenarioClockTime,
  ScenarioDocument,
  type ScenarioDocumentInput,
} from '@startex/shared';
import { compileScenario } from '../compileScenario.ts';
import { ScenarioRun, type Step } from '../ScenarioRun.ts';
import { simulate } from '../simulate.ts';
import { validateActionFields } from '../validateAction.ts';

const MINUTE_MS = 60_000;

/** When something happens: minutes after StartEx, or story time as written in the MSEL ("Day 2 09:00"). */
export type PlayTime = number | string;

/**
 * One headless play of a library scenario, for tests. It parses and compiles the document, starts it
 * at exercise time 0, lets timers fire at their due time, and records each release as
 * "Day 1 09:15 badge_log" (story time + inject id) so a test reads like the MSEL it checks.
 *
 * @example
 * const play = new Play(preventionInsider);
 * play.act(5, 'facility_security', 'record_concern', { ... });
 * play.toEnd();
 * expect(play.released).toEqual(['Day 1 09:00 hr_concern', ...]);
 */
export class Play {
  readonly document: ScenarioDocument;
  readonly run: ScenarioRun;
  /** Released injects in release order, as "<story time> <inject id>". */
  readonly released: string[] = [];
  /** Milestones in the order reached, as "<story time> <milestone id>". */
  readonly milestones: string[] = [];
  private readonly startMinute: number;
  private nowMs = 0;

  constructor(input: ScenarioDocumentInput) {
    this.document = ScenarioDocument.parse(input);
    this.run = new ScenarioRun(compileScenario(this.document));
    this.startMinute = parseScenarioClockTime(this.document.scenarioStart);
    this.record(this.run.start(0));
  }

  /** Inject ids released so far, in order. */
  get injects(): string[] {
    return this.released.map((entry) => entry.split(' ').at(-1)!);
  }

  /** Fires every pending timer due at or before `time`, earliest first, each at its due time. */
  until(time: PlayTime): this {
    const limitMs = this.toMs(time);
    if (limitMs < this.nowMs) throw new Error(`Play time cannot go back (asked for ${String(time)}).`);
    for (let next = this.run.nextTimer(); next && !this.run.ended && next.dueMs <= limitMs; next = this.run.nextTimer()) {
      this.nowMs = next.dueMs;
      this.record(this.run.timerFired(next.timer, next.dueMs));
    }
    if (!this.run.ended) this.nowMs = Math.max(this.nowMs, limitMs);
    return this;
  }

  /** Plays the rest: fires timers at their due time until EndEx or until none is pending. */
  toEnd(): this {
    return this.until(Number.POSITIVE_INFINITY);
  }

  /**
   * A participant action at `time`, after the timers due by then. The team and fields are checked
   * against the action catalogue as the server checks them, so a test cannot send what a tablet could not.
   */
  act(time: PlayTime, teamId: string, actionId: string, fields: Record<string, string | number | boolean> = {}): Step {
    checkAction(this.document, teamId, actionId, fields);
    this.until(time);
    return this.record(this.run.actionTaken(teamId, actionId, fields, this.nowMs));
  }

  /** A controller's branch decision at `time`, after the timers due by then. */
  decide(time: PlayTime, decisionId: string): Step {
    this.until(time);
    return this.record(this.run.decisionMade(decisionId, this.nowMs));
  }

  private toMs(time: PlayTime): number {
    if (typeof time === 'number') return time * MINUTE_MS;
    return (parseScenarioClockTime(time) - this.startMinute) * MINUTE_MS;
  }

  private record(step: Step): Step {
    const at = storyTime(this.startMinute, this.nowMs);
    for (const inject of step.released) this.released.push(`${at} ${inject}`);
    for (const milestone of step.milestones) this.milestones.push(`${at} ${milestone}`);
    return step;
  }
}

/**
 * Plays the document's dry-run script (`defaultResponses`) with the headless simulator, after checking
 * that every scripted action is one its team could send. Releases and milestones read as in `Play`.
 */
export function playScript(input: ScenarioDocumentInput): { released: string[]; milestones: string[]; ended: boolean } {
  const document = ScenarioDocument.parse(input);
  for (const response of document.defaultResponses) {
    if ('action' in response) checkAction(document, response.team, response.action, response.fields);
  }
  const simulation = simulate(compileScenario(document), document.defaultResponses);
  const startMinute = parseScenarioClockTime(document.scenarioStart);
  const entries = (kind: 'inject' | 'milestone') =>
    simulation.timeline.filter((e) => e.kind === kind).map((e) => `${storyTime(startMinute, e.atMs)} ${e.ref}`);
  return { released: entries('inject'), milestones: entries('milestone'), ended: simulation.ended };
}

/** Throws unless the team may take the action with these fields, as the server would accept it. */
function checkAction(
  document: ScenarioDocument,
  teamId: string,
  actionId: string,
  fields: Record<string, FieldValue>,
): void {
  const action = document.actions.find((a) => a.id === actionId);
  if (!action) throw new Error(`"${actionId}" is not in the action catalogue of ${document.id}.`);
  if (!action.teams.includes(teamId)) throw new Error(`Team "${teamId}" may not take "${actionId}".`);
  const problem = validateActionFields(action, fields);
  if (problem) throw new Error(`${actionId}: ${problem.message}`);
}

/** "Day 1 09:15" for exercise time `ms` of a scenario starting at `startMinute`. */
function storyTime(startMinute: number, ms: number): string {
  return formatScenarioTime(startMinute * MINUTE_MS + ms).slice(0, -3);
}
