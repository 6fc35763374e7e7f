import { INJECT_CHANNEL_WORDS, midSentence } from '@startex/shared';
import { addStrings } from '../i18n/index.ts';

/** The observer / wall display's strings. */
const en = {
  title: 'Exercise display',
  observer: 'Observer display',
  join: { heading: 'Show an exercise on this screen', code: 'Observer join code', submit: 'Show' },
  clock: { label: 'Exercise clock', exercise: 'Exercise time', scenario: 'Scenario time', status: 'Status' },
  phase: { heading: 'Current phase', none: 'Not started', history: 'Earlier phases' },
  injects: {
    heading: 'Recent injects',
    empty: 'No injects released yet.',
    number: 'Inject #{{number}}',
    to: 'To: {{teams}}',
    via: '{{channel}} from {{from}}',
    contingency: 'contingency',
    adaptive: 'adaptive',
    adHoc: 'ad hoc',
    late: 'late by {{seconds}} s',
  },
  recipient: { released: 'sent', delivered: 'received', acknowledged: 'acknowledged', acted: 'acted upon' },
  teams: {
    heading: 'Teams',
    empty: 'This scenario has no teams.',
    received: 'Received',
    acknowledged: 'Acknowledged',
    count: '{{count}} of {{total}}',
  },
  channel: midSentence(INJECT_CHANNEL_WORDS.en),
};

const lt: typeof en = {
  title: 'Pratybų ekranas',
  observer: 'Stebėtojo ekranas',
  join: { heading: 'Rodyti pratybas šiame ekrane', code: 'Stebėtojo prisijungimo kodas', submit: 'Rodyti' },
  clock: { label: 'Pratybų laikrodis', exercise: 'Pratybų laikas', scenario: 'Scenarijaus laikas', status: 'Būsena' },
  phase: { heading: 'Dabartinis etapas', none: 'Dar neprasidėjo', history: 'Ankstesni etapai' },
  injects: {
    heading: 'Naujausi įvadai',
    empty: 'Kol kas neišsiųstas nė vienas įvadas.',
    number: 'Įvadas Nr. {{number}}',
    to: 'Kam: {{teams}}',
    via: '{{channel}}, siuntėjas: {{from}}',
    contingency: 'atsarginis',
    adaptive: 'prisitaikantis',
    adHoc: 'neplanuotas',
    late: 'vėluoja {{seconds}} s',
  },
  recipient: { released: 'išsiųsta', delivered: 'gauta', acknowledged: 'patvirtinta', acted: 'imtasi veiksmų' },
  teams: {
    heading: 'Komandos',
    empty: 'Šiame scenarijuje komandų nėra.',
    received: 'Gauta',
    acknowledged: 'Patvirtinta',
    count: '{{count}} iš {{total}}',
  },
  channel: midSentence(INJECT_CHANNEL_WORDS.lt),
};

addStrings('display', en, lt);
