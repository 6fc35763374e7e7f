import { addStrings } from '../i18n/index.ts';

addStrings(
  'home',
  {
    exercises: 'Your exercises',
    none: 'You have no role in any exercise yet. A planner or director can add you.',
    roles: { director: 'director', controller: 'controller', evaluator: 'evaluator', observer: 'observer', participant: 'participant' },
  },
  {
    exercises: 'Jūsų pratybos',
    none: 'Kol kas neturite vaidmens jokiose pratybose. Planuotojas arba vadovas gali jus pridėti.',
    roles: { director: 'vadovas', controller: 'kontrolierius', evaluator: 'vertintojas', observer: 'stebėtojas', participant: 'dalyvis' },
  },
);
