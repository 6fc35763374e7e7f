import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './useExercise.ts';

/** Text and colour together, so the state never depends on colour alone. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${state}`} role="status" data-testid="connection" data-state={state}>
      {t(`connection.${state}`)}
    </span>
  );
}
