import type { Cell } from './readSpreadsheet.ts';

/**
 * Times as MSELs write them, read into numbers: minutes after StartEx, a time of day, a day, a
 * date-time. Each reader returns undefined for what it cannot read; the caller says so per row.
 * Dates are calendar days counted in UTC (a spreadsheet's dates have no time zone).
 */

const DAY_MS = 86_400_000;
/** Excel's day 0 (its serial 1 is 1900-01-01, counting the 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Minutes after StartEx: "T+45", "T+1:30", "+45", "45", "1:30", "01:30:00", a spreadsheet time, a number. */
export function readElapsed(cell: Cell): number | undefined {
  // A duration the spreadsheet typed is a time on its first days (30 December 1899 on); a calendar date is none.
  if (cell.date) return cell.date.getTime() < Date.UTC(1900, 1, 1) ? Math.round((cell.date.getTime() - EXCEL_EPOCH_MS) / 60_000) : undefined;
  if (cell.number !== undefined) return cell.number > 0 && cell.number < 1 ? Math.round(cell.number * 1440) : cell.number;
  const text = cell.text.trim().replace(/^[TH]\s*\+\s*/i, '').replace(/^\+\s*/, '');
  const minutes = /^(\d+(?:\.\d+)?)\s*(?:min|mins|minutes|m)?$/i.exec(text);
  if (minutes) return Number(minutes[1]);
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]) + (clock[3] ? Number(clock[3]) / 60 : 0);
  return undefined;
}

/** A time of day in minutes after midnight: "0700", "0700L", "930", "07:00", "7:00 PM", "19.00", a spreadsheet time, 1615. */
export function readClock(cell: Cell): number | undefined {
  if (cell.date) return minutesOfDay(cell.date);
  if (cell.number !== undefined) {
    if (cell.number >= 0 && cell.number < 1) return Math.round(cell.number * 1440);
    return Number.isInteger(cell.number) ? hhmm(String(cell.number)) : undefined;
  }
  return clockText(cell.text.trim());
}

function clockText(text: string): number | undefined {
  const colon = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*[a-z]{1,3})?$/i.exec(text);
  if (colon) return twelveHour(Number(colon[1]), Number(colon[2]), colon[3]);
  // "0700", "0700L", "0800L ", "1615Z", "0700 hrs", "00900" (a zero too many).
  const digits = /^(\d{3,5})\s*(?:[a-z]|hrs?|hours)?$/i.exec(text);
  if (digits) return hhmm(digits[1]!.replace(/^0+(?=\d{4})/, ''));
  const bare = /^(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)$/i.exec(text);
  if (bare) return twelveHour(Number(bare[1]), 0, bare[2]);
  return undefined;
}

function twelveHour(hours: number, minutes: number, half: string | undefined): number | undefined {
  if (minutes > 59) return undefined;
  if (half) {
    if (hours < 1 || hours > 12) return undefined;
    const pm = half.toLowerCase().startsWith('p');
    return ((hours % 12) + (pm ? 12 : 0)) * 60 + minutes;
  }
  return hours > 23 ? undefined : hours * 60 + minutes;
}

function hhmm(digits: string): number | undefined {
  if (digits.length < 3 || digits.length > 4) return undefined;
  const hours = Number(digits.slice(0, -2));
  const minutes = Number(digits.slice(-2));
  return hours > 23 || minutes > 59 ? undefined : hours * 60 + minutes;
}

/** A story time in one cell: "Day 2 10:45", "D2 10:45", "Day 2, 1045". */
export function readStoryTime(cell: Cell): { day: number; minutes: number } | undefined {
  const match = /^(?:day|d)\s*(\d{1,2})[\s,/-]+(.+)$/i.exec(cell.text.trim());
  if (!match) return undefined;
  const minutes = clockText(match[2]!.trim());
  return minutes === undefined ? undefined : { day: Number(match[1]), minutes };
}

/** A day: a day number ("Day 2", "D2", 2) or a calendar date as days since 1970 (`date`). */
export type DayValue = { day: number } | { date: number };

