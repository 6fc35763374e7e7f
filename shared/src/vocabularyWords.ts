import type { z } from 'zod';
import type { ExerciseRole } from './auth.ts';
import type { Rating } from './logEntry.ts';
import type { ActivityKind, ActivityStatus, EvidenceKind, NeedPriority, NeedStatus, ProgrammeFunction } from './programme.ts';
import type { CapabilityElement, ImprovementStatus } from './report.ts';
import type { ChartLanguage } from './review.ts';
import type { Agency, ExerciseType, InjectChannel, SecurityFunction } from './scenario/vocabulary.ts';

/**
 * The words of each closed vocabulary, once, in English and Lithuanian: the server's documents and
 * every client view read them here, so screen and paper say the same. Typed by the vocabulary, so a
 * new value does not compile until it has words in both languages. Labels begin with a capital;
 * `midSentence` gives the form for lists and sentences.
 */
type Words<Value extends string> = Readonly<Record<ChartLanguage, Readonly<Record<Value, string>>>>;

export const AGENCY_TYPE_WORDS: Words<z.infer<typeof Agency>> = {
  en: {
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
  lt: {
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
};

export const INJECT_CHANNEL_WORDS: Words<z.infer<typeof InjectChannel>> = {
  en: {
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
  lt: {
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
};

export const EXERCISE_TYPE_WORDS: Words<z.infer<typeof ExerciseType>> = {
  en: {
    seminar: 'Seminar',
    workshop: 'Workshop',
    tabletop: 'Tabletop exercise (TTX)',
    game: 'Game',
    drill: 'Drill',
    functional: 'Functional exercise',
    'full-scale': 'Full-scale exercise',
    field: 'Field exercise',
  },
  lt: {
    seminar: 'Seminaras',
    workshop: 'Praktinis seminaras',
    tabletop: 'Stalo pratybos (TTX)',
    game: 'Žaidimas',
    drill: 'Treniruotė',
    functional: 'Funkcinės pratybos',
    'full-scale': 'Visos apimties pratybos',
    field: 'Lauko pratybos',
  },
};

/** What the preparedness programme plans: the exercise types it schedules, and courses. */
export const ACTIVITY_KIND_WORDS: Words<ActivityKind> = {
  en: {
    course: 'Course',
    seminar: 'Seminar',
    workshop: 'Workshop',
    tabletop: 'Tabletop exercise',
    drill: 'Drill',
    functional: 'Functional exercise',
    'full-scale': 'Full-scale exercise',
  },
  lt: {
    course: 'Kursai',
    seminar: 'Seminaras',
    workshop: 'Praktinis seminaras',
    tabletop: 'Stalo pratybos',
    drill: 'Treniruotė',
    functional: 'Funkcinės pratybos',
    'full-scale': 'Visos apimties pratybos',
  },
};

export const SECURITY_FUNCTION_WORDS: Words<z.infer<typeof SecurityFunction>> = {
  en: { prevention: 'Prevention', detection: 'Detection', response: 'Response' },
  lt: { prevention: 'Prevencija', detection: 'Aptikimas', response: 'Reagavimas' },
};

/** The programme's functions: the three security functions and what serves all of them. */
export const PROGRAMME_FUNCTION_WORDS: Words<ProgrammeFunction> = {
  en: { ...SECURITY_FUNCTION_WORDS.en, 'cross-cutting': 'Cross-cutting' },
  lt: { ...SECURITY_FUNCTION_WORDS.lt, 'cross-cutting': 'Bendrieji' },
};

/** The improvement plan's capability elements (POETE). */
export const CAPABILITY_ELEMENT_WORDS: Words<CapabilityElement> = {
  en: { planning: 'Planning', organisation: 'Organisation', equipment: 'Equipment', training: 'Training', exercises: 'Exercises' },
  lt: { planning: 'Planavimas', organisation: 'Organizavimas', equipment: 'Įranga', training: 'Mokymas', exercises: 'Pratybos' },
};

export const NEED_STATUS_WORDS: Words<NeedStatus> = {
  en: { draft: 'Draft', submitted: 'Submitted', open: 'Open', rejected: 'Rejected', met: 'Met', closed: 'Closed' },
  lt: { draft: 'Juodraštis', submitted: 'Pateiktas', open: 'Atviras', rejected: 'Atmestas', met: 'Patenkintas', closed: 'Uždarytas' },
};

export const NEED_PRIORITY_WORDS: Words<NeedPriority> = {
  en: { high: 'High', medium: 'Medium', low: 'Low' },
  lt: { high: 'Aukštas', medium: 'Vidutinis', low: 'Žemas' },
};

/** What a training need rests on. */
export const EVIDENCE_KIND_WORDS: Words<EvidenceKind> = {
  en: { survey: 'Survey', interview: 'Interview', regulation: 'Regulation', 'threat-assessment': 'Threat assessment', 'aar-finding': 'AAR finding', 'exercise-rating': 'Exercise rating' },
  lt: { survey: 'Apklausa', interview: 'Pokalbis', regulation: 'Teisės aktas', 'threat-assessment': 'Grėsmių vertinimas', 'aar-finding': 'Išvada iš ataskaitos', 'exercise-rating': 'Pratybų įvertinimas' },
};

export const ACTIVITY_STATUS_WORDS: Words<ActivityStatus> = {
  en: { planned: 'Planned', confirmed: 'Confirmed', done: 'Done', cancelled: 'Cancelled' },
  lt: { planned: 'Suplanuota', confirmed: 'Patvirtinta', done: 'Įvykdyta', cancelled: 'Atšaukta' },
};

/** A person's part in an exercise. */
export const EXERCISE_ROLE_WORDS: Words<ExerciseRole> = {
  en: { director: 'Exercise director', controller: 'Controller', evaluator: 'Evaluator', observer: 'Observer', participant: 'Participant' },
  lt: { director: 'Pratybų vadovas', controller: 'Kontrolierius', evaluator: 'Vertintojas', observer: 'Stebėtojas', participant: 'Dalyvis' },
};

/** HSEEP's performance ratings by name. */
export const RATING_WORDS: Words<Rating> = {
  en: { P: 'Performed without challenges', S: 'Performed with some challenges', M: 'Performed with major challenges', U: 'Unable to be performed' },
  lt: { P: 'Atlikta be sunkumų', S: 'Atlikta su tam tikrais sunkumais', M: 'Atlikta su dideliais sunkumais', U: 'Atlikti nepavyko' },
};

export const IMPROVEMENT_STATUS_WORDS: Words<ImprovementStatus> = {
  en: { open: 'Open', 'in-progress': 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
  lt: { open: 'Atviras', 'in-progress': 'Vykdomas', completed: 'Įvykdytas', cancelled: 'Atšauktas' },
};

// An abbreviation keeps its capitals: "AAR finding".
const lowerFirst = (label: string) => label.replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase());

/** A vocabulary's words for a list or the middle of a sentence: "e-mail", "prevention, response". */
export function midSentence<Value extends string>(words: Record<Value, string>): Record<Value, string> {
  return Object.fromEntries(Object.entries(words as Record<string, string>).map(([value, label]) => [value, lowerFirst(label)])) as Record<Value, string>;
}

/** A rating as a report prints it, its letter first: "P: performed without challenges". */
export const RATING_WITH_LETTER_WORDS: Words<Rating> = {
  en: withLetters(RATING_WORDS.en),
  lt: withLetters(RATING_WORDS.lt),
};

function withLetters(words: Record<Rating, string>): Record<Rating, string> {
  const named = midSentence(words);
  return { P: `P: ${named.P}`, S: `S: ${named.S}`, M: `M: ${named.M}`, U: `U: ${named.U}` };
}
