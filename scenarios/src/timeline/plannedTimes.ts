import type { ScenarioDocument } from '@startex/shared';
import { compileStatechart } from '../compileStatechart.ts';
import { simulate } from '../simulate.ts';

/**
 * The planned minute of each inject, from the compiled machine itself (never typed twice): when
 * the default responses release it; else its fixed time on the timeline (a contingency at T+70);
 * else when it goes out if nobody does anything. Rows timed after a moment of play that neither
 * play reaches have none.
 */
export function plannedTimes(document: ScenarioDocument, fixedTimes: ReadonlyMap<string, number | null>): Map<string, number> {
  const scenario = compileStatechart(document);
  const planned = new Map<string, number>();
  const play = (responses: ScenarioDocument['defaultResponses']) => {
    for (const event of simulate(scenario, responses).timeline) {
      if (event.kind === 'inject' && !planned.has(event.ref)) planned.set(event.ref, event.atMs / 60_000);
    }
  };
  play(document.defaultResponses);
  for (const [id, minutes] of fixedTimes) if (minutes !== null && !planned.has(id)) planned.set(id, minutes);
  play([]);
  return planned;
}
