import type { Config } from 'vega-lite';
import {
  ACTIVITY_KIND_WORDS,
  ACTIVITY_STATUS_WORDS,
  EVIDENCE_KIND_WORDS,
  NEED_PRIORITY_WORDS,
  NEED_STATUS_WORDS,
  PROGRAMME_FUNCTION_WORDS,
  midSentence,
  type ActivityKind,
  type ActivityStatus,
  type ActivityWhen,
  type ChartLanguage,
  type EvidenceKind,
  type NEED_IMPORT_COLUMNS,
  type NeedPriority,
  type NeedStatus,
  type PlanCheckCode,
  type ProgrammeFunction,
} from '@startex/shared';

/** A need as one line of the plan: names already resolved, levels as numbers. */
export interface NeedFacts {
  agency: string;
  subject: string;
  targetGroup: string;
  headcount: number;
  requiredLevel: number;
  currentLevel: number | undefined;
  priority: NeedPriority;
}

/** What a plan check names, as words: each activity already as "title (when)". */
export interface CheckFacts {
  agency: string;
  capability: string;
  need: string;
  activities: string[];
}

type NeedColumn = (typeof NEED_IMPORT_COLUMNS)[number];

/**
 * Every word the programme's charts and documents print besides what people wrote (plan, priority,
 * activity, agency and capability names): the charts, the plan as PDF and Word, the workbook and
 * the calendar, in the interface's languages. The Lithuanian is the programme page's
 * (client/src/programme/strings.ts), so a page and its document say the same.
 */
export interface ProgrammeWords {
  /** Months and numbers on the charts' axes (vega's locale, d3 definitions). */
  chartLocale: NonNullable<Config['locale']>;
  kind: Record<ActivityKind, string>;
  activityStatus: Record<ActivityStatus, string>;
  needStatus: Record<NeedStatus, string>;
  priority: Record<NeedPriority, string>;
  quote: (text: string) => string;
  when: (when: ActivityWhen) => string;
  charts: {
    heatmapTitle: (agency: string) => string;
    /** A column of the heat map: the day an AAR/IP version was finalised, the exercise and the version. */
    ratedIn: (day: string, exercise: string, version: number) => string;
    rating: string;
    trainingTitle: (agency: string) => string;
    headcountNeeded: string;
    trained: string;
    people: string;
    coverageTitle: (plan: string | undefined) => string;
    openNeeds: string;
    withAnActivity: string;
    needs: string;
    ganttTitle: (plan: string, year: number, agency: string | undefined) => string;
    kind: string;
  };
  plan: {
    title: string;
    subtitle: (plan: string, fromYear: number, toYear: number) => string;
    asOf: (time: string) => string;
    priorities: string;
    noPriorities: string;
    needsBehind: string;
    noneNamed: string;
    need: (need: NeedFacts) => string;
    schedule: (year: number) => string;
    nothingPlanned: string;
    columns: { when: string; activity: string; kind: string; agencies: string; capabilities: string; lead: string; status: string };
    checks: string;
    noChecks: string;
    check: Record<PlanCheckCode, { label: string; text: (facts: CheckFacts) => string }>;
  };
  workbook: {
    needsSheet: string;
    activitiesSheet: string;
    /** The needs sheet's columns. English keeps the import's own names, so an exported sheet can be imported again. */
    needColumns: Record<NeedColumn | 'status' | 'gap', string>;
    /** The needs sheet's coded values: the import's codes in English, words in Lithuanian. */
    needValue: { function: (value: ProgrammeFunction) => string; priority: (value: NeedPriority) => string; evidence: (value: EvidenceKind) => string; intervention: (value: ActivityKind) => string };
    activityColumns: { plan: string; when: string; start: string; end: string; activity: string; kind: string; agencies: string; capabilities: string; needsServed: string; lead: string; status: string; exercise: string };
  };
  calendar: {
    /** RFC 5545 LANGUAGE of the product id. */
    language: string;
    product: string;
    datesNotFixed: (when: string) => string;
    agencies: string;
    capabilities: string;
    lead: string;
  };
  /** The documents' language: their contents heading and page numbers are the documents' own words (documents/words.ts). */
  documentLanguage: ChartLanguage;
}

