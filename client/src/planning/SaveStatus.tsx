import { useTranslation } from 'react-i18next';
import type { PlanError } from './http.ts';

/** "Saved." or the server's refusal, announced to screen readers. */
export function SaveStatus({ saved, error, savedText }: { saved: boolean; error: PlanError | undefined; savedText?: string }) {
  const { t } = useTranslation('planning');
  if (error) return <p role="alert" className="error">{error.message}</p>;
  return <p role="status" className="plan-saved">{saved ? `✓ ${savedText ?? t('saved')}` : ''}</p>;
}
