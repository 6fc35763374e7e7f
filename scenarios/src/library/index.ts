import { ScenarioDocument } from '@startex/shared';
import { demo } from './demo.ts';

/** The built-in scenarios, parsed by the same schema an uploaded document meets. */
export const LIBRARY: Readonly<Record<string, ScenarioDocument>> = Object.fromEntries(
  [demo].map((input) => {
    const document = ScenarioDocument.parse(input);
    return [document.id, document];
  }),
);
