import { StartexError, type LogEvent } from '@startex/shared';
import type { ExerciseState } from './ExerciseState.ts';

/*
 * The communications check before StartEx: a test message to every team's tablets, their
 * acknowledgements, and the director's confirmation that readies the exercise. Each decides on
 * the folded state and returns what to log, or throws a catalogue error.
 */

/** Sends a test message to every team's tablets before StartEx (again, if tablets changed). */
export function commsCheckSent(s: ExerciseState, text: string): LogEvent[] {
  if (s.status !== 'draft' && s.status !== 'ready') throw new StartexError('ILLEGAL_TRANSITION', `A communications check is for before StartEx; the exercise is ${s.status}.`);
  const teams = s.scenario.document.teams.map((t) => t.id);
  return [{ type: 'commscheck.sent', checkId: `c${s.lastSeq + 1}`, teams, text }];
}

/** A team's acknowledgement of the current check (a repeat is answered by the engine's dedupe). */
export function commsCheckAcknowledged(s: ExerciseState, teamId: string, checkId: string): LogEvent[] {
  const check = s.commsCheck;
  if (!check || check.checkId !== checkId || !check.teams.includes(teamId)) throw new StartexError('VALIDATION_FAILED', `No communications check "${checkId}" for your team.`, 'checkId');
  if (s.status !== 'draft' && s.status !== 'ready') throw new StartexError('ILLEGAL_TRANSITION');
  return [{ type: 'commscheck.acknowledged', checkId, teamId }];
}

/** The director's word that communications work: the check is closed and the exercise ready for StartEx. */
export function commsCheckConfirmed(s: ExerciseState): LogEvent[] {
  const check = s.commsCheck;
  if (s.status !== 'draft') throw new StartexError('ILLEGAL_TRANSITION', `Cannot confirm a communications check of an exercise that is ${s.status}.`);
  if (!check) throw new StartexError('COMMS_CHECK_NOT_SENT');
  return [
    { type: 'commscheck.confirmed', checkId: check.checkId, acknowledgedTeams: check.acknowledged.map((a) => a.teamId) },
    { type: 'exercise.readied' },
  ];
}
