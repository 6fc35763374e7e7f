import type { ParticipantAction } from '@startex/shared';
import type { ErrorDetail } from '@startex/shared';

type FieldValue = string | number | boolean;

/** A text field without maxLength takes this many characters. */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;

/**
 * Checks a participant's action fields against the scenario's action catalogue entry.
 * Returns the first problem, or undefined when the fields are valid.
 */
export function validateActionFields(
  action: ParticipantAction,
  fields: Record<string, FieldValue>,
): ErrorDetail | undefined {
  const problem = (name: string, message: string): ErrorDetail => ({
    code: 'INVALID_ACTION_PAYLOAD',
    message,
    path: `fields.${name}`,
  });
  const known = new Set(action.fields.map((f) => f.name));
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) return problem(name, `"${action.id}" has no field "${name}".`);
  }
  for (const field of action.fields) {
    const value = fields[field.name];
    if (value === undefined || value === '') {
      if (field.required) return problem(field.name, `"${field.label}" is required.`);
      continue;
    }
    switch (field.type) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          return problem(field.name, `"${field.label}" must be a number.`);
        if (field.min !== undefined && value < field.min)
          return problem(field.name, `"${field.label}" must be at least ${field.min}.`);
        if (field.max !== undefined && value > field.max)
          return problem(field.name, `"${field.label}" must be at most ${field.max}.`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return problem(field.name, `"${field.label}" must be yes or no.`);
        break;
      case 'choice':
        if (typeof value !== 'string' || !(field.options ?? []).includes(value))
          return problem(field.name, `"${field.label}" must be one of: ${(field.options ?? []).join(', ')}.`);
        break;
      case 'text':
        if (typeof value !== 'string') return problem(field.name, `"${field.label}" must be text.`);
        if (value.length > (field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH))
          return problem(field.name, `"${field.label}" is longer than ${field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH} characters.`);
        break;
      default: {
        const exhaustive: never = field.type;
        return exhaustive;
      }
    }
  }
  return undefined;
}
