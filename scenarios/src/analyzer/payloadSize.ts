import {
  clientFrameBytes,
  kilobytes,
  MAX_BYTES_PER_TEXT_UNIT,
  MAX_CLIENT_FRAME_BYTES,
  TakeAction,
  utf8Length,
  type ActionField,
  type FieldValue,
  type ParticipantAction,
  type ScenarioDocument,
} from '@startex/shared';
import { DEFAULT_TEXT_MAX_LENGTH } from '../validateAction.ts';
import { jsonPath, type Problem } from './Problem.ts';

/** A character that takes the most bytes a text character may take in a frame (3 in UTF-8). */
const WIDEST = '\u0800';
/** A number whose JSON is as long as any finite number's (24 characters). */
const LONGEST_NUMBER = -1.7976931348623157e308;
/** Inject ids are ASCII (scenario ids, ad hoc ids): one byte each, as long as TakeAction allows. */
const LONGEST_INJECT_ID = 'x'.repeat(TakeAction.shape.injectId.unwrap().maxLength ?? 64);
/** Team ids are scenario ids: ASCII, at most 64 characters. */
const LONGEST_ID = 'x'.repeat(64);
const LONGEST_KEY = WIDEST.repeat(TakeAction.shape.idempotencyKey.maxLength ?? 100);

/** The largest value of a field that validateActionFields lets through. */
function largestValue(field: ActionField): FieldValue {
  switch (field.type) {
    case 'text':
      return WIDEST.repeat(field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH);
    case 'number':
      return LONGEST_NUMBER;
    case 'boolean':
      return false;
    case 'choice':
      return (field.options ?? []).reduce((longest, option) => (utf8Length(JSON.stringify(option)) > utf8Length(JSON.stringify(longest)) ? option : longest), '');
    case 'multi-choice':
      return field.options ?? [];
    case 'team':
      return LONGEST_ID;
    case 'time':
      return '23:59';
    default: {
      const exhaustive: never = field.type;
      return exhaustive;
    }
  }
}

/** The largest `action.take` a tablet can send for an action: every field at its largest, answering an inject, with the longest key. */
export function largestTakeAction(action: ParticipantAction): TakeAction {
  return {
    actionId: action.id,
    fields: Object.fromEntries(action.fields.map((field) => [field.name, largestValue(field)])),
    injectId: LONGEST_INJECT_ID,
    idempotencyKey: LONGEST_KEY,
  };
}

/**
 * Every action's largest valid report must fit in one client frame (MAX_CLIENT_FRAME_BYTES):
 * socket.io cannot carry a larger one, so a tablet could never send it.
 */
export function checkPayloadSizes(document: ScenarioDocument): Problem[] {
  return document.actions.flatMap((action, i) => {
    const bytes = clientFrameBytes('action.take', [largestTakeAction(action)]);
    if (bytes <= MAX_CLIENT_FRAME_BYTES) return [];
    const characters = action.fields.reduce((sum, f) => sum + (f.type === 'text' ? (f.maxLength ?? DEFAULT_TEXT_MAX_LENGTH) : 0), 0);
    return [
      {
        severity: 'error' as const,
        rule: 'payload-too-large',
        path: jsonPath(['actions', i, 'fields']),
        message:
          `Action "${action.id}" can make a report of ${kilobytes(bytes)} (${characters.toLocaleString('en')} characters of text fields, ` +
          `up to ${MAX_BYTES_PER_TEXT_UNIT} bytes each), over the ${kilobytes(MAX_CLIENT_FRAME_BYTES)} a tablet can send at once. ` +
          `Give its text fields a smaller maxLength (without one a field takes ${DEFAULT_TEXT_MAX_LENGTH.toLocaleString('en')}) or split the action into several.`,
      },
    ];
  });
}
