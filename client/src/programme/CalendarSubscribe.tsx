import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type CalendarFeedMade } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { fileLanguage } from './fileLanguage.ts';

/** Makes a calendar subscription address (the whole plan, or one agency's part) and shows it once. */
export function CalendarSubscribe({ planId, agencyId }: { planId: string; agencyId?: string | undefined }) {
  const { t } = useTranslation('programme');
  const [made, setMade] = useState<CalendarFeedMade | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  async function make() {
    const result = await call(API_ROUTES.createCalendarFeed, { params: { planId }, body: agencyId ? { agencyId } : {} });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setMade(result.value);
  }
  return (
    <div className="plan-actions">
      <button type="button" className="secondary" onClick={() => void make()}>{t('plan.subscribe')}</button>
      {made && (
        <p role="status" data-testid="calendar-feed">
          {t('plan.subscribeShown')} <code className="programme-link">{`${window.location.origin}${made.url}?lang=${fileLanguage()}`}</code>
        </p>
      )}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </div>
  );
}
