import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ScenarioDocument, type ScriptedResponse } from '@startex/shared';
import { lintDocument, lintScenarioText } from '../src/analyzer/lintScenario.ts';
import { parseScenarioText } from '../src/analyzer/parseScenario.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { exploreScenario } from '../src/explore.ts';
import { ScenarioRun } from '../src/ScenarioRun.ts';
import { simulate } from '../src/simulate.ts';

/**
 * Deadlines that count from a moment of play (`within: 15, after: { action: ... }`) instead of a
 * row's release: scenarios/test/fixtures/cordonDeadlines.yaml, played headless.
 */
const text = readFileSync(join(import.meta.dirname, 'fixtures/cordonDeadlines.yaml'), 'utf8');
const parsed = parseScenarioText(text, 'yaml');
if (!parsed.ok) throw new Error(`does not parse: ${JSON.stringify(parsed.problems)}`);
const cordon = (): ScenarioDocument => structuredClone(parsed.document);

const startex = { startex: true } as const;
const act = (minute: number, team: string, action: string, fields: Record<string, string> = {}): ScriptedResponse => ({ after: startex, delayMinutes: minute, team, action, fields });
const acknowledge = (minute: number, team: string, inject: string): ScriptedResponse => ({ after: startex, delayMinutes: minute, team, acknowledge: inject });
const decide = (minute: number, decision: string): ScriptedResponse => ({ after: startex, delayMinutes: minute, decision });
const report = (minute: number) => act(minute, 'customs', 'report_alarm_level', { level: 'Red' });
const confirmCordon = (minute: number) => act(minute, 'police', 'confirm_cordon');

/** "minute inject" in release order, for rows after the first two (always at T+0 and T+2). */
const released = (responses: ScriptedResponse[], document = cordon()) =>
  simulate(compileScenario(document), responses)
    .timeline.filter((e) => e.kind === 'inject')
    .map((e) => `${e.atMs / 60_000} ${e.ref}`)
    .filter((e) => e !== '0 portal_alarm' && e !== '2 cordon_request');

describe('a deadline within minutes of an action (the cordon within 15 minutes of customs reporting the alarm level)', () => {
  it('lints clean', () => {
    expect(lintScenarioText(text, 'yaml').problems).toEqual([]);
  });

  it('is met by a confirmation inside the window: neither the chaser nor the review goes out', () => {
    expect(released([report(4), confirmCordon(12)])).toEqual(['20 director_briefing']);
  });

  it('is missed by a late confirmation: the chaser goes out 15 minutes after the report, the contingency at its time', () => {
    expect(released([report(4), confirmCordon(25)])).toEqual(['19 cordon_chaser', '20 director_briefing', '40 cordon_review']);
  });

  it('is never met when the report never comes: the contingency goes out, the chaser timed after the report does not', () => {
    expect(released([confirmCordon(12)])).toEqual(['20 director_briefing', '40 cordon_review']);
    expect(released([])).toEqual(['20 director_briefing', '40 cordon_review']);
  });

  it('counts from the first report: a second report does not open the window again', () => {
    expect(released([report(4), report(15), confirmCordon(25)])).toEqual(['19 cordon_chaser', '20 director_briefing', '40 cordon_review']);
    expect(released([report(4), report(15), confirmCordon(18)])).toEqual(['20 director_briefing']);
  });

  it('does not count a confirmation made before the report', () => {
    expect(released([confirmCordon(3), report(4)])).toEqual(['19 cordon_chaser', '20 director_briefing', '40 cordon_review']);
  });

  it('closes as soon as the confirmation is in, so nothing counts down for it any more', () => {
    const run = new ScenarioRun(compileScenario(cordon()));
    run.start(0);
    run.actionTaken('customs', 'report_alarm_level', { level: 'Red' }, 4 * 60_000);
    const windows = () => run.states.filter((path) => /tl--window-\d+-[a-z]+$/.test(path)).map((path) => path.replace(/^.*tl--window-\d+-/, ''));
    // The windows after the acknowledgement, the report and the decision, in that order.
    expect(windows()).toEqual(['wait', 'open', 'wait']);
    run.actionTaken('police', 'confirm_cordon', {}, 12 * 60_000);
    expect(windows()).toEqual(['wait', 'met', 'wait']);
  });

  it('counts only the field value named: a report of another level does not open the window', () => {
    const document = cordon();
    const review = document.timeline.find((row) => row.id === 'cordon_review')!;
    review.unless = { action: 'confirm_cordon', by: 'police', within: 15, after: { action: 'report_alarm_level', by: 'customs', where: { level: 'Red' } } };
    // The chaser's window counts from any report, the review's only from a red one.
    expect(released([act(4, 'customs', 'report_alarm_level', { level: 'Amber' }), confirmCordon(12)], document)).toEqual(['20 director_briefing', '40 cordon_review']);
    expect(released([report(4), confirmCordon(12)], document)).toEqual(['20 director_briefing']);
  });
});

