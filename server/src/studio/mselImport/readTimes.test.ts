import { describe, expect, it } from 'vitest';
import { readClock, readDateText, readDateTime, readDay, readElapsed, readStoryTime } from './readTimes.ts';

const text = (t: string) => ({ text: t });
const day = (iso: string) => Date.parse(iso) / 86_400_000;
const minutes = (iso: string) => Date.parse(iso) / 60_000;

describe('MSEL times', () => {
  it('reads minutes after StartEx as MSELs write them', () => {
    expect(['T+45', 't + 45', 'T+1:30', '+45', '45', '45 min', '1:30', '01:30:00'].map((t) => readElapsed(text(t)))).toEqual([45, 45, 90, 45, 45, 45, 90, 90]);
    expect(readElapsed({ text: '0.5', number: 0.5 })).toBe(720);
    expect(readElapsed({ text: '00:45', date: new Date('1899-12-30T00:45:00Z') })).toBe(45);
    expect(readElapsed({ text: '2010-05-03', date: new Date('2010-05-03T00:00:00Z') })).toBeUndefined();
    expect(readElapsed(text('soon'))).toBeUndefined();
  });

  it('reads times of day: 24-hour digits with a zone letter, colons, AM/PM, spreadsheet times and numbers', () => {
    const read = (t: string) => readClock(text(t));
    expect(['0700', '0700L', '0800L ', '1615Z', '930', '600', '00900', '07:00', '7:05 PM', '12:00 am', '19.30', '0700 hrs'].map(read)).toEqual([
      420, 420, 480, 975, 570, 360, 540, 420, 1145, 0, 1170, 420,
    ]);
    expect([readClock({ text: '700', number: 700 }), readClock({ text: '0.75', number: 0.75 }), readClock({ text: '12:00', date: new Date('1899-12-30T12:00:00Z') })]).toEqual([420, 1080, 720]);
    expect(['2500', '07:75', '13:00 PM', 'noon', ''].map(read)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads story times, days and dates with and without a year', () => {
    expect([readStoryTime(text('Day 2 10:45')), readStoryTime(text('D3 0700')), readStoryTime(text('10:45'))]).toEqual([{ day: 2, minutes: 645 }, { day: 3, minutes: 420 }, undefined]);
    expect([readDay(text('Day 2'), 2019), readDay(text('3'), 2019), readDay({ text: '2', number: 2 }, 2019)]).toEqual([{ day: 2 }, { day: 3 }, { day: 2 }]);
    // PATS19: "4- Mar" and "4Mar" without a year, and a date typed as its serial number (43530 = 6 March 2019).
    expect([readDay(text('4- Mar'), 2019), readDay(text('7Mar'), 2019), readDay({ text: '43530', number: 43530 }, 2001)]).toEqual([
      { date: day('2019-03-04') },
      { date: day('2019-03-07') },
      { date: day('2019-03-06') },
    ]);
    expect([readDateText('2019-03-04', 2000), readDateText('3/4/2019', 2000), readDateText('Mar 4, 2019', 2000), readDateText('4 March 19', 2000)]).toEqual(Array(4).fill(day('2019-03-04')));
    expect([readDateText('31 Feb', 2019), readDateText('13/01/2019', 2019)]).toEqual([undefined, undefined]);
  });

  it('reads date-time groups: spreadsheet date-times, ISO and US text, military DTG', () => {
    expect(readDateTime({ text: '', date: new Date('2010-05-03T07:01:00Z') })).toBe(minutes('2010-05-03T07:01:00Z'));
    expect(['2010-05-03 09:06', '2010-05-03T09:06', '5/3/2010 9:06 AM', '031506ZMAY10', '03 1506Z MAY 2010'].map((t) => readDateTime(text(t)))).toEqual([
      minutes('2010-05-03T09:06:00Z'),
      minutes('2010-05-03T09:06:00Z'),
      minutes('2010-05-03T09:06:00Z'),
      minutes('2010-05-03T15:06:00Z'),
      minutes('2010-05-03T15:06:00Z'),
    ]);
    expect(readDateTime(text('0700'))).toBeUndefined();
  });
});
