import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18next } from './index.ts';

const CLIENT_SRC = join(import.meta.dirname, '..');

/** Every client module that registers a namespace, found by reading the sources, so a new one is checked too. */
function stringModules(dir = CLIENT_SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return stringModules(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name) || path === join(CLIENT_SRC, 'i18n/index.ts')) return [];
    return /\baddStrings\(/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

/** "a.b.c" → string for every leaf of a resource bundle. */
function leaves(bundle: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(bundle as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).sort();

let namespaces: string[] = [];
beforeAll(async () => {
  for (const path of stringModules()) await import(path);
  namespaces = Object.keys(i18next.store.data.en ?? {}).sort();
});

describe('translations', () => {
  it('loads every view’s namespace', () => {
    // The list is read from the sources; these are the ones that exist today, so the walk cannot silently find none.
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'console', 'tablet', 'evaluator', 'display', 'planning', 'review']));
    expect(stringModules().map((p) => relative(CLIENT_SRC, p))).toContain('console/strings.ts');
  });

  it('every English key has a Lithuanian string that is not empty', () => {
    const missing: string[] = [];
    for (const ns of namespaces) {
      const en = leaves(i18next.getResourceBundle('en', ns));
      const lt = leaves(i18next.getResourceBundle('lt', ns) ?? {});
      for (const key of en.keys()) {
        // Lithuanian plurals are _one/_few/_many/_other: English _one/_other must each exist; checked below.
        const value = lt.get(key);
        if (typeof value !== 'string' || value.trim() === '') missing.push(`${ns}:${key}`);
      }
      // Lithuanian-only keys (the extra plural forms) must not be empty either.
      for (const [key, value] of lt) if (!en.has(key) && (typeof value !== 'string' || value.trim() === '')) missing.push(`${ns}:${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('every Lithuanian plural has all four forms (one, few, many, other)', () => {
    const incomplete: string[] = [];
    for (const ns of namespaces) {
      const lt = leaves(i18next.getResourceBundle('lt', ns) ?? {});
      const bases = new Set([...lt.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      for (const base of bases) {
        for (const form of ['one', 'few', 'many', 'other']) if (!lt.has(`${base}_${form}`)) incomplete.push(`${ns}:${base}_${form}`);
      }
    }
    expect(incomplete).toEqual([]);
  });

  it('a Lithuanian string uses the same {{variables}} as the English one', () => {
    const different: string[] = [];
    for (const ns of namespaces) {
      const en = leaves(i18next.getResourceBundle('en', ns));
      const lt = leaves(i18next.getResourceBundle('lt', ns) ?? {});
      for (const [key, text] of lt) {
        // Lithuanian-only plural forms compare with the English "other".
        const english = en.get(key) ?? en.get(key.replace(PLURAL, '_other'));
        if (typeof english !== 'string' || typeof text !== 'string') continue;
        // A singular may spell out "one" instead of printing {{count}}.
        const ignore = (v: string) => v === 'count' && PLURAL.test(key);
        const a = variables(english).filter((v) => !ignore(v));
        const b = variables(text).filter((v) => !ignore(v));
        if (a.join() !== b.join()) different.push(`${ns}:${key} en {${a.join()}} lt {${b.join()}}`);
      }
    }
    expect(different).toEqual([]);
  });
});
