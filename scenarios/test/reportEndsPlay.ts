import { ScenarioDocument } from '@startex/shared';
import { LIBRARY } from '../src/library/index.ts';

/**
 * The demo's alarm in the timeline form, where a report changes only when play ends: EndEx 5
 * minutes after customs reports, else at T+30. Reporting or not releases the same injects, so only
 * the time of EndEx tells the two outcomes apart.
 */
export function reportEndsPlay(): ScenarioDocument {
  const { injects, machine: _machine, ...demo } = structuredClone(LIBRARY.demo!);
  const { scenarioTime: _time, number: _number, ...alarm } = injects.find((inject) => inject.id === 'portal_alarm')!;
  return ScenarioDocument.parse({
    ...demo,
    id: 'report_ends_play',
    title: 'A report that ends play early',
    injects: [],
    machine: {},
    defaultResponses: [],
    timeline: [{ ...alarm, at: 'T+2' }],
    endex: [{ at: 'T+30' }, { after: { action: 'report_alarm', since: 'portal_alarm', minutes: 5 } }],
  });
}
