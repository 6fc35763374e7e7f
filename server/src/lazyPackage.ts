import { createRequire } from 'node:module';

const requirePackage = createRequire(import.meta.url);

/**
 * A package loaded on first use instead of at start. The document and chart generators (pdfkit,
 * exceljs, docx, vega, resvg) take seconds to load and are not needed to resume play, and a
 * restart after a crash must have tablets back within seconds.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requirePackage(name) as T);
}

/** The same for a package that is only published as an ES module. */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
