import {
  StartexError,
  type Actor,
  type ControllerCommand,
  type LogEvent,
  type ReconcileRatingBody,
  type RecordObservation,
  type RecordRatingBody,
  type SendMessage,
  type SubmitFeedbackBody,
  type TakeAction,
} from '@startex/shared';
import { nextTimer } from '../ScenarioRun.ts';
import { validateActionFields } from '../validateAction.ts';
import { checkReplyTo, commandEvents } from './commands.ts';
import { commsCheckAcknowledged, commsCheckConfirmed, commsCheckSent } from './commsCheckInputs.ts';
import { feedbackSubmitted, observationRecorded, ratingReconciled, ratingRecorded } from './evaluationInputs.ts';
import type { ExerciseState } from './ExerciseState.ts';
import {
  actionRequest,
  commsCheckOnce,
  feedbackRequest,
  keyed,
  messageRequest,
  observationRequest,
  ratingRequest,
  receiptOnce,
  senderOf,
  teamSender,
  type Dedupe,
} from './idempotency.ts';
import { checkRecipients } from './scenarioRefs.ts';

/** Everything that can happen to an exercise from outside: people's requests and due timers. */
export type ExerciseInput =
  | { type: 'command'; command: ControllerCommand }
  | { type: 'action'; teamId: string; action: TakeAction }
  | { type: 'message'; teamId: string; message: SendMessage }
  | { type: 'receipt'; receipt: 'inject.delivered' | 'inject.acknowledged'; teamId: string; injectId: string }
  | { type: 'observation'; observation: RecordObservation }
  | { type: 'rating'; rating: RecordRatingBody }
  | { type: 'reconciliation'; reconciliation: ReconcileRatingBody }
  | { type: 'feedback'; teamId: string; feedback: SubmitFeedbackBody }
  | { type: 'commscheck.send'; text: string }
  | { type: 'commscheck.acknowledge'; teamId: string; checkId: string }
  | { type: 'commscheck.confirm' }
  /** The earliest pending scenario timer fires (the host says when it is due). */
  | { type: 'timer' };

/** The plan an input may need before StartEx logs it: the exercise record's settings. */
export interface Plan {
  speed: number;
  scenarioStartMs: number;
  requireCommsCheck: boolean;
}

/** What an input is decided with besides the state. */
export interface DecideContext {
  actor: Actor;
  /** The exercise clock when the input came. */
  exerciseTimeMs: number;
  plan: Plan;
}

/**
 * How the engine takes one kind of input: `dedupeKey` names the request a retry would repeat
 * (idempotency.ts), `decide` checks it against the state and returns what to log, or throws a
 * catalogue error and logs nothing.
 */
export interface InputKind<I extends ExerciseInput> {
  dedupeKey?: (input: I, context: DecideContext) => Dedupe;
  decide: (state: ExerciseState, input: I, context: DecideContext) => LogEvent[];
}

type InputTable = { [T in ExerciseInput['type']]: InputKind<Extract<ExerciseInput, { type: T }>> };

/** Every input the engine takes, and how. A new input is one entry here and the log entry it decides. */
export const INPUTS: InputTable = {
  command: {
    decide: (s, { command }, context) => commandEvents(s, command, context),
  },
  action: {
    dedupeKey: ({ teamId, action }) => keyed(teamSender(teamId), action.idempotencyKey, actionRequest(action)),
    decide(s, { teamId, action: input }) {
      if (s.status !== 'live') throw new StartexError('EXERCISE_NOT_LIVE');
      const action = s.scenario.document.actions.find((a) => a.id === input.actionId);
      if (!action) throw new StartexError('UNKNOWN_ACTION', `The scenario has no action "${input.actionId}".`, 'actionId');
      if (!action.teams.includes(teamId)) throw new StartexError('ACTION_NOT_ALLOWED');
      const problem = validateActionFields(action, input.fields);
      if (problem) throw new StartexError(problem.code, problem.message, problem.path);
      if (input.injectId !== undefined && !s.injects.get(input.injectId)?.inject?.to.includes(teamId)) {
        throw new StartexError('INJECT_NOT_RELEASED', undefined, 'injectId');
      }
      const { actionId, fields, injectId, idempotencyKey } = input;
      return [{ type: 'action.taken', actionId, teamId, fields, ...(injectId !== undefined ? { injectId } : {}), idempotencyKey }];
    },
  },
  message: {
    dedupeKey: ({ teamId, message }) => keyed(teamSender(teamId), message.idempotencyKey, messageRequest(message)),
    decide(s, { teamId, message }) {
      if (s.status !== 'live' && s.status !== 'paused') throw new StartexError('EXERCISE_NOT_LIVE');
      checkRecipients(s.scenario.document, message.to.teams, message.to.organisations);
      if (message.replyTo !== undefined) checkReplyTo(s, message.replyTo, { kind: 'team', teamId });
      const { to, text, replyTo, idempotencyKey } = message;
      return [
        {
          type: 'message.sent',
          messageId: `m${s.lastSeq + 1}`,
          from: { kind: 'team', teamId },
          to: { teams: to.teams, organisations: to.organisations },
          text,
          ...(replyTo !== undefined ? { replyTo } : {}),
          idempotencyKey,
        },
      ];
    },
  },
  receipt: {
    dedupeKey: ({ receipt, teamId, injectId }) => receiptOnce(receipt, teamId, injectId),
    decide(s, { receipt, teamId, injectId }) {
      if (!s.injects.get(injectId)?.inject?.to.includes(teamId)) throw new StartexError('INJECT_NOT_RELEASED');
      return [{ type: receipt, injectId, teamId }];
    },
  },
  observation: {
    dedupeKey: ({ observation }, { actor }) => keyed(senderOf(actor), observation.idempotencyKey, observationRequest(observation)),
    decide: (s, { observation }) => [observationRecorded(s, observation)],
  },
  rating: {
    dedupeKey: ({ rating }, { actor }) => keyed(senderOf(actor), rating.idempotencyKey, ratingRequest('rating.recorded', rating)),
    decide: (s, { rating }) => [ratingRecorded(s, rating)],
  },
  reconciliation: {
    dedupeKey: ({ reconciliation }, { actor }) => keyed(senderOf(actor), reconciliation.idempotencyKey, ratingRequest('rating.reconciled', reconciliation)),
    decide: (s, { reconciliation }) => [ratingReconciled(s, reconciliation)],
  },
  feedback: {
    dedupeKey: ({ teamId, feedback }) => keyed(teamSender(teamId), feedback.idempotencyKey, feedbackRequest(feedback)),
    decide: (s, { teamId, feedback }) => [feedbackSubmitted(s, teamId, feedback)],
  },
  'commscheck.send': {
    decide: (s, { text }) => commsCheckSent(s, text),
  },
  'commscheck.acknowledge': {
    dedupeKey: ({ teamId, checkId }) => commsCheckOnce(teamId, checkId),
    decide: (s, { teamId, checkId }) => commsCheckAcknowledged(s, teamId, checkId),
  },
  'commscheck.confirm': {
    decide: (s) => commsCheckConfirmed(s),
  },
  timer: {
    decide(s) {
      const next = s.status === 'live' && s.run ? nextTimer(s.run) : undefined;
      if (!next) throw new StartexError('NOTHING_SCHEDULED');
      return [{ type: 'timer.fired', timer: next.timer, dueExerciseMs: next.dueMs }];
    },
  },
};
