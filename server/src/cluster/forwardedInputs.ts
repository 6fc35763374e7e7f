import type { Actor } from '@startex/shared';
import { INPUTS, type ExerciseInput } from '@startex/scenarios/engine';
import type { Committed, ExerciseHost, Origin } from '../runtime/ExerciseHost.ts';

/** One input as it travels to the owner: the engine's input and who sent it (plain JSON, already checked by the node that received it). */
export interface HostInput {
  input: ExerciseInput;
  actor: Actor;
}

/** Runs an input on the owner's host; resolves with its first seq and its entries once they are durable (`origin` hears of them first). */
export function runInput(host: ExerciseHost, { input, actor }: HostInput, origin?: Origin): Promise<Committed> {
  return host.commit(input, actor, origin);
}

/**
 * Whether running the input twice logs it once: the engine answers a repeat of an input that has
 * a dedupe key (keyed inputs, receipts, a team's acknowledgement of a check) with the first seq.
 * These are sent again to a new owner when the one asked died without answering; the others
 * (controller commands, sending and confirming the communications check) are answered
 * OWNER_UNAVAILABLE instead.
 */
export function isRepeatable({ input }: HostInput): boolean {
  return INPUTS[input.type].dedupeKey !== undefined;
}
