import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import './strings.ts';

export function NotFound() {
  const { t } = useTranslation('shell');
  return (
    <main className="page narrow" id="main">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p><Link className="button-link" to="/">{t('notFound.home')}</Link></p>
    </main>
  );
}
