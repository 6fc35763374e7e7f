import { describe, expect, it } from 'vitest';
import { LIBRARY } from './index.ts';
import { Play, playScript } from './playHelpers.ts';

const preventionInsider = LIBRARY['prevention-insider']!;

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
    expect(play.run.ended).toBe(true);
  });

  it('notifying the police instead of the regulator still brings the anonymous tip', () => {
    const play = new Play(preventionInsider);
    play.act(35, 'facility_security', 'notify', { recipient: 'Police', classification: 'Security event' });
    expect(play.until(45).injects.at(-1)).toBe('anonymous_tip');
  });
});
