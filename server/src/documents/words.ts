import {
  AGENCY_TYPE_WORDS,
  EXERCISE_TYPE_WORDS,
  INJECT_CHANNEL_WORDS,
  RATING_WITH_LETTER_WORDS,
  SECURITY_FUNCTION_WORDS,
  midSentence,
  type ChartLanguage,
  type ExerciseSettings,
  type Rating,
  type ScenarioDocument,
} from '@startex/shared';
import type { TimeUnit } from '../review/chartWords.ts';

type AgencyType = ScenarioDocument['teams'][number]['agency'];
type Channel = ScenarioDocument['injects'][number]['channel'];
type ExerciseType = ScenarioDocument['exerciseType'];
type SecurityFunction = ScenarioDocument['functions'][number];

/** The languages a document is printed in: the review charts' (a download asks in its viewer's interface language). */
export type DocumentLanguage = ChartLanguage;

/** A document's language: the one asked for, else the exercise's own. */
export const documentLanguage = (asked: DocumentLanguage | undefined, settings: Pick<ExerciseSettings, 'language'>): DocumentLanguage => asked ?? settings.language;

/** Every word a document prints besides what people wrote (scenario titles, report text, names). */
export interface DocumentWords {
  /** Numbers are written the language's way (a decimal comma in Lithuanian). */
  locale: string;
  /** "Page 3 of 12": the words before the page number and between it and the count (Word fills the numbers in). */
  page: { before: string; between: string };
  contents: string;
  /** After a time: the zone it is read in, named. */
  zone: (timeZone: string) => string;
  /** Scenario (story) time: "Day 1 02:30". */
  storyTime: (day: number, time: string) => string;
  agencyType: Record<AgencyType, string>;
  channel: Record<Channel, string>;
  exerciseType: Record<ExerciseType, string>;
  securityFunction: Record<SecurityFunction, string>;
  rating: Record<Rating, string>;
  unit: Record<TimeUnit, string>;
  notRated: string;
  language: Record<DocumentLanguage, string>;
  anotherTeam: string;
  yes: string;
  no: string;
}

// The vocabularies' words come from @startex/shared, as the interface's do: one vocabulary on screen and on paper.
const en: DocumentWords = {
  locale: 'en-GB',
  page: { before: 'Page ', between: ' of ' },
  contents: 'Contents',
  zone: (timeZone) => `(${timeZone})`,
  storyTime: (day, time) => `Day ${day} ${time}`,
  agencyType: AGENCY_TYPE_WORDS.en,
  channel: INJECT_CHANNEL_WORDS.en,
  exerciseType: EXERCISE_TYPE_WORDS.en,
  securityFunction: midSentence(SECURITY_FUNCTION_WORDS.en),
  rating: RATING_WITH_LETTER_WORDS.en,
  unit: { minutes: 'minutes', seconds: 'seconds' },
  notRated: 'not rated',
  language: { en: 'English', lt: 'Lithuanian' },
  anotherTeam: 'another team',
  yes: 'yes',
  no: 'no',
};

const lt: DocumentWords = {
  locale: 'lt-LT',
  page: { before: 'Puslapis ', between: ' iš ' },
  contents: 'Turinys',
  zone: (timeZone) => `(laiko juosta ${timeZone})`,
  storyTime: (day, time) => `Diena ${day} ${time}`,
  agencyType: AGENCY_TYPE_WORDS.lt,
  channel: INJECT_CHANNEL_WORDS.lt,
  exerciseType: EXERCISE_TYPE_WORDS.lt,
  securityFunction: midSentence(SECURITY_FUNCTION_WORDS.lt),
  rating: RATING_WITH_LETTER_WORDS.lt,
  unit: { minutes: 'min', seconds: 's' },
  notRated: 'neįvertinta',
  language: { en: 'anglų', lt: 'lietuvių' },
  anotherTeam: 'kita komanda',
  yes: 'taip',
  no: 'ne',
};

export const DOCUMENT_WORDS: Record<DocumentLanguage, DocumentWords> = { en, lt };

export const teamName = (scenario: ScenarioDocument, teamId: string, language: DocumentLanguage = 'en') =>
  scenario.teams.find((t) => t.id === teamId)?.name ?? DOCUMENT_WORDS[language].anotherTeam;

export const ratingText = (rating: Rating | undefined, language: DocumentLanguage) => (rating ? DOCUMENT_WORDS[language].rating[rating] : DOCUMENT_WORDS[language].notRated);

/** "Page 3 of 12" in the language. */
export function pageOf(page: number, of: number, language: DocumentLanguage): string {
  const { before, between } = DOCUMENT_WORDS[language].page;
  return `${before}${page}${between}${of}`;
}

/** A figure the language's way: "2.5" or "2,5". */
export const formatNumber = (value: number, language: DocumentLanguage) => new Intl.NumberFormat(DOCUMENT_WORDS[language].locale, { maximumFractionDigits: 2 }).format(value);

/** "Day 1 02:30" (story minutes since Day 1 00:00) in the language's words. */
export function storyTime(minutes: number, language: DocumentLanguage): string {
  const day = Math.floor(minutes / 1440) + 1;
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(Math.floor(minutes % 60)).padStart(2, '0');
  return DOCUMENT_WORDS[language].storyTime(day, `${hh}:${mm}`);
}

// Both languages write dates as ISO 8601 (YYYY-MM-DD, the Lithuanian standard too) and a 24-hour clock.
function parts(ms: number, timeZone: string) {
  const found = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(ms);
  const get = (type: string) => found.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** "2026-11-27 09:00 (Europe/Vilnius)": a moment as people there read it, the zone named in the document's language. */
export function localTime(ms: number, timeZone: string, language: DocumentLanguage = 'en'): string {
  const { day, time } = parts(ms, timeZone);
  return `${day} ${time} ${DOCUMENT_WORDS[language].zone(timeZone)}`;
}

/** "2026-11-27 09:00", the zone named elsewhere (a column header). */
export function localClock(ms: number, timeZone: string): string {
  const { day, time } = parts(ms, timeZone);
  return `${day} ${time}`;
}

/** The calendar day in the zone, YYYY-MM-DD. */
export const localDay = (ms: number, timeZone: string) => parts(ms, timeZone).day;

/** "2026-11-27 09:00 – 11:45 (Europe/Vilnius)", the day repeated only when it changes. */
export function localRange(from: number, to: number, timeZone: string, language: DocumentLanguage = 'en'): string {
  const start = parts(from, timeZone);
  const end = parts(to, timeZone);
  return `${start.day} ${start.time} – ${start.day === end.day ? '' : `${end.day} `}${end.time} ${DOCUMENT_WORDS[language].zone(timeZone)}`;
}
