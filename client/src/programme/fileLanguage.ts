import type { ChartLanguage } from '@startex/shared';
import { i18next } from '../i18n/index.ts';

/**
 * The language the server draws a chart or document in: the viewer's interface language (read while
 * rendering, which useTranslation repeats when the language changes).
 */
export const fileLanguage = (): ChartLanguage => (i18next.language === 'lt' ? 'lt' : 'en');
