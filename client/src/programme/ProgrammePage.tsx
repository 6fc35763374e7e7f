import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type CapabilityView, type ProgrammeAccess } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import { AgenciesPanel } from './AgenciesPanel.tsx';
import { CataloguePanel } from './CataloguePanel.tsx';
import { CentrePanel } from './CentrePanel.tsx';
import { namer, type AgencyName } from './names.ts';
import { NeedsPanel } from './NeedsPanel.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import { SignedIn } from './SignedIn.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';
import { useLoad } from './useLoad.ts';

const TABS = ['dashboard', 'agencies', 'needs', 'plan', 'training', 'catalogue'] as const;
type Tab = (typeof TABS)[number];
const tabFromHash = (): Tab => ((TABS as readonly string[]).includes(window.location.hash.slice(1)) ? (window.location.hash.slice(1) as Tab) : 'dashboard');

/** What every panel of the centre's page shares: who is asking, the agencies and the catalogue. */
export interface ProgrammeContext {
  access: ProgrammeAccess;
  agencies: AgencyName[];
  capabilities: CapabilityView[];
  names: ReturnType<typeof namer>;
  reloadAgencies: () => Promise<void>;
  reloadCapabilities: () => Promise<void>;
}

/**
 * /programme: the centre's preparedness programme, a tab at a time (the URL fragment names it).
 * A focal point, who sees only their agency, is sent to that agency's page.
 */
export function ProgrammePage() {
  return (
    <SignedIn>
      <Programme />
    </SignedIn>
  );
}

function Programme() {
  const { t } = useTranslation('programme');
  const access = useLoad(API_ROUTES.programmeAccess, {});
  const agencies = useLoad(API_ROUTES.programmeAgencies, access.data?.read ? {} : undefined);
  const capabilities = useLoad(API_ROUTES.capabilities, access.data?.read ? {} : undefined);
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${t('title')}: ${t(`tabs.${tab}`)} — StartEx`;
  }, [tab, t]);

  if (access.error) return <main className="page plan-page programme"><p role="alert" className="error">{errorText(access.error)}</p></main>;
  if (!access.data) return <main className="page"><p>{t('loading')}</p></main>;
  if (!access.data.read) {
    return (
      <main className="page plan-page programme">
        <h1>{t('title')}</h1>
        {access.data.agencies.length === 0 ? (
          <p role="alert" className="error">{t('forbidden')}</p>
        ) : (
          <ul className="programme-list">
            {access.data.agencies.map((a) => <li key={a.id}><a href={`/programme/agencies/${encodeURIComponent(a.id)}`}>{t('agencyLink', { agency: a.name })}</a></li>)}
          </ul>
        )}
      </main>
    );
  }
  if (!agencies.data || !capabilities.data) return <main className="page"><p>{t('loading')}</p></main>;
  const context: ProgrammeContext = {
    access: access.data,
    agencies: agencies.data,
    capabilities: capabilities.data,
    names: namer(agencies.data, capabilities.data),
    reloadAgencies: agencies.reload,
    reloadCapabilities: capabilities.reload,
  };
  return (
    <main className="page plan-page programme">
      <header className="bar">
        <h1>{t('title')}</h1>
      </header>
      <nav aria-label={t('title')}>
        <ul className="programme-tabs">
          {TABS.map((name) => (
            <li key={name}>
              <a href={`#${name}`} aria-current={tab === name ? 'page' : undefined} data-testid={`programme-tab-${name}`}>{t(`tabs.${name}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div data-testid={`programme-${tab}`}>
        {tab === 'dashboard' && <CentrePanel context={context} />}
        {tab === 'agencies' && <AgenciesPanel context={context} />}
        {tab === 'needs' && <NeedsPanel context={context} />}
        {tab === 'plan' && <PlanPanel context={context} />}
        {tab === 'training' && <TrainingPanel context={context} />}
        {tab === 'catalogue' && <CataloguePanel context={context} />}
      </div>
    </main>
  );
}