const en: ProgrammeWords = {
  chartLocale: {
    number: { decimal: '.', thousands: ',', grouping: [3], currency: ['', ' €'] },
    time: {
      dateTime: '%Y-%m-%d %H:%M:%S',
      date: '%Y-%m-%d',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
      shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
      months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    },
  },
  kind: ACTIVITY_KIND_WORDS.en,
  activityStatus: midSentence(ACTIVITY_STATUS_WORDS.en),
  needStatus: midSentence(NEED_STATUS_WORDS.en),
  priority: midSentence(NEED_PRIORITY_WORDS.en),
  quote: (text) => `“${text}”`,
  when: (when) => {
    switch (when.kind) {
      case 'dates':
        return when.start === when.end ? when.start : `${when.start} to ${when.end}`;
      case 'quarter':
        return `Q${when.quarter} ${when.year}`;
      default: {
        const exhaustive: never = when;
        return exhaustive;
      }
    }
  },
  charts: {
    heatmapTitle: (agency) => `${agency}: capability ratings over time`,
    ratedIn: (day, exercise, version) => `${day} ${exercise} (v${version})`,
    rating: 'rating',
    trainingTitle: (agency) => `${agency}: trained people against the headcount needed`,
    headcountNeeded: 'headcount needed',
    trained: 'trained',
    people: 'people',
    coverageTitle: (plan) => `Coverage of the plan's priorities${plan ? `: ${plan}` : ''}`,
    openNeeds: 'open needs',
    withAnActivity: 'with an activity',
    needs: 'needs',
    ganttTitle: (plan, year, agency) => `${plan}: ${year}${agency ? `, ${agency}` : ''}`,
    kind: 'kind',
  },
  plan: {
    title: 'Integrated Preparedness Plan',
    subtitle: (plan, fromYear, toYear) => `${plan}, ${fromYear}-${toYear}`,
    asOf: (time) => `As of ${time}`,
    priorities: 'Priorities',
    noPriorities: 'No priorities yet.',
    needsBehind: 'Needs behind it',
    noneNamed: 'None named.',
    need: (n) =>
      `${n.agency}: ${n.subject}, ${n.targetGroup} (${n.headcount}); required level ${n.requiredLevel}, ${n.currentLevel === undefined ? 'current level unknown' : `current ${n.currentLevel}`}; ${en.priority[n.priority]} priority`,
    schedule: (year) => `Schedule ${year}`,
    nothingPlanned: 'Nothing planned this year.',
    columns: { when: 'When', activity: 'Activity', kind: 'Kind', agencies: 'Agencies', capabilities: 'Capabilities', lead: 'Lead', status: 'Status' },
    checks: 'Checks',
    noChecks: 'No warnings: no agency is booked twice, every full-scale exercise builds on lighter ones, and every high-priority need has something planned.',
    check: {
      AGENCY_DOUBLE_BOOKED: { label: 'Booked twice', text: (f) => `${f.agency} is booked for ${f.activities.join(' and ')} at the same time.` },
      PROGRESSION_SKIPPED: {
        label: 'Progression skipped',
        text: (f) => `${f.activities.join(', ')} is a full-scale exercise on ${f.capability}, but no lighter activity (course to functional exercise) comes before it for ${f.agency}.`,
      },
      HIGH_PRIORITY_UNPLANNED: { label: 'High priority, nothing planned', text: (f) => `The high-priority need of ${f.agency} for ${f.need} has nothing planned.` },
      DATE_IN_PAST: { label: 'Date passed', text: (f) => `${f.activities.join(', ')} has not been held, but its start date has passed: record it as done, move it or cancel it.` },
    },
  },
  workbook: {
    needsSheet: 'Needs',
    activitiesSheet: 'Activities',
    needColumns: {
      agency: 'agency',
      function: 'function',
      capability: 'capability',
      competence: 'competence',
      'target group': 'target group',
      headcount: 'headcount',
      'required level': 'required level',
      'current level': 'current level',
      priority: 'priority',
      evidence: 'evidence',
      'evidence note': 'evidence note',
      intervention: 'intervention',
      'review date': 'review date',
      status: 'status',
      gap: 'gap',
    },
    needValue: { function: (value) => value, priority: (value) => value, evidence: (value) => value, intervention: (value) => value },
    activityColumns: {
      plan: 'Plan',
      when: 'When',
      start: 'Start',
      end: 'End',
      activity: 'Activity',
      kind: 'Kind',
      agencies: 'Agencies',
      capabilities: 'Capabilities',
      needsServed: 'Needs served',
      lead: 'Lead',
      status: 'Status',
      exercise: 'Exercise',
    },
  },
  calendar: {
    language: 'EN',
    product: 'Preparedness programme',
    datesNotFixed: (when) => `Dates not fixed yet: ${when}.`,
    agencies: 'Agencies',
    capabilities: 'Capabilities',
    lead: 'Lead',
  },
  documentLanguage: 'en',
};

