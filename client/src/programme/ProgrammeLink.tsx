import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { useLoad } from './useLoad.ts';
import './strings.ts';

/** The home page's way into the programme: the centre's page, and each agency a focal point answers for. */
export function ProgrammeLink() {
  const { t } = useTranslation('programme');
  const access = useLoad(API_ROUTES.programmeAccess, {});
  if (!access.data || (!access.data.read && access.data.agencies.length === 0)) return null;
  return (
    <ul className="plan-links" data-testid="programme-links">
      {access.data.read && <li><a href="/programme">{t('link')}</a></li>}
      {access.data.agencies.map((a) => <li key={a.id}><a href={`/programme/agencies/${encodeURIComponent(a.id)}`}>{t('agencyLink', { agency: a.name })}</a></li>)}
    </ul>
  );
}
