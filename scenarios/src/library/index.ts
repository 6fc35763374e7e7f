import { ScenarioDocument } from '@startex/shared';
import { demo } from './demo.ts';
import { detectionPortalAlarm } from './detectionPortalAlarm.ts';
import { preventionInsider } from './preventionInsider.ts';
import { responseCityDevice } from './responseCityDevice.ts';
import { stolenCobaltSource } from './stolenCobaltSource.ts';

/** The built-in scenarios, parsed by the same schema an uploaded document meets. */
export const LIBRARY: Readonly<Record<string, ScenarioDocument>> = Object.fromEntries(
  [demo, preventionInsider, detectionPortalAlarm, responseCityDevice, stolenCobaltSource].map((input) => {
    const document = ScenarioDocument.parse(input);
    return [document.id, document];
  }),
);
