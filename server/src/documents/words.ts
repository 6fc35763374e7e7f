import type { ChartLanguage, ExerciseSettings, Rating, ScenarioDocument } from '@startex/shared';
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

const en: DocumentWords = {
  locale: 'en-GB',
  page: { before: 'Page ', between: ' of ' },
  contents: 'Contents',
  zone: (timeZone) => `(${timeZone})`,
  storyTime: (day, time) => `Day ${day} ${time}`,
  agencyType: {
    regulator: 'Regulator',
    police: 'Police',
    customs: 'Customs',
    'border-guard': 'Border guard',
    'fire-rescue': 'Fire and rescue',
    health: 'Health',
    'crisis-centre': 'Crisis centre',
    'security-service': 'State security service',
    'facility-operator': 'Facility operator',
    nssc: 'Nuclear security support centre',
    other: 'Other agency',
  },
  channel: {
    email: 'E-mail',
    phone: 'Phone',
    radio: 'Radio',
    fax: 'Fax',
    news: 'News',
    social: 'Social media',
    sensor: 'Sensor or alarm',
    document: 'Document',
    'face-to-face': 'Face to face',
  },
  exerciseType: {
    seminar: 'Seminar',
    workshop: 'Workshop',
    tabletop: 'Tabletop exercise (TTX)',
    game: 'Game',
    drill: 'Drill',
    functional: 'Functional exercise',
    'full-scale': 'Full-scale exercise',
    field: 'Field exercise',
  },
  securityFunction: { prevention: 'prevention', detection: 'detection', response: 'response' },
  rating: {
    P: 'P: performed without challenges',
    S: 'S: performed with some challenges',
    M: 'M: performed with major challenges',
    U: 'U: unable to be performed',
  },
  unit: { minutes: 'minutes', seconds: 'seconds' },
  notRated: 'not rated',
  language: { en: 'English', lt: 'Lithuanian' },
  anotherTeam: 'another team',
  yes: 'yes',
  no: 'no',
};

// The interface's own Lithuanian words (client/src/*/strings.ts) where it has them: one vocabulary on screen and on paper.
const lt: DocumentWords = {
  locale: 'lt-LT',
  page: { before: 'Puslapis ', between: ' iš ' },
  contents: 'Turinys',
  zone: (timeZone) => `(laiko juosta ${timeZone})`,
  storyTime: (day, time) => `Diena ${day} ${time}`,
  agencyType: {
    regulator: 'Reguliuotojas',
    police: 'Policija',
    customs: 'Muitinė',
    'border-guard': 'Pasieniečiai',
    'fire-rescue': 'Priešgaisrinė gelbėjimo tarnyba',
    health: 'Sveikatos priežiūra',
    'crisis-centre': 'Krizių valdymo centras',
    'security-service': 'Valstybės saugumo tarnyba',
    'facility-operator': 'Objekto operatorius',
    nssc: 'Branduolinio saugumo paramos centras',
    other: 'Kita institucija',
  },
  channel: {
    email: 'El. paštas',
    phone: 'Telefonas',
    radio: 'Radijas',
    fax: 'Faksas',
    news: 'Naujienos',
    social: 'Socialiniai tinklai',
    sensor: 'Jutiklis ar signalizacija',
    document: 'Dokumentas',
    'face-to-face': 'Akis į akį',
  },
  exerciseType: {
    seminar: 'Seminaras',
    workshop: 'Praktinis seminaras',
    tabletop: 'Stalo pratybos (TTX)',
    game: 'Žaidimas',
    drill: 'Treniruotė',
    functional: 'Funkcinės pratybos',
    'full-scale': 'Visos apimties pratybos',
    field: 'Lauko pratybos',
  },
  securityFunction: { prevention: 'prevencija', detection: 'aptikimas', response: 'reagavimas' },
  rating: {
    P: 'P: atlikta be sunkumų',
    S: 'S: atlikta su tam tikrais sunkumais',
    M: 'M: atlikta su dideliais sunkumais',
    U: 'U: atlikti nepavyko',
  },
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
