import { COMMAND_ALLOWED_IN, StartexError, type ControllerCommand, type LogEvent, type Party, type ReleasedInject } from '@startex/shared';
import { nextInjectTimer, nextTimer } from '../ScenarioRun.ts';
import type { ExerciseState } from './ExerciseState.ts';
import type { DecideContext } from './inputs.ts';
import { openDecisions } from './projections.ts';
import { checkRecipients } from './scenarioRefs.ts';

/** The log events a controller command stands for, after checking it against the status and what it refers to. */
export function commandEvents(s: ExerciseState, command: ControllerCommand, context: DecideContext): LogEvent[] {
  if (!COMMAND_ALLOWED_IN[command.type].includes(s.status)) {
    throw new StartexError('ILLEGAL_TRANSITION', `Cannot ${command.type} an exercise that is ${s.status}.`);
  }
  const { document } = s.scenario;
  const notReleased = (injectId: string) => {
    if (!document.injects.some((i) => i.id === injectId)) throw new StartexError('INJECT_NOT_FOUND', undefined, 'injectId');
    if (s.injects.get(injectId)?.inject) throw new StartexError('INJECT_ALREADY_RELEASED', undefined, 'injectId');
  };
  switch (command.type) {
    case 'ready':
      // A planned exercise is readied by confirming its communications check; the system (seed, tests) may ready directly.
      if (context.actor.kind !== 'system' && context.plan.requireCommsCheck) throw new StartexError('COMMS_CHECK_REQUIRED');
      return [{ type: 'exercise.readied' }];
    case 'start':
      return [{ type: 'exercise.started', speed: context.plan.speed, scenarioStartMs: context.plan.scenarioStartMs }];
    case 'pause':
      return [{ type: 'exercise.paused' }];
    case 'resume':
      // After a real-world emergency halt the director says why it is safe to go on; a pause resumes at once.
      if (s.status === 'halted' && command.reason === undefined) throw new StartexError('HALT_RESUME_REASON_REQUIRED', undefined, 'reason');
      return [command.reason === undefined ? { type: 'exercise.resumed' } : { type: 'exercise.resumed', reason: command.reason }];
    case 'halt':
      return [{ type: 'exercise.halted', reason: command.reason }];
    case 'end':
      return [{ type: 'exercise.ended' }];
    case 'close':
      return [{ type: 'exercise.closed' }];
    case 'jump': {
      // To the next timed scenario event, whether it sends an inject or only moves the story on,
      // or past such events to the next timed inject (server/README.md). Timers passed fire in order.
      const next = s.run && (command.to === 'inject' ? nextInjectTimer(s.scenario, s.run) : nextTimer(s.run));
      if (!next) {
        throw new StartexError('NOTHING_SCHEDULED', command.to === 'inject' ? 'No timed inject is left before play ends or waits for the players; jump to the next event instead.' : undefined);
      }
      return [{ type: 'clock.jumped', toExerciseMs: Math.max(next.dueMs, Math.round(context.exerciseTimeMs)) }];
    }
    case 'speed':
      return [{ type: 'clock.speed.changed', speed: command.speed }];
    case 'release':
      notReleased(command.injectId);
      return [{ type: 'inject.released', inject: releasedCopy(s, command.injectId)! }];
    case 'hold':
      notReleased(command.injectId);
      return [{ type: 'inject.held', injectId: command.injectId, reason: command.reason }];
    case 'skip':
      notReleased(command.injectId);
      return [{ type: 'inject.skipped', injectId: command.injectId, reason: command.reason }];
    case 'edit':
      notReleased(command.injectId);
      return [{ type: 'inject.edited', injectId: command.injectId, subject: command.subject, body: command.body }];
    case 'adhoc': {
      checkRecipients(document, command.to, []);
      const number = Math.max(0, ...document.injects.map((i) => i.number)) + s.adHocCount + 1;
      const { to, channel, from, subject, body } = command;
      return [{ type: 'inject.released', inject: { id: `adhoc-${s.adHocCount + 1}`, number, channel, from, to, subject, body, kind: 'adaptive', adHoc: true } }];
    }
    case 'decide':
      if (!openDecisions(s).some((d) => d.decision === command.decision)) {
        throw new StartexError('DECISION_NOT_OPEN', `The scenario does not offer "${command.decision}" now.`, 'decision');
      }
      return [{ type: 'decision.made', decision: command.decision }];
    case 'broadcast':
      if (command.to) checkRecipients(document, command.to, []);
      return [
        {
          type: 'message.sent',
          messageId: `m${s.lastSeq + 1}`,
          from: { kind: 'control' },
          to: command.to ? { teams: command.to, organisations: [] } : { all: true, teams: [], organisations: [] },
          text: command.text,
        },
      ];
    case 'reply': {
      checkRecipients(document, [command.to], [command.organisationId]);
      const from: Party = { kind: 'simcell', organisationId: command.organisationId };
      if (command.replyTo !== undefined) checkReplyTo(s, command.replyTo, from);
      return [
        {
          type: 'message.sent',
          messageId: `m${s.lastSeq + 1}`,
          from,
          to: { teams: [command.to], organisations: [] },
          text: command.text,
          ...(command.replyTo !== undefined ? { replyTo: command.replyTo } : {}),
        },
      ];
    }
    case 'note':
      return [{ type: 'note.added', text: command.text }];
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

/** A reply must answer a message that was addressed to whoever replies. */
export function checkReplyTo(s: ExerciseState, messageId: string, replier: Party): void {
  const original = s.messages.get(messageId);
  const addressed =
    original &&
    (original.all ||
      (replier.kind === 'team' && original.teams.includes(replier.teamId)) ||
      (replier.kind === 'simcell' && original.organisations.includes(replier.organisationId)));
  if (!addressed) throw new StartexError('VALIDATION_FAILED', `There is no message "${messageId}" to reply to.`, 'replyTo');
}

/** The copy of a scenario inject the teams are sent, with control's edits in it; undefined for an id the scenario lacks. */
export function releasedCopy(s: ExerciseState, injectId: string): ReleasedInject | undefined {
  const inject = s.scenario.document.injects.find((i) => i.id === injectId);
  if (!inject) return undefined;
  const edited = s.injects.get(injectId)?.edited;
  return {
    id: inject.id,
    number: inject.number,
    channel: inject.channel,
    from: inject.from,
    to: inject.to,
    subject: edited?.subject ?? inject.subject,
    body: edited?.body ?? inject.body,
    kind: inject.kind,
    ...(inject.attachments.length > 0 ? { attachments: inject.attachments } : {}),
  };
}