export function readDay(cell: Cell, yearHint: number): DayValue | undefined {
  if (cell.date) return { date: calendarDay(cell.date) };
  if (cell.number !== undefined) {
    if (Number.isInteger(cell.number) && cell.number >= 1 && cell.number <= 99) return { day: cell.number };
    // A date the spreadsheet did not format as one: its serial number.
    if (cell.number > 20_000 && cell.number < 80_000) return { date: Math.floor(cell.number) - 25_569 };
    return undefined;
  }
  const text = cell.text.trim();
  const dayNumber = /^(?:day|d)\s*(\d{1,2})$/i.exec(text) ?? /^(\d{1,2})$/.exec(text);
  if (dayNumber) return { day: Number(dayNumber[1]) };
  const date = readDateText(text, yearHint);
  return date === undefined ? undefined : { date };
}

/** Days since 1970 of a date written out: "2019-03-04", "3/4/2019" (month first, as HSEEP MSELs write), "4-Mar", "4 March 2019", "Mar 4". */
export function readDateText(text: string, yearHint: number): number | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return day(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})/.exec(text);
  if (slash) return day(fullYear(Number(slash[3])), Number(slash[1]), Number(slash[2]));
  const dayMonth = /^(\d{1,2})\s*[-\s.]?\s*([a-z]{3,9})\.?(?:[\s,-]+(\d{2,4}))?$/i.exec(text);
  if (dayMonth) return dayOfMonthName(dayMonth[2]!, Number(dayMonth[1]), dayMonth[3], yearHint);
  const monthDay = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:[\s,]+(\d{2,4}))?$/i.exec(text);
  if (monthDay) return dayOfMonthName(monthDay[1]!, Number(monthDay[2]), monthDay[3], yearHint);
  return undefined;
}

function dayOfMonthName(name: string, dayOfMonth: number, year: string | undefined, yearHint: number): number | undefined {
  const month = MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  return day(year === undefined ? yearHint : fullYear(Number(year)), month, dayOfMonth);
}

const fullYear = (year: number) => (year < 100 ? 2000 + year : year);

function day(year: number, month: number, dayOfMonth: number): number | undefined {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const ms = Date.UTC(year, month - 1, dayOfMonth);
  // 31 February rolls over into March: not a date.
  return new Date(ms).getUTCDate() === dayOfMonth ? ms / DAY_MS : undefined;
}

/** A date-time as minutes since 1970: a spreadsheet date-time, "2010-05-03 09:06", "5/3/2010 9:06 AM", "031506ZMAY10" (a military DTG). */
export function readDateTime(cell: Cell): number | undefined {
  if (cell.date) return Math.round(cell.date.getTime() / 60_000);
  if (cell.number !== undefined) return cell.number > 20_000 && cell.number < 80_000 ? Math.round((cell.number - 25_569) * 1440) : undefined;
  const text = cell.text.trim();
  const military = /^(\d{2})\s*(\d{2})(\d{2})\s*([a-z])?\s*([a-z]{3})\s*(\d{2,4})$/i.exec(text);
  if (military) {
    const date = dayOfMonthName(military[5]!, Number(military[1]), military[6], 2000);
    const minutes = twelveHour(Number(military[2]), Number(military[3]), undefined);
    return date === undefined || minutes === undefined ? undefined : date * 1440 + minutes;
  }
  const split = /^(.+?)(?:\s+|T)(\d{1,2}[:.]?\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*[a-z]?)$/i.exec(text);
  if (!split) return undefined;
  const date = readDateText(split[1]!.replace(/,$/, ''), 2000);
  const minutes = clockText(split[2]!);
  return date === undefined || minutes === undefined ? undefined : date * 1440 + minutes;
}

export const calendarDay = (date: Date) => Math.floor(date.getTime() / DAY_MS);
const minutesOfDay = (date: Date) => date.getUTCHours() * 60 + date.getUTCMinutes() + Math.round(date.getUTCSeconds() / 60);

/** "2010-05-03T09:06" for minutes since 1970. */
export const dateTimeText = (minutes: number) => new Date(minutes * 60_000).toISOString().slice(0, 16);
