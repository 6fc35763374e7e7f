import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles the server into one JavaScript file, `server/dist/main.mjs`, so that a start (and a
 * restart after a crash) loads one file instead of transpiling hundreds of TypeScript modules
 * through tsx and resolving thousands of package files: about a third of the start time.
 *
 * The scenario analysis worker's task is a second entry point, `server/dist/analysisTask.mjs`.
 * Native addons, the document generators that read their own files (fonts, templates) at run
 * time, and the worker pool (which starts its threads on its own files) stay ordinary packages. Each source file keeps its own `import.meta.url`, so paths
 * it resolves from it (migrations, the client build) are the same as under tsx.
 */
const SERVER_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(SERVER_ROOT, 'dist/main.mjs');
/** The scenario analysis worker's task, bundled on its own: a worker thread loads it by file. */
const ANALYSIS_WORKER = join(SERVER_ROOT, 'dist/analysisTask.mjs');

// @fastify/swagger-ui serves swagger-ui's files from its own folder.
const EXTERNAL = ['better-sqlite3', 'piscina', '@node-rs/argon2', '@resvg/resvg-js', 'pdfkit', 'docx', 'exceljs', 'vega', 'vega-lite', 'qrcode', 'csv-parse', '@fastify/swagger-ui'];

export async function bundleServer(): Promise<string> {
  await build({
    entryPoints: { main: join(SERVER_ROOT, 'src/main.ts'), analysisTask: join(SERVER_ROOT, 'src/analysis/analysisTask.ts') },
    outdir: dirname(BUNDLE),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    // The pool (server/src/analysis/ScenarioAnalysis.ts) starts its threads on the bundled task, not on the sources.
    define: { STARTEX_ANALYSIS_WORKER: JSON.stringify(pathToFileURL(ANALYSIS_WORKER).href) },
    // Bundled CommonJS packages still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __startexRequire } from 'node:module'; const require = __startexRequire(import.meta.url);" },
    plugins: [
      {
        name: 'source-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
            contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
    logLevel: 'warning',
  });
  return BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  console.log(`${await bundleServer()} (${(performance.now() - t0).toFixed(0)} ms)`);
}
