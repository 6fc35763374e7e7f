import type { TFunction } from 'i18next';
import type { LogEntry } from '@startex/shared';
import { addStrings } from '../i18n/index.ts';
import type { ExerciseWords, TimerEffect } from './exerciseWords.ts';

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
    speed: 'Speed changed to ×{{speed}}',
    states: 'Scenario phase: {{states}}',
    timer: 'Scenario timer ({{timer}}): {{effects}}',
    timerEffect: {
      phase: 'moved on to {{phase}}',
      released: 'released {{inject}}',
      suppressed: '{{inject}} not sent ({{because}})',
      milestone: 'milestone {{milestone}}',
      ended: 'EndEx',
      none: 'nothing released, phase unchanged',
    },
    decision: 'Decision: {{decision}}',
    milestone: 'Milestone: {{milestone}}',
    released: 'Inject #{{number}} released to {{teams}}: {{subject}}',
    late: ' (late by {{seconds}} s)',
    held: 'Inject {{inject}} held: {{reason}}',
    skipped: 'Inject {{inject}} skipped: {{reason}}',
    edited: 'Inject {{inject}} edited',
    suppressed: 'Inject {{inject}} due but not sent ({{because}})',
    because: { held: 'it is held', skipped: 'it was skipped', 'already-released': 'it is already out' },
    delivered: 'Inject {{inject}} delivered to {{team}}',
    acknowledged: 'Inject {{inject}} acknowledged by {{team}}',
    action: '{{team}}: {{action}}',
    message: 'Message from {{from}} to {{to}}: {{text}}',
    note: 'Note: {{text}}',
    observation: 'Observation ({{kind}}{{rating}}){{team}}: {{text}}',
    observationTeam: ' on {{team}}',
    kind: { strength: 'strength', 'area-for-improvement': 'area for improvement', note: 'note' },
    rating: 'Rating {{rating}} of “{{subject}}”: {{reason}}',
    reconciled: 'Final rating {{rating}} of “{{subject}}” (exercise director): {{reason}}',
    feedback: 'Hot-wash feedback from {{team}}',
    commsSent: 'Communications check sent to {{teams}}',
    commsAcknowledged: 'Communications check acknowledged by {{team}}',
    commsConfirmed: 'Communications check confirmed (acknowledged: {{teams}})',
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
    speed: 'Greitis pakeistas į ×{{speed}}',
    states: 'Scenarijaus etapas: {{states}}',
    timer: 'Scenarijaus laikmatis ({{timer}}): {{effects}}',
    timerEffect: {
      phase: 'pereita į etapą {{phase}}',
      released: 'išsiųstas įvadas {{inject}}',
      suppressed: 'įvadas {{inject}} neišsiųstas ({{because}})',
      milestone: 'pasiektas etapas {{milestone}}',
      ended: 'pratybų pabaiga',
      none: 'nieko neišsiųsta, etapas nepakito',
    },
    decision: 'Sprendimas: {{decision}}',
    milestone: 'Etapas: {{milestone}}',
    released: 'Įvadas #{{number}} išsiųstas: {{teams}}: {{subject}}',
    late: ' (pavėluota {{seconds}} s)',
    held: 'Įvadas {{inject}} sulaikytas: {{reason}}',
    skipped: 'Įvadas {{inject}} praleistas: {{reason}}',
    edited: 'Įvadas {{inject}} pakeistas',
    suppressed: 'Įvadas {{inject}} turėjo būti išsiųstas, bet neišsiųstas ({{because}})',
    because: { held: 'jis sulaikytas', skipped: 'jis praleistas', 'already-released': 'jis jau išsiųstas' },
    delivered: 'Įvadas {{inject}} pristatytas: {{team}}',
    acknowledged: 'Įvadą {{inject}} patvirtino {{team}}',
    action: '{{team}}: {{action}}',
    message: 'Žinutė nuo {{from}} kam {{to}}: {{text}}',
    note: 'Pastaba: {{text}}',
    observation: 'Stebėjimas ({{kind}}{{rating}}){{team}}: {{text}}',
    observationTeam: ', komanda {{team}}',
    kind: { strength: 'stiprybė', 'area-for-improvement': 'tobulintina sritis', note: 'pastaba' },
    rating: 'Įvertinimas {{rating}}, „{{subject}}“: {{reason}}',
    reconciled: 'Galutinis įvertinimas {{rating}}, „{{subject}}“ (pratybų vadovas): {{reason}}',
    feedback: 'Aptarimo atsiliepimas, {{team}}',
    commsSent: 'Ryšio patikra išsiųsta: {{teams}}',
    commsAcknowledged: 'Ryšio patikrą patvirtino {{team}}',
    commsConfirmed: 'Ryšio patikra užbaigta (patvirtino: {{teams}})',
  },
);

