import { RATING_WORDS, Rating, midSentence, type InjectReview } from '@startex/shared';
import type { DocumentLanguage } from './words.ts';

/**
 * Every word of the briefing packs (player and observer briefings, the controller and evaluator
 * handbook) and the join-code sheet, besides the scenario's and the plan's own names.
 */
export interface BriefingWords {
  fact: { date: string; startEx: string; storyStart: string; exerciseType: string; location: string; language: string; duration: string; expectedMinutes: (minutes: number) => string };
  notAssigned: string;
  theExercise: string;
  teamsAndAgencies: string;
  objectives: string;
  player: {
    subtitle: (team: string) => string;
    yourTeam: string;
    team: string;
    agency: string;
    reports: string;
    otherTeams: string;
    usingTheTablet: string;
    tablet: (tabletUrl: string) => string[];
    conduct: string;
    rules: string[];
  };
  handbook: {
    subtitle: string;
    label: string;
    storyTime: string;
    kind: string;
    kindName: Record<InjectReview['kind'], string>;
    kindShort: Record<InjectReview['kind'], string>;
    channel: string;
    from: string;
    to: string;
    expectedActions: string;
    scenario: string;
    scenarioVersion: (title: string, version: number) => string;
    speed: string;
    console: string;
    evaluatorView: string;
    simCell: string;
    msel: string;
    branches: string;
    noBranches: string;
    contingencies: string;
    yourGuide: string;
    guides: string;
    teamsYouObserve: (teams: string) => string;
    capabilityTarget: string;
    criticalTask: (task: string) => string;
    rateEach: string;
    metrics: string;
    metricTarget: (title: string, target: string) => string;
    target: { duration: (amount: string) => string; atLeast: (n: number) => string; atMost: (n: number) => string; and: string; everyTeamBy: (time: string) => string };
  };
  /** Branch points in words: "In "<state>", control may decide "<label>": goes to "<state>", releases #3". */
  branch: {
    decision: (state: string, label: string, outcome: string) => string;
    report: (state: string, who: string, label: string, conditional: boolean, outcome: string) => string;
    after: (state: string, minutes: number, conditional: boolean, outcome: string) => string;
    goesTo: (state: string) => string;
    stays: string;
    releases: (numbers: string) => string;
    aTeam: string;
    aReport: string;
  };
  observer: { subtitle: string; asObserver: string; rules: (displayUrl: string) => string[] };
  sheet: {
    title: (exercise: string) => string;
    intro: string;
    agency: (agency: string) => string;
    missing: string;
    display: (n: number) => string;
    displayDetail: string;
    validUntil: (when: string) => string;
    footer: (exercise: string) => string;
  };
}

/** The safety line of every briefing; in Lithuanian the halt banner's words (client/src/i18n/common.ts). */
const REAL_WORLD: Record<DocumentLanguage, string> = {
  en: 'Say "REAL WORLD" for any real emergency: exercise control stops play at once.',
  lt: 'Įvykus tikrai avarinei situacijai, sakykite „TIKRA AVARINĖ SITUACIJA“: pratybų valdymas nedelsdamas sustabdo pratybas.',
};

/** "P (performed without challenges), S (…), M (…) or U (…)": the rating scale in the language's words. */
function ratingScale(language: DocumentLanguage, or: string): string {
  const named = midSentence(RATING_WORDS[language]);
  const each = Rating.options.map((rating) => `${rating} (${named[rating]})`);
  return `${each.slice(0, -1).join(', ')} ${or} ${each.at(-1)}`;
}

