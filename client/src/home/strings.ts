import { EXERCISE_ROLE_WORDS, midSentence } from '@startex/shared';
import { addStrings } from '../i18n/index.ts';

addStrings(
  'home',
  {
    exercises: 'Your exercises',
    signedInAs: 'Signed in as {{name}}',
    none: 'You have no role in any exercise yet. A planner or director can add you.',
    roles: midSentence(EXERCISE_ROLE_WORDS.en),
    allExercises: 'All exercises',
    noExercises: 'No exercises yet: create the first one from a scenario.',
    newExercise: 'New exercise',
    groups: { draft: 'In planning', ready: 'Ready for StartEx', live: 'Live', ended: 'Ended', closed: 'Closed' },
    openTablet: 'Open the tablet',
    nextStep: { commsCheck: 'Next: communications check before StartEx', startEx: 'Next: StartEx from the console', review: 'Next: review the exercise and write the after-action report' },
  },
  {
    exercises: 'Jūsų pratybos',
    signedInAs: 'Prisijungęs: {{name}}',
    none: 'Kol kas neturite vaidmens jokiose pratybose. Planuotojas arba vadovas gali jus pridėti.',
    roles: midSentence(EXERCISE_ROLE_WORDS.lt),
    allExercises: 'Visos pratybos',
    noExercises: 'Pratybų dar nėra: sukurkite pirmąsias iš scenarijaus.',
    newExercise: 'Naujos pratybos',
    groups: { draft: 'Planuojamos', ready: 'Parengtos StartEx', live: 'Vyksta', ended: 'Baigtos', closed: 'Uždarytos' },
    openTablet: 'Atverti planšetę',
    nextStep: { commsCheck: 'Toliau: ryšio patikra prieš StartEx', startEx: 'Toliau: StartEx iš pulto', review: 'Toliau: pratybų apžvalga ir poveiksminė ataskaita' },
  },
);
