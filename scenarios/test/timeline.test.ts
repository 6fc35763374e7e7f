import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioDocument, type ScenarioState, type ScriptedResponse } from '@startex/shared';
import { lintDocument, lintScenarioText } from '../src/analyzer/lintScenario.ts';
import { parseScenarioText } from '../src/analyzer/parseScenario.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { decisionsOffered } from '../src/engine/projections.ts';
import { enumeratePaths, exploreScenario } from '../src/explore.ts';
import { LIBRARY } from '../src/library/index.ts';
import { ScenarioRun } from '../src/ScenarioRun.ts';
import { simulate } from '../src/simulate.ts';
import { expandTimeline, expandWithSources } from '../src/timeline/expandTimeline.ts';
import { everyTeamInTimeline, everyTeamWithFlags } from './everyTeamConfirmed.ts';

const text = readFileSync(join(import.meta.dirname, 'fixtures/stadiumFinal.yaml'), 'utf8');
const parsed = parseScenarioText(text, 'yaml');
if (!parsed.ok) throw new Error(`does not parse: ${JSON.stringify(parsed.problems)}`);
const stadium = () => parsed.document;
/** "minute inject" in release order. */
const released = (responses: readonly ScriptedResponse[]) =>
  simulate(compileScenario(stadium()), responses)
    .timeline.filter((e) => e.kind === 'inject')
    .map((e) => `${e.atMs / 60_000} ${e.ref}`);
const confirmations = (teams: string[]): ScriptedResponse[] =>
  teams.map((team, i) => ({ after: { inject: 'readiness_call' }, delayMinutes: 2 + i, team, action: 'confirm_position', fields: { ready_at: '18:30' } }));
const EVERY_TEAM = ['stadium_security', 'police', 'fire_rescue', 'health', 'regulator', 'crisis_centre', 'nssc'];

