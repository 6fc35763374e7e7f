import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type JoinCodeView } from '@startex/shared';
import { call, routeHref, type ApiError, type ApiResult } from '../lib/api.ts';
import { documentLanguage } from '../i18n/index.ts';
import type { PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

const isValid = (code: JoinCodeView, now: number) => code.revokedAt === undefined && (code.expiresAt === undefined || code.expiresAt > now);

/** One tablet code per team: generate, revoke, reissue (a lost tablet), and the printable QR sheet. */
export function JoinCodesSection({ context }: { context: PlanContext }) {
  const { t, i18n } = useTranslation('planning');
  const id = useId();
  const [codes, setCodes] = useState<JoinCodeView[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const params = { id: context.exerciseId };

  const load = useCallback(async () => {
    const result = await call(API_ROUTES.joinCodes, { params: { id: context.exerciseId } });
    if (result.ok) setCodes(result.value);
    else setError(result.error);
  }, [context.exerciseId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function run(request: Promise<ApiResult<unknown>>) {
    setBusy(true);
    const result = await request;
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    await load();
  }
  const generate = (teams: string[], reissue: boolean) => run(call(API_ROUTES.createTeamJoinCodes, { params, body: { teams, reissue } }));
  const addDisplay = () => run(call(API_ROUTES.createJoinCode, { params, body: { role: 'observer' } }));
  const revoke = (code: string) => run(call(API_ROUTES.revokeJoinCode, { params: { ...params, code } }));

  const now = Date.now();
  const valid = (codes ?? []).filter((c) => c.role === 'participant' && isValid(c, now));
  const displays = (codes ?? []).filter((c) => c.role === 'observer' && isValid(c, now)).sort((a, b) => a.createdAt - b.createdAt);
  const byTeam = new Map(context.plan.teams.map((team) => [team.id, valid.filter((c) => c.teamId === team.id).sort((a, b) => b.createdAt - a.createdAt)]));
  const missing = context.plan.teams.filter((team) => (byTeam.get(team.id) ?? []).length === 0).map((team) => team.id);
  const date = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  const ended = context.plan.status === 'ended' || context.plan.status === 'closed';

  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.codes')}</h2>
      <p className="hint">{t('codes.intro')}</p>
      <div className="plan-actions">
        <button type="button" disabled={busy || missing.length === 0 || ended} onClick={() => void generate(missing, false)}>
          {missing.length === 0 ? t('codes.allHaveCodes') : missing.length === context.plan.teams.length ? t('codes.generateAll') : t('codes.generateMissing', { count: missing.length })}
        </button>
        {valid.length > 0 ? (
          <a className="button-link secondary" href={routeHref(API_ROUTES.joinCodeSheet, { params, query: { lang: documentLanguage(i18n.language) } })} target="_blank" rel="noopener">
            {t('codes.sheet')}
          </a>
        ) : (
          <span className="hint">{t('codes.noSheet')}</span>
        )}
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      <table className="plan-table" data-testid="join-codes">
        <thead>
          <tr>
            <th scope="col">{t('agencies.team')}</th>
            <th scope="col">{t('codes.code')}</th>
            <th scope="col">{t('codes.created')}</th>
            <th scope="col">{t('codes.expires')}</th>
            <th scope="col"><span className="visually-hidden">{t('agencies.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {context.plan.teams.map((team) => {
            const teamCodes = byTeam.get(team.id) ?? [];
            if (teamCodes.length === 0) {
              return (
                <tr key={team.id} data-testid={`codes-${team.id}`}>
                  <th scope="row">{team.name}</th>
                  <td colSpan={3} className="muted">{t('codes.none')}</td>
                  <td />
                </tr>
              );
            }
            return teamCodes.map((code, index) => (
              <tr key={code.code} data-testid={`codes-${team.id}`}>
                {index === 0 && <th scope="row" rowSpan={teamCodes.length}>{team.name}</th>}
                <td><code className="plan-code">{code.code}</code></td>
                <td>{date(code.createdAt)}</td>
                <td>{code.expiresAt !== undefined ? date(code.expiresAt) : '—'}</td>
                <td className="plan-row-actions">
                  {index === 0 && (
                    <button type="button" className="secondary small" disabled={busy || ended} onClick={() => void generate([team.id], true)} aria-label={t('codes.reissueFor', { team: team.name })}>
                      {t('codes.reissue')}
                    </button>
                  )}
                  <button type="button" className="danger-outline small" disabled={busy} onClick={() => void revoke(code.code)} aria-label={t('codes.revokeCode', { team: team.name, code: code.code })}>
                    {t('codes.revoke')}
                  </button>
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      <p className="hint">{t('codes.reissueHint')}</p>
      <h3 id={`${id}-displays`}>{t('codes.displaysHeading')}</h3>
      <p className="hint">{t('codes.displaysIntro')}</p>
      <div className="plan-actions">
        <button type="button" className="secondary" disabled={busy || ended} onClick={() => void addDisplay()}>{t('codes.addDisplay')}</button>
      </div>
      {displays.length === 0 ? (
        <p className="empty">{t('codes.noDisplays')}</p>
      ) : (
        <table className="plan-table" data-testid="display-codes" aria-labelledby={`${id}-displays`}>
          <thead>
            <tr>
              <th scope="col">{t('codes.display')}</th>
              <th scope="col">{t('codes.code')}</th>
              <th scope="col">{t('codes.created')}</th>
              <th scope="col">{t('codes.expires')}</th>
              <th scope="col"><span className="visually-hidden">{t('agencies.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {displays.map((code, index) => (
              <tr key={code.code}>
                <th scope="row">{t('codes.displayN', { n: index + 1 })}</th>
                <td><code className="plan-code">{code.code}</code></td>
                <td>{date(code.createdAt)}</td>
                <td>{code.expiresAt !== undefined ? date(code.expiresAt) : '—'}</td>
                <td className="plan-row-actions">
                  <button type="button" className="danger-outline small" disabled={busy} onClick={() => void revoke(code.code)} aria-label={t('codes.revokeDisplay', { n: index + 1, code: code.code })}>
                    {t('codes.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
