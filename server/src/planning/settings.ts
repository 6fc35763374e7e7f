import { parseScenarioClockTime, type ExerciseSettings, type ScenarioDocument } from '@startex/shared';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Vilnius';

/** The plan a scenario suggests: its title, story start, language and type, at `speed`. */
export function defaultSettings(scenario: ScenarioDocument, speed: number, title = scenario.title): ExerciseSettings {
  return {
    title,
    scenarioStartMs: parseScenarioClockTime(scenario.scenarioStart) * 60_000,
    speed,
    timeZone: DEFAULT_TIME_ZONE,
    language: scenario.language,
    exerciseType: scenario.exerciseType,
    locations: [],
    requireCommsCheck: false,
  };
}

/** An exercise's settings; exercises made before planning get the scenario's defaults. */
export function exerciseSettings(record: ExerciseRecord): ExerciseSettings {
  return record.settings ?? defaultSettings(record.scenario, record.speed, record.title);
}

/**
 * Epoch ms of StartEx on the planned day in the planned time zone, when date and start are set.
 * Intl has no zone-to-UTC conversion: guess as UTC, then correct by the zone's offset at that instant (twice, for DST edges).
 */
export function plannedStartWallTime(settings: ExerciseSettings): number | undefined {
  if (!settings.date || !settings.startTime) return undefined;
  const asUtc = Date.parse(`${settings.date}T${settings.startTime}:00Z`);
  if (Number.isNaN(asUtc)) return undefined;
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - zoneOffsetMs(settings.timeZone, guess);
  return guess;
}

function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}
