import { describe, expect, it } from 'vitest';
import { schemaCompletion, schemasAt, type JsonSchema } from './schemaCompletion.ts';
import { keyPathAt, rangeOfPath } from './yamlPlaces.ts';

const text = ['title: Port alarm', 'timeline:', '  - id: alarm', '    subject: Alarm', '  - id: call', '    channel: ph'].join('\n');

describe('places in YAML text', () => {
  it('finds the text of a document path, or the nearest part of it that exists', () => {
    const call = rangeOfPath(text, ['timeline', 1, 'id'])!;
    expect(text.slice(call.from, call.to)).toBe('id');
    const missing = rangeOfPath(text, ['timeline', 0, 'to', 0])!;
    expect(text.slice(missing.from, missing.to)).toBe('id: alarm\n    subject: Alarm\n');
  });

  it('reads the key path at the cursor from indentation, also in unfinished text', () => {
    expect(keyPathAt(text, text.length)).toEqual({ path: ['timeline', '*', 'channel'], atKey: false, key: 'channel' });
    const typing = `${text}\n    sub`;
    expect(keyPathAt(typing, typing.length)).toEqual({ path: ['timeline', '*'], atKey: true });
    expect(keyPathAt('tit', 3)).toEqual({ path: [], atKey: true });
  });
});

describe('completion from the JSON Schema', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: { title: { type: 'string' }, timeline: { type: 'array', items: { $ref: '#/definitions/Row' } } },
    definitions: { Row: { type: 'object', properties: { id: { type: 'string' }, channel: { anyOf: [{ enum: ['email', 'phone'] }] } } } },
  };

  it('follows references, list items and unions to the schema at a path', () => {
    expect(schemasAt(schema, ['timeline', '*', 'channel']).flatMap((s) => s.enum ?? [])).toEqual(['email', 'phone']);
  });

  it('offers the keys of the object at the cursor and the values of an enum after its key', () => {
    const complete = schemaCompletion(schema);
    const ask = (doc: string) =>
      complete({
        state: { doc: { toString: () => doc } },
        pos: doc.length,
        explicit: true,
        matchBefore: (re: RegExp) => {
          const m = new RegExp(`(?:${re.source})$`).exec(doc)!;
          return { from: doc.length - m[0].length, to: doc.length, text: m[0] };
        },
      } as never);
    expect(ask(`${text.split('\n').slice(0, 3).join('\n')}\n    ch`)?.options.map((o) => o.label)).toEqual(['id', 'channel']);
    expect(ask(text)?.options.map((o) => o.label)).toEqual(['email', 'phone']);
  });
});
