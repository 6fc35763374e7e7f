import { z } from 'zod';

/*
 * What text StartEx takes in and shows. Bidirectional controls (embeddings and overrides
 * U+202A-U+202E, isolates U+2066-U+2069, the marks U+200E, U+200F and U+061C) reorder text as it is
 * displayed: "Gamma alarm\u202Etxt.exe" reads "Gamma alarmexe.txt", so a sender or a subject can be
 * spoofed. StartEx's languages (Lithuanian, English) never need them. Inputs refuse them, and
 * control characters, at the schema boundary (the client strips them from what people type before
 * sending); everything shown goes through stripBidiControls, for text stored before the refusal
 * and for scenario prose.
 */

/** Every bidirectional control character. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');
/** Control characters other than tab, line feed and carriage return, and unpaired UTF-16 surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** The text without bidirectional controls: what may be shown. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** What a person typed, made acceptable to inputTextRule: bidirectional and other control characters removed. */
export function cleanTypedText(text: string): string {
  return stripBidiControls(text).replace(CONTROLS, '');
}

export const BIDI_MESSAGE =
  'contains text-direction control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), which can make text read backwards; remove them';
export const CONTROL_MESSAGE = 'contains control characters (other than tab and line breaks); remove them';

/** Refines a string schema to refuse bidirectional controls: for names and ids, which are shown as they are. */
export function noBidiControls<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine((text) => !BIDI_CONTROL.test(text), { message: `The text ${BIDI_MESSAGE}` }) as unknown as T;
}

/** Refines a string schema to refuse bidirectional and control characters, with a message saying which. */
export function inputTextRule<T extends z.ZodType<string>>(schema: T): T {
  return noBidiControls(schema).refine((text) => !CONTROL.test(text), { message: `The text ${CONTROL_MESSAGE}` }) as unknown as T;
}

/** A required text input of at most `max` characters (trimmed; not blank); no bidirectional or control characters. */
export const inputText = (max: number) => inputTextRule(z.string().max(max)).pipe(z.string().trim().min(1));

/** An id or short name a client sends: 1-`max` characters, no bidirectional or control characters. */
export const inputId = (max = 64) => inputTextRule(z.string().min(1).max(max));

/** Deeper than any valid document nests: what lies below is kept as it is (a hostile body must not overflow the stack here; its schema refuses it). */
const MAX_DEPTH = 200;

/** A JSON-like value with `change` applied to every string in it (plain objects and arrays are copied; anything else is kept). */
function mapStrings<T>(value: T, change: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return change(value) as T;
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, change, depth + 1)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapStrings(inner, change, depth + 1)])) as T;
  }
  return value;
}

/** Every string in a value made showable (stripBidiControls): what clients receive, and what the server renders into documents. */
export const withoutBidiControls = <T>(value: T): T => mapStrings(value, stripBidiControls);

/** Every string a person typed into a request made acceptable to the inputs' rules (cleanTypedText), before it is sent. */
export const withTypedTextCleaned = <T>(value: T): T => mapStrings(value, cleanTypedText);
