import { describe, expect, it } from 'vitest';
import { LIBRARY } from './index.ts';
import { Play, playScript } from './playHelpers.ts';

const responseCityDevice = LIBRARY['response-city-device']!;

/** The first forty minutes done well: cordon, assessor, notification, unified command, first message. */
function playsWellUntilT40(): Play {
  const play = new Play(responseCityDevice);
  play.act(4, 'police', 'set_cordon', { kind: 'Outer cordon', radius_m: 400 });
  play.act(10, 'police', 'request_assessor', { assessor: 'Regulator radiological assessors' });
  play.act(11, 'police', 'notify', { recipient: 'National crisis management centre' });
  play.act(18, 'fire_rescue', 'set_cordon', { kind: 'Hot zone (100 µSv/h line)', radius_m: 25 });
  play.act(20, 'fire_rescue', 'establish_unified_command', {
    members: 'Police, fire & rescue, regulator and health',
    command_post: 'Car park, 450 m west',
  });
  play.act(36, 'public_information', 'issue_public_message', {
    channel: 'Emergency alert (cell broadcast)',
    protective_action: 'Avoid the area',
    text: 'Avoid Town Hall Square. Follow police instructions.',
  });
  return play;
}

const OPENING = [
  'Day 1 11:00 emergency_call',
  'Day 1 11:08 patrol_readings',
  'Day 1 11:15 hazmat_line',
  'Day 1 11:25 sitrep_request',
  'Day 1 11:30 social_rumours',
  'Day 1 11:40 render_safe_attempt',
];

describe('scenario C: suspicious device with radioactive material in a city square', () => {
  it('by the book with decision A (the dry-run script): evidence and source recovery, no contingency', () => {
    const play = playScript(responseCityDevice);
    expect(play.released).toEqual([
      ...OPENING,
      'Day 1 11:40 device_rendered_safe',
      'Day 1 11:50 self_presenters',
      'Day 1 12:00 nuclide_identified',
      'Day 1 12:10 shielded_container_found',
      'Day 1 12:30 forensic_entry',
      'Day 1 13:00 press_conference_request',
    ]);
    expect(play.ended).toBe(true);
  });

  it('decision A by the controller at T+40 leads to the container and the forensic push when no plan is approved', () => {
    const play = playsWellUntilT40();
    const decided = play.decide(40, 'device_safe');
    expect(decided.released).toEqual(['device_rendered_safe']);
    play.toEnd();
    expect(play.released).toEqual([
      ...OPENING,
      'Day 1 11:40 device_rendered_safe',
      'Day 1 11:50 self_presenters',
      'Day 1 12:00 nuclide_identified',
      'Day 1 12:10 shielded_container_found',
      'Day 1 12:30 forensic_entry',
      'Day 1 12:50 forensic_push',
      'Day 1 13:00 press_conference_request',
    ]);
    expect(play.run.ended).toBe(true);
  });

  it('decision B by the controller at T+40: casualties, press query, contaminated casualties at the hospital', () => {
    const play = playsWellUntilT40();
    expect(play.decide(40, 'device_functions').released).toEqual(['device_functioned']);
    play.act(45, 'health', 'triage_casualties', { lifesaving_before_decontamination: true, immediate: 2, delayed: 4 });
    play.act(100, 'police', 'approve_forensic_rp_plan', { dose_limit_usv: 1000, stay_time_min: 15, dosimeters_issued: true });
    play.toEnd();
    expect(play.released).toEqual([
      ...OPENING,
      'Day 1 11:40 device_functioned',
      'Day 1 11:45 casualty_media_query',
      'Day 1 11:50 self_presenters',
      'Day 1 12:00 nuclide_identified',
      'Day 1 12:10 contaminated_casualties_ed',
      'Day 1 12:30 forensic_entry',
      'Day 1 13:00 press_conference_request',
    ]);
    expect(play.run.ended).toBe(true);
    expect(play.run.states).toEqual(['endex']);
  });

  it('nobody acts and the controller does not decide: every contingency fires, A follows at T+50, EndEx still comes', () => {
    const play = new Play(responseCityDevice).toEnd();
    expect(play.released).toEqual([
      'Day 1 11:00 emergency_call',
      'Day 1 11:08 patrol_readings',
      'Day 1 11:12 bystanders_near_device',
      'Day 1 11:15 hazmat_line',
      'Day 1 11:20 crisis_centre_chases',
      'Day 1 11:25 sitrep_request',
      'Day 1 11:30 social_rumours',
      'Day 1 11:35 conflicting_orders',
      'Day 1 11:40 render_safe_attempt',
      'Day 1 11:45 rumour_escalation',
      'Day 1 11:50 device_rendered_safe',
      'Day 1 12:00 self_presenters',
      'Day 1 12:10 nuclide_identified',
      'Day 1 12:20 shielded_container_found',
      'Day 1 12:40 forensic_entry',
      'Day 1 13:00 press_conference_request',
      'Day 1 13:00 forensic_push',
    ]);
    expect(play.run.ended).toBe(true);
  });

  it('a cordon under 400 m does not count: the bystanders inject still comes', () => {
    const play = new Play(responseCityDevice);
    play.act(3, 'police', 'set_cordon', { kind: 'Outer cordon', radius_m: 50 });
    expect(play.until(12).injects).toEqual(['emergency_call', 'patrol_readings', 'bystanders_near_device']);
  });
});