const en: BriefingWords = {
  fact: {
    date: 'Date',
    startEx: 'StartEx',
    storyStart: 'Scenario time at StartEx',
    exerciseType: 'Exercise type',
    location: 'Location',
    language: 'Language',
    duration: 'Expected duration',
    expectedMinutes: (minutes) => `${minutes} scenario minutes`,
  },
  notAssigned: 'Not assigned',
  theExercise: 'The exercise',
  teamsAndAgencies: 'Teams and agencies',
  objectives: 'Exercise objectives',
  player: {
    subtitle: (team) => `Player briefing: ${team}`,
    yourTeam: 'Your team',
    team: 'Team',
    agency: 'Agency',
    reports: 'Reports your team can send from the tablet:',
    otherTeams: 'Other teams in play',
    usingTheTablet: 'Using the tablet',
    tablet: (tabletUrl) => [
      `Scan your team's QR code from the join-code sheet, or open ${tabletUrl} and type the code.`,
      'Messages (injects) arrive on the tablet: read each one and press Acknowledge when your team has it.',
      'Report what your team does with the report buttons; the tablet keeps working offline and sends when the network is back.',
      'Before StartEx a communications check arrives: acknowledge it so exercise control knows your tablet works.',
    ],
    conduct: 'Conduct',
    rules: ["Play as you would on a real day, within your agency's procedures and the law.", REAL_WORLD.en, 'Do not contact other teams or outside organisations except through the tablet or as exercise control says.'],
  },
  handbook: {
    subtitle: 'Controller and evaluator handbook',
    label: 'CONTROL STAFF ONLY',
    storyTime: 'Scenario time',
    kind: 'Kind',
    kindName: { standard: 'Standard', contingency: 'Contingency (sent only when an expected action did not happen)', adaptive: 'Adaptive (follows what players did)' },
    kindShort: { standard: 'standard', contingency: 'contingency', adaptive: 'adaptive' },
    channel: 'Channel',
    from: 'From',
    to: 'To',
    expectedActions: 'Expected actions',
    scenario: 'Scenario',
    scenarioVersion: (title, version) => `${title}, version ${version}`,
    speed: 'Speed',
    console: 'Console',
    evaluatorView: 'Evaluator view',
    simCell: 'SimCell: organisations control plays',
    msel: 'Master Scenario Events List (MSEL)',
    branches: 'Branches and contingencies',
    noBranches: 'The scenario has no branches.',
    contingencies: 'Contingency and adaptive injects:',
    yourGuide: 'Evaluation guide: your objectives',
    guides: 'Evaluation guides',
    teamsYouObserve: (teams) => `Teams you observe: ${teams}`,
    capabilityTarget: 'Capability target',
    criticalTask: (task) => `Critical task: ${task}`,
    rateEach: `Rate each capability target ${ratingScale('en', 'or')}.`,
    metrics: 'Metrics',
    metricTarget: (title, target) => `${title}: target ${target}`,
    target: { duration: (amount) => amount, atLeast: (n) => `at least ${n}`, atMost: (n) => `at most ${n}`, and: ' and ', everyTeamBy: (time) => `every team by ${time}` },
  },
  branch: {
    decision: (state, label, outcome) => `In "${state}", control may decide "${label}": ${outcome}`,
    report: (state, who, label, conditional, outcome) => `In "${state}", when ${who} reports "${label}"${conditional ? ' (with a condition)' : ''}: ${outcome}`,
    after: (state, minutes, conditional, outcome) => `In "${state}", after ${minutes} min${conditional ? ' if the condition holds' : ''}: ${outcome}`,
    goesTo: (state) => `goes to "${state}"`,
    stays: 'stays',
    releases: (numbers) => `, releases ${numbers}`,
    aTeam: 'a team',
    aReport: 'a report',
  },
  observer: {
    subtitle: 'Observer briefing',
    asObserver: 'As an observer',
    rules: (displayUrl) => [
      'Watch, do not take part: do not speak to players or give hints during play.',
      `Follow play on the wall display (${displayUrl}, with the display code from exercise control); the evaluators' notes are not shown there.`,
      REAL_WORLD.en,
      'Bring remarks to the hot wash and the debrief after EndEx.',
    ],
  },
  sheet: {
    title: (exercise) => `${exercise}: join codes`,
    intro: 'Scan the code with the team tablet, or open the link and type the code. Keep this sheet away from other teams.',
    agency: (agency) => `Agency: ${agency}`,
    missing: 'No valid join code: generate the team codes first.',
    display: (n) => `Wall display ${n}`,
    displayDetail: 'Observers and wall displays: follows play, sends nothing.',
    validUntil: (when) => `Valid until ${when}`,
    footer: (exercise) => `${exercise}: join codes · keep away from other teams`,
  },
};

