import type { ExerciseHost } from '../runtime/ExerciseHost.ts';

/** The host methods that append to the log: on a node that does not own the exercise they run on its owner. */
type InputMethod =
  | 'command'
  | 'takeAction'
  | 'sendMessage'
  | 'recordObservation'
  | 'recordRating'
  | 'reconcileRating'
  | 'submitFeedback'
  | 'sendCommsCheck'
  | 'acknowledgeCommsCheck'
  | 'confirmCommsCheck'
  | 'markDelivered'
  | 'acknowledge';

/** One input as it travels to the owner: the method and its arguments (plain JSON, already checked by the node that received it). */
export type HostInput = { [M in InputMethod]: { method: M; args: Parameters<ExerciseHost[M]> } }[InputMethod];

/** Runs an input on the owner's host; resolves with its first seq once it is durable. */
export function runInput(host: ExerciseHost, input: HostInput): Promise<number> {
  switch (input.method) {
    case 'command':
      return host.command(...input.args);
    case 'takeAction':
      return host.takeAction(...input.args);
    case 'sendMessage':
      return host.sendMessage(...input.args);
    case 'recordObservation':
      return host.recordObservation(...input.args);
    case 'recordRating':
      return host.recordRating(...input.args);
    case 'reconcileRating':
      return host.reconcileRating(...input.args);
    case 'submitFeedback':
      return host.submitFeedback(...input.args);
    case 'sendCommsCheck':
      return host.sendCommsCheck(...input.args);
    case 'acknowledgeCommsCheck':
      return host.acknowledgeCommsCheck(...input.args);
    case 'confirmCommsCheck':
      return host.confirmCommsCheck(...input.args);
    case 'markDelivered':
      return host.markDelivered(...input.args);
    case 'acknowledge':
      return host.acknowledge(...input.args);
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
}

/**
 * Whether running the input twice logs it once: keyed inputs and receipts answer a repeat with the
 * first seq. These are sent again to a new owner when the one asked died without answering; the
 * others (controller commands, the communications check) are answered OWNER_UNAVAILABLE instead.
 */
export function isRepeatable(input: HostInput): boolean {
  switch (input.method) {
    case 'takeAction':
    case 'sendMessage':
    case 'recordObservation':
    case 'recordRating':
    case 'reconcileRating':
    case 'submitFeedback':
    case 'acknowledgeCommsCheck':
    case 'markDelivered':
    case 'acknowledge':
      return true;
    case 'command':
    case 'sendCommsCheck':
    case 'confirmCommsCheck':
      return false;
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
}
