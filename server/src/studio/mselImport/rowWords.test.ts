import { describe, expect, it } from 'vitest';
import { actionsOf, addresseesOf, agencyOf, channelOf, markerOf, shorten, slug, subjectFrom } from './rowWords.ts';

describe('MSEL words', () => {
  it('reads a delivery method as the channel it names first', () => {
    expect(['Email', 'E-Mail', 'EMITS', 'Phone, Cell phone and email', 'Radio / Land Line / Cell Phone', 'LMR/Land Line', 'In Person', 'Verbal (face-to-face)', 'Fax', 'SIR', 'TV news', 'Twitter post', 'Portal monitor alarm'].map(channelOf)).toEqual([
      'email', 'email', 'email', 'phone', 'radio', 'radio', 'face-to-face', 'face-to-face', 'fax', 'document', 'news', 'social', 'sensor',
    ]);
    expect([channelOf('RFA'), channelOf('')]).toEqual([undefined, undefined]);
  });

  it('splits addressees, reads everyone as all, and keeps known names whole', () => {
    expect(addresseesOf('JOC, All')).toEqual(['all']);
    expect(addresseesOf('All Participants')).toEqual(['all']);
    expect(addresseesOf('Police; Fire\nHealth')).toEqual(['Police', 'Fire', 'Health']);
    expect(addresseesOf('ERPSS/AE Crew')).toEqual(['ERPSS', 'AE Crew']);
    expect(addresseesOf('SPS MED & J1, SPS MED')).toEqual(['SPS MED', 'J1']);
    const known = ['Police: dispatch, patrols, incident commander and bomb squad', 'Fire & rescue: hazmat team'];
    expect(addresseesOf('Police: dispatch, patrols, incident commander and bomb squad, Fire & rescue: hazmat team, Regulator', known)).toEqual([...known, 'Regulator']);
    expect(addresseesOf('   ')).toEqual([]);
  });

  it('finds STARTEX and ENDEX rows, expected actions line by line, subjects from descriptions, ids and agencies', () => {
    expect([markerOf(['STARTEX']), markerOf(['', 'End Ex']), markerOf(['STARTEX Situation Brief'])]).toEqual(['startex', 'endex', undefined]);
    expect(actionsOf('- Dispatch a patrol\n• Set a cordon\n\n2) Notify the regulator')).toEqual(['Dispatch a patrol', 'Set a cordon', 'Notify the regulator']);
    expect(subjectFrom('Tropical Storm Al Update 5. More text follows here.\nSecond line')).toBe('Tropical Storm Al Update 5.');
    expect(subjectFrom('A very long first line without any full stop that goes on and on well past eighty characters in all')).toBe('A very long first line without any full stop that goes on and on well past…');
    expect(shorten('abc', 5)).toBe('abc');
    expect([slug('JFHQ-AL JOC'), slug('Upytė ligoninė'), slug('  5-A ')]).toEqual(['jfhq-al-joc', 'upyte-ligonine', '5-a']);
    expect(['Police patrol', 'Regional hospital', 'County EOC', 'IMT Trailer'].map(agencyOf)).toEqual(['police', 'health', 'crisis-centre', 'other']);
  });
});
