import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';

/** "Saved." or the server's refusal, announced to screen readers. */
export function SaveStatus({ saved, error, savedText }: { saved: boolean; error: ApiError | undefined; savedText?: string }) {
  const { t } = useTranslation('planning');
  if (error) return <p role="alert" className="error">{errorText(error)}</p>;
  return <p role="status" className="plan-saved">{saved ? `✓ ${savedText ?? t('saved')}` : ''}</p>;
}
