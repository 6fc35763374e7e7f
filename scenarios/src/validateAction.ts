import type { ErrorDetail, FieldValue, ParticipantAction } from '@startex/shared';

const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** A text field without maxLength takes this many characters. */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;

/**
 * Checks a participant's action fields against the scenario's action catalogue entry.
 * Returns the first problem, or undefined when the fields are valid. A `team` field offers its
 * options (the compiled document lists every team there when the author did not restrict them).
 */
export function validateActionFields(action: ParticipantAction, fields: Record<string, FieldValue>): ErrorDetail | undefined {
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
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0 && field.type === 'multi-choice')) {
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
      case 'team':
        if (typeof value !== 'string' || !(field.options ?? []).includes(value))
          return problem(field.name, `"${field.label}" must be one of: ${(field.options ?? []).join(', ')}.`);
        break;
      case 'multi-choice': {
        const options = field.options ?? [];
        if (!Array.isArray(value) || value.some((v) => !options.includes(v)))
          return problem(field.name, `"${field.label}" must be a list of: ${options.join(', ')}.`);
        if (new Set(value).size !== value.length) return problem(field.name, `"${field.label}" names an option twice.`);
        if (field.min !== undefined && value.length < field.min)
          return problem(field.name, `"${field.label}" needs at least ${field.min} picked.`);
        if (field.max !== undefined && value.length > field.max)
          return problem(field.name, `"${field.label}" allows at most ${field.max} picked.`);
        break;
      }
      case 'time':
        if (typeof value !== 'string' || !TIME_OF_DAY.test(value))
          return problem(field.name, `"${field.label}" must be a time of day such as 14:05.`);
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
