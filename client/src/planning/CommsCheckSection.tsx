import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type CommsCheckStatus } from '@startex/shared';
import { formatWallTime } from '../i18n/index.ts';
import { useExercise } from '../lib/useExercise.ts';
import { call, type ApiError } from '../lib/api.ts';
import { ConfirmDialog } from '../lib/ConfirmDialog.tsx';
import type { PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

/**
 * The communications check before StartEx: a test message to every team, then a live table of
 * tablets connected and acknowledgements; confirming it makes the exercise ready.
 */
export function CommsCheckSection({ context }: { context: PlanContext }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const [check, setCheck] = useState<CommsCheckStatus | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  /** The teams whose tablets have not acknowledged, while the planner is asked whether to confirm anyway. */
  const [asking, setAsking] = useState<string | undefined>();
  // The director's live connection: every acknowledgement and tablet (dis)connecting refreshes the table.
  const live = useExercise({ exerciseId: context.exerciseId });
  const checkEntries = live.entries.filter((e) => e.type.startsWith('commscheck.')).length;

  const load = useCallback(async () => {
    const result = await call(API_ROUTES.commsCheck, { params: { id: context.exerciseId } });
    if (result.ok) setCheck(result.value);
    else setError(result.error);
  }, [context.exerciseId]);
  useEffect(() => {
    void load();
  }, [load, checkEntries, live.presence]);

  async function post(route: typeof API_ROUTES.sendCommsCheck | typeof API_ROUTES.confirmCommsCheck) {
    setBusy(true);
    const result = await call(route, { params: { id: context.exerciseId } });
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    if (result.ok) setCheck(result.value);
    return result.ok;
  }
  async function confirm() {
    setAsking(undefined);
    if (await post(API_ROUTES.confirmCommsCheck)) await context.reload();
  }
  function askToConfirm() {
    const missing = check?.teams.filter((team) => team.acknowledgedAt === undefined) ?? [];
    if (missing.length > 0) setAsking(missing.map((x) => x.name).join(', '));
    else void confirm();
  }

  const status = check?.status ?? context.plan.status;
  const sent = check?.checkId !== undefined;
  const acknowledged = check?.teams.filter((team) => team.acknowledgedAt !== undefined).length ?? 0;
  const total = check?.teams.length ?? context.plan.teams.length;
  const canCheck = status === 'draft' || status === 'ready';

  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.comms')}</h2>
      <p className="hint">{t('comms.intro')}</p>
      <div className="plan-actions">
        <button type="button" className={sent ? 'secondary' : ''} disabled={busy || !canCheck} onClick={() => void post(API_ROUTES.sendCommsCheck)}>
          {sent ? t('comms.sendAgain') : t('comms.send')}
        </button>
        <span className={`badge ${live.connection === 'online' ? 'badge-online' : 'badge-connecting'}`}>{t(`comms.live.${live.connection}`)}</span>
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      {check?.sentAt !== undefined && (
        <p className="hint" data-testid="comms-sent">{t('comms.sentAt', { time: formatWallTime(check.sentAt) })}</p>
      )}
      <table className="plan-table" data-testid="comms-teams" aria-describedby={`${id}-summary`}>
        <thead>
          <tr>
            <th scope="col">{t('agencies.team')}</th>
            <th scope="col">{t('comms.tablets')}</th>
            <th scope="col">{t('comms.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {(check?.teams ?? []).map((team) => (
            <tr key={team.teamId} data-testid={`comms-${team.teamId}`}>
              <th scope="row">{team.name}</th>
              <td className={team.connected ? 'ok' : 'bad'}>{team.connected ? `● ${t('comms.connected', { count: team.connected })}` : `✕ ${t('comms.noTablet')}`}</td>
              <td className={team.acknowledgedAt !== undefined ? 'ok' : sent ? 'warn' : 'muted'}>
                {team.acknowledgedAt !== undefined ? `✓ ${formatWallTime(team.acknowledgedAt)}` : sent ? `◷ ${t('comms.waiting')}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id={`${id}-summary`} role="status" className={sent && acknowledged === total ? 'plan-ok' : 'hint'} data-testid="comms-summary">
        {sent ? t('comms.summary', { acknowledged, total }) : t('comms.notSent')}
      </p>
      {status === 'draft' ? (
        <div className="plan-card plan-confirm">
          <p>{t('comms.confirmIntro')}</p>
          <button type="button" disabled={busy || !sent} onClick={askToConfirm}>{t('comms.confirm')}</button>
        </div>
      ) : (
        <p className="plan-ok plan-ready" role="status" data-testid="comms-ready">
          {status === 'ready' ? (
            <>
              ✓ {t('comms.ready')} <a href={`/console/${encodeURIComponent(context.exerciseId)}`}>{t('openConsole')}</a>
            </>
          ) : (
            t('comms.past')
          )}
        </p>
      )}
      {asking !== undefined && (
        <ConfirmDialog message={t('comms.confirmMissing', { teams: asking })} confirmLabel={t('comms.confirm')} onConfirm={() => void confirm()} onClose={() => setAsking(undefined)} />
      )}
    </section>
  );
}
