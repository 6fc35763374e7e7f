import { CAPABILITY_ELEMENT_WORDS, IMPROVEMENT_STATUS_WORDS, type CapabilityElement, type ImprovementStatus, type InjectReview, type MetricStatus, type ReviewChartName } from '@startex/shared';
import type { DocumentLanguage } from '../../documents/words.ts';

/** The improvement plan's columns, in the order the documents and spreadsheets print them. */
export type PlanColumn = 'capability' | 'issue' | 'recommendation' | 'correctiveAction' | 'element' | 'responsibleAgency' | 'pointOfContact' | 'start' | 'due' | 'status';

/**
 * Every word of the AAR/IP (PDF and DOCX), its spreadsheets and the draft it starts from, besides
 * what people wrote and the scenario's names. The shared words (ratings, agency types, times) are
 * in documents/words.ts.
 */
export interface ReportWords {
  title: string;
  /** The running header: "After-action report: <exercise> · Version 2". */
  runningHeader: (exercise: string, label: string) => string;
  draft: string;
  version: (version: number) => string;
  /** "Version 2, finalised <when> by <who>". */
  finalised: (version: number, when: string, by: string) => string;
  chapter: { overview: string; summary: string; capabilities: string; metrics: string; charts: string; plan: string };
  fact: { exerciseName: string; type: string; dates: string; scope: string; objectives: string; participants: string; rating: string };
  strengths: string;
  areas: string;
  noneRecorded: string;
  analysis: string;
  rootCause: string;
  chartTitle: Record<ReviewChartName, string>;
  phaseTable: { phase: string; from: string; to: string };
  metricTable: { metric: string; team: string; result: string; target: string; status: string };
  wholeExercise: string;
  noMetrics: string;
  noPlanRows: string;
  metricStatus: Record<MetricStatus, string>;
  target: { atMost: (target: string) => string; atLeast: (target: string) => string; between: (from: string, to: string) => string; by: (minutes: string) => string };
  doneAt: (minutes: string) => string;
  teamsDone: (done: number, of: number) => string;
  plan: Record<PlanColumn, string>;
  element: Record<CapabilityElement, string>;
  status: Record<ImprovementStatus, string>;
  sheet: {
    plan: string;
    metrics: string;
    responseTimes: string;
    injects: string;
    overdue: string;
    lastChange: string;
    /** The comment of a row's first status (the row was added), which StartEx wrote, not a person. */
    added: string;
    metricHeaders: [metricId: string, title: string, team: string, value: string, target: string, unit: string, status: string, fromSeq: string, toSeq: string];
    teamHeaders: [team: string, received: string, acknowledged: string, acted: string, toAcknowledge: string, toAction: string, maxToAction: string];
    injectHeaders: [number: string, injectId: string, subject: string, kind: string, releasedAt: string, timeliness: string, deviation: string];
  };
  injectKind: Record<InjectReview['kind'], string>;
  timeliness: Record<InjectReview['timeliness'], string>;
  /** What a fresh draft writes for the author to rewrite. */
  draftText: {
    notPlayed: string;
    stillInPlay: (started: string) => string;
    scope: (functions: string, minutes: number) => string;
    played: (teams: number, released: number, planned: number, late: number, contingency: number) => string;
    observed: (covered: number, of: number) => string;
    ratings: string;
  };
}

