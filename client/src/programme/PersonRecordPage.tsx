import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import { SignedIn } from './SignedIn.tsx';
import { useLoad } from './useLoad.ts';
import '../home/strings.ts';

/** /programme/people/<id>: a person's courses, certificates, roles in exercises, and certificate alerts. */
export function PersonRecordPage({ personId }: { personId: string }) {
  return (
    <SignedIn>
      <Record personId={personId} />
    </SignedIn>
  );
}

function Record({ personId }: { personId: string }) {
  const { t } = useTranslation('programme');
  const record = useLoad(API_ROUTES.personRecord, { params: { personId } });
  if (record.error) return <main className="page plan-page programme"><p role="alert" className="error">{errorText(record.error)}</p></main>;
  if (!record.data) return <main className="page"><p>{t('loading')}</p></main>;
  const { person, courses, certificates, exerciseRoles, alerts } = record.data;
  return (
    <main className="page plan-page programme">
      <header className="bar">
        <div>
          <p className="plan-crumb"><a href="/programme#training">{t('title')}</a></p>
          <h1>{person.name}</h1>
        </div>
      </header>
      <p className="subtitle">{[person.position, person.email].filter(Boolean).join(' · ')}</p>
      <section aria-labelledby="person-courses" className="plan-card">
        <h2 id="person-courses">{t('person.courses')}</h2>
        {courses.length === 0 ? <p>{t('none')}</p> : (
          <ul className="programme-list">
            {courses.map((c) => (
              <li key={c.sessionId}>{c.title}: {c.start} – {c.end} · {c.completed ? `${t('training.completed')} ${c.completedOn ?? ''}` : c.attended ? t('training.attended') : '—'}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="person-certificates" className="plan-card">
        <h2 id="person-certificates">{t('person.certificates')}</h2>
        {certificates.length === 0 ? <p>{t('none')}</p> : (
          <ul className="programme-list">
            {certificates.map((c) => <li key={c.courseId}>{c.name} ({c.issuedOn}), {t('person.expires', { date: c.expiresOn })}</li>)}
          </ul>
        )}
        {alerts.map((a) => (
          <p key={a.activity.id} role="note" className="warn">
            {t('training.alert', { person: person.name, certificate: a.certificate.name, expires: a.certificate.expiresOn, activity: a.activity.title, start: a.activity.start })}
          </p>
        ))}
      </section>
      <section aria-labelledby="person-roles" className="plan-card">
        <h2 id="person-roles">{t('person.roles')}</h2>
        {exerciseRoles.length === 0 ? <p>{t('none')}</p> : (
          <ul className="programme-list">
            {exerciseRoles.map((r) => <li key={`${r.exerciseId}-${r.role}`}>{r.title}{r.date ? ` (${r.date})` : ''}: {t(`home:roles.${r.role}`)}</li>)}
          </ul>
        )}
      </section>
    </main>
  );
}
