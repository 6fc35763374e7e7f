import type { ErrorCode, MselField, MselProblem, MselTime } from '@startex/shared';
import type { Cell } from './readSpreadsheet.ts';
import { dateTimeText, readClock, readDateTime, readDay, readElapsed, readStoryTime } from './readTimes.ts';

/**
 * When each imported row goes out. A row's time is read as the mapping says (minutes after StartEx,
 * story day and time, date-time group, or its place in the list); then StartEx is found (as given,
 * the STARTEX row's, else the earliest row's, outliers aside) and every row gets its minute.
 */

export type RowTime =
  | { kind: 'elapsed'; minutes: number }
  /** A time of day on a day: its number, or its calendar date (days since 1970). */
  | { kind: 'story'; day?: number; date?: number; clock: number }
  /** Minutes since 1970. */
  | { kind: 'dtg'; at: number }
  | { kind: 'sequence' };

interface TimedSource {
  sheet: string;
  sheetIndex: number;
  row: number;
  cells: Partial<Record<MselField, Cell>>;
}

/** Play lasts at most 14 days; an hour of it is left for EndEx. */
export const MAX_MINUTES = 14 * 1440 - 60;
/** A row more than this before the others is an outlier (a typo in its year), not where StartEx is. */
const OUTLIER_MINUTES = 7 * 1440;

export function readRowTime(source: TimedSource, time: MselTime, yearHint: number, problems: MselProblem[]): { time?: RowTime } {
  const problem = (code: ErrorCode, field: MselField, message: string) => {
    problems.push({ severity: 'error', code, message, sheet: source.sheet, row: source.row, field });
    return {};
  };
  if (time.kind === 'sequence') return { time: { kind: 'sequence' } };
  const cell = source.cells.time;
  if (!cell) return problem('MSEL_TIME_MISSING', 'time', 'No time: the row cannot be placed on the timeline.');
  const unreadable = (how: string) => problem('MSEL_TIME_UNREADABLE', 'time', `"${cell.text.slice(0, 40)}" cannot be read as ${how}.`);
  switch (time.kind) {
    case 'elapsed': {
      const minutes = readElapsed(cell);
      return minutes === undefined ? unreadable('minutes after StartEx ("T+45", "45" or "1:30")') : { time: { kind: 'elapsed', minutes } };
    }
    case 'story': {
      const story = readStoryTime(cell);
      if (story) return { time: { kind: 'story', day: story.day, clock: story.minutes } };
      const clock = readClock(cell);
      if (clock === undefined) return unreadable('a time of day ("0700", "07:00", "7:00 PM") or a story time ("Day 2 10:45")');
      if (time.days === 'sheet') return { time: { kind: 'story', day: source.sheetIndex + 1, clock } };
      const dayCell = time.days === 'column' ? source.cells.day : undefined;
      if (dayCell) {
        const day = readDay(dayCell, yearHint);
        if (!day) return problem('MSEL_TIME_UNREADABLE', 'day', `"${dayCell.text.slice(0, 40)}" cannot be read as a day ("Day 2", "2") or a date ("2019-03-04", "4-Mar").`);
        return { time: { kind: 'story', ...day, clock } };
      }
      // A spreadsheet date-time in the time column carries its own day.
      if (cell.date && cell.date.getUTCFullYear() > 1900) return { time: { kind: 'story', date: Math.floor(cell.date.getTime() / 86_400_000), clock } };
      return { time: { kind: 'story', day: 1, clock } };
    }
    case 'dtg': {
      const at = readDateTime(cell);
      if (at !== undefined) return { time: { kind: 'dtg', at } };
      // A time of day beside a date column is a date-time too.
      const clock = readClock(cell);
      const day = source.cells.day ? readDay(source.cells.day, yearHint) : undefined;
      if (clock !== undefined && day && 'date' in day) return { time: { kind: 'dtg', at: day.date * 1440 + clock } };
      return unreadable('a date and time ("2010-05-03 09:06", "031506ZMAY10")');
    }
    default: {
      const exhaustive: never = time;
      return exhaustive;
    }
  }
}

export type Placement = { minutes: number; at: string } | { problem: { code: ErrorCode; message: string } };

export interface PlacedTimes {
  /** Per row (undefined where it had no time). */
  rows: (Placement | undefined)[];
  /** StartEx as a person reads it. */
  startex: string;
  scenarioStart?: string;
  /** The minute of another time on the same clock (an ENDEX row's). */
  minutesOf(time: RowTime): number | undefined;
}