const en: ReportWords = {
  title: 'After-Action Report / Improvement Plan',
  runningHeader: (exercise, label) => `After-action report: ${exercise} · ${label}`,
  draft: 'Draft',
  version: (version) => `Version ${version}`,
  finalised: (version, when, by) => `Version ${version}, finalised ${when} by ${by}`,
  chapter: { overview: 'Exercise overview', summary: 'Executive summary', capabilities: 'Analysis of capabilities', metrics: 'Metrics against targets', charts: 'Charts', plan: 'Improvement plan' },
  fact: { exerciseName: 'Exercise name', type: 'Type', dates: 'Dates', scope: 'Scope', objectives: 'Objectives', participants: 'Participating agencies and teams', rating: 'Rating' },
  strengths: 'Strengths',
  areas: 'Areas for improvement',
  noneRecorded: 'None recorded.',
  analysis: 'Analysis',
  rootCause: 'Root cause',
  chartTitle: { 'response-times': 'Response times per team', phases: 'Scenario phases over exercise time', ratings: 'Rating distribution' },
  phaseTable: { phase: 'Phase', from: 'From', to: 'To' },
  metricTable: { metric: 'Metric', team: 'Team', result: 'Result', target: 'Target', status: 'Status' },
  wholeExercise: 'Whole exercise',
  noMetrics: 'The scenario defines no metrics.',
  noPlanRows: 'No improvement plan rows yet.',
  metricStatus: { met: 'Met', 'not-met': 'Not met', 'no-data': 'No data' },
  target: { atMost: (t) => `≤ ${t}`, atLeast: (t) => `≥ ${t}`, between: (from, to) => `${from} to ${to}`, by: (m) => `every team by T+${m}` },
  doneAt: (m) => `T+${m}`,
  teamsDone: (done, of) => `${done} of ${of} teams`,
  plan: {
    capability: 'Capability',
    issue: 'Issue / area for improvement',
    recommendation: 'Recommendation',
    correctiveAction: 'Corrective action',
    element: 'Element',
    responsibleAgency: 'Responsible agency',
    pointOfContact: 'Point of contact',
    start: 'Start',
    due: 'Due',
    status: 'Status',
  },
  element: CAPABILITY_ELEMENT_WORDS.en,
  status: IMPROVEMENT_STATUS_WORDS.en,
  sheet: {
    plan: 'Improvement plan',
    metrics: 'Metrics',
    responseTimes: 'Response times',
    injects: 'Injects',
    overdue: 'Overdue',
    lastChange: 'Last status change',
    added: 'Added to the improvement plan.',
    metricHeaders: ['Metric', 'Title', 'Team', 'Value', 'Target', 'Unit', 'Status', 'From log seq', 'To log seq'],
    teamHeaders: ['Team', 'Injects received', 'Acknowledged', 'Acted upon', 'Median release→acknowledge (min)', 'Median release→first action (min)', 'Max release→first action (min)'],
    injectHeaders: ['#', 'Inject', 'Subject', 'Kind', 'Released at (min)', 'Timeliness', 'Deviation (min)'],
  },
  injectKind: { standard: 'Standard', contingency: 'Contingency', adaptive: 'Adaptive' },
  timeliness: { 'on-time': 'On time', late: 'Late', early: 'Early', unscheduled: 'Unscheduled', 'not-released': 'Not released' },
  draftText: {
    notPlayed: 'Not played yet',
    stillInPlay: (started) => `${started}, still in play`,
    scope: (functions, minutes) => `Security functions: ${functions}. Planned duration: ${minutes} minutes.`,
    played: (teams, released, planned, late, contingency) => `${teams} teams played ${released} of ${planned} planned injects (${late} released late, ${contingency} contingency injects needed).`,
    observed: (covered, of) => `Evaluators observed ${covered} of ${of} critical tasks.`,
    ratings: 'Capability ratings:',
  },
};

