import type { ConnectionState } from './useExercise.ts';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline — reconnecting',
  refused: 'Not connected',
};

/** Text and colour together, so the state never depends on colour alone. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`badge badge-${state}`} role="status" data-testid="connection">
      {LABELS[state]}
    </span>
  );
}