export function placeTimes(times: readonly (RowTime | undefined)[], time: MselTime, startexRow: RowTime | undefined): PlacedTimes {
  const clock = absoluteClock(times, time, startexRow);
  const rows = times.map((t, index) => {
    if (!t) return undefined;
    const absolute = clock.absolute(t, index);
    const minutes = absolute - clock.startex;
    if (minutes < 0) return { problem: { code: 'MSEL_TIME_BEFORE_STARTEX' as const, message: `${clock.text(absolute)} is before StartEx (${clock.text(clock.startex)}).` } };
    if (minutes > MAX_MINUTES) return { problem: { code: 'MSEL_TIME_TOO_LATE' as const, message: `${clock.text(absolute)} is more than 14 days after StartEx (${clock.text(clock.startex)}).` } };
    return { minutes, at: clock.at(absolute, minutes) };
  });
  return {
    rows,
    startex: clock.text(clock.startex),
    ...(clock.scenarioStart !== undefined ? { scenarioStart: clock.scenarioStart } : {}),
    minutesOf: (t) => (t.kind === 'sequence' ? undefined : clock.absolute(t, 0) - clock.startex),
  };
}

interface AbsoluteClock {
  /** A row's time on one scale (minutes), and StartEx on it. */
  absolute(time: RowTime, index: number): number;
  startex: number;
  /** How a time on the scale reads, and how a row's `at` is written. */
  text(absolute: number): string;
  at(absolute: number, minutes: number): string;
  scenarioStart?: string;
}

const elapsedText = (minutes: number) => `T+${Math.round(minutes)}`;

function absoluteClock(times: readonly (RowTime | undefined)[], time: MselTime, startexRow: RowTime | undefined): AbsoluteClock {
  switch (time.kind) {
    case 'elapsed':
      return { absolute: (t) => (t.kind === 'elapsed' ? Math.round(t.minutes) : 0), startex: 0, text: elapsedText, at: (_a, minutes) => elapsedText(minutes) };
    case 'sequence':
      return { absolute: (_t, index) => index * time.minutesApart, startex: 0, text: elapsedText, at: (_a, minutes) => elapsedText(minutes) };
    case 'story': {
      // Dates count as days from the first one (outliers aside); day numbers are as written.
      const firstDate = earliest(times.flatMap((t) => (t?.kind === 'story' && t.date !== undefined ? [t.date] : [])), OUTLIER_MINUTES / 1440);
      const absolute = (t: RowTime) => (t.kind === 'story' ? ((t.date !== undefined ? t.date - (firstDate ?? t.date) + 1 : (t.day ?? 1)) - 1) * 1440 + t.clock : 0);
      const all = times.flatMap((t) => (t ? [absolute(t)] : []));
      const first = earliest(all, OUTLIER_MINUTES) ?? 0;
      const given = time.startex === undefined ? undefined : Math.floor(first / 1440) * 1440 + Number(time.startex.slice(0, 2)) * 60 + Number(time.startex.slice(3));
      const startex = given ?? (startexRow ? absolute(startexRow) : first);
      return { absolute, startex, text: storyText, at: (a) => storyText(a), scenarioStart: storyText(startex) };
    }
    case 'dtg': {
      const absolute = (t: RowTime) => (t.kind === 'dtg' ? t.at : 0);
      const given = time.startex === undefined ? undefined : Date.parse(`${time.startex}:00Z`) / 60_000;
      const startex = given ?? (startexRow ? absolute(startexRow) : (earliest(times.flatMap((t) => (t ? [absolute(t)] : [])), OUTLIER_MINUTES) ?? 0));
      const startDay = Math.floor(startex / 1440);
      return {
        absolute,
        startex,
        text: (a) => dateTimeText(a).replace('T', ' '),
        at: (a) => storyText((Math.floor(a / 1440) - startDay) * 1440 + (a % 1440)),
        scenarioStart: storyText(startex % 1440),
      };
    }
    default: {
      const exhaustive: never = time;
      return exhaustive;
    }
  }
}

/**
 * The earliest value, leaving out the few first ones far (more than `outlier`) before the rest: a
 * year typed wrong on one row does not move StartEx a year.
 */
function earliest(values: readonly number[], outlier: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  let start = 0;
  for (let i = 0; i < sorted.length - 1 && i < sorted.length / 10; i++) if (sorted[i + 1]! - sorted[i]! > outlier) start = i + 1;
  return sorted[start];
}

/** "Day 2 10:45" for minutes since Day 1 00:00. */
function storyText(minutes: number): string {
  const whole = Math.round(minutes);
  const day = Math.floor(whole / 1440) + 1;
  const two = (n: number) => String(n).padStart(2, '0');
  return `Day ${day} ${two(Math.floor((((whole % 1440) + 1440) % 1440) / 60))}:${two(((whole % 60) + 60) % 60)}`;
}
