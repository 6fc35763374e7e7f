import { addStrings } from '../i18n/index.ts';

const en = {
  heading: 'Hot-wash: your feedback',
  intro: 'Play has ended. Tell the evaluators what went well and what your team would do better; it goes into the after-action review.',
  wentWell: 'What went well',
  toImprove: 'What to improve',
  perObjective: 'Per objective (optional)',
  submit: 'Send feedback',
  empty: 'Write at least one thing first.',
  queued: 'Saved on this tablet; it is sent as soon as the connection allows.',
  failed: 'Not accepted: {{message}}',
  sentTitle: 'Feedback sent.',
  sent: 'Thank you: your feedback is in the exercise log. You can close this page, or send more below.',
  another: 'Send more feedback',
};

const lt: typeof en = {
  heading: 'Aptarimas: jūsų atsiliepimas',
  intro: 'Pratybos baigėsi. Parašykite vertintojams, kas pavyko ir ką komanda darytų geriau; tai pateks į pratybų rezultatų apžvalgą.',
  wentWell: 'Kas pavyko',
  toImprove: 'Ką tobulinti',
  perObjective: 'Pagal tikslus (neprivaloma)',
  submit: 'Siųsti atsiliepimą',
  empty: 'Pirmiausia parašykite bent vieną dalyką.',
  queued: 'Išsaugota šioje planšetėje; bus išsiųsta, kai tik leis ryšys.',
  failed: 'Nepriimta: {{message}}',
  sentTitle: 'Atsiliepimas išsiųstas.',
  sent: 'Ačiū: jūsų atsiliepimas įrašytas į pratybų žurnalą. Galite užverti šį puslapį arba išsiųsti daugiau.',
  another: 'Siųsti dar vieną atsiliepimą',
};

addStrings('hotwash', en, lt);