/** One line of a feed for a log entry, in the user's language, with names and titles for every id. */
export function describeEntry(entry: LogEntry, t: TFunction, words: ExerciseWords): string {
  const f = (key: string, values?: Record<string, unknown>) => t(key, { ns: 'feed', ...values });
  const teams = (ids: readonly string[]) => ids.map(words.team).join(', ');
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
    case 'clock.speed.changed':
      return f('speed', { speed: entry.speed });
    case 'state.entered':
      return f('states', { states: words.phase(entry.states) });
    case 'timer.fired': {
      const did = words.timerEffects(entry);
      // Past EndEx there is no phase to move on to.
      const effects = (did.some((e) => e.type === 'exercise.ended') ? did.filter((e) => e.type !== 'state.entered') : did).map((effect) => timerEffect(effect, f, words));
      return f('timer', { timer: words.timer(entry.timer), effects: effects.length ? effects.join('; ') : f('timerEffect.none') });
    }
    case 'decision.made':
      return f('decision', { decision: words.decision(entry.decision) });
    case 'milestone.reached':
      return f('milestone', { milestone: words.milestone(entry.milestone) });
    case 'inject.released': {
      const lateByWallMs = words.lateByWallMs(entry);
      return (
        f('released', { number: entry.inject.number, teams: teams(entry.inject.to), subject: entry.inject.subject }) +
        (lateByWallMs ? f('late', { seconds: Math.round(lateByWallMs / 1000) }) : '')
      );
    }
    case 'inject.held':
      return f('held', { inject: words.inject(entry.injectId), reason: entry.reason });
    case 'inject.skipped':
      return f('skipped', { inject: words.inject(entry.injectId), reason: entry.reason });
    case 'inject.edited':
      return f('edited', { inject: words.inject(entry.injectId) });
    case 'inject.suppressed':
      return f('suppressed', { inject: words.inject(entry.injectId), because: f(`because.${entry.because}`) });
    case 'inject.delivered':
      return f('delivered', { inject: words.inject(entry.injectId), team: words.team(entry.teamId) });
    case 'inject.acknowledged':
      return f('acknowledged', { inject: words.inject(entry.injectId), team: words.team(entry.teamId) });
    case 'action.taken': {
      const fields = Object.entries(entry.fields).map(([name, value]) => words.field(entry.actionId, name, value));
      const action = words.action(entry.actionId) + (fields.length ? ` (${fields.join(' · ')})` : '');
      return f('action', { team: words.team(entry.teamId), action });
    }
    case 'message.sent':
      return f('message', { from: words.party(entry.from), to: words.recipients(entry.to), text: entry.text });
    case 'note.added':
      return f('note', { text: entry.text });
    case 'commscheck.sent':
      return f('commsSent', { teams: teams(entry.teams) });
    case 'commscheck.acknowledged':
      return f('commsAcknowledged', { team: words.team(entry.teamId) });
    case 'commscheck.confirmed':
      return f('commsConfirmed', { teams: teams(entry.acknowledgedTeams) || '—' });
    case 'observation.recorded':
      return f('observation', {
        kind: f(`kind.${entry.kind}`),
        rating: entry.rating ? `, ${entry.rating}` : '',
        team: entry.teamId ? f('observationTeam', { team: words.team(entry.teamId) }) : '',
        text: entry.text,
      });
    case 'rating.recorded':
      return f('rating', { rating: entry.rating, subject: words.ratingSubject(entry.subject), reason: entry.reason });
    case 'rating.reconciled':
      return f('reconciled', { rating: entry.rating, subject: words.ratingSubject(entry.subject), reason: entry.reason });
    case 'feedback.submitted':
      return f('feedback', { team: words.team(entry.teamId) });
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

/** What a scenario timer did, as one clause of its feed line: "released #4 Driver leaves". */
function timerEffect(effect: TimerEffect, f: (key: string, values?: Record<string, unknown>) => string, words: ExerciseWords): string {
  switch (effect.type) {
    case 'state.entered':
      return f('timerEffect.phase', { phase: words.phase(effect.states) });
    case 'inject.released':
      return f('timerEffect.released', { inject: words.inject(effect.inject.id) });
    case 'inject.suppressed':
      return f('timerEffect.suppressed', { inject: words.inject(effect.injectId), because: f(`because.${effect.because}`) });
    case 'milestone.reached':
      return f('timerEffect.milestone', { milestone: words.milestone(effect.milestone) });
    case 'exercise.ended':
      return f('timerEffect.ended');
    default: {
      const exhaustive: never = effect;
      return exhaustive;
    }
  }
}
