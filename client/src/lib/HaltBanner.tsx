import { useTranslation } from 'react-i18next';
import type { ExerciseView } from '@startex/shared';

/** The real-world emergency banner every view shows while play is halted. */
export function HaltBanner({ view }: { view: ExerciseView | undefined }) {
  const { t } = useTranslation();
  if (!view?.halt) return null;
  return (
    <div className="halt-banner" role="alert" data-testid="halt-banner">
      {t('halt.banner', { reason: view.halt.reason })}
    </div>
  );
}
