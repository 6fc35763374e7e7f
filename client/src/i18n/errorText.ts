import type { ErrorDetail } from '@startex/shared';
import { i18next } from './index.ts';

/**
 * A server refusal in the reader's language. In English, the server's own message (it may name the
 * field or row at fault); in another language, the translation of its catalogue code.
 */
export function errorText(error: Pick<ErrorDetail, 'code' | 'message'>): string {
  if (i18next.language === 'en') return error.message;
  return i18next.t(`common:errors.${error.code}`, { defaultValue: error.message });
}
