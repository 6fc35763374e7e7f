import { Link } from 'react-router';
import { Monitor, Tablet } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ExerciseRole } from '@startex/shared';
import { pagePath } from './exercisePages.ts';
import './strings.ts';

/** For someone who opened a control page their role has no use for: where their part of the exercise is. */
export function WhereToGo({ exerciseId, title, role }: { exerciseId: string; title: string; role: ExerciseRole | undefined }) {
  const { t } = useTranslation('shell');
  return (
    <main className="page narrow where-to-go" id="main" data-testid="where-to-go">
      <h1>{t('whereToGo.title')}</h1>
      {role === 'participant' ? (
        <>
          <p>{t('whereToGo.participant', { title })}</p>
          <p><a className="button-link" href="/tablet"><Tablet aria-hidden="true" size={18} /> {t('whereToGo.participantLink')}</a></p>
        </>
      ) : role === 'observer' ? (
        <>
          <p>{t('whereToGo.observer', { title })}</p>
          <p><Link className="button-link" to={pagePath('display', exerciseId)}><Monitor aria-hidden="true" size={18} /> {t('whereToGo.observerLink')}</Link></p>
        </>
      ) : (
        <p>{t('whereToGo.none')}</p>
      )}
      <p><Link to="/">{t('whereToGo.home')}</Link></p>
    </main>
  );
}