// The report page's Lithuanian words (client/src/review/report/strings.ts, client/src/review/strings.ts): one vocabulary on screen and on paper.
const lt: ReportWords = {
  title: 'Ataskaita po pratybų ir tobulinimo planas',
  runningHeader: (exercise, label) => `Ataskaita po pratybų: ${exercise} · ${label}`,
  draft: 'Juodraštis',
  version: (version) => `${version} versija`,
  finalised: (version, when, by) => `${version} versija, užbaigta ${when}, užbaigė ${by}`,
  chapter: { overview: 'Pratybų apžvalga', summary: 'Santrauka', capabilities: 'Gebėjimų analizė', metrics: 'Rodikliai ir jų tikslai', charts: 'Diagramos', plan: 'Tobulinimo planas' },
  fact: { exerciseName: 'Pratybų pavadinimas', type: 'Tipas', dates: 'Datos', scope: 'Apimtis', objectives: 'Tikslai', participants: 'Dalyvaujančios institucijos ir komandos', rating: 'Įvertinimas' },
  strengths: 'Stiprybės',
  areas: 'Tobulintinos sritys',
  noneRecorded: 'Neužfiksuota.',
  analysis: 'Analizė',
  rootCause: 'Pagrindinė priežastis',
  chartTitle: { 'response-times': 'Komandų reagavimo laikas', phases: 'Scenarijaus etapai pratybų laike', ratings: 'Įvertinimų pasiskirstymas' },
  phaseTable: { phase: 'Etapas', from: 'Nuo', to: 'Iki' },
  // "Reikšmė", the review page's word for a measured value: "Rezultatas" would not fit its column.
  metricTable: { metric: 'Rodiklis', team: 'Komanda', result: 'Reikšmė', target: 'Tikslas', status: 'Būsena' },
  wholeExercise: 'Visos pratybos',
  noMetrics: 'Scenarijuje rodiklių nenustatyta.',
  noPlanRows: 'Tobulinimo plane eilučių dar nėra.',
  metricStatus: { met: 'Pasiektas', 'not-met': 'Nepasiektas', 'no-data': 'Nėra duomenų' },
  target: { atMost: (t) => `≤ ${t}`, atLeast: (t) => `≥ ${t}`, between: (from, to) => `nuo ${from} iki ${to}`, by: (m) => `visos komandos iki T+${m}` },
  doneAt: (m) => `T+${m}`,
  teamsDone: (done, of) => `${done} iš ${of} komandų`,
  plan: {
    capability: 'Gebėjimas',
    issue: 'Problema / tobulintina sritis',
    recommendation: 'Rekomendacija',
    correctiveAction: 'Korekcinis veiksmas',
    element: 'Gebėjimo elementas',
    responsibleAgency: 'Atsakinga institucija',
    pointOfContact: 'Kontaktinis asmuo',
    start: 'Pradžia',
    due: 'Terminas',
    status: 'Būsena',
  },
  element: CAPABILITY_ELEMENT_WORDS.lt,
  status: IMPROVEMENT_STATUS_WORDS.lt,
  sheet: {
    plan: 'Tobulinimo planas',
    metrics: 'Rodikliai',
    responseTimes: 'Reagavimo laikas',
    injects: 'Įvadai',
    overdue: 'Vėluoja',
    lastChange: 'Paskutinis būsenos pakeitimas',
    added: 'Įtraukta į tobulinimo planą.',
    metricHeaders: ['Rodiklio ID', 'Pavadinimas', 'Komanda', 'Reikšmė', 'Tikslas', 'Matavimo vienetas', 'Būsena', 'Nuo žurnalo įrašo Nr.', 'Iki žurnalo įrašo Nr.'],
    teamHeaders: ['Komanda', 'Gauta įvadų', 'Patvirtinta', 'Imtasi veiksmų', 'Mediana nuo išsiuntimo iki patvirtinimo (min)', 'Mediana nuo išsiuntimo iki pirmo veiksmo (min)', 'Ilgiausiai nuo išsiuntimo iki pirmo veiksmo (min)'],
    injectHeaders: ['Nr.', 'Įvado ID', 'Tema', 'Rūšis', 'Išsiųsta (min)', 'Laikas', 'Nuokrypis (min)'],
  },
  injectKind: { standard: 'Įprastas', contingency: 'Atsarginis', adaptive: 'Prisitaikantis' },
  timeliness: { 'on-time': 'Laiku', late: 'Vėluota', early: 'Anksčiau', unscheduled: 'Neplanuota', 'not-released': 'Neišsiųsta' },
  // Counts as "Komandų: 3" rather than "3 komandos": no plural forms to get wrong.
  draftText: {
    notPlayed: 'Pratybos dar nevyko',
    stillInPlay: (started) => `${started}, pratybos tebevyksta`,
    scope: (functions, minutes) => `Saugumo funkcijos: ${functions}. Planuojama trukmė: ${minutes} min.`,
    played: (teams, released, planned, late, contingency) =>
      `Dalyvavo komandų: ${teams}. Išsiųsta įvadų: ${released} iš ${planned} planuotų (pavėluota: ${late}; prireikė atsarginių įvadų: ${contingency}).`,
    observed: (covered, of) => `Vertintojai stebėjo kritinių užduočių: ${covered} iš ${of}.`,
    ratings: 'Gebėjimų įvertinimai:',
  },
};

export const REPORT_WORDS: Record<DocumentLanguage, ReportWords> = { en, lt };
