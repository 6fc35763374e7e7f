import type { ActionField, FieldValue, ParticipantAction } from '@startex/shared';

export type { FieldValue };
/** What the form holds: text as typed, checkboxes as booleans, the options ticked of a multi-choice field. */
export type FormValues = Record<string, string | boolean | string[]>;

/** Why a field is not valid, as an i18n key under `tablet:field.problem` with its parameters. */
export type FieldProblem =
  | { problem: 'required' }
  | { problem: 'number' }
  | { problem: 'min'; min: number }
  | { problem: 'max'; max: number }
  | { problem: 'choice' }
  | { problem: 'maxLength'; max: number; length: number }
  | { problem: 'fewPicks'; min: number }
  | { problem: 'manyPicks'; max: number }
  | { problem: 'time' };

/** The server's default limit for text fields without a maxLength (scenarios/src/validateAction.ts). */
export const DEFAULT_MAX_LENGTH = 2000;

/** Parses a typed number; accepts a decimal comma, as Lithuanian keyboards write it. */
export function parseNumber(text: string): number | undefined {
  const normalised = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised)) return undefined;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/** A typed time of day as the server wants it ("9:05" and "09.05" become "09:05"); undefined if it is none. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined;
}

function checkField(field: ActionField, raw: string | boolean | string[] | undefined): { value?: FieldValue; problem?: FieldProblem } {
  if (field.type === 'boolean') return { value: raw === true };
  if (field.type === 'multi-choice') {
    const picked = Array.isArray(raw) ? (field.options ?? []).filter((o) => raw.includes(o)) : [];
    if (picked.length === 0) return field.required ? { problem: { problem: 'required' } } : {};
    if (field.min !== undefined && picked.length < field.min) return { problem: { problem: 'fewPicks', min: field.min } };
    if (field.max !== undefined && picked.length > field.max) return { problem: { problem: 'manyPicks', max: field.max } };
    return { value: picked };
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return field.required ? { problem: { problem: 'required' } } : {};
  switch (field.type) {
    case 'number': {
      const value = parseNumber(text);
      if (value === undefined) return { problem: { problem: 'number' } };
      if (field.min !== undefined && value < field.min) return { problem: { problem: 'min', min: field.min } };
      if (field.max !== undefined && value > field.max) return { problem: { problem: 'max', max: field.max } };
      return { value };
    }
    case 'choice':
    case 'team':
      return (field.options ?? []).includes(text) ? { value: text } : { problem: { problem: 'choice' } };
    case 'time': {
      const value = parseTimeOfDay(text);
      return value === undefined ? { problem: { problem: 'time' } } : { value };
    }
    case 'text': {
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
      return text.length > max ? { problem: { problem: 'maxLength', max, length: text.length } } : { value: text };
    }
    default: {
      const exhaustive: never = field.type;
      return exhaustive;
    }
  }
}

/**
 * Mirrors the server's check of an action's fields (required, number range, choice options,
 * picks of a multi-choice field, a time of day, text length) so the team sees every problem at
 * once, per field, before anything is queued.
 */
export function checkFields(action: ParticipantAction, values: FormValues): { fields: Record<string, FieldValue>; problems: Record<string, FieldProblem> } {
  const fields: Record<string, FieldValue> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of action.fields) {
    const { value, problem } = checkField(field, values[field.name]);
    if (problem) problems[field.name] = problem;
    else if (value !== undefined) fields[field.name] = value;
  }
  return { fields, problems };
}
