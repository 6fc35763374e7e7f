import { addStrings } from '../i18n/index.ts';

/** The app shell: navigation, breadcrumbs, the user menu and the pages that say where to go. */
const en = {
  brand: 'StartEx',
  skip: 'Skip to the page',
  nav: { label: 'Exercise pages', breadcrumbs: 'You are here', home: 'Exercises', actions: 'Corrective actions', newExercise: 'New exercise', account: 'Your account', programme: 'Preparedness programme', studio: 'Scenario studio' },
  page: { plan: 'Plan', console: 'Console', evaluate: 'Evaluate', display: 'Wall display', review: 'Review', report: 'Report' },
  menu: { open: 'Account and preferences', language: 'Language', theme: 'Theme', signOut: 'Sign out', signedInAs: 'Signed in as {{name}}' },
  notFound: { title: 'There is no such page', body: 'The address may be mistyped, or the page has moved.', home: 'Go to your exercises' },
  whereToGo: {
    title: 'This page is for exercise control',
    participant: 'You take part in “{{title}}” as a player. Your team works on its tablet: open the tablet page and enter your team’s join code, or scan the QR code on your team’s sheet.',
    participantLink: 'Open the tablet page',
    observer: 'You observe “{{title}}”. The wall display shows the clock, the current phase and every team’s progress.',
    observerLink: 'Open the wall display',
    none: 'You have no role in this exercise. A planner or the exercise director can add you.',
    home: 'Back to your exercises',
  },
};

const lt: typeof en = {
  brand: 'StartEx',
  skip: 'Pereiti prie puslapio turinio',
  nav: { label: 'Pratybų puslapiai', breadcrumbs: 'Jūs esate čia', home: 'Pratybos', actions: 'Taisomieji veiksmai', newExercise: 'Naujos pratybos', account: 'Jūsų paskyra', programme: 'Pasirengimo programa', studio: 'Scenarijų studija' },
  page: { plan: 'Planas', console: 'Pultas', evaluate: 'Vertinimas', display: 'Sieninis ekranas', review: 'Apžvalga', report: 'Ataskaita' },
  menu: { open: 'Paskyra ir nuostatos', language: 'Kalba', theme: 'Tema', signOut: 'Atsijungti', signedInAs: 'Prisijungęs: {{name}}' },
  notFound: { title: 'Tokio puslapio nėra', body: 'Galbūt adresas įvestas su klaida arba puslapis perkeltas.', home: 'Į jūsų pratybas' },
  whereToGo: {
    title: 'Šis puslapis skirtas pratybų valdymui',
    participant: 'Pratybose „{{title}}“ dalyvaujate kaip žaidėjas. Jūsų komanda dirba planšetėje: atverkite planšetės puslapį ir įveskite komandos prisijungimo kodą arba nuskenuokite QR kodą komandos lape.',
    participantLink: 'Atverti planšetės puslapį',
    observer: 'Pratybas „{{title}}“ stebite. Sieniniame ekrane matyti laikrodis, dabartinis etapas ir visų komandų pažanga.',
    observerLink: 'Atverti sieninį ekraną',
    none: 'Šiose pratybose neturite vaidmens. Jus pridėti gali planuotojas arba pratybų vadovas.',
    home: 'Atgal į jūsų pratybas',
  },
};

addStrings('shell', en, lt);
