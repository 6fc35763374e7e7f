import { ChartLanguage, type ReviewChartName } from '@startex/shared';

// The route table (shared) names the languages, so the programme's file routes take the same `lang`.
export { ChartLanguage };

export type TimeUnit = 'seconds' | 'minutes';

/** Every word a review chart draws besides the exercise's own names (teams, phase titles). */
export interface ChartWords {
  title: Record<ReviewChartName, (unit: TimeUnit) => string>;
  afterRelease: (unit: TimeUnit) => string;
  exerciseTime: (unit: TimeUnit) => string;
  team: string;
  reached: string;
  step: { delivered: string; acknowledged: string; firstAction: string };
  phase: string;
  rating: string;
  count: string;
  level: string;
  levels: { targets: string; capabilities: string };
}

const en: ChartWords = {
  title: {
    'response-times': (unit) => `Median ${unit} from release, per team`,
    phases: (unit) => `Scenario phases over exercise time (${unit})`,
    ratings: () => 'Final ratings (P/S/M/U)',
  },
  afterRelease: (unit) => `${unit} after release (median)`,
  exerciseTime: (unit) => `exercise time (${unit})`,
  team: 'team',
  reached: 'reached',
  step: { delivered: 'delivered', acknowledged: 'acknowledged', firstAction: 'first action' },
  phase: 'phase',
  rating: 'rating',
  count: 'count',
  level: 'level',
  levels: { targets: 'capability targets', capabilities: 'capabilities' },
};

// The review page's own Lithuanian words (client/src/review/strings.ts): "išsiųsta" for released, s and min for units.
const LT_UNIT: Record<TimeUnit, string> = { seconds: 's', minutes: 'min' };
const lt: ChartWords = {
  title: {
    'response-times': (unit) => `Mediana nuo išsiuntimo kiekvienai komandai (${LT_UNIT[unit]})`,
    phases: (unit) => `Scenarijaus etapai pratybų laike (${LT_UNIT[unit]})`,
    ratings: () => 'Galutiniai įvertinimai (P/S/M/U)',
  },
  afterRelease: (unit) => `${LT_UNIT[unit]} po išsiuntimo (mediana)`,
  exerciseTime: (unit) => `pratybų laikas (${LT_UNIT[unit]})`,
  team: 'komanda',
  reached: 'pasiekta',
  step: { delivered: 'pristatyta', acknowledged: 'patvirtinta', firstAction: 'pirmas veiksmas' },
  phase: 'etapas',
  rating: 'įvertinimas',
  count: 'skaičius',
  level: 'lygmuo',
  levels: { targets: 'gebėjimų tikslai', capabilities: 'gebėjimai' },
};

export const CHART_WORDS: Record<ChartLanguage, ChartWords> = { en, lt };
