import type { ScenarioDocument } from '@startex/shared';
import { loadLibrary } from './loadLibrary.ts';

/** The built-in scenarios (the YAML files here), as they are written: parsed by the schema an upload meets. */
export const LIBRARY: Readonly<Record<string, ScenarioDocument>> = loadLibrary();