describe('a deadline within minutes of an acknowledgement (customs report within 5 minutes of acknowledging the alarm)', () => {
  it('releases the row timed at the report when it comes in time', () => {
    expect(released([acknowledge(1, 'customs', 'portal_alarm'), report(4), confirmCordon(10)])).toEqual(['4 quick_report_thanks', '20 director_briefing']);
  });

  it('does not when the report comes late, before the alarm was acknowledged, or without an acknowledgement', () => {
    expect(released([acknowledge(1, 'customs', 'portal_alarm'), report(8), confirmCordon(10)])).toEqual(['20 director_briefing']);
    expect(released([report(4), acknowledge(5, 'customs', 'portal_alarm'), confirmCordon(10)])).toEqual(['20 director_briefing']);
    expect(released([report(4), confirmCordon(10)])).toEqual(['20 director_briefing']);
  });
});

describe('a deadline within minutes of a decision option (the escort within 20 minutes of the director choosing to send the team)', () => {
  const cordonInTime = [report(4), confirmCordon(10)];

  it('is met by an escort inside the window, and missed by a late one or none', () => {
    expect(released([...cordonInTime, decide(22, 'send_team'), act(30, 'police', 'escort_team')])).toEqual(['20 director_briefing']);
    expect(released([...cordonInTime, decide(22, 'send_team'), act(45, 'police', 'escort_team')])).toEqual(['20 director_briefing', '50 escort_reminder']);
    expect(released([...cordonInTime, decide(22, 'send_team')])).toEqual(['20 director_briefing', '50 escort_reminder']);
  });

  it('does not count an escort before the choice', () => {
    expect(released([...cordonInTime, act(21, 'police', 'escort_team'), decide(22, 'send_team')])).toEqual(['20 director_briefing', '50 escort_reminder']);
  });

  it('passes without opening when the decision goes the other way, by control or by default', () => {
    /** How many windows are in their "the decision went another way" state at `until`, after an optional choice at T+22. */
    const foreclosedAt = (until: number, decision?: string) => {
      const run = new ScenarioRun(compileScenario(cordon()));
      run.start(0);
      const runTo = (minute: number) => {
        for (let next = run.nextTimer(); next && next.dueMs <= minute * 60_000; next = run.nextTimer()) run.timerFired(next.timer, next.dueMs);
      };
      runTo(22);
      if (decision) run.decisionMade(decision, 22 * 60_000);
      runTo(until);
      return run.states.filter((path) => path.endsWith('-foreclosed')).length;
    };
    expect(foreclosedAt(25, 'advise_by_phone')).toBe(1);
    expect(foreclosedAt(25)).toBe(0);
    expect(foreclosedAt(31)).toBe(1);
    expect(foreclosedAt(31, 'send_team')).toBe(0);
    expect(released([...cordonInTime, decide(22, 'advise_by_phone')])).toEqual(['20 director_briefing']);
  });
});

describe('the analyzer on deadlines after a moment', { timeout: 120_000 }, () => {
  const lintWith = (unless: unknown) => {
    const document = cordon() as Record<string, any>;
    document.timeline.find((row: { id: string }) => row.id === 'cordon_review').unless = unless;
    return lintDocument(document as ScenarioDocument);
  };
  const confirmWithin = (after: unknown) => ({ action: 'confirm_cordon', by: 'police', within: 15, after });
  const at = '$.timeline[5].unless.after';

  it.each([
    ['an unknown action', { action: 'report_alarm_lvl', by: 'customs' }, 'unknown-reference', `${at}.action`, 'Did you mean "report_alarm_level"?'],
    ['an unknown team', { action: 'report_alarm_level', by: 'custom' }, 'unknown-reference', `${at}.by`, 'Did you mean "customs"?'],
    ['a team that cannot take the action', { action: 'report_alarm_level', by: 'police' }, 'action-team', `${at}.by`, 'Team "police" cannot take "report_alarm_level"'],
    ['an unknown field', { action: 'report_alarm_level', where: { levle: 'Red' } }, 'unknown-reference', `${at}.where.levle`, 'Did you mean "level"?'],
    ['an unknown decision', { decision: 'nssc_cal', is: 'send_team' }, 'unknown-reference', `${at}.decision`, 'Did you mean "nssc_call"?'],
    ['an unknown option', { decision: 'nssc_call', is: 'send_teams' }, 'unknown-reference', `${at}.is`, 'Did you mean "send_team"?'],
    ['an unknown inject acknowledged', { acknowledged: 'portal_alarms', by: 'customs' }, 'unknown-reference', `${at}.acknowledged`, 'Did you mean "portal_alarm"?'],
  ])('names %s in the moment, with the fix', (_, after, rule, path, fix) => {
    const problems = lintWith(confirmWithin(after));
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', rule, path }));
    expect(problems.find((p) => p.path === path)!.message).toContain(fix);
  });

  it('asks for the minutes of an "after", and for one of "of" and "after"', () => {
    expect(lintWith({ action: 'confirm_cordon', after: { action: 'report_alarm_level' } })).toContainEqual(expect.objectContaining({ rule: 'fact-deadline', path: at }));
    expect(lintWith({ ...confirmWithin({ action: 'report_alarm_level' }), of: 'portal_alarm' })).toContainEqual(expect.objectContaining({ rule: 'fact-deadline', path: at }));
  });

  it('reports a moment that never happens at the "after", not as a deadline after EndEx', () => {
    const document = cordon();
    document.actions[0]!.fields.push({ name: 'dose_rate', label: 'Dose rate (µSv/h)', type: 'number', required: false, min: 0, max: 1000 } as never);
    document.timeline[5]!.unless = confirmWithin({ action: 'report_alarm_level', where: { dose_rate: { atLeast: 5000 } } }) as never;
    const problems = lintDocument(document).filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.rule, p.path])).toEqual([['timeline-time-unreachable', at]]);
    expect(problems[0]!.message).toContain('never starts');
  });

  it('explores the stadium final with its notification window after the police report in a bounded number of points (1,764 before met windows closed; 387 counted from the row)', () => {
    const stadium = parseScenarioText(
      readFileSync(join(import.meta.dirname, 'fixtures/stadiumFinal.yaml'), 'utf8').replace(
        'unless: { action: notify_regulator, within: 15, of: secondary_screen }',
        'unless: { action: notify_regulator, within: 15, after: { action: report_nuclide, by: police } }',
      ),
      'yaml',
    );
    if (!stadium.ok) throw new Error('the stadium final does not parse');
    expect(lintDocument(stadium.document)).toEqual([]);
    expect(exploreScenario(compileScenario(stadium.document)).points).toBeLessThanOrEqual(1_300);
  });

  it('refuses a deadline after a moment in a metric, which the review cannot compute yet', () => {
    const document = cordon();
    document.metrics.push({ id: 'cordon_in_time', kind: 'yes-no', title: 'Cordon within 15 minutes of the report', perTeam: false, expected: true, holds: confirmWithin({ action: 'report_alarm_level' }) as never });
    expect(lintDocument(document)).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'metric-impossible', path: '$.metrics[0].holds.after' }));
  });
});

