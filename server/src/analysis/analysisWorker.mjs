// The analysis worker's entry when the server runs from its TypeScript sources (tsx, vitest). A
// worker thread does not always inherit the parent's TypeScript loader (vitest's is not a Node
// loader at all), so this plain JavaScript file loads the task through tsx itself. The bundle
// builds the task into dist/analysisTask.mjs instead (server/scripts/bundle.ts).
import { tsImport } from 'tsx/esm/api';

export const { runAnalysis } = await tsImport('./analysisTask.ts', import.meta.url);
