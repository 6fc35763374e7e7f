import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { keyPathAt } from './yamlPlaces.ts';

/** The parts of a JSON Schema that completion reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  definitions?: Record<string, JsonSchema>;
  $defs?: Record<string, JsonSchema>;
}

/** Every alternative a schema allows at this place, references followed. */
function alternatives(schema: JsonSchema | undefined, root: JsonSchema, depth = 0): JsonSchema[] {
  if (!schema || depth > 20) return [];
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/(definitions|\$defs)\//, '');
    return alternatives(root.definitions?.[name] ?? root.$defs?.[name], root, depth + 1);
  }
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return [schema, ...branches.flatMap((b) => alternatives(b, root, depth + 1))];
}

/** The schemas at a key path (`'*'` is a list item). */
export function schemasAt(root: JsonSchema, path: readonly string[]): JsonSchema[] {
  let here = alternatives(root, root);
  for (const segment of path) {
    here = here.flatMap((s) =>
      segment === '*'
        ? alternatives(s.items, root)
        : alternatives(s.properties?.[segment] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined), root),
    );
  }
  return here;
}

/**
 * Completion from the scenario document's JSON Schema (served at /api/scenarios/schema.json):
 * the keys an object may hold where the cursor is, and the values an enum allows after `key: `.
 */
export function schemaCompletion(schema: JsonSchema) {
  return (context: CompletionContext): CompletionResult | null => {
    const text = context.state.doc.toString();
    const place = keyPathAt(text, context.pos);
    const word = context.matchBefore(/[\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const schemas = schemasAt(schema, place.path);
    if (place.atKey) {
      const keys = new Map<string, string | undefined>();
      for (const s of schemas) for (const [key, value] of Object.entries(s.properties ?? {})) if (!keys.has(key)) keys.set(key, value.description);
      if (keys.size === 0) return null;
      return { from: word.from, options: [...keys].map(([label, info]) => ({ label, type: 'property', apply: `${label}: `, ...(info ? { info } : {}) })), validFor: /^[\w-]*$/ };
    }
    const values = new Set<string>();
    for (const s of schemas) {
      for (const v of s.enum ?? []) values.add(String(v));
      if (s.const !== undefined) values.add(String(s.const));
      if (s.type === 'boolean') ['true', 'false'].forEach((v) => values.add(v));
    }
    if (values.size === 0) return null;
    return { from: word.from, options: [...values].map((label) => ({ label, type: 'enum' })), validFor: /^[\w-]*$/ };
  };
}