const LT_QUARTER = ['I', 'II', 'III', 'IV'];
const LT_FUNCTION = midSentence(PROGRAMME_FUNCTION_WORDS.lt);
const LT_EVIDENCE = midSentence(EVIDENCE_KIND_WORDS.lt);

const lt: ProgrammeWords = {
  chartLocale: {
    number: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0€'] },
    time: {
      dateTime: '%Y-%m-%d %H:%M:%S',
      date: '%Y-%m-%d',
      time: '%H:%M:%S',
      periods: ['', ''],
      days: ['sekmadienis', 'pirmadienis', 'antradienis', 'trečiadienis', 'ketvirtadienis', 'penktadienis', 'šeštadienis'],
      shortDays: ['sk', 'pr', 'an', 'tr', 'kt', 'pn', 'št'],
      months: ['sausis', 'vasaris', 'kovas', 'balandis', 'gegužė', 'birželis', 'liepa', 'rugpjūtis', 'rugsėjis', 'spalis', 'lapkritis', 'gruodis'],
      // The abbreviations of Lithuanian calendars (CLDR's): "saus.", "vas.", ...
      shortMonths: ['saus.', 'vas.', 'kov.', 'bal.', 'geg.', 'birž.', 'liep.', 'rugp.', 'rugs.', 'spal.', 'lapkr.', 'gruod.'],
    },
  },
  kind: ACTIVITY_KIND_WORDS.lt,
  activityStatus: midSentence(ACTIVITY_STATUS_WORDS.lt),
  needStatus: midSentence(NEED_STATUS_WORDS.lt),
  priority: midSentence(NEED_PRIORITY_WORDS.lt),
  quote: (text) => `„${text}“`,
  when: (when) => {
    switch (when.kind) {
      case 'dates':
        return when.start === when.end ? when.start : `${when.start}–${when.end}`;
      case 'quarter':
        return `${when.year} m. ${LT_QUARTER[when.quarter - 1]} ketv.`;
      default: {
        const exhaustive: never = when;
        return exhaustive;
      }
    }
  },
  charts: {
    heatmapTitle: (agency) => `${agency}: gebėjimų įvertinimai laike`,
    ratedIn: (day, exercise, version) => `${day} ${exercise} (${version} versija)`,
    rating: 'įvertinimas',
    trainingTitle: (agency) => `${agency}: apmokyti žmonės palyginti su reikiamu skaičiumi`,
    headcountNeeded: 'reikia apmokyti',
    trained: 'apmokyta',
    people: 'žmonės',
    coverageTitle: (plan) => `Kaip planas apima prioritetus${plan ? `: ${plan}` : ''}`,
    openNeeds: 'atviri poreikiai',
    withAnActivity: 'su suplanuota veikla',
    needs: 'poreikiai',
    ganttTitle: (plan, year, agency) => `${plan}: ${year} m.${agency ? `, ${agency}` : ''}`,
    kind: 'rūšis',
  },
  plan: {
    title: 'Integruotas pasirengimo planas',
    subtitle: (plan, fromYear, toYear) => `${plan}, ${fromYear}–${toYear} m.`,
    asOf: (time) => `Parengta ${time}`,
    priorities: 'Prioritetai',
    noPriorities: 'Prioritetų dar nėra.',
    needsBehind: 'Pagrindžiantys poreikiai',
    noneNamed: 'Nenurodyta.',
    need: (n) =>
      `${n.agency}: ${n.subject}, ${n.targetGroup} (${n.headcount}); reikalingas lygis ${n.requiredLevel}, ${n.currentLevel === undefined ? 'dabartinis lygis nežinomas' : `dabartinis ${n.currentLevel}`}; ${lt.priority[n.priority]} prioritetas`,
    schedule: (year) => `${year} m. tvarkaraštis`,
    nothingPlanned: 'Šiems metams nieko nesuplanuota.',
    columns: { when: 'Kada', activity: 'Veikla', kind: 'Rūšis', agencies: 'Institucijos', capabilities: 'Gebėjimai', lead: 'Atsakingas', status: 'Būsena' },
    checks: 'Patikros',
    noChecks: 'Įspėjimų nėra: jokia institucija neužimta dukart, visos apimties pratybos remiasi lengvesnėmis, kiekvienam aukšto prioriteto poreikiui kas nors suplanuota.',
    check: {
      AGENCY_DOUBLE_BOOKED: { label: 'Užimta dukart', text: (f) => `${f.agency}: tuo pačiu metu numatyta ${f.activities.join(' ir ')}.` },
      PROGRESSION_SKIPPED: {
        label: 'Praleista pakopa',
        text: (f) => `${f.activities.join(', ')} – visos apimties pratybos, lavinančios gebėjimą „${f.capability}“, tačiau prieš jas ${f.agency} neturi jokios lengvesnės veiklos (nuo kursų iki funkcinių pratybų).`,
      },
      HIGH_PRIORITY_UNPLANNED: { label: 'Aukštas prioritetas, nieko nesuplanuota', text: (f) => `${f.agency}: aukšto prioriteto poreikiui „${f.need}“ nieko nesuplanuota.` },
      DATE_IN_PAST: { label: 'Data praėjo', text: (f) => `Veikla ${f.activities.join(', ')} dar neįvykdyta, nors pradžios data praėjo: pažymėkite ją kaip įvykdytą, perkelkite arba atšaukite.` },
    },
  },
  workbook: {
    needsSheet: 'Poreikiai',
    activitiesSheet: 'Veiklos',
    needColumns: {
      agency: 'Institucija',
      function: 'Funkcija',
      capability: 'Gebėjimas',
      competence: 'Kompetencija',
      'target group': 'Tikslinė grupė',
      headcount: 'Žmonių skaičius',
      'required level': 'Reikalingas lygis',
      'current level': 'Dabartinis lygis',
      priority: 'Prioritetas',
      evidence: 'Pagrindimas',
      'evidence note': 'Pagrindimo šaltinis',
      intervention: 'Siūloma priemonė',
      'review date': 'Peržiūros data',
      status: 'Būsena',
      gap: 'Atotrūkis',
    },
    needValue: { function: (value) => LT_FUNCTION[value], priority: (value) => lt.priority[value], evidence: (value) => LT_EVIDENCE[value], intervention: (value) => lt.kind[value] },
    activityColumns: {
      plan: 'Planas',
      when: 'Kada',
      start: 'Pradžia',
      end: 'Pabaiga',
      activity: 'Veikla',
      kind: 'Rūšis',
      agencies: 'Institucijos',
      capabilities: 'Gebėjimai',
      needsServed: 'Tenkinami poreikiai',
      lead: 'Atsakingas',
      status: 'Būsena',
      exercise: 'Pratybos',
    },
  },
  calendar: {
    language: 'LT',
    product: 'Pasirengimo programa',
    datesNotFixed: (when) => `Datos dar nenustatytos: ${when}`,
    agencies: 'Institucijos',
    capabilities: 'Gebėjimai',
    lead: 'Atsakingas',
  },
  documentLanguage: 'lt',
};

export const PROGRAMME_WORDS: Record<ChartLanguage, ProgrammeWords> = { en, lt };
