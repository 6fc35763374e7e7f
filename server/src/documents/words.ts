import type { ScenarioDocument } from '@startex/shared';

type AgencyType = ScenarioDocument['teams'][number]['agency'];
type Channel = ScenarioDocument['injects'][number]['channel'];

/** What documents print for the scenario's keys: words, never the key itself. */
export const AGENCY_TYPE_LABEL: Record<AgencyType, string> = {
  regulator: 'Regulator',
  police: 'Police',
  customs: 'Customs',
  'border-guard': 'Border guard',
  'fire-rescue': 'Fire and rescue',
  health: 'Health',
  'crisis-centre': 'Crisis centre',
  'security-service': 'State security service',
  'facility-operator': 'Facility operator',
  nssc: 'Nuclear security support centre',
  other: 'Other agency',
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'E-mail',
  phone: 'Phone',
  radio: 'Radio',
  fax: 'Fax',
  news: 'News',
  social: 'Social media',
  sensor: 'Sensor or alarm',
  document: 'Document',
  'face-to-face': 'Face to face',
};

export const teamName = (scenario: ScenarioDocument, teamId: string) => scenario.teams.find((t) => t.id === teamId)?.name ?? 'another team';

function parts(ms: number, timeZone: string) {
  const found = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(ms);
  const get = (type: string) => found.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** "2026-11-27 09:00 (Europe/Vilnius)": a moment as people there read it, the zone named. */
export function localTime(ms: number, timeZone: string): string {
  const { day, time } = parts(ms, timeZone);
  return `${day} ${time} (${timeZone})`;
}

/** The calendar day in the zone, YYYY-MM-DD. */
export const localDay = (ms: number, timeZone: string) => parts(ms, timeZone).day;

/** "2026-11-27 09:00 – 11:45 (Europe/Vilnius)", the day repeated only when it changes. */
export function localRange(from: number, to: number, timeZone: string): string {
  const start = parts(from, timeZone);
  const end = parts(to, timeZone);
  return `${start.day} ${start.time} – ${start.day === end.day ? '' : `${end.day} `}${end.time} (${timeZone})`;
}
