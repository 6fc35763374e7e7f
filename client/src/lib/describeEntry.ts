import type { TFunction } from 'i18next';
import { releaseLateByWallMs, type LogEntry, type Party, type Recipients } from '@startex/shared';
import { addStrings } from '../i18n/index.ts';

addStrings(
  'feed',
  {
    readied: 'Exercise ready for StartEx',
    started: 'StartEx (speed ×{{speed}})',
    paused: 'Exercise paused',
    resumed: 'Exercise resumed',
    resumedAfterHalt: 'Exercise resumed after the halt ({{reason}})',
    halted: 'REAL-WORLD EMERGENCY: play halted ({{reason}})',
    ended: 'EndEx',
    closed: 'Exercise closed',
    jumped: 'Clock jumped to the next scheduled event',
    states: 'Scenario state: {{states}}',
    timer: 'Timer {{timer}} fired',
    decision: 'Decision: {{decision}}',
    milestone: 'Milestone: {{milestone}}',
    released: 'Inject #{{number}} released to {{teams}}: {{subject}}',
    late: ' (late by {{seconds}} s)',
    held: 'Inject {{inject}} held: {{reason}}',
    skipped: 'Inject {{inject}} skipped: {{reason}}',
    edited: 'Inject {{inject}} edited',
    suppressed: 'Inject {{inject}} due but not sent ({{because}})',
    delivered: 'Inject {{inject}} delivered to {{team}}',
    acknowledged: 'Inject {{inject}} acknowledged by {{team}}',
    action: 'Action by {{team}}: {{action}} {{fields}}',
    message: 'Message from {{from}} to {{to}}: {{text}}',
    note: 'Note: {{text}}',
    observation: 'Observation ({{kind}}{{rating}}){{team}}: {{text}}',
    observationTeam: ' on {{team}}',
    rating: 'Rating {{rating}} of {{subject}}: {{reason}}',
    reconciled: 'Final rating {{rating}} of {{subject}} (lead evaluator): {{reason}}',
    feedback: 'Hot-wash feedback from {{team}}',
    commsSent: 'Communications check sent to {{teams}}',
    commsAcknowledged: 'Communications check acknowledged by {{team}}',
    commsConfirmed: 'Communications check confirmed (acknowledged: {{teams}})',
    everyone: 'everyone',
    control: 'Exercise control',
    simcell: '{{organisation}} (SimCell)',
    yes: 'yes',
    no: 'no',
  },
  {
    readied: 'Pratybos parengtos pradžiai',
    started: 'Pratybų pradžia (greitis ×{{speed}})',
    paused: 'Pratybos sustabdytos',
    resumed: 'Pratybos tęsiamos',
    resumedAfterHalt: 'Pratybos tęsiamos po nutraukimo ({{reason}})',
    halted: 'TIKRA AVARINĖ SITUACIJA: pratybos nutrauktos ({{reason}})',
    ended: 'Pratybų pabaiga',
    closed: 'Pratybos uždarytos',
    jumped: 'Laikrodis perkeltas iki kito suplanuoto įvykio',
    states: 'Scenarijaus būsena: {{states}}',
    timer: 'Suveikė laikmatis {{timer}}',
    decision: 'Sprendimas: {{decision}}',
    milestone: 'Etapas: {{milestone}}',
    released: 'Įvadas Nr. {{number}} išsiųstas {{teams}}: {{subject}}',
    late: ' (pavėluota {{seconds}} s)',
    held: 'Įvadas {{inject}} sulaikytas: {{reason}}',
    skipped: 'Įvadas {{inject}} praleistas: {{reason}}',
    edited: 'Įvadas {{inject}} pakeistas',
    suppressed: 'Įvadas {{inject}} turėjo būti išsiųstas, bet neišsiųstas ({{because}})',
    delivered: 'Įvadas {{inject}} pristatytas {{team}}',
    acknowledged: 'Įvadą {{inject}} patvirtino {{team}}',
    action: 'Veiksmas, {{team}}: {{action}} {{fields}}',
    message: 'Žinutė nuo {{from}} kam {{to}}: {{text}}',
    note: 'Pastaba: {{text}}',
    observation: 'Stebėjimas ({{kind}}{{rating}}){{team}}: {{text}}',
    observationTeam: ', komanda {{team}}',
    rating: 'Įvertinimas {{rating}}, {{subject}}: {{reason}}',
    reconciled: 'Galutinis įvertinimas {{rating}}, {{subject}} (vyriausiasis vertintojas): {{reason}}',
    feedback: 'Aptarimo atsiliepimas, {{team}}',
    commsSent: 'Ryšio patikra išsiųsta: {{teams}}',
    commsAcknowledged: 'Ryšio patikrą patvirtino {{team}}',
    commsConfirmed: 'Ryšio patikra užbaigta (patvirtino: {{teams}})',
    everyone: 'visiems',
    control: 'Pratybų valdymas',
    simcell: '{{organisation}} (imitacinė grupė)',
    yes: 'taip',
    no: 'ne',
  },
);

