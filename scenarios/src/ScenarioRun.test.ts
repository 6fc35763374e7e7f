import { describe, expect, it } from 'vitest';
import { compileScenario } from './compileScenario.ts';
import { LIBRARY } from './library/index.ts';
import { ScenarioRun } from './ScenarioRun.ts';

const demo = () => new ScenarioRun(compileScenario(LIBRARY.demo!));

describe('ScenarioRun on the demo scenario', () => {
  it('schedules the alarm timer at StartEx and releases nothing yet', () => {
    const run = demo();
    const step = run.start(0);
    expect(step).toEqual({ released: [], milestones: [], states: ['quiet'], statesChanged: true, ended: false });
    expect([...run.pendingTimers]).toEqual([['quiet.after.0', 120_000]]);
  });

  it('releases the alarm when the timer fires, and the reply only on the customs report', () => {
    const run = demo();
    run.start(0);
    expect(run.timerFired('quiet.after.0', 120_000).released).toEqual(['portal_alarm']);
    expect([...run.pendingTimers]).toEqual([
      ['alarm.after.0', 120_000 + 600_000],
      ['alarm.after.1', 120_000 + 1_200_000],
    ]);

    const wrongTeam = run.actionTaken('police', 'report_alarm', {}, 130_000);
    expect(wrongTeam).toMatchObject({ released: [], statesChanged: false, states: ['alarm'] });

    const report = run.actionTaken('customs', 'report_alarm', { dose_rate_usvh: 2.5 }, 150_000);
    expect(report).toMatchObject({ released: ['supervisor_reply'], states: ['reported'], ended: false });
    // Leaving the alarm state cancelled the chaser and the timeout.
    expect([...run.pendingTimers]).toEqual([['reported.after.0', 150_000 + 180_000]]);

    expect(run.timerFired('reported.after.0', 330_000)).toMatchObject({ states: ['endex'], ended: true });
    expect(run.ended).toBe(true);
  });

  it('chases the team when nobody reports, then ends', () => {
    const run = demo();
    run.start(0);
    run.timerFired('quiet.after.0', 120_000);
    expect(run.timerFired('alarm.after.0', 720_000)).toMatchObject({ released: ['supervisor_chaser'], states: ['alarm'], statesChanged: false });
    expect(run.timerFired('alarm.after.1', 1_320_000)).toMatchObject({ states: ['endex'], ended: true });
  });

  it('ignores a timer that is not pending, as after a duplicate fire', () => {
    const run = demo();
    run.start(0);
    run.timerFired('quiet.after.0', 120_000);
    expect(run.timerFired('quiet.after.0', 121_000)).toMatchObject({ released: [], statesChanged: false });
  });
});
