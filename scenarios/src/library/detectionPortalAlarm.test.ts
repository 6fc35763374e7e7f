import { describe, expect, it } from 'vitest';
import { LIBRARY } from './index.ts';
import { Play, playScript } from './playHelpers.ts';

const detectionPortalAlarm = LIBRARY['detection-portal-alarm']!;

describe('scenario B: portal monitor alarm at a road border crossing', () => {
  it('by the book (the dry-run script): no contingency, reachback confirms at T+30, EndEx at T+120', () => {
    const play = playScript(detectionPortalAlarm);
    expect(play.released).toEqual([
      'Day 1 10:00 portal_alarm',
      'Day 1 10:05 driver_papers',
      'Day 1 10:12 secondary_order',
      'Day 1 10:20 identifier_result',
      'Day 1 10:30 reachback_confirms',
      'Day 1 10:50 registry_match',
      'Day 1 11:00 shipper_demand',
    ]);
    expect(play.milestones).toEqual(['Day 1 10:38 regulator_notified']);
    expect(play.ended).toBe(true);
  });

  it('officers do nothing: the driver tries to leave, reachback waits for the spectrum, HQ and the prosecutor chase', () => {
    const play = new Play(detectionPortalAlarm).toEnd();
    expect(play.released).toEqual([
      'Day 1 10:00 portal_alarm',
      'Day 1 10:05 driver_papers',
      'Day 1 10:08 driver_leaving',
      'Day 1 10:12 secondary_order',
      'Day 1 10:20 identifier_result',
      'Day 1 10:25 reachback_prompt',
      'Day 1 10:45 reachback_confirms',
      'Day 1 11:00 regulator_chases',
      'Day 1 11:05 registry_match',
      'Day 1 11:15 shipper_demand',
      'Day 1 11:35 custody_request',
    ]);
    expect(play.run.ended).toBe(true);
    expect(play.run.states).toEqual(['endex']);
  });

  it('a spectrum sent after the prompt is confirmed at once, and the timeline resumes from there', () => {
    const play = new Play(detectionPortalAlarm);
    play.act(1, 'customs', 'hold_vehicle', { rescanned: true, supervisor_informed: true });
    const late = play.act(35, 'customs', 'request_reachback', { spectrum_attached: true });
    expect(late.released).toEqual(['reachback_confirms']);
    play.act(40, 'customs', 'notify', { recipient: 'Regulator' });
    play.act(58, 'police', 'record_custody', { items: 'Truck KTR 418 and gauge', seals_applied: true });
    play.toEnd();
    expect(play.released).toEqual([
      'Day 1 10:00 portal_alarm',
      'Day 1 10:05 driver_papers',
      'Day 1 10:12 secondary_order',
      'Day 1 10:20 identifier_result',
      'Day 1 10:25 reachback_prompt',
      'Day 1 10:35 reachback_confirms',
      'Day 1 10:55 registry_match',
      'Day 1 11:05 shipper_demand',
    ]);
    expect(play.run.ended).toBe(true);
  });

  it('truck released as natural: reachback recalls it, HQ countermands a second release under shipper pressure', () => {
    const play = new Play(detectionPortalAlarm);
    play.act(2, 'customs', 'hold_vehicle', { rescanned: false, supervisor_informed: true });
    play.act(21, 'customs', 'identify_nuclide', { nuclide: 'K-40 (natural)', confidence: 'Low' });
    play.act(22, 'customs', 'release_vehicle', { reason: 'Natural radioactivity (NORM)' });
    play.act(38, 'police', 'intercept_vehicle', { location: 'A16, km 12', escorted_back: true });
    play.act(40, 'customs', 'notify', { recipient: 'Police and regulator', nuclide: 'Cs-137' });
    const countermand = play.act(62, 'customs', 'release_vehicle', { reason: 'Shipper request' });
    expect(countermand.released).toEqual(['hq_countermand']);
    expect(play.act(63, 'customs', 'release_vehicle', { reason: 'Shipper request' }).released).toEqual([]);
    play.act(70, 'customs', 'record_custody', { items: 'Truck KTR 418, gauge LG-2271-C', seals_applied: true });
    play.toEnd();
    expect(play.released).toEqual([
      'Day 1 10:00 portal_alarm',
      'Day 1 10:05 driver_papers',
      'Day 1 10:12 secondary_order',
      'Day 1 10:20 identifier_result',
      'Day 1 10:30 recall_order',
      'Day 1 10:50 registry_match',
      'Day 1 11:00 shipper_demand',
      'Day 1 11:02 hq_countermand',
    ]);
    expect(play.milestones).toEqual(['Day 1 10:40 regulator_notified']);
    expect(play.run.ended).toBe(true);
  });
});
