import { describe, expect, it } from 'vitest';
import { LIBRARY } from './index.ts';
import { Play, playScript } from './playHelpers.ts';

const stolenCobaltSource = LIBRARY['stolen-cobalt-source']!;

describe('scenario D: stolen high-activity Co-60 source', () => {
  it('by the book (the dry-run script): the MSEL as planned over two days, no contingency', () => {
    const play = playScript(stolenCobaltSource);
    expect(play.released).toEqual([
      'Day 1 02:30 truck_stolen',
      'Day 1 03:30 activation_request',
      'Day 1 05:00 lookout_alert',
      'Day 1 07:00 media_leak',
      'Day 1 10:00 search_plan',
      'Day 1 14:00 hotline_tips',
      'Day 2 09:00 abandoned_truck',
      'Day 2 10:30 hotspot_found',
      'Day 2 12:00 villagers_injured',
      'Day 2 16:00 iaea_assistance_offer',
    ]);
    expect(play.milestones).toEqual(['Day 2 10:30 source_located']);
    expect(play.ended).toBe(true);
  });

  it('players do nothing: every contingency fires, a farmer finds the source, EndEx at Day 2 17:00', () => {
    const play = new Play(stolenCobaltSource).toEnd();
    expect(play.released).toEqual([
      'Day 1 02:30 truck_stolen',
      'Day 1 03:00 transport_company_call',
      'Day 1 03:30 activation_request',
      'Day 1 04:30 ministry_call',
      'Day 1 05:00 lookout_alert',
      'Day 1 07:00 media_leak',
      'Day 1 08:00 panic_myths',
      'Day 1 10:00 search_plan',
      'Day 1 11:00 iaea_verification_request',
      'Day 1 12:00 search_status_query',
      'Day 1 14:00 hotline_tips',
      'Day 2 09:00 abandoned_truck',
      'Day 2 10:30 farmer_report',
      'Day 2 12:00 villagers_injured',
      'Day 2 16:00 iaea_assistance_offer',
    ]);
    expect(play.milestones).toEqual(['Day 2 10:30 source_located']);
    expect(play.run.ended).toBe(true);
    expect(play.run.states).toEqual(['endex']);
  });

  it('late alert and late search, then an arrest before care: myths, the Minister, and a collapse in custody', () => {
    const play = new Play(stolenCobaltSource);
    play.act('Day 1 02:40', 'police', 'notify', { recipient: 'Regulator' });
    play.act('Day 1 03:50', 'crisis_centre', 'activate_coordination', {
      lead_agency: 'Police',
      technical_lead: 'Radiation Safety Inspectorate',
    });
    play.act('Day 1 09:15', 'crisis_centre', 'issue_public_alert', {
      channel: 'Press release',
      advice: 'Do not touch, keep away, call the hotline',
      hotline_opened: true,
      text: 'Do not touch any metal container; call 1808.',
    });
    play.act('Day 1 09:30', 'regulator', 'notify', { recipient: 'IAEA (USIE)', source_category: 'Category 1' });
    play.act('Day 1 13:00', 'nssc', 'deploy_search_teams', { vehicles: 2, detectors_calibrated: false, operators: 4 });
    const arrest = play.act('Day 2 12:10', 'police', 'detain_person', { medical_assessment_first: false });
    expect(arrest.released).toEqual(['detainee_collapses']);
    play.act('Day 2 14:00', 'nssc', 'recover_source', { in_shielded_container: true, highest_worker_dose_msv: 8 });
    play.toEnd();
    expect(play.released).toEqual([
      'Day 1 02:30 truck_stolen',
      'Day 1 03:30 activation_request',
      'Day 1 05:00 lookout_alert',
      'Day 1 07:00 media_leak',
      'Day 1 08:00 panic_myths',
      'Day 1 10:00 search_plan',
      'Day 1 12:00 search_status_query',
      'Day 1 14:00 hotline_tips',
      'Day 2 09:00 abandoned_truck',
      'Day 2 10:30 hotspot_found',
      'Day 2 12:00 villagers_injured',
      'Day 2 12:10 detainee_collapses',
      'Day 2 16:00 iaea_assistance_offer',
    ]);
    expect(play.run.ended).toBe(true);
  });

  it('only the regulator’s notification counts as informing the IAEA', () => {
    const play = new Play(stolenCobaltSource);
    play.act('Day 1 08:00', 'crisis_centre', 'notify', { recipient: 'IAEA (USIE)' });
    expect(play.until('Day 1 11:00').injects).toContain('iaea_verification_request');
  });
});