// Lint and paths explore every play: give them time on a busy machine (timings belong to bench/).
describe('a scenario written in the timeline form only (stadium final)', { timeout: 120_000 }, () => {
  it('is written as the issue asks: seven teams, timed injects to one team and to all, no states', () => {
    const document = stadium();
    expect(document.teams).toHaveLength(7);
    expect(document.machine).toEqual({});
    expect(document.injects).toEqual([]);
    const timed = document.timeline.filter((row) => row.at !== undefined);
    expect(timed.length).toBeGreaterThanOrEqual(12);
    expect(timed.some((row) => row.to.length === 1 && row.to[0] === 'all')).toBe(true);
    expect(timed.some((row) => row.to.length === 1 && row.to[0] !== 'all')).toBe(true);
  });

  it('lints clean', () => {
    expect(lintScenarioText(text, 'yaml').problems).toEqual([]);
  });

  it('plays its default responses: the medical branch, no contingency, the decision taken in time', () => {
    expect(released(stadium().defaultResponses)).toEqual([
      '0 portal_alarm',
      '5 match_brief',
      '10 secondary_screen',
      '15 readiness_call',
      '25 medical_explanation',
      '45 crowd_briefing',
      '55 media_query',
      '60 nssc_lab',
      '70 source_handover',
      '85 hot_wash',
    ]);
  });

  it('branches on the nuclide reported (an action field value)', () => {
    const report = (nuclide: string): ScriptedResponse => ({ after: { inject: 'secondary_screen' }, delayMinutes: 3, team: 'police', action: 'report_nuclide', fields: { nuclide, dose_rate_usvh: 3 } });
    expect(released([report('I-131')])).toContain('25 medical_explanation');
    expect(released([report('I-131')])).not.toContain('25 threat_assessment');
    expect(released([report('Cs-137')])).toContain('25 threat_assessment');
    expect(released([report('Cs-137')])).not.toContain('25 medical_explanation');
  });

  it('branches on the controller decision, and takes the default when nobody decides by the deadline', () => {
    const delayed = released([{ after: { inject: 'crowd_briefing' }, delayMinutes: 3, decision: 'kickoff_delayed' }]);
    expect(delayed).toContain('48 delay_announcement');
    const scenario = compileScenario(stadium());
    const run = new ScenarioRun(scenario);
    run.start(0);
    const openAt = (minute: number) => {
      for (let next = run.nextTimer(); next && next.dueMs <= minute * 60_000; next = run.nextTimer()) run.timerFired(next.timer, next.dueMs);
      return decisionsOffered(scenario.document, run.states).map((d) => d.label);
    };
    expect(openAt(44)).toEqual([]);
    expect(openAt(54)).toEqual(['Kick-off goes ahead', 'Kick-off delayed by 30 minutes']);
    expect(openAt(55)).toEqual([]);
    expect(simulate(scenario, []).released).not.toContain('delay_announcement');
    // The decision is offered only from its row on, and is closed once the default was taken.
    const late = released([{ after: { inject: 'crowd_briefing' }, delayMinutes: 12, decision: 'kickoff_delayed' }]);
    expect(late).not.toContain('57 delay_announcement');
  });

  it('releases the contingency only when the regulator was not notified within 15 minutes of the screening', () => {
    const notify = (delayMinutes: number): ScriptedResponse => ({ after: { inject: 'secondary_screen' }, delayMinutes, team: 'police', action: 'notify_regulator', fields: { nuclide: 'Unknown' } });
    expect(released([notify(15)])).not.toContain('40 regulator_chases');
    expect(released([notify(16)])).toContain('40 regulator_chases');
  });

  it('chases readiness unless every team confirmed (six of seven is not enough)', () => {
    expect(released(confirmations(EVERY_TEAM))).not.toContain('35 readiness_chaser');
    expect(released(confirmations(EVERY_TEAM.slice(0, 6)))).toContain('35 readiness_chaser');
  });

  it('chases the alarm unless stadium security acknowledged it on its tablet within three minutes', () => {
    const ack = (delayMinutes: number): ScriptedResponse => ({ after: { inject: 'portal_alarm' }, delayMinutes, team: 'stadium_security', acknowledge: 'portal_alarm' });
    expect(released([])).toContain('3 alarm_reminder');
    expect(released([ack(2)])).not.toContain('3 alarm_reminder');
    expect(released([ack(4)])).toContain('3 alarm_reminder');
    // Only the team it names counts, and only what was sent to it.
    const police: ScriptedResponse = { after: { inject: 'match_brief' }, delayMinutes: 0, team: 'police', acknowledge: 'portal_alarm' };
    expect(simulate(compileScenario(stadium()), [police]).problems).toMatchObject([{ rule: 'action-team', path: '$.responses[0].team' }]);
  });

  it('paths lists every branch, each with its injects and fastest EndEx', () => {
    const { paths, truncated } = enumeratePaths(compileScenario(stadium()));
    expect(truncated).toBe(false);
    const outcomes = paths.map((p) => p.released);
    const some = (inject: string) => outcomes.some((r) => r.includes(inject));
    const none = (inject: string) => outcomes.some((r) => !r.includes(inject));
    for (const inject of ['alarm_reminder', 'medical_explanation', 'threat_assessment', 'delay_announcement', 'readiness_chaser', 'regulator_chases']) {
      expect(some(inject), inject).toBe(true);
      expect(none(inject), inject).toBe(true);
    }
    expect(paths.every((p) => p.ended && p.minMinutes === 90)).toBe(true);
    // Every team confirming is one response per team, taken as the first k of them.
    expect(paths.find((p) => !p.released.includes('readiness_chaser'))!.responses.filter((r) => r.endsWith('confirm_position'))).toHaveLength(7);
  });

  it('computes the MSEL planned times from the machine', () => {
    const injects = compileScenario(stadium()).document.injects;
    const planned = Object.fromEntries(injects.map((i) => [i.id, i.scenarioTime]));
    expect(planned).toMatchObject({ portal_alarm: 'Day 1 18:00', medical_explanation: 'Day 1 18:25', readiness_chaser: 'Day 1 18:35', hot_wash: 'Day 1 19:25' });
    expect(planned.delay_announcement).toBeUndefined();
    expect(injects.find((i) => i.id === 'match_brief')!.to).toEqual(EVERY_TEAM);
    expect(injects.find((i) => i.id === 'portal_alarm')!.from).toBe('Pedestrian radiation portal, gate C');
  });
});