/** One line of the live feed for a log entry, in the user's language; `speed` is the exercise's (for lateness in older logs). */
export function describeEntry(entry: LogEntry, t: TFunction, speed: number): string {
  const f = (key: string, values?: Record<string, unknown>) => t(key, { ns: 'feed', ...values });
  const party = (p: Party) => (p.kind === 'team' ? p.teamId : p.kind === 'simcell' ? f('simcell', { organisation: p.organisationId }) : f('control'));
  const recipients = (r: Recipients) => (r.all ? f('everyone') : [...r.teams, ...r.organisations].join(', '));
  switch (entry.type) {
    case 'exercise.readied':
      return f('readied');
    case 'exercise.started':
      return f('started', { speed: entry.speed });
    case 'exercise.paused':
      return f('paused');
    case 'exercise.resumed':
      return entry.reason === undefined ? f('resumed') : f('resumedAfterHalt', { reason: entry.reason });
    case 'exercise.halted':
      return f('halted', { reason: entry.reason });
    case 'exercise.ended':
      return f('ended');
    case 'exercise.closed':
      return f('closed');
    case 'clock.jumped':
      return f('jumped');
    case 'state.entered':
      return f('states', { states: entry.states.join(', ') });
    case 'timer.fired':
      return f('timer', { timer: entry.timer });
    case 'decision.made':
      return f('decision', { decision: entry.decision });
    case 'milestone.reached':
      return f('milestone', { milestone: entry.milestone });
    case 'inject.released': {
      const lateByWallMs = releaseLateByWallMs(entry, speed);
      return (
        f('released', { number: entry.inject.number, teams: entry.inject.to.join(', '), subject: entry.inject.subject }) +
        (lateByWallMs ? f('late', { seconds: Math.round(lateByWallMs / 1000) }) : '')
      );
    }
    case 'inject.held':
      return f('held', { inject: entry.injectId, reason: entry.reason });
    case 'inject.skipped':
      return f('skipped', { inject: entry.injectId, reason: entry.reason });
    case 'inject.edited':
      return f('edited', { inject: entry.injectId });
    case 'inject.suppressed':
      return f('suppressed', { inject: entry.injectId, because: entry.because });
    case 'inject.delivered':
      return f('delivered', { inject: entry.injectId, team: entry.teamId });
    case 'inject.acknowledged':
      return f('acknowledged', { inject: entry.injectId, team: entry.teamId });
    case 'action.taken':
      return f('action', { team: entry.teamId, action: entry.actionId, fields: formatFields(entry.fields, f) });
    case 'message.sent':
      return f('message', { from: party(entry.from), to: recipients(entry.to), text: entry.text });
    case 'note.added':
      return f('note', { text: entry.text });
    case 'commscheck.sent':
      return f('commsSent', { teams: entry.teams.join(', ') });
    case 'commscheck.acknowledged':
      return f('commsAcknowledged', { team: entry.teamId });
    case 'commscheck.confirmed':
      return f('commsConfirmed', { teams: entry.acknowledgedTeams.join(', ') || '—' });
    case 'observation.recorded':
      return f('observation', {
        kind: entry.kind,
        rating: entry.rating ? `, ${entry.rating}` : '',
        team: entry.teamId ? f('observationTeam', { team: entry.teamId }) : '',
        text: entry.text,
      });
    case 'rating.recorded':
      return f('rating', { rating: entry.rating, subject: entry.subject.id, reason: entry.reason });
    case 'rating.reconciled':
      return f('reconciled', { rating: entry.rating, subject: entry.subject.id, reason: entry.reason });
    case 'feedback.submitted':
      return f('feedback', { team: entry.teamId });
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

export function formatFields(fields: Record<string, string | number | boolean>, f: (key: string) => string = (k) => k): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'boolean' ? f(v ? 'yes' : 'no') : v}`);
  return parts.length ? `(${parts.join(', ')})` : '';
}
