import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { documentLanguage } from '../i18n/index.ts';
import { routeHref } from '../lib/api.ts';
import type { PlanContext } from './planContext.ts';

/** Briefing packs as PDF, generated on request from the pinned scenario and the plan, in the viewer's language. */
export function BriefingsSection({ context }: { context: PlanContext }) {
  const { t, i18n } = useTranslation('planning');
  const id = useId();
  const params = { id: context.exerciseId };
  const query = { lang: documentLanguage(i18n.language) };
  const link = (href: string, label: string, testId: string) => (
    <a className="button-link secondary" href={href} target="_blank" rel="noopener" data-testid={testId}>
      {label}
    </a>
  );
  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.briefings')}</h2>
      <p className="hint">{t('briefings.intro')}</p>
      <div className="plan-card" role="region" aria-labelledby={`${id}-players`}>
        <h3 id={`${id}-players`}>{t('briefings.players')}</h3>
        <p className="hint">{t('briefings.playersHint')}</p>
        <ul className="plan-links">
          {context.plan.teams.map((team) => (
            <li key={team.id}>{link(routeHref(API_ROUTES.playerBriefing, { params: { ...params, teamId: team.id }, query }), team.name, `briefing-${team.id}`)}</li>
          ))}
        </ul>
      </div>
      <div className="plan-columns">
        <div className="plan-card" role="region" aria-labelledby={`${id}-staff`}>
          <h3 id={`${id}-staff`}>{t('briefings.handbook')}</h3>
          <p className="hint">{t('briefings.handbookHint')}</p>
          {link(routeHref(API_ROUTES.handbook, { params, query }), t('briefings.handbookLink'), 'briefing-handbook')}
        </div>
        <div className="plan-card" role="region" aria-labelledby={`${id}-observers`}>
          <h3 id={`${id}-observers`}>{t('briefings.observer')}</h3>
          <p className="hint">{t('briefings.observerHint')}</p>
          {link(routeHref(API_ROUTES.observerBriefing, { params, query }), t('briefings.observerLink'), 'briefing-observer')}
        </div>
      </div>
    </section>
  );
}
