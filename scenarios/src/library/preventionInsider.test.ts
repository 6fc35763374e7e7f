import { describe, expect, it } from 'vitest';
import { Play, playScript } from './playHelpers.ts';
import { preventionInsider } from './preventionInsider.ts';

describe('scenario A: insider concern at a store of disused sources', () => {
  it('by the book (the dry-run script): records request, intelligence, then union and press queries', () => {
    const play = playScript(preventionInsider);
    expect(play.released).toEqual([
      'Day 1 09:00 hr_concern',
      'Day 1 09:15 badge_log',
      'Day 1 09:30 seal_mismatch',
      'Day 1 09:45 vetting_request',
      'Day 1 10:00 police_intel',
      'Day 1 10:20 security_service_report',
      'Day 1 10:50 union_query',
      'Day 1 11:05 journalist_query',
    ]);
    expect(play.milestones).toEqual([
      'Day 1 09:05 concern_recorded',
      'Day 1 09:34 regulator_notified',
      'Day 1 09:52 interim_measures',
      'Day 1 10:06 information_shared',
      'Day 1 10:32 joint_assessment',
      'Day 1 10:34 security_level_raised',
    ]);
    expect(play.ended).toBe(true);
  });

  it('players do nothing: HR reminder, anonymous tip, ministry request, then the night alarm and EndEx', () => {
    const play = new Play(preventionInsider).toEnd();
    expect(play.released).toEqual([
      'Day 1 09:00 hr_concern',
      'Day 1 09:15 badge_log',
      'Day 1 09:25 hr_reminder',
      'Day 1 09:30 seal_mismatch',
      'Day 1 09:45 anonymous_tip',
      'Day 1 10:00 police_intel',
      'Day 1 10:20 security_service_report',
      'Day 1 10:40 assessment_request',
      'Day 1 10:50 night_alarm',
    ]);
    expect(play.milestones).toEqual([]);
    expect(play.run.ended).toBe(true);
    expect(play.run.states).toEqual(['endex']);
  });

  it('a notification after T+45 does not undo the tip, and measures by T+110 still avert the night alarm', () => {
    const play = new Play(preventionInsider);
    play.act(12, 'facility_security', 'record_concern', {
      indicators: 'Grievance and debts',
      rso_consulted: false,
      employee_confronted: true,
    });
    play.act(50, 'facility_security', 'notify', { recipient: 'Regulator', classification: 'Security event' });
    play.act(105, 'facility_security', 'suspend_access', { measure: 'Suspended from work', legal_review: false });
    play.toEnd();
    expect(play.injects).toEqual([
      'hr_concern',
      'badge_log',
      'seal_mismatch',
      'anonymous_tip',
      'police_intel',
      'security_service_report',
      'assessment_request',
      'union_query',
      'journalist_query',
    ]);
    expect(play.milestones).toEqual([
      'Day 1 09:12 concern_recorded',
      'Day 1 09:50 regulator_notified',
      'Day 1 10:45 interim_measures',
    ]);
    expect(play.run.ended).toBe(true);
  });

  it('notifying the police instead of the regulator still brings the anonymous tip', () => {
    const play = new Play(preventionInsider);
    play.act(35, 'facility_security', 'notify', { recipient: 'Police', classification: 'Security event' });
    expect(play.until(45).injects.at(-1)).toBe('anonymous_tip');
  });
});