describe('a document that mixes the timeline and states', () => {
  // The demo's states (the alarm waits for the report), plus a timeline row for every team and a
  // flag that a row sets and a state reads.
  const demo = LIBRARY.demo!;
  const mixed = ScenarioDocument.parse({
    ...structuredClone(demo),
    id: 'mixed',
    teams: [...demo.teams, { id: 'police', name: 'Police', agency: 'police' }],
    flags: [{ id: 'police_briefed', initial: false }],
    injects: [...demo.injects, { id: 'police_told', number: 5, channel: 'phone', from: 'Supervisor', to: ['police'], subject: 'Police informed', body: 'Police know.' }],
    timeline: [{ id: 'shift_change', at: 'T+1', channel: 'radio', from: 'Supervisor', to: ['all'], subject: 'Shift change at 09:30', body: 'Plan for it.', effects: [{ setFlag: 'police_briefed' }] }],
    machine: {
      ...demo.machine,
      states: { ...demo.machine.states, reported: { ...demo.machine.states!.reported!, entry: [{ release: 'supervisor_reply' }], after: [{ minutes: 1, when: { flag: 'police_briefed' }, effects: [{ release: 'police_told' }] }, { minutes: 3, target: 'endex' }] } },
    },
  });

  it('compiles into one machine: the states run beside the timeline, and EndEx is still their final state', () => {
    expect(lintDocument(mixed)).toEqual([]);
    const simulation = simulate(compileScenario(mixed), mixed.defaultResponses);
    expect(simulation.timeline.filter((e) => e.kind === 'inject').map((e) => `${e.atMs / 60_000} ${e.ref}`)).toEqual([
      '1 shift_change',
      '2 portal_alarm',
      '5 supervisor_reply',
      '6 police_told',
    ]);
    expect(simulation).toMatchObject({ ended: true, durationMs: 8 * 60_000 });
    const run = new ScenarioRun(compileScenario(mixed));
    expect(run.start(0).states).toEqual(['tl--play.tl--machine.quiet', 'tl--play.tl--track--main.tl--main--0']);
  });
});

describe('exploring "every team confirmed"', { timeout: 120_000 }, () => {
  const points = (teams: number) => exploreScenario(compileScenario(ScenarioDocument.parse(everyTeamInTimeline(teams)))).points;

  it('grows by the same number of points per team in the timeline form: teams are interchangeable', () => {
    const [seven, eight, twelve] = [points(7), points(8), points(12)];
    expect(twelve - seven).toBe(5 * (eight - seven));
    expect(lintDocument(ScenarioDocument.parse(everyTeamInTimeline(12)))).toEqual([]);
  });

  it('with one flag per team, the same twelve teams are too many plays for a budget the timeline form fits in', () => {
    const budget = { maxPoints: 2_000 };
    expect(lintDocument(ScenarioDocument.parse(everyTeamInTimeline(12)), budget)).toEqual([]);
    expect(lintDocument(ScenarioDocument.parse(everyTeamWithFlags(12)), budget).map((p) => p.rule)).toEqual(['too-many-plays']);
  });
});

describe('state titles', () => {
  it('every state of the library and of the stadium final has a title once expanded: storylines by their track, moments by time and subject', () => {
    const untitled = (state: ScenarioState, into: string[] = []): string[] => {
      for (const [key, child] of Object.entries(state.states ?? {})) {
        if (!child.title?.trim()) into.push(key);
        untitled(child, into);
      }
      return into;
    };
    for (const [id, document] of [...Object.entries(LIBRARY), ['stadium-final', stadium()] as const]) expect(untitled(expandTimeline(document).machine), id).toEqual([]);
    const storylines = expandTimeline(LIBRARY['stolen-cobalt-source']!).machine.states!['tl--play']!.states!;
    expect(storylines['tl--track--search']!.title).toBe('Search and recovery');
    expect(storylines['tl--track--main']!.title).toBe('Main timeline');
    expect(storylines['tl--track--main']!.states!['tl--main--1']!.title).toBe('T+30: Transport company: has anyone told you?');
  });
});

describe('the titles the expansion writes, which people read as phases', () => {
  const titles = (document: ScenarioDocument) => [...expandWithSources(document).titles.values()];

  it('names what a deadline counts from by its subject, never its id', () => {
    const all = titles(stadium());
    expect(all).toContain('15 min after Secondary screening of the bag at gate C');
    const ids = [...stadium().timeline.flatMap((row) => [row.id, ...(row.decision ? [row.decision.id, ...row.decision.options.map((o) => o.id)] : [])]), ...stadium().actions.map((a) => a.id)];
    expect(all.filter((title) => ids.some((id) => title.includes(id)))).toEqual([]);
  });

  it('does not name a row that may not go out as the phase: two rows at T+25 on either side of one condition are both named', () => {
    expect(titles(stadium())).toContain('T+25: The spectator had thyroid treatment / Not a medical nuclide - treat as a possible threat');
  });

  it('writes its own words in the scenario’s language', () => {
    const lithuanian = titles({ ...stadium(), language: 'lt' });
    expect(lithuanian).toEqual(expect.arrayContaining(['Pagrindinė eiga', 'Laukia sprendimo: Kick-off', 'Laiku nenuspręsta: Kick-off goes ahead', '15 min. po: Secondary screening of the bag at gate C', 'Dar ne', 'Praėjo']));
    expect(lithuanian.filter((title) => /\b(After|Waiting|Closed|Done|Main timeline|Decided|Open|Not yet|Passed|min after)\b/.test(title))).toEqual([]);
  });
});