// The planning, tablet and console pages' Lithuanian words (client/src/*/strings.ts): "įvadas" for an inject, PSĮS for the MSEL.
const lt: BriefingWords = {
  fact: {
    date: 'Data',
    startEx: 'Pradžia (StartEx)',
    storyStart: 'Scenarijaus laikas pradžioje',
    exerciseType: 'Pratybų tipas',
    location: 'Vieta',
    language: 'Kalba',
    duration: 'Numatoma trukmė',
    expectedMinutes: (minutes) => `${minutes} min. scenarijaus laiko`,
  },
  notAssigned: 'Nepriskirta',
  theExercise: 'Pratybos',
  teamsAndAgencies: 'Komandos ir institucijos',
  objectives: 'Pratybų tikslai',
  player: {
    subtitle: (team) => `Žaidėjų instruktažas: ${team}`,
    yourTeam: 'Jūsų komanda',
    team: 'Komanda',
    agency: 'Institucija',
    reports: 'Pranešimai, kuriuos jūsų komanda gali siųsti iš planšetės:',
    otherTeams: 'Kitos pratybose dalyvaujančios komandos',
    usingTheTablet: 'Kaip naudotis planšete',
    tablet: (tabletUrl) => [
      `Nuskenuokite savo komandos QR kodą iš prisijungimo kodų lapo arba atverkite ${tabletUrl} ir įveskite kodą.`,
      'Pranešimai (įvadai) ateina į planšetę: perskaitykite kiekvieną ir paspauskite „Patvirtinti gavimą“, kai jūsų komanda jį gavo.',
      'Apie savo komandos veiksmus praneškite pranešimų mygtukais; planšetė veikia ir be ryšio, o pranešimus išsiunčia, kai ryšys atsiranda.',
      'Prieš pratybų pradžią (StartEx) ateina ryšio patikrinimas: patvirtinkite jį, kad pratybų valdymas žinotų, jog jūsų planšetė veikia.',
    ],
    conduct: 'Elgesio taisyklės',
    rules: [
      'Veikite taip, kaip veiktumėte tikrą darbo dieną, laikydamiesi savo institucijos procedūrų ir teisės aktų.',
      REAL_WORLD.lt,
      'Su kitomis komandomis ar išorės organizacijomis bendraukite tik per planšetę arba taip, kaip nurodo pratybų valdymas.',
    ],
  },
  handbook: {
    subtitle: 'Kontrolierių ir vertintojų vadovas',
    label: 'TIK PRATYBŲ VALDYMO PERSONALUI',
    storyTime: 'Scenarijaus laikas',
    kind: 'Rūšis',
    kindName: { standard: 'Įprastas', contingency: 'Atsarginis (siunčiamas tik tada, kai laukiamo veiksmo nebuvo)', adaptive: 'Prisitaikantis (priklauso nuo žaidėjų veiksmų)' },
    kindShort: { standard: 'įprastas', contingency: 'atsarginis', adaptive: 'prisitaikantis' },
    channel: 'Kanalas',
    from: 'Siuntėjas',
    to: 'Gavėjai',
    expectedActions: 'Laukiami veiksmai',
    scenario: 'Scenarijus',
    scenarioVersion: (title, version) => `${title}, ${version} versija`,
    speed: 'Greitis',
    console: 'Valdytojo pultas',
    evaluatorView: 'Vertintojo rodinys',
    simCell: 'SimCell: valdymo imituojamos organizacijos',
    msel: 'Pagrindinis scenarijaus įvykių sąrašas (PSĮS)',
    branches: 'Šakos ir atsarginiai įvadai',
    noBranches: 'Scenarijus šakų neturi.',
    contingencies: 'Atsarginiai ir prisitaikantys įvadai:',
    yourGuide: 'Vertinimo gairės: jūsų tikslai',
    guides: 'Vertinimo gairės',
    teamsYouObserve: (teams) => `Jūsų stebimos komandos: ${teams}`,
    capabilityTarget: 'Gebėjimo tikslas',
    criticalTask: (task) => `Kritinė užduotis: ${task}`,
    rateEach: `Kiekvieną gebėjimo tikslą įvertinkite: ${ratingScale('lt', 'arba')}.`,
    metrics: 'Rodikliai',
    metricTarget: (title, target) => `${title}: tikslas – ${target}`,
    target: { duration: (amount) => amount, atLeast: (n) => `ne mažiau kaip ${n}`, atMost: (n) => `ne daugiau kaip ${n}`, and: ' ir ', everyTeamBy: (time) => `visos komandos iki ${time}` },
  },
  branch: {
    decision: (state, label, outcome) => `Būsenoje „${state}“ valdymas gali nuspręsti „${label}“: ${outcome}`,
    report: (state, who, label, conditional, outcome) => `Būsenoje „${state}“, kai ${who} praneša „${label}“${conditional ? ' (su sąlyga)' : ''}: ${outcome}`,
    after: (state, minutes, conditional, outcome) => `Būsenoje „${state}“ po ${minutes} min.${conditional ? ', jei sąlyga tenkinama' : ''}: ${outcome}`,
    goesTo: (state) => `pereinama į „${state}“`,
    stays: 'būsena nesikeičia',
    releases: (numbers) => `, išsiunčiama: ${numbers}`,
    aTeam: 'kuri nors komanda',
    aReport: 'pranešimas',
  },
  observer: {
    subtitle: 'Stebėtojų instruktažas',
    asObserver: 'Stebėtojui',
    rules: (displayUrl) => [
      'Stebėkite, bet nedalyvaukite: pratybų metu nekalbinkite žaidėjų ir nepatarinėkite.',
      `Pratybų eigą sekite sieniniame ekrane (${displayUrl}, su ekrano kodu, kurį duoda pratybų valdymas); vertintojų pastabos jame nerodomos.`,
      REAL_WORLD.lt,
      'Pastabas pateikite dalyvių aptarime (hot-wash) ir baigiamajame aptarime po pratybų pabaigos (EndEx).',
    ],
  },
  sheet: {
    title: (exercise) => `${exercise}: prisijungimo kodai`,
    intro: 'Nuskenuokite kodą komandos planšete arba atverkite nuorodą ir įveskite kodą. Šio lapo nerodykite kitoms komandoms.',
    agency: (agency) => `Institucija: ${agency}`,
    missing: 'Galiojančio prisijungimo kodo nėra: pirmiausia sukurkite komandų kodus.',
    display: (n) => `Sieninis ekranas ${n}`,
    displayDetail: 'Stebėtojams ir sieniniams ekranams: rodo pratybų eigą, nieko nesiunčia.',
    validUntil: (when) => `Galioja iki ${when}`,
    footer: (exercise) => `${exercise}: prisijungimo kodai · nerodyti kitoms komandoms`,
  },
};

export const BRIEFING_WORDS: Record<DocumentLanguage, BriefingWords> = { en, lt };