describe('a row at a moment closes once its condition can never hold, also under "any" and "not"', () => {
  /** The cordon scenario with one more row, released the moment customs report, under `condition`. */
  const withRow = (condition: Record<string, unknown>) => {
    const raw = parseYaml(text) as { timeline: unknown[] };
    const row = { id: 'report_note', after: { action: 'report_alarm_level', by: 'customs' }, ...condition, channel: 'phone', from: 'control', to: ['customs'], subject: 'Note on the report', body: 'Control notes the report.' };
    return ScenarioDocument.parse({ ...raw, timeline: [...raw.timeline, row] });
  };
  /** The state the row's region is in after the inputs, each at its minute, and the timers due by `until`. */
  const rowStateAt = (document: ScenarioDocument, until: number, inputs: [number, (run: ScenarioRun, atMs: number) => void][] = []) => {
    const run = new ScenarioRun(compileScenario(document));
    run.start(0);
    const runTo = (minute: number) => {
      for (let next = run.nextTimer(); next && next.dueMs <= minute * 60_000; next = run.nextTimer()) run.timerFired(next.timer, next.dueMs);
    };
    for (const [minute, input] of inputs) {
      runTo(minute);
      input(run, minute * 60_000);
    }
    runTo(until);
    return run.states.find((path) => path.includes('tl--row--report_note'))?.replace(/^.*tl--row--report_note-/, '');
  };
  const confirm = (run: ScenarioRun, atMs: number) => void run.actionTaken('police', 'confirm_cordon', {}, atMs);
  const acknowledgeRequest = (run: ScenarioRun, atMs: number) => void run.acknowledged('police', 'cordon_request', atMs);

  it('"unless": closes when what it rules out has happened, and goes out when the moment comes first', () => {
    const document = withRow({ unless: { action: 'confirm_cordon', by: 'police' } });
    expect(rowStateAt(document, 5)).toBe('wait');
    expect(rowStateAt(document, 5, [[3, confirm]])).toBe('closed');
    expect(released([report(4)], document)).toContain('4 report_note');
    expect(released([confirmCordon(3), report(4)], document)).not.toContain('4 report_note');
  });

  it('is not reported as timed after something that never happens when it always closes first', () => {
    const problems = lintDocument(withRow({ unless: { released: 'portal_alarm' } })).filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.rule, p.path])).toEqual([['inject-never-released', '$.timeline[7]']]);
  });

  it('"any": closes only when every branch has passed its deadline unmet', () => {
    const document = withRow({
      when: {
        any: [
          { acknowledged: 'cordon_request', by: 'police', within: 5 },
          { action: 'confirm_cordon', by: 'police', within: 15, of: 'cordon_request' },
        ],
      },
    });
    // The acknowledgement's window passes at T+7, the confirmation's at T+17.
    expect(rowStateAt(document, 10)).toBe('wait');
    expect(rowStateAt(document, 18)).toBe('closed');
    expect(rowStateAt(document, 18, [[3, acknowledgeRequest]])).toBe('wait');
    expect(released([act(3, 'police', 'confirm_cordon'), report(20)], document)).toContain('20 report_note');
    expect(released([report(20)], document)).not.toContain('20 report_note');
  });
});
